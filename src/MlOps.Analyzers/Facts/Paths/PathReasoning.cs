using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Globalization;
using System.Linq;
using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;
using MlOps.Analyzers.Facts.Symbols;

namespace MlOps.Analyzers.Facts.Paths;

/// <summary>What one piece of a file path (or URL) is known to be.</summary>
internal enum PathPartKind
{
    /// <summary>Constant text (a literal, a <c>const</c>, a folded <c>static readonly</c>, ...).</summary>
    Text,

    /// <summary>A machine location that is the same on every run (current directory, base directory, temp folder).</summary>
    Location,

    /// <summary>A component that changes per version or run: a version / run id / revision symbol, a date, a Guid, a hash, a resolved <c>[ModelOutput]</c>.</summary>
    Versioned,

    /// <summary>A declared dataset of the lineage (<c>DatasetDeclaration.Path</c>, e.g. <c>Lineage.Datasets.Train.Path</c>).</summary>
    Dataset,

    /// <summary>A stream that is not a file (a <c>MemoryStream</c>, ...): where it ends up is decided elsewhere.</summary>
    NonFileStream,

    /// <summary>A parameter of the enclosing method: judged at its call sites (<c>ParameterCallSites</c>).</summary>
    Parameter,

    /// <summary>Anything the reasoning cannot see through (a method result, a mutable field, a lambda parameter, ...).</summary>
    Unknown,
}

/// <summary>One piece of a path. <see cref="Text"/> is the text for <see cref="PathPartKind.Text"/>, else a short description.</summary>
internal readonly struct PathPart
{
    private PathPart(PathPartKind kind, string text, IParameterSymbol? parameter, string? constantText)
    {
        Kind = kind;
        Text = text;
        Parameter = parameter;
        ConstantText = constantText;
    }

    public PathPartKind Kind { get; }

    public string Text { get; }

    public IParameterSymbol? Parameter { get; }

    /// <summary>For a versioned symbol that is also a constant (e.g. <c>const string ModelVersion = "3"</c>): its text, used when matching declared dataset paths.</summary>
    public string? ConstantText { get; }

    public static PathPart Constant(string text) => new(PathPartKind.Text, text, null, null);

    public static PathPart Location(string description) => new(PathPartKind.Location, description, null, null);

    public static PathPart Versioned(string reason, string? constantText = null) => new(PathPartKind.Versioned, reason, null, constantText);

    public static PathPart Dataset(string description) => new(PathPartKind.Dataset, description, null, null);

    public static PathPart NonFile(string description) => new(PathPartKind.NonFileStream, description, null, null);

    public static PathPart FromParameter(IParameterSymbol parameter) => new(PathPartKind.Parameter, parameter.Name, parameter, null);

    public static PathPart Opaque(string description) => new(PathPartKind.Unknown, description, null, null);

    /// <summary>How the part reads in a message: the text itself, or the description in angle brackets.</summary>
    public string Render() => Kind switch
    {
        PathPartKind.Text => Text,
        PathPartKind.Versioned when ConstantText is not null => ConstantText,
        _ => "<" + Text + ">",
    };
}

/// <summary>
/// The possible values of a path expression: one or more alternatives (a conditional, a local assigned twice),
/// each a sequence of <see cref="PathPart"/>s. Alternatives are capped; beyond the cap the value is unknown.
/// </summary>
internal sealed class PathValue
{
    public const int MaxAlternatives = 32;

    public static readonly PathValue UnknownValue = Of(PathPart.Opaque("a value computed at run time"));

    public PathValue(ImmutableArray<ImmutableArray<PathPart>> alternatives) => Alternatives = alternatives;

    public ImmutableArray<ImmutableArray<PathPart>> Alternatives { get; }

    public bool HasParameters => Alternatives.Any(a => a.Any(p => p.Kind == PathPartKind.Parameter));

    public static PathValue Of(PathPart part) => new(ImmutableArray.Create(ImmutableArray.Create(part)));

    public static PathValue Unknown(string description) => Of(PathPart.Opaque(description));

    public static PathValue Or(IEnumerable<PathValue> values)
    {
        var builder = ImmutableArray.CreateBuilder<ImmutableArray<PathPart>>();
        foreach (var value in values)
        {
            builder.AddRange(value.Alternatives);
            if (builder.Count > MaxAlternatives)
                return UnknownValue;
        }

        return builder.Count == 0 ? UnknownValue : new PathValue(builder.ToImmutable());
    }

    /// <summary>String concatenation: every alternative of <paramref name="left"/> followed by every alternative of <paramref name="right"/>.</summary>
    public static PathValue Concat(PathValue left, PathValue right)
    {
        if (left.Alternatives.Length * right.Alternatives.Length > MaxAlternatives)
            return UnknownValue;
        var builder = ImmutableArray.CreateBuilder<ImmutableArray<PathPart>>();
        foreach (var l in left.Alternatives)
        {
            foreach (var r in right.Alternatives)
                builder.Add(Join(l, r));
        }

        return new PathValue(builder.ToImmutable());
    }

