using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;
using MlOps.Analyzers.Facts.Symbols;

namespace MlOps.Analyzers.Apis;

/// <summary>
/// What code does with the files a folder listing returns (<c>Directory.GetFiles / EnumerateFiles</c>,
/// <c>DirectoryInfo.GetFiles / EnumerateFiles</c>). A listing is a data load when its files can become data (samples
/// built from them, a list handed on, a file read); it is not one when every use of them that the method shows counts
/// or inspects them (<c>.Length</c>, <c>Any()</c>, <c>EndsWith</c>, a comparison), manages them (<c>File.Delete / Move /
/// Copy</c>, a path written to), unpacks them (<see cref="ArchiveApis"/>) or loads a model from them
/// (<see cref="ModelLoadApis"/>): no file of it reaches the model as data.
/// </summary>
internal static class ListedFiles
{
    private const int MaxDepth = 8;

    /// <summary>The LINQ operators that keep the listed files as a sequence (filter, order, materialise).</summary>
    private static readonly HashSet<string> SequenceOperators = new(System.StringComparer.Ordinal)
    {
        "Where", "OrderBy", "OrderByDescending", "ThenBy", "ThenByDescending", "Skip", "Take", "SkipWhile", "TakeWhile",
        "Distinct", "Reverse", "ToList", "ToArray", "AsEnumerable",
    };

    /// <summary>The LINQ operators that pick one listed file.</summary>
    private static readonly HashSet<string> ElementOperators = new(System.StringComparer.Ordinal)
    {
        "First", "FirstOrDefault", "Last", "LastOrDefault", "Single", "SingleOrDefault", "ElementAt", "ElementAtOrDefault",
    };

    /// <summary>The LINQ operators that only count or test the listed files.</summary>
    private static readonly HashSet<string> CountingOperators = new(System.StringComparer.Ordinal) { "Count", "LongCount", "Any", "All" };

    /// <summary><c>File</c> / <c>Directory</c> methods that manage a file by path without reading its content.</summary>
    private static readonly HashSet<string> ManagingMethods = new(System.StringComparer.Ordinal)
    {
        "Delete", "Move", "Copy", "Replace", "Exists", "Create", "OpenWrite", "WriteAllText", "WriteAllLines", "WriteAllBytes",
        "WriteAllTextAsync", "WriteAllLinesAsync", "WriteAllBytesAsync", "AppendAllText", "AppendAllLines",
        "SetAttributes", "GetAttributes", "SetLastWriteTime", "GetLastWriteTime", "SetCreationTime", "GetCreationTime",
        "GetLastWriteTimeUtc", "GetCreationTimeUtc",
    };

    /// <summary><c>FileInfo</c> members that manage the file or read its metadata, not its content.</summary>
    private static readonly HashSet<string> FileInfoManagingMembers = new(System.StringComparer.Ordinal)
    {
        "Delete", "MoveTo", "CopyTo", "Replace", "Exists", "Length", "Extension", "LastWriteTime", "LastWriteTimeUtc",
        "CreationTime", "CreationTimeUtc", "Attributes", "IsReadOnly",
    };

    /// <summary><c>Path</c> methods whose result is still (a name of) the listed file.</summary>
    private static readonly HashSet<string> PathDerivations = new(System.StringComparer.Ordinal)
    {
        "GetFileName", "GetFileNameWithoutExtension", "GetExtension", "GetDirectoryName", "ChangeExtension", "Combine",
        "Join", "GetFullPath", "GetRelativePath",
    };

    /// <summary>
    /// False when every use of <paramref name="listing"/>'s files in its method counts, inspects, manages, unpacks or
    /// model-loads them (and there is at least one use); true otherwise, also when a use leaves what the method shows
    /// (returned, stored, passed to other code).
    /// </summary>
    public static bool AreRead(IInvocationOperation listing, MlSymbols symbols)
    {
        var root = (IOperation)listing;
        while (root.Parent is not null)
            root = root.Parent;
        var uses = new Uses(root, symbols);
        uses.OfSequence(listing, 0);
        return uses.Data || uses.Count == 0;
    }

    private sealed class Uses
    {
        private readonly IOperation _root;
        private readonly MlSymbols _symbols;

