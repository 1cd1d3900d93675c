using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using MlOps.Analyzers.Apis;
using MlOps.Analyzers.Facts.Symbols;
using MlOps.Analyzers.Facts.Types;

namespace MlOps.Analyzers.Facts.Contexts;

/// <summary>
/// Records, for one type, every value stored into an <c>MLContext</c> variable, every context passed to the team's own
/// methods and every context a property or method returns, in one operation action shared by the rules that follow
/// contexts:
/// <list type="bullet">
/// <item>MLOPS002 and MLOPS003 are findings only on an unseeded context: they ask <see cref="IsProvablyUnseeded"/>.
/// Provably unseeded means every value the variable can hold is visible in the type and is a <c>new MLContext()</c> /
/// <c>seed: null</c>: a local, a private or readonly field, or a get-only / privately set auto-property of the type. A
/// parameter is not (the caller decides), nor is a member others can assign, nor a variable that is ever assigned
/// something else (a factory call, another variable).</item>
/// <item>MLOPS001 follows an unseeded creation to its random uses through the <see cref="Flows"/>.</item>
/// </list>
/// </summary>
/// <remarks>Complete once every operation of the type (and of its nested types) was observed: ask through <see cref="TypeFacts{T}.Judge(Microsoft.CodeAnalysis.Diagnostics.OperationAnalysisContext, System.Action{T, System.Action{Diagnostic}})"/>.</remarks>
internal sealed class MLContextSeeding : TypeObserver
{
    private readonly INamedTypeSymbol _type;
    private readonly INamedTypeSymbol _mlContext;
    private readonly ApiOwnership _owners;
    // Created on first use, under a lock on this private instance: one recorder exists per type of the code base, and
    // most types never see a context.
    private Dictionary<ISymbol, Definitions>? _definitions;
    private List<Flow>? _flows;

    public MLContextSeeding(INamedTypeSymbol type, INamedTypeSymbol mlContext, ApiOwnership owners)
        : base(type)
    {
        _type = type;
        _mlContext = mlContext;
        _owners = owners;
    }

    /// <summary>
    /// A context value (<see cref="Value"/>, typed <c>MLContext</c>) reaching <see cref="Target"/>: the variable it is
    /// stored into (for <c>holder.Context = ml</c>, the root of the access, <c>holder</c>, and the property <c>Context</c>
    /// itself, which code of other types reads), the parameter of the team's own method or constructor it is passed to
    /// (its definition), or the property or method that returns it.
    /// <see cref="Where"/> is the member the store is in.
    /// </summary>
    public readonly record struct Flow(IOperation Value, ISymbol Target, ISymbol Where);

    /// <summary>The flows seen in the type and its nested types (filter by <see cref="Flow.Where"/>).</summary>
    public ImmutableArray<Flow> Flows
    {
        get
        {
            lock (this)
                return _flows is null ? ImmutableArray<Flow>.Empty : _flows.ToImmutableArray();
        }
    }

    /// <remarks>Asked of facts no other thread sees yet (<see cref="TypeObserver.IsEmpty"/>): no lock.</remarks>
    public override bool IsEmpty => _definitions is null && _flows is null;

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

    /// <summary>
    /// The operations that store or hand on a value. No "directly in" filter: a nested type can assign the private fields
    /// of the type around it. No filter on the callee either: any method can take the context by ref or out
    /// (<c>Interlocked.Exchange</c>, the team's <c>TryCreate</c>).
    /// </summary>
    public static ImmutableArray<OperationKind> ObservedKinds { get; } = ImmutableArray.Create(
        OperationKind.VariableDeclarator,
        OperationKind.SimpleAssignment,
        OperationKind.CoalesceAssignment,
        OperationKind.FieldInitializer,
        OperationKind.PropertyInitializer,
        OperationKind.Invocation,
        OperationKind.ObjectCreation,
        OperationKind.FunctionPointerInvocation,
        OperationKind.DeconstructionAssignment,
        OperationKind.Return);