    /// <summary><c>Path.Combine</c> / <c>Path.Join</c>: a separator between the pieces; a rooted constant piece restarts the path (Combine only).</summary>
    public static PathValue Combine(IReadOnlyList<PathValue> pieces, bool restartOnRooted)
    {
        if (pieces.Count == 0)
            return Of(PathPart.Constant(string.Empty));
        var result = pieces[0];
        for (var i = 1; i < pieces.Count; i++)
        {
            var piece = pieces[i];
            if (result.Alternatives.Length * piece.Alternatives.Length > MaxAlternatives)
                return UnknownValue;
            var builder = ImmutableArray.CreateBuilder<ImmutableArray<PathPart>>();
            foreach (var l in result.Alternatives)
            {
                foreach (var r in piece.Alternatives)
                {
                    if (restartOnRooted && r.Length > 0 && r[0].Kind == PathPartKind.Text && IsRooted(r[0].Text))
                        builder.Add(r);
                    else if (r.Length > 0 && r[0].Kind == PathPartKind.Text && r[0].Text.Length == 0 && r.Length == 1)
                        builder.Add(l);
                    else
                        builder.Add(Join(Join(l, NeedsSeparator(l) ? ImmutableArray.Create(PathPart.Constant("/")) : ImmutableArray<PathPart>.Empty), r));
                }
            }

            result = new PathValue(builder.ToImmutable());
        }

        return result;
    }

    private static bool NeedsSeparator(ImmutableArray<PathPart> parts)
    {
        if (parts.Length == 0)
            return false;
        var last = parts[parts.Length - 1];
        if (last.Kind != PathPartKind.Text)
            return true;
        return last.Text.Length > 0 && last.Text[last.Text.Length - 1] is not ('/' or '\\');
    }

    private static bool IsRooted(string text)
        => text.Length > 0 && (text[0] is '/' or '\\' || (text.Length > 1 && text[1] == ':' && char.IsLetter(text[0])));

    /// <summary>Appends <paramref name="right"/> to <paramref name="left"/>, merging adjacent constant text.</summary>
    public static ImmutableArray<PathPart> Join(ImmutableArray<PathPart> left, ImmutableArray<PathPart> right)
    {
        if (left.IsDefaultOrEmpty)
            return right.IsDefault ? ImmutableArray<PathPart>.Empty : right;
        if (right.IsDefaultOrEmpty)
            return left;
        var builder = ImmutableArray.CreateBuilder<PathPart>(left.Length + right.Length);
        builder.AddRange(left);
        foreach (var part in right)
        {
            if (part.Kind == PathPartKind.Text && builder.Count > 0 && builder[builder.Count - 1].Kind == PathPartKind.Text)
                builder[builder.Count - 1] = PathPart.Constant(builder[builder.Count - 1].Text + part.Text);
            else
                builder.Add(part);
        }

        return builder.ToImmutable();
    }

    public static string Render(ImmutableArray<PathPart> parts)
    {
        var text = new StringBuilder();
        foreach (var part in parts)
            text.Append(part.Render());
        return text.ToString();
    }
}

/// <summary>The verdict on where a model is saved.</summary>
internal enum SaveVerdict
{
    /// <summary>Every alternative is fixed: each run overwrites the same file.</summary>
    Fixed,

    /// <summary>Every alternative carries a version / run id / timestamp / hash component, or is not a file.</summary>
    Versioned,

    /// <summary>Anything else (unknown pieces, a mix): not reported.</summary>
    Unknown,
}

/// <summary>The verdict on where data is loaded from.</summary>
internal enum LoadVerdict
{
    /// <summary>A declared dataset, or a file under a declared directory.</summary>
    Declared,

    /// <summary>A fully known path that no <c>[DatasetInput]</c> declares.</summary>
    Undeclared,

    /// <summary>Not fully known (a run-time value): not reported, the rule cannot tell.</summary>
    Unknown,
}

/// <summary>
/// The path reasoning shared by MLOPS010 (untracked data load), MLOPS011 (mutable download URL), MLOPS020
/// (unversioned model save) and MLOPS021: constant folding (literals, <c>const</c>, <c>static readonly</c> and
/// get-only properties with an initializer in the same file, <c>Path.Combine</c> / <c>Path.Join</c>,
/// interpolation, concatenation), following a local to its initializer (and its other simple assignments)
/// within the method, file streams to their path, and recognising the components that make a path versioned
/// (a symbol whose name says version / run id / revision / hash, a <c>DateTime</c> / <c>DateTimeOffset</c> /
/// <c>Guid</c> value, a hash API, a <c>[ModelOutput]</c> template resolved with
/// <c>ModelOutputDeclaration.Resolve</c>) or declared (<c>DatasetDeclaration.Path</c>). A call to a helper declared in the
/// same file (<c>GetAbsolutePath("../Data/train.csv")</c>, the idiom of the ML.NET samples) is evaluated through its
/// returns with the call's arguments (<see cref="Scope"/>); the application folder is recognised in its usual spellings
/// (<c>AppContext.BaseDirectory</c>, <c>Assembly.Location</c> through <c>FileInfo</c> / <c>Path.GetDirectoryName</c>). Other
/// parameters are left as <see cref="PathPartKind.Parameter"/> parts for <c>ParameterCallSites</c> to judge at the call sites.
/// Thread-safe: each evaluation carries its own state.
/// </summary>
internal sealed class PathEvaluator
{
    private const int MaxDepth = 16;

    private static readonly ImmutableHashSet<string> VersionWords = ImmutableHashSet.Create(
        StringComparer.Ordinal,
        "version", "versions", "versioned", "ver", "revision", "rev", "commit", "hash", "checksum", "digest",
        "sha", "sha1", "sha256", "sha512", "md5", "fingerprint", "timestamp", "stamp", "guid", "uuid", "runid");

    private readonly MlSymbols _symbols;