        public Uses(IOperation root, MlSymbols symbols)
        {
            _root = root;
            _symbols = symbols;
        }

        /// <summary>A use that can make the files data.</summary>
        public bool Data { get; private set; }

        /// <summary>How many uses were seen.</summary>
        public int Count { get; private set; }

        private void Quiet() => Count++;

        private void Read()
        {
            Count++;
            Data = true;
        }

        /// <summary>True when nothing more can be learnt: the files are already data, or the uses run deeper than followed (then they count as read).</summary>
        private bool Settled(int depth)
        {
            if (!Data && depth > MaxDepth)
                Read();
            return Data;
        }

        /// <summary>A value that is the listed files (an array or a sequence).</summary>
        public void OfSequence(IOperation value, int depth)
        {
            if (Settled(depth))
                return;

            var parent = Parent(value);
            switch (parent)
            {
                case IPropertyReferenceOperation { Property.Name: "Length" or "LongLength" or "Count" }:
                    Quiet();
                    return;
                case IArgumentOperation { Parent: IInvocationOperation call } argument when IsLinq(call):
                    if (argument.Parameter?.Ordinal != 0)
                        Read();
                    else if (CountingOperators.Contains(call.TargetMethod.Name))
                        Quiet();
                    else if (SequenceOperators.Contains(call.TargetMethod.Name))
                        OfSequence(call, depth + 1);
                    else if (ElementOperators.Contains(call.TargetMethod.Name))
                        OfElement(call, depth + 1);
                    else
                        Read();
                    return;
                case IArgumentOperation { Parent: IInvocationOperation { TargetMethod: { Name: "ForEach", IsStatic: true } call } forEach }
                    when call.ContainingType.SpecialType == SpecialType.System_Array && forEach.Arguments.Length == 2:
                    OfEachElementIn(forEach.Arguments[1].Value, depth);
                    return;
                case IInvocationOperation { TargetMethod.Name: "ForEach" } forEach when forEach.Instance == value && forEach.Arguments.Length == 1:
                    OfEachElementIn(forEach.Arguments[0].Value, depth);
                    return;
                case IForEachLoopOperation loop when loop.Collection.WalkDownConversions() == value.WalkDownConversions():
                    if (loop.LoopControlVariable is IVariableDeclaratorOperation variable)
                        OfLocal(variable.Symbol, depth, OfElement);
                    else
                        Read();
                    return;
                case IVariableInitializerOperation { Parent: IVariableDeclaratorOperation declarator }:
                    OfLocal(declarator.Symbol, depth, OfSequence);
                    return;
                default:
                    Read();
                    return;
            }
        }

        /// <summary>A value that is one listed file: its path (a string) or a <c>FileInfo</c>.</summary>
        public void OfElement(IOperation value, int depth)
        {
            if (Settled(depth))
                return;

            var parent = Parent(value);
            switch (parent)
            {
                case IArgumentOperation { Parent: IInvocationOperation call }:
                    OfArgument(call, depth);
                    return;
                case IInvocationOperation call when call.Instance == value:
                    OfInstanceCall(call, depth);
                    return;
                case IPropertyReferenceOperation property when MlSymbols.IsOrDerivesFrom(property.Property.ContainingType, _symbols.FileSystemInfo):
                    if (property.Property.Name is "FullName" or "Name")
                        OfElement(property, depth + 1);
                    else if (FileInfoManagingMembers.Contains(property.Property.Name))
                        Quiet();
                    else
                        Read();
                    return;
                case IBinaryOperation { OperatorKind: BinaryOperatorKind.Equals or BinaryOperatorKind.NotEquals }:
                case IIsPatternOperation:
                    Quiet();
                    return;
                case IBinaryOperation { OperatorKind: BinaryOperatorKind.Add } concatenation:
                    OfElement(concatenation, depth + 1);
                    return;
                case IInterpolationOperation { Parent: IInterpolatedStringOperation interpolated }:
                    OfElement(interpolated, depth + 1);
                    return;
                case IVariableInitializerOperation { Parent: IVariableDeclaratorOperation declarator }:
                    OfLocal(declarator.Symbol, depth, OfElement);
                    return;
                default:
                    Read();
                    return;
            }
        }