    /// <summary>Records what <paramref name="operation"/> stores into a variable or passes to a parameter.</summary>
    public override void Observe(IOperation operation, ISymbol member)
    {
        var where = member;
        switch (operation)
        {
            case IVariableDeclaratorOperation declarator:
                if (declarator.Initializer is { } initializer && InvolvesContext(initializer.Value))
                    Store(declarator.Symbol, initializer.Value, where);
                break;
            case IAssignmentOperation assignment and not IDeconstructionAssignmentOperation:
                if (!InvolvesContext(assignment.Value))
                    break;
                var assignedTo = assignment.Target.WalkDownConversions();
                if (RootOfTarget(assignedTo) is { } assigned)
                    Define(assigned, assignment.Value);
                if (IsContextValue(assignment.Value) && assignedTo.GetRootSymbol(out _) is { } holder)
                {
                    AddFlow(new Flow(assignment.Value, holder, where)); // holder.Context = ml: the context now lives in holder
                    if (PropertyOfAnotherObject(assignedTo) is { } property)
                        AddFlow(new Flow(assignment.Value, property, where)); // ... and in Context, which other code reads
                }

                break;
            case IFieldInitializerOperation field when InvolvesContext(field.Value):
                foreach (var target in field.InitializedFields)
                    Store(target, field.Value, where);
                break;
            case IPropertyInitializerOperation property when InvolvesContext(property.Value):
                foreach (var target in property.InitializedProperties)
                    Store(target, property.Value, where);
                break;
            case IDeconstructionAssignmentOperation deconstruction:
                foreach (var target in deconstruction.Target.DescendantsAndSelf())
                {
                    if (RootOfTarget(target) is { } symbol)
                        DefineOther(symbol);
                }

                break;
            case IReturnOperation { ReturnedValue: { } returned } when InvolvesContext(returned) && !IsInNestedFunction(returned):
                // A property or method that hands out a context (MLContext Ml => _ml ??= new MLContext(), MLContext Create()
                // => new MLContext()) holds what it returns; a call to it is read as that node (see Flow).
                if (where is IMethodSymbol { MethodKind: MethodKind.PropertyGet, AssociatedSymbol: IPropertySymbol handedOutBy })
                    AddFlow(new Flow(returned, handedOutBy, where));
                else if (where is IMethodSymbol { MethodKind: MethodKind.Ordinary } method)
                    AddFlow(new Flow(returned, method.OriginalDefinition, where));
                break;
            case IInvocationOperation invocation:
                ObserveArguments(invocation, invocation.Arguments, where);
                break;
            case IObjectCreationOperation creation:
                ObserveArguments(creation, creation.Arguments, where);
                break;
            case IFunctionPointerInvocationOperation pointer:
                ObserveArguments(pointer, pointer.Arguments, where);
                break;
        }
    }

    /// <summary>
    /// A ref / out argument stores into its variable; a context passed to the team's own method or constructor flows
    /// into that parameter. Arguments are read from the calls that carry them rather than by subscribing to Argument, the
    /// most frequent operation kind: in C# an IArgumentOperation only occurs under an invocation (constructor initializers
    /// included), an object creation or a function-pointer call (indexers cannot take ref / out parameters, and no ML code
    /// indexes by a context); calls that do not bind have no argument operations.
    /// </summary>
    /// <remarks>
    /// The value's type is what counts for a flow, not the parameter's: a context can be passed as <c>object</c> (and cast
    /// back), through a user-defined conversion, or to a generic parameter. A context passed into a library is out of sight.
    /// </remarks>
    private void ObserveArguments(IOperation call, ImmutableArray<IArgumentOperation> arguments, ISymbol where)
    {
        foreach (var argument in arguments)
        {
            if (argument.Parameter is not { } parameter)
                continue;
            if (parameter.RefKind is RefKind.Out or RefKind.Ref)
            {
                if (RootOfTarget(argument.Value.WalkDownConversions()) is { } symbol)
                    DefineOther(symbol);
            }
            else if (IsContextValue(argument.Value) && _owners.Of(call) == ApiOwners.Source)
            {
                AddFlow(new Flow(argument.Value, parameter.OriginalDefinition, where));
            }
        }
    }