    public PathEvaluator(MlSymbols symbols) => _symbols = symbols;

    public MlSymbols Symbols => _symbols;

    /// <summary>The possible values of <paramref name="operation"/> (a path string, a <c>Uri</c>, or a stream / writer to save into).</summary>
    public PathValue Evaluate(IOperation? operation) => new Scope(this).Eval(operation, 0);

    /// <summary>True when an identifier names a version, run id, revision, hash or timestamp (split into camelCase / snake_case words).</summary>
    public static bool NameSaysVersion(string name)
    {
        var words = SplitWords(name);
        for (var i = 0; i < words.Count; i++)
        {
            if (VersionWords.Contains(words[i]))
                return true;
            if (words[i] == "run" && i + 1 < words.Count && words[i + 1] == "id")
                return true;
        }

        return false;
    }

    private static List<string> SplitWords(string name)
    {
        var words = new List<string>();
        var current = new StringBuilder();
        for (var i = 0; i < name.Length; i++)
        {
            var c = name[i];
            if (!char.IsLetterOrDigit(c))
            {
                Flush();
                continue;
            }

            var startsWord = current.Length > 0 && char.IsUpper(c)
                             && (char.IsLower(name[i - 1]) || char.IsDigit(name[i - 1]) || (i + 1 < name.Length && char.IsLower(name[i + 1])));
            if (startsWord)
                Flush();
            current.Append(char.ToLowerInvariant(c));
        }

        Flush();
        return words;

        void Flush()
        {
            if (current.Length > 0)
                words.Add(current.ToString());
            current.Clear();
        }
    }

    /// <summary>Why a type's values version a path, or null.</summary>
    public string? VersionReasonForType(ITypeSymbol? type)
    {
        if (type is null)
            return null;
        if (type is INamedTypeSymbol { OriginalDefinition.SpecialType: SpecialType.System_Nullable_T } nullable && nullable.TypeArguments.Length == 1)
            type = nullable.TypeArguments[0];
        if (MlSymbols.Is(type, _symbols.DateTime) || MlSymbols.Is(type, _symbols.DateTimeOffset))
            return "a timestamp";
        if (MlSymbols.Is(type, _symbols.Guid))
            return "a Guid";
        if (MlSymbols.IsOrDerivesFrom(type, _symbols.HashAlgorithm) || MlSymbols.Is(type, _symbols.IncrementalHash))
            return "a content hash";
        return null;
    }

    /// <summary>One evaluation: its recursion guard and the per-body map of local assignments.</summary>
    private sealed class Scope
    {
        private readonly PathEvaluator _owner;
        private readonly HashSet<ISymbol> _inProgress = new(SymbolEqualityComparer.Default);
        private readonly Dictionary<IOperation, Dictionary<ILocalSymbol, LocalWrites>> _writesByBody = new();

        // The arguments of the helper calls being evaluated through (see EvalHelperCall), by the helper's parameter.
        private readonly Dictionary<IParameterSymbol, IOperation> _arguments = new(SymbolEqualityComparer.Default);

        public Scope(PathEvaluator owner) => _owner = owner;

        private MlSymbols S => _owner._symbols;

        public PathValue Eval(IOperation? operation, int depth)
        {
            if (operation is null || depth > MaxDepth)
                return PathValue.UnknownValue;
            operation = operation.WalkDownConversions();

            // A symbol whose name says version wins over its constant value: `const string ModelVersion = "3"` versions a path.
            if (ReferencedSymbol(operation) is { } referenced && NameSaysVersion(referenced.Name))
                return PathValue.Of(PathPart.Versioned($"'{referenced.Name}'", ConstantString(operation)));

            // Composite constants (`$"{Dir}-{Version}.zip"`, `Dir + Version`) and constant symbols are taken apart:
            // a version constant inside them still versions the path.
            if (operation.ConstantValue.HasValue
                && operation is not (IInterpolatedStringOperation or IBinaryOperation or ILocalReferenceOperation or IFieldReferenceOperation))
                return ConstantValue(operation)!;

            if (_owner.VersionReasonForType(operation.Type) is { } typeReason)
                return PathValue.Of(PathPart.Versioned(typeReason));

            switch (operation)
            {
                case IInterpolatedStringOperation interpolated:
                    return EvalInterpolation(interpolated, depth);
                case IBinaryOperation { OperatorKind: BinaryOperatorKind.Add } binary when binary.Type?.SpecialType == SpecialType.System_String:
                    return PathValue.Concat(Eval(binary.LeftOperand, depth + 1), Eval(binary.RightOperand, depth + 1));
                case IConditionalOperation { WhenFalse: not null } conditional:
                    return PathValue.Or(new[] { Eval(conditional.WhenTrue, depth + 1), Eval(conditional.WhenFalse, depth + 1) });
                case ICoalesceOperation coalesce:
                    return PathValue.Or(new[] { Eval(coalesce.Value, depth + 1), Eval(coalesce.WhenNull, depth + 1) });
                case ILocalReferenceOperation local:
                    return EvalLocal(local, depth);
                case IParameterReferenceOperation parameter when _arguments.TryGetValue(parameter.Parameter, out var argument):
                    return Eval(argument, depth + 1);
                case IParameterReferenceOperation parameter:
                    return parameter.Parameter.ContainingSymbol is IMethodSymbol { MethodKind: MethodKind.AnonymousFunction }
                        ? PathValue.Unknown("a lambda parameter")
                        : PathValue.Of(PathPart.FromParameter(parameter.Parameter));
                case IFieldReferenceOperation field:
                    return EvalField(field, depth);
                case IPropertyReferenceOperation property:
                    return EvalProperty(property, depth);
                case IInvocationOperation invocation:
                    return EvalInvocation(invocation, depth);
                case IObjectCreationOperation creation:
                    return EvalCreation(creation, depth);
                default:
                    return Opaque(operation, depth);
            }
        }

