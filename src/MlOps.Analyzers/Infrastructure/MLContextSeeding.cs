using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace MlOps.Analyzers.Infrastructure;

/// <summary>
/// Answers "is this <c>MLContext</c> provably unseeded?" within one type, for the rules that are findings only on an
/// unseeded context (MLOPS002, MLOPS003). Provably unseeded means every value the variable can hold is visible in the
/// type and is a <c>new MLContext()</c> / <c>seed: null</c>: a local, a private or readonly field, or a get-only / privately
/// set auto-property of the type. A parameter is not (the caller decides), nor is a member others can assign, nor a
/// variable that is ever assigned something else (a factory call, another variable).
/// </summary>
/// <remarks>Use inside a named-type symbol-start action; ask <see cref="IsProvablyUnseeded"/> at symbol end.</remarks>
internal sealed class MLContextSeeding
{
    private readonly object _gate = new();
    private readonly INamedTypeSymbol _type;
    private readonly INamedTypeSymbol _mlContext;
    private readonly Dictionary<ISymbol, Definitions> _definitions = new(SymbolEqualityComparer.Default);

    private MLContextSeeding(INamedTypeSymbol type, INamedTypeSymbol mlContext)
    {
        _type = type;
        _mlContext = mlContext;
    }

    /// <summary>A context a call is made on: a variable, or a creation in place (<c>new MLContext().Data...</c>).</summary>
    public sealed class ContextReference
    {
        internal ContextReference(ISymbol? variable, bool unseededCreation)
        {
            Variable = variable;
            UnseededCreation = unseededCreation;
        }

        /// <summary>The local, field, property or parameter, or null for a creation in place.</summary>
        public ISymbol? Variable { get; }

        internal bool UnseededCreation { get; }

        /// <summary>A name for messages.</summary>
        public string Display => Variable?.Name ?? "new MLContext()";
    }

    private struct Definitions
    {
        public bool Unseeded;
        public bool Other;
    }

    /// <summary>Starts recording, for the type of <paramref name="context"/>, every value stored into an <c>MLContext</c> variable.</summary>
    /// <remarks>The rules hosted by <see cref="Hosting.MlOpsAnalyzer"/> share one per type (<see cref="Hosting.SharedAnalysisState"/>).</remarks>
    public static MLContextSeeding Start(SymbolStartAnalysisContext context, INamedTypeSymbol mlContext)
        => Hosting.SharedAnalysisState.GetOrAdd(context, (context, mlContext), static state => Record(state.context, state.mlContext));

    private static MLContextSeeding Record(SymbolStartAnalysisContext context, INamedTypeSymbol mlContext)
    {
        var seeding = new MLContextSeeding((INamedTypeSymbol)context.Symbol, mlContext);

        // One registration for every kind (one delegate per type, not five): this runs for every type of the code base.
        // No "directly in" filter here: a nested type can assign the private fields of the type around it. No filter on the
        // callee either: any method can take the context by ref or out (Interlocked.Exchange, the team's TryCreate).
        context.RegisterOperationAction(seeding.Observe, ObservedKinds);
        return seeding;
    }

    private static readonly ImmutableArray<OperationKind> ObservedKinds = ImmutableArray.Create(
        OperationKind.VariableDeclarator,
        OperationKind.SimpleAssignment,
        OperationKind.CoalesceAssignment,
        OperationKind.FieldInitializer,
        OperationKind.PropertyInitializer,
        OperationKind.Invocation,
        OperationKind.ObjectCreation,
        OperationKind.FunctionPointerInvocation,
        OperationKind.DeconstructionAssignment);

    /// <summary>Records what <paramref name="context"/>'s operation stores into a variable.</summary>
    private void Observe(OperationAnalysisContext context)
    {
        switch (context.Operation)
        {
            case IVariableDeclaratorOperation declarator:
                if (declarator.Initializer is { } initializer)
                    Define(declarator.Symbol, initializer.Value);
                break;
            case IAssignmentOperation assignment and not IDeconstructionAssignmentOperation:
                if (assignment.Target.WalkDownConversions() is { } assignedTo && RootOfTarget(assignedTo) is { } assigned)
                    Define(assigned, assignment.Value);
                break;
            case IFieldInitializerOperation field:
                foreach (var target in field.InitializedFields)
                    Define(target, field.Value);
                break;
            case IPropertyInitializerOperation property:
                foreach (var target in property.InitializedProperties)
                    Define(target, property.Value);
                break;
            case IDeconstructionAssignmentOperation deconstruction:
                foreach (var target in deconstruction.Target.DescendantsAndSelf())
                {
                    if (RootOfTarget(target) is { } symbol)
                        DefineOther(symbol);
                }

                break;
            case IInvocationOperation invocation:
                DefineOutArguments(invocation.Arguments);
                break;
            case IObjectCreationOperation creation:
                DefineOutArguments(creation.Arguments);
                break;
            case IFunctionPointerInvocationOperation pointer:
                DefineOutArguments(pointer.Arguments);
                break;
        }
    }

