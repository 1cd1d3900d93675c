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
using MlOps.Analyzers.Facts.TorchSharp;
using MlOps.Analyzers.Facts.Training;

namespace MlOps.Analyzers.Facts.Paths;

/// <summary>One evaluation of <see cref="PathEvaluator"/>: its recursion guard and the per-body map of local assignments.</summary>
internal sealed class PathEvaluation
{
    private readonly PathEvaluator _owner;
    private readonly HashSet<ISymbol> _inProgress = new(SymbolEqualityComparer.Default);
    private readonly Dictionary<IOperation, Dictionary<ILocalSymbol, LocalWrites>> _writesByBody = new();

    // The arguments of the helper calls being evaluated through (see EvalHelperCall), by the helper's parameter.
    private readonly Dictionary<IParameterSymbol, IOperation> _arguments = new(SymbolEqualityComparer.Default);

    public PathEvaluation(PathEvaluator owner) => _owner = owner;

    private MlSymbols S => _owner.Symbols;

    public PathValue Eval(IOperation? operation, int depth)
    {
        if (operation is null || depth > PathEvaluator.MaxDepth)
            return PathValue.UnknownValue;
        operation = operation.WalkDownConversions();

        // An enum member reads as its name in a path (`$"{Algorithm.FastTree}"`), not as its number.
        if (operation is IFieldReferenceOperation { Field: { ContainingType.TypeKind: TypeKind.Enum, HasConstantValue: true } member })
            return PathValue.Of(PathPart.Constant(member.Name));

        // Whether a symbol's value is a version or a name is PathPart's one decision: by the value where it is known, else by the symbol.
        if (ReferencedSymbol(operation) is { } referenced)
        {
            var isLoopCounter = operation is ILocalReferenceOperation counter && IsTrainingLoopCounter(counter);
            return PathPart.OfSymbol(QualifiedName(operation, referenced), operation.Type, isLoopCounter, EvalOperation(operation, depth), ConstantString(operation));
        }

        return EvalOperation(operation, depth);
    }