        private static ISymbol? ReferencedSymbol(IOperation operation) => operation switch
        {
            ILocalReferenceOperation local => local.Local,
            IParameterReferenceOperation parameter => parameter.Parameter,
            IFieldReferenceOperation field => field.Field,
            IPropertyReferenceOperation property => property.Property,
            IInvocationOperation invocation => invocation.TargetMethod,
            _ => null,
        };

        private static PathValue? ConstantValue(IOperation operation)
        {
            if (!operation.ConstantValue.HasValue)
                return null;
            return operation.ConstantValue.Value switch
            {
                null => PathValue.Unknown("null"),
                string text => PathValue.Of(PathPart.Constant(text)),
                IFormattable formattable => PathValue.Of(PathPart.Constant(formattable.ToString(null, CultureInfo.InvariantCulture))),
                var other => PathValue.Of(PathPart.Constant(other.ToString() ?? string.Empty)),
            };
        }

        private static string? ConstantString(IOperation operation)
            => operation.ConstantValue is { HasValue: true, Value: { } value }
                ? value is IFormattable formattable ? formattable.ToString(null, CultureInfo.InvariantCulture) : value.ToString()
                : null;

        private PathValue EvalInterpolation(IInterpolatedStringOperation interpolated, int depth)
        {
            var result = PathValue.Of(PathPart.Constant(string.Empty));
            foreach (var part in interpolated.Parts)
            {
                PathValue piece;
                switch (part)
                {
                    case IInterpolatedStringTextOperation text:
                        piece = PathValue.Of(PathPart.Constant(text.Text.ConstantValue.Value as string ?? string.Empty));
                        break;
                    case IInterpolationOperation hole:
                        piece = Eval(hole.Expression, depth + 1);
                        // A format or alignment changes constant text in ways not worth folding; a versioned value stays versioned.
                        if ((hole.FormatString is not null || hole.Alignment is not null)
                            && piece.Alternatives.All(a => a.All(p => p.Kind == PathPartKind.Text)))
                            piece = PathValue.Unknown("a formatted value");
                        break;
                    default:
                        piece = PathValue.UnknownValue;
                        break;
                }

                result = PathValue.Concat(result, piece);
            }

            return result;
        }

        private PathValue EvalLocal(ILocalReferenceOperation reference, int depth)
        {
            var local = reference.Local;
            if (!_inProgress.Add(local))
                return PathValue.Unknown("a value assigned in a loop");
            try
            {
                var writes = WritesOf(reference, local);
                if (writes is null || writes.Opaque)
                    return ConstantValue(reference) ?? PathValue.Unknown($"'{local.Name}'");
                if (writes.ForEachCollection is { } collection)
                    return EvalForEachElement(collection, depth);
                if (writes.Values.Count == 0)
                    return PathValue.Unknown($"'{local.Name}'");
                return PathValue.Or(writes.Values.Select(v => Eval(v, depth + 1)).ToList());
            }
            finally
            {
                _inProgress.Remove(local);
            }
        }

        /// <summary>A <c>foreach</c> variable over <c>Directory.GetFiles(dir)</c> (and its siblings) is a file under <c>dir</c>.</summary>
        private PathValue EvalForEachElement(IOperation collection, int depth)
        {
            collection = collection.WalkDownConversions();
            if (collection is IInvocationOperation invocation
                && MlSymbols.Is(invocation.TargetMethod.ContainingType, S.Directory)
                && invocation.TargetMethod.Name is "GetFiles" or "EnumerateFiles" or "GetDirectories" or "EnumerateDirectories"
                    or "GetFileSystemEntries" or "EnumerateFileSystemEntries"
                && invocation.Arguments.Length > 0)
            {
                var directory = Eval(invocation.Arguments[0].Value, depth + 1);
                return PathValue.Combine(new[] { directory, PathValue.Unknown("an entry of the folder") }, restartOnRooted: false);
            }

            return PathValue.Unknown("an element of a collection");
        }

        private LocalWrites? WritesOf(IOperation reference, ILocalSymbol local)
        {
            var body = reference;
            while (body.Parent is not null)
                body = body.Parent;
            if (!_writesByBody.TryGetValue(body, out var map))
                _writesByBody[body] = map = LocalWrites.Collect(body);
            return map.TryGetValue(local, out var writes) ? writes : null;
        }

        private PathValue EvalField(IFieldReferenceOperation reference, int depth)
        {
            var field = reference.Field;
            if (!HoldsItsInitializer(field) || !_inProgress.Add(field))
                return ConstantValue(reference) ?? Opaque(reference, depth);
            try
            {
                if (InitializerOf(field, reference.SemanticModel) is { } initializer && (field.IsConst || !AssignedInConstructor(field)))
                    return Eval(initializer, depth + 1);
                if (ConstantValue(reference) is { } constant)
                    return constant;
                if (LiteralInitializerText(field) is { } text && !AssignedInConstructor(field))
                    return PathValue.Of(PathPart.Constant(text));
                return Opaque(reference, depth);
            }
            finally
            {
                _inProgress.Remove(field);
            }
        }