    /// <summary>
    /// Only ref / out arguments store into a variable. They are read from the calls that carry them rather than by
    /// subscribing to Argument, the most frequent operation kind. In C# an IArgumentOperation only occurs under an
    /// invocation (constructor initializers included), an object creation or a function-pointer call: indexers
    /// cannot take ref / out parameters, and calls that do not bind have no argument operations.
    /// </summary>
    private void DefineOutArguments(ImmutableArray<IArgumentOperation> arguments)
    {
        foreach (var argument in arguments)
        {
            if (argument.Parameter?.RefKind is RefKind.Out or RefKind.Ref && RootOfTarget(argument.Value.WalkDownConversions()) is { } symbol)
                DefineOther(symbol);
        }
    }

    /// <summary>The context a call on <paramref name="receiver"/> (e.g. <c>ml.Data</c>) uses, or null when it is not an <c>MLContext</c> we can name.</summary>
    public ContextReference? Reference(IOperation? receiver)
    {
        var root = receiver.GetRootSymbol(out var rootOperation);
        if (root is null)
        {
            return rootOperation is IObjectCreationOperation creation && IsMLContext(creation.Type)
                ? new ContextReference(null, IsSeeded(creation) == false)
                : null;
        }

        return IsMLContext(TypeOf(root)) ? new ContextReference(root, unseededCreation: false) : null;
    }

    /// <summary>True when every value <paramref name="context"/> can hold is an unseeded creation visible in this type. Call at symbol end.</summary>
    public bool IsProvablyUnseeded(ContextReference context)
    {
        if (context.Variable is null)
            return context.UnseededCreation;
        if (!OnlyAssignedInThisType(context.Variable))
            return false;

        lock (_gate)
            return _definitions.TryGetValue(context.Variable, out var definitions) && definitions.Unseeded && !definitions.Other;
    }

    /// <summary>True for <c>new MLContext(seed: x)</c> with any seed but the constant null (a literal, constant, variable or parameter; 0 is valid); false for <c>new MLContext()</c> / <c>seed: null</c>; null when not a creation.</summary>
    public static bool? IsSeeded(IObjectCreationOperation creation)
    {
        if (creation.Constructor is null)
            return null;
        var seed = creation.GetArgument("seed");
        return seed is not null && !seed.Value.IsNullConstant();
    }

    private bool OnlyAssignedInThisType(ISymbol variable) => variable switch
    {
        ILocalSymbol => true,
        IFieldSymbol field => SymbolEqualityComparer.Default.Equals(field.ContainingType, _type)
                              && (field.IsReadOnly || field.DeclaredAccessibility == Accessibility.Private),
        IPropertySymbol property => SymbolEqualityComparer.Default.Equals(property.ContainingType, _type)
                                    && !property.IsVirtual && !property.IsAbstract && !property.IsOverride
                                    && (property.SetMethod is null || property.SetMethod.DeclaredAccessibility == Accessibility.Private)
                                    && IsAutoProperty(property),
        _ => false, // parameters: the caller decides
    };

    private static bool IsAutoProperty(IPropertySymbol property)
        => property.ContainingType.GetMembers().OfType<IFieldSymbol>()
            .Any(field => SymbolEqualityComparer.Default.Equals(field.AssociatedSymbol, property));

    private void Define(ISymbol target, IOperation value)
    {
        if (!IsMLContext(TypeOf(target)))
            return;
        var isUnseeded = value.WalkDownConversions() is IObjectCreationOperation creation && IsSeeded(creation) == false;
        lock (_gate)
        {
            _definitions.TryGetValue(target, out var definitions);
            if (isUnseeded)
                definitions.Unseeded = true;
            else
                definitions.Other = true;
            _definitions[target] = definitions;
        }
    }

    private void DefineOther(ISymbol target)
    {
        if (!IsMLContext(TypeOf(target)))
            return;
        lock (_gate)
        {
            _definitions.TryGetValue(target, out var definitions);
            definitions.Other = true;
            _definitions[target] = definitions;
        }
    }

    private static ISymbol? RootOfTarget(IOperation target) => target switch
    {
        ILocalReferenceOperation local => local.Local,
        IFieldReferenceOperation field => field.Field,
        IPropertyReferenceOperation property => property.Property,
        IParameterReferenceOperation parameter => parameter.Parameter,
        _ => null,
    };

    private static ITypeSymbol? TypeOf(ISymbol symbol) => symbol switch
    {
        ILocalSymbol local => local.Type,
        IFieldSymbol field => field.Type,
        IPropertySymbol property => property.Type,
        IParameterSymbol parameter => parameter.Type,
        _ => null,
    };

    private bool IsMLContext(ITypeSymbol? type) => SymbolEqualityComparer.Default.Equals(type, _mlContext);
}