        private void OfArgument(IInvocationOperation call, int depth)
        {
            var method = call.TargetMethod;
            var type = method.ContainingType;
            if ((MlSymbols.Is(type, _symbols.File) || MlSymbols.Is(type, _symbols.Directory)) && ManagingMethods.Contains(method.Name))
                Quiet();
            else if (MlSymbols.Is(type, _symbols.File) && method.Name == "OpenRead" && ArchiveApis.IsUnpackedToDisk(call, _symbols))
                Quiet();
            else if (method.Name is "ExtractToDirectory" or "ExtractToFile" && _symbols.ArchiveExtractors.Any(t => MlSymbols.Is(type, t)))
                Quiet();
            else if (MlSymbols.Is(type, _symbols.SystemPath) && PathDerivations.Contains(method.Name))
                OfElement(call, depth + 1);
            else if (type.SpecialType == SpecialType.System_String && method.ReturnType.SpecialType == SpecialType.System_Boolean)
                Quiet(); // string.Equals(file, other), string.IsNullOrEmpty(file)
            else if (ModelLoadApis.Names.Contains(method.Name) && ModelLoadApis.TryGet(call, _symbols, out _))
                Quiet();
            else
                Read();
        }

        private void OfInstanceCall(IInvocationOperation call, int depth)
        {
            var method = call.TargetMethod;
            if (method.ContainingType.SpecialType == SpecialType.System_String)
            {
                if (method.ReturnType.SpecialType == SpecialType.System_String)
                    OfElement(call, depth + 1); // file.ToLowerInvariant(), file.Replace(...): still its name
                else
                    Quiet(); // EndsWith, StartsWith, Contains, Equals, CompareTo
            }
            else if (MlSymbols.IsOrDerivesFrom(method.ContainingType, _symbols.FileSystemInfo) && FileInfoManagingMembers.Contains(method.Name))
            {
                Quiet();
            }
            else
            {
                Read();
            }
        }

        /// <summary>A delegate applied to each listed file: a method group or a lambda whose parameter is the file.</summary>
        private void OfEachElementIn(IOperation action, int depth)
        {
            switch (action.WalkDownConversions())
            {
                case IDelegateCreationOperation { Target: IMethodReferenceOperation reference }:
                    var method = reference.Method;
                    if ((MlSymbols.Is(method.ContainingType, _symbols.File) || MlSymbols.Is(method.ContainingType, _symbols.Directory)) && ManagingMethods.Contains(method.Name))
                        Quiet();
                    else
                        Read();
                    return;
                case IDelegateCreationOperation { Target: IAnonymousFunctionOperation lambda } when lambda.Symbol.Parameters.Length == 1:
                    var parameter = lambda.Symbol.Parameters[0];
                    var any = false;
                    foreach (var reference in lambda.Body.Descendants().OfType<IParameterReferenceOperation>())
                    {
                        if (!SymbolEqualityComparer.Default.Equals(reference.Parameter, parameter))
                            continue;
                        any = true;
                        OfElement(reference, depth + 1);
                    }

                    if (!any)
                        Read();
                    return;
                default:
                    Read();
                    return;
            }
        }

        private void OfLocal(ILocalSymbol local, int depth, System.Action<IOperation, int> use)
        {
            var any = false;
            foreach (var reference in _root.Descendants().OfType<ILocalReferenceOperation>())
            {
                if (reference.IsDeclaration || !SymbolEqualityComparer.Default.Equals(reference.Local, local))
                    continue;
                any = true;
                if (reference.Parent is ISimpleAssignmentOperation assignment && assignment.Target == reference)
                    Read(); // written again: what it holds is no longer only the listing
                else
                    use(reference, depth + 1);
                if (Data)
                    return;
            }

            if (!any)
                Read(); // listed and not used here: kept to be read
        }

        private bool IsLinq(IInvocationOperation call) => MlSymbols.Is(call.TargetMethod.ContainingType, _symbols.Enumerable);

        private static IOperation? Parent(IOperation value)
        {
            var parent = value.Parent;
            while (parent is IConversionOperation or IParenthesizedOperation)
                parent = parent.Parent;
            return parent;
        }
    }
}