        private PathValue EvalProperty(IPropertyReferenceOperation reference, int depth)
        {
            var property = reference.Property;
            if (MlSymbols.Is(property.ContainingType, S.DatasetDeclaration) && property.Name == "Path")
                return PathValue.Of(PathPart.Dataset(DescribeReceiver(reference.Instance) ?? "a declared dataset"));
            if ((MlSymbols.Is(property.ContainingType, S.Environment) && property.Name == "CurrentDirectory"))
                return PathValue.Of(PathPart.Location(CurrentDirectory));
            if ((MlSymbols.Is(property.ContainingType, S.AppContext) || MlSymbols.Is(property.ContainingType, S.AppDomain)) && property.Name == "BaseDirectory")
                return PathValue.Of(PathPart.Location(ApplicationFolder));

            // The program's own file, and the folder of a file: `new FileInfo(typeof(Program).Assembly.Location).Directory.FullName`.
            if (MlSymbols.IsOrDerivesFrom(property.ContainingType, S.Assembly) && property.Name == "Location")
                return PathValue.Of(PathPart.Location(ApplicationFolder));
            if (MlSymbols.IsOrDerivesFrom(property.ContainingType, S.FileSystemInfo) && property.Name is "FullName" or "Directory" or "DirectoryName")
                return property.Name == "FullName" ? Eval(reference.Instance, depth + 1) : FolderOf(reference.Instance, depth);

            if (property.IsReadOnly && property.Parameters.IsEmpty && _inProgress.Add(property))
            {
                try
                {
                    if (GetterValueOf(property, reference.SemanticModel) is { } value)
                        return Eval(value, depth + 1);
                }
                finally
                {
                    _inProgress.Remove(property);
                }
            }

            return Opaque(reference, depth);
        }

        private PathValue EvalInvocation(IInvocationOperation invocation, int depth)
        {
            var method = invocation.TargetMethod;
            var type = method.ContainingType;

            // The lineage contract and run-time API (MlOps.Lineage): a resolved [ModelOutput] template carries the
            // version (and run id); LineageRecord.DatasetPath is the path the run hashed.
            if ((MlSymbols.Is(type, S.ModelOutputDeclaration) && method.Name == "Resolve")
                || (MlSymbols.Is(type, S.LineageRecord) && method.Name == "ModelPath"))
                return PathValue.Of(PathPart.Versioned("the [ModelOutput] template resolved by the lineage class"));
            if (MlSymbols.Is(type, S.LineageRecord) && method.Name == "DatasetPath")
                return PathValue.Of(PathPart.Dataset(DescribeReceiver(invocation.Arguments.FirstOrDefault()?.Value) ?? "a declared dataset"));
            if (_owner.VersionReasonForType(type) is { } typeReason)
                return PathValue.Of(PathPart.Versioned(typeReason));

            if (MlSymbols.Is(type, S.SystemPath))
            {
                switch (method.Name)
                {
                    case "Combine":
                    case "Join":
                        return PathValue.Combine(ArgumentValues(invocation).Select(a => Eval(a, depth + 1)).ToList(), restartOnRooted: method.Name == "Combine");
                    case "GetFullPath" when invocation.Arguments.Length == 1:
                        return Eval(invocation.Arguments[0].Value, depth + 1);
                    case "GetTempPath":
                        return PathValue.Of(PathPart.Location("the temp folder"));
                    case "GetDirectoryName" when invocation.Arguments.Length == 1:
                        return FolderOf(invocation.Arguments[0].Value, depth);
                }
            }

            if (MlSymbols.Is(type, S.Directory) && method.Name == "GetCurrentDirectory")
                return PathValue.Of(PathPart.Location(CurrentDirectory));
            if (MlSymbols.Is(type, S.Environment) && method.Name == "GetFolderPath")
                return PathValue.Of(PathPart.Location("a special folder"));

            // File.Create / File.OpenWrite / File.Open: the stream is the file at the path.
            if (MlSymbols.Is(type, S.File) && method.Name is "Create" or "OpenWrite" or "Open" or "OpenRead" && invocation.Arguments.Length > 0)
                return Eval(invocation.Arguments[0].Value, depth + 1);

            if (type?.SpecialType == SpecialType.System_String && method.Name == "Concat" && method.IsStatic)
            {
                var result = PathValue.Of(PathPart.Constant(string.Empty));
                foreach (var argument in ArgumentValues(invocation))
                    result = PathValue.Concat(result, Eval(argument, depth + 1));
                return result;
            }

            return EvalHelperCall(invocation, depth) ?? Opaque(invocation, depth);
        }

        /// <summary>
        /// A call to a method or local function declared in the same file whose body is known (not virtual, abstract or
        /// partial without an implementation): its value is what its <c>return</c>s give, with the call's arguments for its
        /// parameters. Null when the helper cannot be followed (another file: the semantic model at hand cannot bind it).
        /// </summary>
        private PathValue? EvalHelperCall(IInvocationOperation invocation, int depth)
        {
            var method = invocation.TargetMethod.OriginalDefinition;
            if (method.IsVirtual || method.IsAbstract || method.IsOverride || method.IsExtern || method.ContainingType?.TypeKind == TypeKind.Interface
                || invocation.SemanticModel is not { } model || HelperBody(method, model) is not { } body || !_inProgress.Add(method))
                return null;
            try
            {
                var returns = ReturnedValues(body).ToList();
                if (returns.Count == 0)
                    return null;
                foreach (var argument in invocation.Arguments)
                {
                    if (argument.Parameter is { } parameter)
                        _arguments[parameter.OriginalDefinition] = argument.Value;
                }

                return PathValue.Or(returns.Select(value => Eval(value, depth + 1)).ToList());
            }
            finally
            {
                foreach (var parameter in method.Parameters)
                    _arguments.Remove(parameter);
                _inProgress.Remove(method);
            }
        }