    private PathValue EvalOperation(IOperation operation, int depth)
    {
        // Composite constants (`$"{Dir}-{Version}.zip"`, `Dir + Version`) and constant symbols are taken apart:
        // a version constant inside them still versions the path.
        if (operation.ConstantValue.HasValue
            && operation is not (IInterpolatedStringOperation or IBinaryOperation or ILocalReferenceOperation or IFieldReferenceOperation))
            return ConstantValue(operation)!;

        if (PathPart.VersionReasonForType(operation.Type, S) is { } typeReason)
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

    /// <summary>
    /// A member read from a variable, field or property is named with it, so the receiver's words count too (<c>run.Name</c>
    /// is a run's name, <c>settings.DatasetName</c> a dataset's); else the symbol's own name.
    /// </summary>
    private static string QualifiedName(IOperation operation, ISymbol referenced)
    {
        var instance = operation switch
        {
            IPropertyReferenceOperation property => property.Instance,
            IFieldReferenceOperation field => field.Instance,
            _ => null,
        };
        return instance is not null && ReferencedSymbol(instance) is { } receiver && instance is not IInvocationOperation
            ? receiver.Name + "." + referenced.Name
            : referenced.Name;
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

    /// <summary>
    /// The counter of a <c>for</c> loop (or a <c>foreach</c> over <c>Enumerable.Range</c>) whose iteration trains (a <c>Fit</c>,
    /// <c>backward()</c>, <c>step()</c>): an epoch or step counter, read inside the loop.
    /// </summary>
    private bool IsTrainingLoopCounter(ILocalReferenceOperation reference)
    {
        for (var current = reference.Parent; current is not null; current = current.Parent)
        {
            var declares = current switch
            {
                IForLoopOperation forLoop => forLoop.Locals.Contains(reference.Local, SymbolEqualityComparer.Default),
                IForEachLoopOperation { Collection: var collection } forEach => forEach.Locals.Contains(reference.Local, SymbolEqualityComparer.Default)
                    && collection.WalkDownConversions() is IInvocationOperation { TargetMethod.Name: "Range" } range
                    && MlSymbols.Is(range.TargetMethod.ContainingType, S.Enumerable),
                _ => false,
            };
            if (declares)
            {
                return reference.Local.Type.SpecialType is SpecialType.System_Int32 or SpecialType.System_Int64
                       && TrainingLoops.CallsInIteration((ILoopOperation)current).Any(call => TrainingScope.IsTrainingOperation(call, S));
            }
        }

        return false;
    }

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
            if (!AssignedInConstructor(field) && IsInAnotherFile(field, reference.SemanticModel, d => d is VariableDeclaratorSyntax { Initializer: not null }))
                return PathValue.Of(PathPart.FromMember(field));
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
            return PathValue.Of(PathPart.Location(PathEvaluator.CurrentDirectory));
        if ((MlSymbols.Is(property.ContainingType, S.AppContext) || MlSymbols.Is(property.ContainingType, S.AppDomain)) && property.Name == "BaseDirectory")
            return PathValue.Of(PathPart.Location(PathEvaluator.ApplicationFolder));

        // The program's own file, and the folder of a file: `new FileInfo(typeof(Program).Assembly.Location).Directory.FullName`.
        if (MlSymbols.IsOrDerivesFrom(property.ContainingType, S.Assembly) && property.Name == "Location")
            return PathValue.Of(PathPart.Location(PathEvaluator.ApplicationFolder));
        if (MlSymbols.IsOrDerivesFrom(property.ContainingType, S.FileSystemInfo) && property.Name is "FullName" or "Directory" or "DirectoryName")
            return property.Name == "FullName" ? Eval(reference.Instance, depth + 1) : FolderOf(reference.Instance, depth);

        if (property.IsReadOnly && property.Parameters.IsEmpty && _inProgress.Add(property))
        {
            try
            {
                if (GetterValueOf(property, reference.SemanticModel) is { } value)
                    return Eval(value, depth + 1);
                if (IsInAnotherFile(property, reference.SemanticModel, d => GetterOf(d as PropertyDeclarationSyntax) is not null))
                    return PathValue.Of(PathPart.FromMember(property));
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
        if (PathPart.VersionReasonForType(type, S) is { } typeReason)
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
            return PathValue.Of(PathPart.Location(PathEvaluator.CurrentDirectory));
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
    /// A call to a method or local function whose body is known (not virtual, abstract or partial without an
    /// implementation): its value is what its <c>return</c>s give, with the call's arguments for its parameters. A helper in
    /// another file is followed at compilation end (a <see cref="PathPartKind.Member"/> part until then). Null when the
    /// helper cannot be followed.
    /// </summary>
    private PathValue? EvalHelperCall(IInvocationOperation invocation, int depth)
    {
        var method = invocation.TargetMethod.OriginalDefinition;
        if (method.IsVirtual || method.IsAbstract || method.IsOverride || method.IsExtern || method.ContainingType?.TypeKind == TypeKind.Interface
            || invocation.SemanticModel is not { } model || !_inProgress.Add(method))
            return null;
        if (HelperBody(method, model) is not { } body)
        {
            _inProgress.Remove(method);
            return IsInAnotherFile(method, model, d => d is MethodDeclarationSyntax { Body: not null } or MethodDeclarationSyntax { ExpressionBody: not null })
                ? PathValue.Of(PathPart.FromMember(method))
                : null;
        }

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

    private IOperation? HelperBody(IMethodSymbol method, SemanticModel model)
    {
        if (method.DeclaringSyntaxReferences is not [var reference] || ModelFor(reference.SyntaxTree, model) is not { } declaringModel)
            return null;
        model = declaringModel;
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
    /// A value the reasoning cannot fold: a value read from outside the program (<see cref="RunTimeInputs"/>) says so. It
    /// still versions a path when any piece it is computed from does (e.g. <c>Convert.ToHexString(SHA256.HashData(bytes))</c>,
    /// <c>stamp.ToString("yyyyMMdd")</c>).
    /// </summary>
    private PathValue Opaque(IOperation operation, int depth)
    {
        if (RunTimeInputs.For(S).Describe(operation) is { } source)
            return PathValue.Of(PathPart.RunTimeInput(source));

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

        // `label.ToLowerInvariant()`, `Algorithm.Sdca.ToString()`: the same name or text, spelled another way.
        if (operation is IInvocationOperation { Instance: { } instance, Arguments.IsEmpty: true, TargetMethod.Name: var transform and ("ToString" or "ToLower" or "ToLowerInvariant" or "ToUpper" or "ToUpperInvariant" or "Trim") }
            && Eval(instance, depth + 1) is { Alternatives: [[{ Kind: PathPartKind.Name or PathPartKind.Text } spelled]] } same)
        {
            return spelled.Kind == PathPartKind.Name ? same : PathValue.Of(PathPart.Constant(transform switch
            {
                "ToLower" or "ToLowerInvariant" => spelled.Text.ToLowerInvariant(),
                "ToUpper" or "ToUpperInvariant" => spelled.Text.ToUpperInvariant(),
                "Trim" => spelled.Text.Trim(),
                _ => spelled.Text,
            }));
        }

        return operation is IInvocationOperation { TargetMethod.DeclaringSyntaxReferences.IsEmpty: false }
            ? PathValue.Of(PathPart.ComputedByProject(Describe(operation)))
            : PathValue.Unknown(Describe(operation));
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

    /// <summary>The initializer of a field, in a file whose code can be read (its own; another one at compilation end).</summary>
    private IOperation? InitializerOf(IFieldSymbol field, SemanticModel? model)
    {
        foreach (var reference in field.DeclaringSyntaxReferences)
        {
            if (ModelFor(reference.SyntaxTree, model) is { } declaringModel && reference.GetSyntax() is VariableDeclaratorSyntax { Initializer.Value: { } value })
                return declaringModel.GetOperation(WithoutSuppression(value));
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

    /// <summary>A get-only auto-property's initializer, or an expression-bodied getter, in a file whose code can be read.</summary>
    private IOperation? GetterValueOf(IPropertySymbol property, SemanticModel? model)
    {
        foreach (var reference in property.DeclaringSyntaxReferences)
        {
            if (ModelFor(reference.SyntaxTree, model) is { } declaringModel
                && GetterOf(reference.GetSyntax() as PropertyDeclarationSyntax) is { } getter)
                return declaringModel.GetOperation(getter);
        }

        return null;
    }

    /// <summary>What a property's getter returns when it is an expression body or a get-only auto-property's initializer.</summary>
    private static ExpressionSyntax? GetterOf(PropertyDeclarationSyntax? declaration)
    {
        if (declaration is null)
            return null;
        if (declaration.ExpressionBody is { Expression: { } body })
            return WithoutSuppression(body);
        var isAutoGetOnly = declaration.AccessorList is { Accessors: { Count: 1 } accessors }
                            && accessors[0].IsKind(SyntaxKind.GetAccessorDeclaration)
                            && accessors[0].Body is null && accessors[0].ExpressionBody is null;
        return isAutoGetOnly && declaration.Initializer?.Value is { } initializer ? WithoutSuppression(initializer) : null;
    }

    /// <summary><c>value!</c> has no operation of its own (the semantic model gives none for it): its operand's is the value.</summary>
    private static ExpressionSyntax WithoutSuppression(ExpressionSyntax expression)
    {
        while (expression is PostfixUnaryExpressionSyntax { RawKind: (int)SyntaxKind.SuppressNullableWarningExpression } suppressed)
            expression = suppressed.Operand;
        return expression;
    }

    /// <summary>
    /// The semantic model to read code of <paramref name="tree"/> with: the one at hand for its own file, another file's
    /// only from compilation end on (<see cref="PathEvaluator.ModelOf"/>).
    /// </summary>
    private SemanticModel? ModelFor(SyntaxTree tree, SemanticModel? model)
        => model is not null && tree == model.SyntaxTree ? model : _owner.ModelOf(tree);

    /// <summary>
    /// The value of <paramref name="symbol"/> is code in another file (a declaration <paramref name="hasValue"/> accepts)
    /// that cannot be read yet: the path is judged again at compilation end.
    /// </summary>
    private bool IsInAnotherFile(ISymbol symbol, SemanticModel? model, Func<SyntaxNode, bool> hasValue)
    {
        foreach (var reference in symbol.DeclaringSyntaxReferences)
        {
            if (reference.SyntaxTree != model?.SyntaxTree && _owner.ModelOf(reference.SyntaxTree) is null && hasValue(reference.GetSyntax()))
                return true;
        }

        return false;
    }
}