    /// <summary>
    /// The context property a value is read from when it belongs to another object: <c>env.Context</c> in
    /// <c>env.Context.Data...</c>. The value's root is <c>env</c>; code of any type that reads <c>Context</c> reads the
    /// same property, so MLOPS001 follows it from the code that sets it to the code that reads it.
    /// </summary>
    public IPropertySymbol? PropertyOfAnotherObject(IOperation? value)
    {
        for (var operation = value?.WalkDownConversions(); operation is IPropertyReferenceOperation property; operation = property.Instance?.WalkDownConversions())
        {
            if (property.Instance is null or IInstanceReferenceOperation)
                return null; // a static property or one of this object: the value's root already
            if (IsMLContext(property.Type))
                return property.Property.OriginalDefinition;
        }

        return null;
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

    /// <summary>
    /// Judges the context the current call is made on (<paramref name="receiver"/>) with as little of the type's code as
    /// that takes: a creation in place needs none, a local only its member's operations (the driver has them at hand), a
    /// parameter or another type's member is never provably unseeded, and a field or property of this type needs the
    /// whole type (<paramref name="seedings"/>). <paramref name="judge"/> gets the context (null when the call is not on
    /// one), whether it is provably unseeded, and the way to report.
    /// </summary>
    public static void Judge(
        TypeFacts<MLContextSeeding> seedings,
        OperationAnalysisContext context,
        IOperation? receiver,
        INamedTypeSymbol mlContext,
        ApiOwnership owners,
        Action<ContextReference?, bool, Action<Diagnostic>> judge)
    {
        if (TypeFacts<MLContextSeeding>.TypeOf(context.ContainingSymbol) is not { } type)
            return;
        var local = new MLContextSeeding(type, mlContext, owners);
        var reference = local.Reference(receiver);
        if (reference?.Variable is null)
        {
            judge(reference, reference?.UnseededCreation ?? false, context.ReportDiagnostic);
            return;
        }

        if (reference.Variable is ILocalSymbol)
        {
            var root = context.Operation;
            while (root.Parent is not null)
                root = root.Parent;
            foreach (var operation in root.DescendantsAndSelf())
            {
                if (ObservedKinds.Contains(operation.Kind))
                    local.Observe(operation, context.ContainingSymbol);
            }

            judge(reference, local.IsProvablyUnseeded(reference), context.ReportDiagnostic);
            return;
        }

        if (!local.OnlyAssignedInThisType(reference.Variable))
        {
            judge(reference, false, context.ReportDiagnostic);
            return;
        }

        seedings.Judge(context, (seeding, report) => judge(reference, seeding.IsProvablyUnseeded(reference), report));
    }

    /// <summary>True when every value <paramref name="context"/> can hold is an unseeded creation visible in this type.</summary>
    public bool IsProvablyUnseeded(ContextReference context)
    {
        if (context.Variable is null)
            return context.UnseededCreation;
        if (!OnlyAssignedInThisType(context.Variable))
            return false;

        lock (this)
            return _definitions is not null && _definitions.TryGetValue(context.Variable, out var definitions) && definitions.Unseeded && !definitions.Other;
    }

    /// <summary>
    /// True for <c>new MLContext(seed: x)</c> with any seed but the constant null or one drawn from the clock or fresh
    /// entropy (a literal, constant, variable or parameter; 0 is valid); false for <c>new MLContext()</c> / <c>seed: null</c>
    /// / <c>seed: Environment.TickCount</c> (<see cref="EntropySeeds"/>); null when not a creation.
    /// </summary>
    public static bool? IsSeeded(IObjectCreationOperation creation)
    {
        if (creation.Constructor is null)
            return null;
        var seed = creation.GetArgument("seed");
        return seed is not null && !seed.Value.IsNullConstant() && EntropySeeds.SourceOf(seed.Value) is null;
    }

    /// <summary>The clock or entropy source a creation's seed is drawn from (<c>Environment.TickCount</c>), or null.</summary>
    public static EntropySeeds.EntropySource? EntropySeedOf(IOperation creation)
        => creation is IObjectCreationOperation { Constructor: not null } created && created.GetArgument("seed") is { } seed
            ? EntropySeeds.SourceOf(seed.Value)
            : null;

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

    private void Store(ISymbol variable, IOperation value, ISymbol where)
    {
        Define(variable, value);
        if (IsContextValue(value))
            AddFlow(new Flow(value, variable, where));
    }

    private bool IsContextValue(IOperation value) => IsMLContext(value.WalkDownConversions().Type);

    /// <summary>
    /// True when a stored value is a context or is stored into an <c>MLContext</c> variable. C# converts a stored value to
    /// the variable's type (an implicit conversion operation), so the value's own type tells the variable's without
    /// reading the variable's type, which costs for every local of the code base.
    /// </summary>
    private bool InvolvesContext(IOperation value) => IsMLContext(value.Type) || (value is IConversionOperation && IsContextValue(value));

    /// <summary>A return from a lambda or local function inside the member returns from that function, not from the member.</summary>
    private static bool IsInNestedFunction(IOperation operation)
    {
        for (var parent = operation.Parent; parent is not null; parent = parent.Parent)
        {
            if (parent is IAnonymousFunctionOperation or ILocalFunctionOperation)
                return true;
        }

        return false;
    }

    private void AddFlow(Flow flow)
    {
        lock (this)
            (_flows ??= new List<Flow>()).Add(flow);
    }

    /// <summary><paramref name="value"/> is stored into <paramref name="target"/>: an unseeded creation or something else.</summary>
    private void Define(ISymbol target, IOperation value)
        => Define(target, unseeded: value.WalkDownConversions() is IObjectCreationOperation creation && IsSeeded(creation) == false);

    /// <summary>Something the type cannot see is stored into <paramref name="target"/> (a ref / out argument, a deconstruction).</summary>
    private void DefineOther(ISymbol target) => Define(target, unseeded: false);

    private void Define(ISymbol target, bool unseeded)
    {
        if (!IsMLContext(TypeOf(target)))
            return;
        lock (this)
        {
            _definitions ??= new Dictionary<ISymbol, Definitions>(SymbolEqualityComparer.Default);
            _definitions.TryGetValue(target, out var definitions);
            if (unseeded)
                definitions.Unseeded = true;
            else
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

    /// <remarks>
    /// Asked for every store and argument of the code base: the symbol itself (the common case) and a name that cannot be
    /// it are decided without the comparer's chain of virtual calls; a nullable-annotated <c>MLContext?</c> is another
    /// symbol object for the same type, so the comparer decides the rest.
    /// </remarks>
    private bool IsMLContext(ITypeSymbol? type)
        => type is not null
           && (ReferenceEquals(type, _mlContext) || (type.Name == _mlContext.Name && SymbolEqualityComparer.Default.Equals(type, _mlContext)));
}