        private static IOperation? HelperBody(IMethodSymbol method, SemanticModel model)
        {
            if (method.DeclaringSyntaxReferences is not [var reference] || reference.SyntaxTree != model.SyntaxTree)
                return null;
            return reference.GetSyntax() switch
            {
                (MethodDeclarationSyntax { Body: not null } or MethodDeclarationSyntax { ExpressionBody: not null } or LocalFunctionStatementSyntax)
                    and var declaration => model.GetOperation(declaration),
                _ => null,
            };
        }

        /// <summary>The values a body returns, not counting those of the lambdas and local functions inside it.</summary>
        private static IEnumerable<IOperation> ReturnedValues(IOperation body)
        {
            var pending = new Stack<IOperation>();
            pending.Push(body);
            while (pending.Count > 0)
            {
                foreach (var child in pending.Pop().ChildOperations)
                {
                    if (child is IReturnOperation { ReturnedValue: { } value })
                        yield return value;
                    else if (child is not (IAnonymousFunctionOperation or ILocalFunctionOperation))
                        pending.Push(child);
                }
            }
        }

        /// <summary>
        /// The folder of a file path: the application folder for the program's own file (<c>Assembly.Location</c>), a machine
        /// location for a machine location; anything else is not folded (the folder of a constant path is rarely written so).
        /// </summary>
        private PathValue FolderOf(IOperation? file, int depth)
        {
            var value = Eval(file, depth + 1);
            return value.Alternatives is [[{ Kind: PathPartKind.Location }]] ? value : PathValue.Unknown("the folder of a file");
        }

        private PathValue EvalCreation(IObjectCreationOperation creation, int depth)
        {
            var type = creation.Type;
            var first = creation.Arguments.Length > 0 ? creation.Arguments[0] : null;
            if ((MlSymbols.Is(type, S.Uri) || MlSymbols.IsOrDerivesFrom(type, S.FileSystemInfo))
                && first is not null && first.Value.Type?.SpecialType == SpecialType.System_String)
                return Eval(first.Value, depth + 1); // a Uri, FileInfo or DirectoryInfo names the path it is made from
            if (MlSymbols.IsOrDerivesFrom(type, S.FileStream))
            {
                return first is not null && first.Value.Type?.SpecialType == SpecialType.System_String
                    ? Eval(first.Value, depth + 1)
                    : PathValue.Unknown("a file stream opened from a handle");
            }

            // Writers and wrapping streams (BinaryWriter, GZipStream, BufferedStream, ...) write where their inner stream goes.
            if (first is not null && MlSymbols.IsOrDerivesFrom(first.Value.WalkDownConversions().Type, S.Stream)
                && (MlSymbols.IsOrDerivesFrom(type, S.Stream) || MlSymbols.IsOrDerivesFrom(type, S.BinaryWriter)))
                return Eval(first.Value, depth + 1);
            if (MlSymbols.IsOrDerivesFrom(type, S.Stream))
                return PathValue.Of(PathPart.NonFile($"a {type!.Name}"));

            return Opaque(creation, depth);
        }

        /// <summary>
        /// A value the reasoning cannot fold. It still versions a path when any piece it is computed from does
        /// (e.g. <c>Convert.ToHexString(SHA256.HashData(bytes))</c>, <c>stamp.ToString("yyyyMMdd")</c>).
        /// </summary>
        private PathValue Opaque(IOperation operation, int depth)
        {
            foreach (var child in operation.ChildOperations)
            {
                if (child is IInstanceReferenceOperation)
                    continue;
                var value = Eval(child is IArgumentOperation argument ? argument.Value : child, depth + 1);
                foreach (var alternative in value.Alternatives)
                {
                    foreach (var part in alternative)
                    {
                        if (part.Kind == PathPartKind.Versioned)
                            return PathValue.Of(PathPart.Versioned(part.Text));
                    }
                }
            }

            return PathValue.Unknown(Describe(operation));
        }

        private static string Describe(IOperation operation) => operation switch
        {
            IInvocationOperation invocation => $"the result of '{invocation.TargetMethod.Name}'",
            IFieldReferenceOperation field => $"'{field.Field.Name}'",
            IPropertyReferenceOperation property => $"'{property.Property.Name}'",
            _ => "a value computed at run time",
        };

        private static string? DescribeReceiver(IOperation? receiver) => receiver?.Syntax.ToString();

        private static IEnumerable<IOperation> ArgumentValues(IInvocationOperation invocation)
        {
            foreach (var argument in invocation.Arguments)
            {
                if (argument.ArgumentKind == ArgumentKind.ParamArray && argument.Value is IArrayCreationOperation { Initializer: { } initializer })
                {
                    foreach (var element in initializer.ElementValues)
                        yield return element;
                }
                else if (argument.ArgumentKind != ArgumentKind.DefaultValue)
                {
                    yield return argument.Value;
                }
            }
        }

        /// <summary>The initializer of a readonly field declared in the same file (the semantic model at hand can bind it).</summary>
        private static IOperation? InitializerOf(IFieldSymbol field, SemanticModel? model)
        {
            if (model is null)
                return null;
            foreach (var reference in field.DeclaringSyntaxReferences)
            {
                if (reference.SyntaxTree == model.SyntaxTree && reference.GetSyntax() is VariableDeclaratorSyntax { Initializer.Value: { } value })
                    return model.GetOperation(value);
            }

            return null;
        }

        /// <summary>A string-literal initializer in another file: no binding needed.</summary>
        private static string? LiteralInitializerText(IFieldSymbol field)
        {
            foreach (var reference in field.DeclaringSyntaxReferences)
            {
                if (reference.GetSyntax() is VariableDeclaratorSyntax { Initializer.Value: LiteralExpressionSyntax literal }
                    && literal.IsKind(SyntaxKind.StringLiteralExpression))
                    return literal.Token.ValueText;
            }

            return null;
        }

        /// <summary>
        /// A field whose value is its initializer (unless a constructor assigns it, see <see cref="AssignedInConstructor"/>):
        /// a <c>const</c>, a <c>readonly</c> field, or a private field nothing in its type writes, as the path fields of ML.NET
        /// Model Builder's generated code (<c>private static string MODEL_FILEPATH = @"MLModel.zip";</c>).
        /// </summary>
        /// <remarks>A field with attributes is left out: serializers and engines set such fields (<c>[DataMember]</c>, <c>[SerializeField]</c>).</remarks>
        private static bool HoldsItsInitializer(IFieldSymbol field)
            => field.IsConst
               || field.IsReadOnly
               || (field.DeclaredAccessibility == Accessibility.Private && field.GetAttributes().IsEmpty && !IsWritten(field, constructorsOnly: false));

        /// <summary>True when a constructor of the field's type assigns it (then the initializer is not the whole story).</summary>
        private static bool AssignedInConstructor(IFieldSymbol field) => IsWritten(field, constructorsOnly: true);

        /// <summary>
        /// Whether code of the field's type (its constructors only, or all of it, nested types included) may write it: an
        /// assignment, an increment, a <c>ref</c> / <c>out</c> argument or a <c>ref</c> to it. By name, so a local or member
        /// of another type with the same name counts too: over-approximating the writes only makes a value unknown.
        /// </summary>
        private static bool IsWritten(IFieldSymbol field, bool constructorsOnly)
        {
            foreach (var reference in field.ContainingType.DeclaringSyntaxReferences)
            {
                if (reference.GetSyntax() is not TypeDeclarationSyntax type)
                    continue;
                var scopes = constructorsOnly ? type.Members.OfType<ConstructorDeclarationSyntax>().Cast<SyntaxNode>() : new[] { type };
                foreach (var scope in scopes)
                {
                    foreach (var node in scope.DescendantNodes())
                    {
                        var written = node switch
                        {
                            AssignmentExpressionSyntax assignment => assignment.Left,
                            PrefixUnaryExpressionSyntax { RawKind: (int)SyntaxKind.PreIncrementExpression or (int)SyntaxKind.PreDecrementExpression } unary => unary.Operand,
                            PostfixUnaryExpressionSyntax { RawKind: (int)SyntaxKind.PostIncrementExpression or (int)SyntaxKind.PostDecrementExpression } unary => unary.Operand,
                            ArgumentSyntax { RefKindKeyword.RawKind: (int)SyntaxKind.RefKeyword or (int)SyntaxKind.OutKeyword } argument => argument.Expression,
                            RefExpressionSyntax refExpression => refExpression.Expression,
                            _ => null,
                        };
                        var target = written is MemberAccessExpressionSyntax access ? access.Name : written;
                        if (target is IdentifierNameSyntax identifier && identifier.Identifier.ValueText == field.Name)
                            return true;
                    }
                }
            }

            return false;
        }

        /// <summary>A get-only auto-property's initializer, or an expression-bodied getter, declared in the same file.</summary>
        private static IOperation? GetterValueOf(IPropertySymbol property, SemanticModel? model)
        {
            if (model is null)
                return null;
            foreach (var reference in property.DeclaringSyntaxReferences)
            {
                if (reference.SyntaxTree != model.SyntaxTree || reference.GetSyntax() is not PropertyDeclarationSyntax declaration)
                    continue;
                if (declaration.ExpressionBody is { Expression: { } body })
                    return model.GetOperation(body);
                var isAutoGetOnly = declaration.AccessorList is { Accessors: { Count: 1 } accessors }
                                    && accessors[0].IsKind(SyntaxKind.GetAccessorDeclaration)
                                    && accessors[0].Body is null && accessors[0].ExpressionBody is null;
                if (isAutoGetOnly && declaration.Initializer is { Value: { } initializer })
                    return model.GetOperation(initializer);
            }

            return null;
        }
    }

    /// <summary>How the current directory reads in messages; also lets a relative declared path match it.</summary>
    public const string CurrentDirectory = "the current directory";

    /// <summary>How the folder of the program reads in messages.</summary>
    public const string ApplicationFolder = "the application folder";

}

/// <summary>The verdicts the rules draw from a <see cref="PathValue"/> alternative.</summary>
internal static class PathJudgement
{
    /// <summary>Where a model is saved: fixed (every part constant or a machine location), versioned (a version part, or not a file), or unknown.</summary>
    public static SaveVerdict JudgeSave(ImmutableArray<PathPart> parts)
    {
        var verdict = SaveVerdict.Fixed;
        foreach (var part in parts)
        {
            switch (part.Kind)
            {
                case PathPartKind.Versioned:
                case PathPartKind.NonFileStream:
                    return SaveVerdict.Versioned;
                case PathPartKind.Unknown:
                case PathPartKind.Parameter:
                    verdict = SaveVerdict.Unknown;
                    break;
            }
        }

        return verdict;
    }

    /// <summary>Fixed when every alternative is fixed, versioned when every one is versioned, else unknown.</summary>
    public static SaveVerdict JudgeSave(IEnumerable<ImmutableArray<PathPart>> alternatives)
    {
        var all = alternatives.Select(JudgeSave).ToList();
        if (all.Count == 0)
            return SaveVerdict.Unknown;
        if (all.All(v => v == SaveVerdict.Fixed))
            return SaveVerdict.Fixed;
        return all.All(v => v == SaveVerdict.Versioned) ? SaveVerdict.Versioned : SaveVerdict.Unknown;
    }

    /// <summary>
    /// Where data is read from: declared (a <c>DatasetDeclaration.Path</c> part, or constant text equal to a declared
    /// path or under a declared folder), undeclared (fully constant and matching none), or unknown.
    /// </summary>
    public static LoadVerdict JudgeLoad(ImmutableArray<PathPart> parts, IEnumerable<string> declaredPaths)
    {
        if (parts.Any(p => p.Kind == PathPartKind.Dataset))
            return LoadVerdict.Declared;

        var text = new StringBuilder();
        var complete = true;
        var relativeToLocation = false;
        foreach (var part in parts)
        {
            if (part.Kind == PathPartKind.Text)
            {
                text.Append(part.Text);
            }
            else if (part.Kind == PathPartKind.Versioned && part.ConstantText is not null)
            {
                text.Append(part.ConstantText);
            }
            else if (part.Kind == PathPartKind.Location && text.Length == 0)
            {
                // Data copied next to the program or read from the working directory: compare what follows the root.
                relativeToLocation = true;
            }
            else
            {
                complete = false;
                break;
            }
        }

        var raw = text.ToString().Replace('\\', '/');
        var known = Normalize(raw, relativeToLocation);
        foreach (var declared in declaredPaths)
        {
            var path = Normalize(declared.Replace('\\', '/'), trimLeadingSeparator: false);
            if (path.Length == 0)
                continue;
            if (complete && string.Equals(known, path, StringComparison.OrdinalIgnoreCase))
                return LoadVerdict.Declared;
            if (known.StartsWith(path + "/", StringComparison.OrdinalIgnoreCase))
                return LoadVerdict.Declared;
            if (!complete && raw.EndsWith("/", StringComparison.Ordinal) && string.Equals(known, path, StringComparison.OrdinalIgnoreCase))
                return LoadVerdict.Declared;
        }

        return complete ? LoadVerdict.Undeclared : LoadVerdict.Unknown;
    }

    /// <summary>
    /// True when the constant <paramref name="text"/> names <paramref name="declaredPath"/> (or a file under that folder),
    /// judged as a load is (separators, a leading <c>./</c> and case do not matter): MLOPS104 asks this of the pipeline's
    /// constants so that it and MLOPS010 agree on what loading a declared dataset means.
    /// </summary>
    public static bool NamesDeclaredPath(string text, string declaredPath)
        => JudgeLoad(ImmutableArray.Create(PathPart.Constant(text)), new[] { declaredPath }) == LoadVerdict.Declared;

    /// <summary>Declared when every alternative is, undeclared when any one provably is, else unknown.</summary>
    public static LoadVerdict JudgeLoad(IEnumerable<ImmutableArray<PathPart>> alternatives, IEnumerable<string> declaredPaths)
    {
        var declared = declaredPaths as IReadOnlyCollection<string> ?? declaredPaths.ToList();
        var verdict = LoadVerdict.Declared;
        foreach (var alternative in alternatives)
        {
            switch (JudgeLoad(alternative, declared))
            {
                case LoadVerdict.Undeclared:
                    return LoadVerdict.Undeclared;
                case LoadVerdict.Unknown:
                    verdict = LoadVerdict.Unknown;
                    break;
            }
        }

        return verdict;
    }

    private static string Normalize(string path, bool trimLeadingSeparator)
    {
        while (path.StartsWith("./", StringComparison.Ordinal))
            path = path.Substring(2);
        while (path.Contains("//"))
            path = path.Replace("//", "/");
        path = path.Replace("/./", "/");
        if (trimLeadingSeparator)
            path = path.TrimStart('/');
        while (path.StartsWith("./", StringComparison.Ordinal))
            path = path.Substring(2);
        return path.TrimEnd('/');
    }

    /// <summary>The paths of the <c>[DatasetInput]</c> attributes on <paramref name="type"/> and the types that contain it.</summary>
    public static ImmutableArray<string> DeclaredDatasetPaths(INamedTypeSymbol? type, MlSymbols symbols)
    {
        if (symbols.DatasetInputAttribute is not { } attribute)
            return ImmutableArray<string>.Empty;
        var builder = ImmutableArray.CreateBuilder<string>();
        for (var current = type; current is not null; current = current.ContainingType)
        {
            foreach (var data in current.GetAttributes())
            {
                if (SymbolEqualityComparer.Default.Equals(data.AttributeClass, attribute)
                    && data.ConstructorArguments.Length == 2
                    && data.ConstructorArguments[1].Value is string path)
                    builder.Add(path);
            }
        }

        return builder.ToImmutable();
    }
}
