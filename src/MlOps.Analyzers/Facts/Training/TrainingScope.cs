using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;
using MlOps.Analyzers.Apis;
using MlOps.Analyzers.Catalog;
using MlOps.Analyzers.Facts.Symbols;
using MlOps.Analyzers.Facts.Types;

namespace MlOps.Analyzers.Facts.Training;

/// <summary>
/// The one implementation of RULES.md's "training code", for rules about generic .NET APIs (System.Random, File.*,
/// HttpClient) that are only findings inside training code. One instance holds the facts of one named type, observed
/// from every invocation of its members (<see cref="TypeObserver"/>); rules ask through <see cref="TrainingScopes"/>,
/// which judges a candidate once the facts of every member are known (a member that prepares data is training code
/// because another member of the same type trains).
/// </summary>
/// <remarks>
/// <para>The unit is the member. Under <c>mlops_analyzers.training_scope = auto</c> (the default) a member is training code when:</para>
/// <list type="bullet">
/// <item>its type, or a type that contains it, is marked <c>[TrainingPipeline]</c>, or derives from TorchSharp's
/// <c>Dataset</c> (every member of such a type serves training);</item>
/// <item>it performs a training operation (<see cref="IsTrainingOperation"/>);</item>
/// <item>it builds training data: it turns rows into tensors or an <c>IDataView</c> (<see cref="IsRowsToTensorsOrDataView"/>),
/// and those are the same rows a shuffle or sample of the type reordered or picked (<see cref="ShuffledRows"/>), and the
/// member does not score them with a trained model (<c>ITransformer.Transform</c>): request rows turned into a view to
/// be scored are inference, shuffled or not;</item>
/// <item>it prepares data for such a member of the same type: the member uses it (a field it reads, a method it calls),
/// it writes a field or property such a member reads, or it calls such a member (<see cref="MemberUses"/>).</item>
/// </list>
/// <para>A member that loads a trained model or creates a prediction engine and trains nothing is inference code
/// (<see cref="IsInferenceOperation"/>), unless its type is marked. Test classes (xUnit / NUnit / MSTest attributes) are
/// never training code under <c>auto</c>: a fixture that makes fake rows is not a pipeline. <c>attributed</c> keeps only
/// the marked types; <c>all</c> makes every member training code. Members of a nested type are judged with the nested
/// type's facts (plus the <c>[TrainingPipeline]</c> of the types around it).</para>
/// </remarks>
internal sealed class TrainingScope : TypeObserver
{
    private readonly MlSymbols _symbols;
    // Created on the first call this scope records, under a lock on this private instance: a scope exists for every type
    // of the code base, and most types make no such call.
    private Observations? _observed;
    private readonly Lazy<HashSet<ISymbol>> _members;

    public TrainingScope(INamedTypeSymbol type, MlSymbols symbols)
        : base(type)
    {
        _symbols = symbols;
        _members = new Lazy<HashSet<ISymbol>>(FindTrainingMembers, LazyThreadSafetyMode.ExecutionAndPublication);
    }

    /// <summary>The operations the scope observes: invocations.</summary>
    public static ImmutableArray<OperationKind> ObservedKinds { get; } = ImmutableArray.Create(OperationKind.Invocation);

    /// <summary>
    /// True when an operation whose containing symbol is <paramref name="containingSymbol"/> is directly in
    /// <paramref name="type"/>, not in a type nested in it.
    /// </summary>
    public static bool IsDirectlyIn(ISymbol containingSymbol, INamedTypeSymbol type)
        => SymbolEqualityComparer.Default.Equals(containingSymbol as INamedTypeSymbol ?? containingSymbol.ContainingType, type);

    /// <summary>
    /// Whether <paramref name="member"/> (the containing symbol of an operation of this type) is training code under
    /// <paramref name="mode"/>. Asked once the facts of the type are complete.
    /// </summary>
    public bool IsTrainingCode(TrainingScopeMode mode, ISymbol member)
    {
        if (mode == TrainingScopeMode.All || IsAttributed(Type, _symbols))
            return true;
        if (mode == TrainingScopeMode.Attributed || IsTestType(Type, _symbols))
            return false;
        var observed = Observed;
        if (observed.Inference.Contains(member) && !observed.Training.Contains(member))
            return false; // "load a model, create a prediction engine, score", as the Predict beside a Train in one helper class

        return MlSymbols.IsOrDerivesFrom(Type, _symbols.TorchDataset) || _members.Value.Contains(member);
    }

    /// <summary>The members that train or build training data, and the members that prepare data for them.</summary>
    private HashSet<ISymbol> FindTrainingMembers()
    {
        var observed = Observed;
        var roots = new List<ISymbol>(observed.Training);
        if (observed.Shuffles.Count > 0 && observed.MakesRows.Count > 0)
        {
            var bodies = new Dictionary<IOperation, ISymbol>();
            foreach (var (member, call) in observed.Shuffles.Concat(observed.MakesRows))
                bodies[Root(call)] = member;
            var memberOf = new Dictionary<IInvocationOperation, ISymbol>();
            foreach (var (member, call) in observed.MakesRows)
                memberOf[call] = member;
            foreach (var make in ShuffledRows.MadeFromShuffled(bodies.Select(body => (body.Key, body.Value)).ToList(), observed.Shuffles.Select(s => s.Call).ToList(), memberOf.Keys))
            {
                // Rows shuffled and scored by a trained model (an export that hides the order requests came in) are inference.
                if (!observed.Scoring.Contains(memberOf[make]))
                    roots.Add(memberOf[make]);
            }
        }

        return roots.Count == 0
            ? new HashSet<ISymbol>(SymbolEqualityComparer.Default)
            : MemberUses.Of(Type, CancellationToken.None).Closure(roots);
    }

    private static IOperation Root(IOperation operation)
    {
        while (operation.Parent is not null)
            operation = operation.Parent;
        return operation;
    }

    /// <summary>
    /// A training operation: an ML.NET estimator's <c>Fit</c>, <c>CrossValidate*</c>, an AutoML experiment run, or a
    /// TorchSharp training step (<see cref="IsTorchTrainingStep"/>).
    /// </summary>
    public static bool IsTrainingOperation(IInvocationOperation invocation, MlSymbols symbols)
    {
        var method = invocation.TargetMethod;
        if (!TrainingOperationNames.Contains(method.Name))
            return false;
        if (method.Name == "Fit" && MlSymbols.IsOrImplements(invocation.GetReceiverType(), symbols.Estimator))
            return !IsSchemaOnlyFit(invocation, symbols);
        if (MlNetRandomness.IsCrossValidation(invocation, symbols))
            return true;
        if (method.Name is "Run" or "RunAsync" && MlSymbols.IsOrDerivesFrom(method.ContainingType, symbols.AutoMLExperiment))
            return true;
        if (method.Name == "Execute" && MlSymbols.IsOrDerivesFrom(method.ContainingType, symbols.AutoMLExperimentBase))
            return true;
        return IsTorchTrainingStep(invocation, symbols);
    }

    /// <summary>The method names of <see cref="IsTrainingOperation"/> (ML.NET 5.0.1's training catalogs cross-validate with <c>CrossValidate</c> and <c>CrossValidateNonCalibrated</c>).</summary>
    private static readonly HashSet<string> TrainingOperationNames = Names(
        "Fit", "CrossValidate", "CrossValidateNonCalibrated", "Run", "RunAsync", "Execute", "backward", "step");

    /// <summary>TorchSharp <c>Tensor.backward()</c> or <c>Optimizer.step()</c>: the calls that make a method a training loop.</summary>
    public static bool IsTorchTrainingStep(IInvocationOperation invocation, MlSymbols symbols)
        => Facts.TorchSharp.TorchSymbols.IsTrainingStep(invocation, symbols);

    /// <summary>
    /// A <c>Fit</c> on an empty in-memory data view (<c>LoadFromEnumerable</c> of an empty collection, directly or through a
    /// local that holds nothing else) learns nothing: it is ML.NET's idiom for getting the transformer of a pretrained model
    /// (<c>ApplyOnnxModel</c>, <c>LoadTensorFlowModel</c>) or of a fixed schema, which RULES.md counts as inference.
    /// </summary>
    public static bool IsSchemaOnlyFit(IInvocationOperation fit, MlSymbols symbols)
    {
        if (fit.Arguments.Length == 0)
            return false;
        var data = fit.Arguments[0].Value.WalkDownConversions();
        if (data is ILocalReferenceOperation local)
            return LocalWrites.ValuesOf(local) is { Count: > 0 } values && values.All(value => IsEmptyLoad(value.WalkDownConversions(), symbols));
        return IsEmptyLoad(data, symbols);
    }

    private static bool IsEmptyLoad(IOperation operation, MlSymbols symbols)
        => operation is IInvocationOperation { TargetMethod.Name: "LoadFromEnumerable" } load
           && MlSymbols.Is(load.TargetMethod.ContainingType, symbols.DataOperationsCatalog)
           && load.GetArgument("data") is { } rows
           && IsEmptyCollection(rows.Value.WalkDownConversions());

    /// <summary><c>new List&lt;T&gt;()</c> and the other empty collections of .NET, <c>new T[0]</c>, <c>new T[] { }</c>, <c>Array.Empty&lt;T&gt;()</c>, <c>Enumerable.Empty&lt;T&gt;()</c>.</summary>
    private static bool IsEmptyCollection(IOperation operation) => operation switch
    {
        IObjectCreationOperation creation => creation.Arguments.IsEmpty
                                             && (creation.Initializer is null || creation.Initializer.Initializers.IsEmpty)
                                             && creation.Type?.ContainingNamespace?.ToDisplayString() is "System.Collections.Generic" or "System.Collections.ObjectModel",
        IArrayCreationOperation array => array.Initializer is { ElementValues.IsEmpty: true }
                                         || (array.Initializer is null && array.DimensionSizes.All(size => size.ConstantValue is { HasValue: true, Value: 0 })),
        IInvocationOperation { TargetMethod: { Name: "Empty", ContainingType: { } type } } => type.ToDisplayString() is "System.Array" or "System.Linq.Enumerable",
        _ => false,
    };

    /// <summary>
    /// An inference operation: loading a trained model (ML.NET <c>Model.Load</c> / <c>LoadWithDataLoader</c>, TorchSharp
    /// <c>Module.load</c>) or creating an ML.NET prediction engine. (<c>torch.load</c> reads tensors, which may be data.)
    /// </summary>
    public static bool IsInferenceOperation(IInvocationOperation invocation, MlSymbols symbols)
    {
        var method = invocation.TargetMethod;
        if (!InferenceOperationNames.Contains(method.Name))
            return false;
        return method.Name switch
        {
            "Load" or "LoadWithDataLoader" or "CreatePredictionEngine" => MlSymbols.Is(method.ContainingType, symbols.ModelOperationsCatalog),
            "load" => !method.IsStatic && MlSymbols.IsOrDerivesFrom(method.ContainingType, symbols.TorchModule),
            _ => false,
        };
    }

    /// <summary>The method names of <see cref="IsInferenceOperation"/>.</summary>
    private static readonly HashSet<string> InferenceOperationNames = Names("Load", "LoadWithDataLoader", "CreatePredictionEngine", "load");

    /// <summary>A call that turns in-memory rows into training input: ML.NET <c>LoadFromEnumerable</c>, TorchSharp <c>torch.tensor</c> / <c>from_array</c> / <c>as_tensor</c>.</summary>
    public static bool IsRowsToTensorsOrDataView(IInvocationOperation invocation, MlSymbols symbols)
    {
        var method = invocation.TargetMethod;
        if (!RowsToTensorsOrDataViewNames.Contains(method.Name))
            return false;
        if (method.Name == "LoadFromEnumerable")
            return MlSymbols.IsOrDerivesFrom(method.ContainingType, symbols.DataOperationsCatalog);
        return method.Name is "tensor" or "from_array" or "as_tensor"
               && method.IsStatic
               && SymbolEqualityComparer.Default.Equals(method.ContainingType, symbols.Torch);
    }

    /// <summary>ML.NET <c>ITransformer.Transform</c>: a model scoring a view.</summary>
    private static bool IsScoring(IInvocationOperation invocation, MlSymbols symbols)
        => ScoringNames.Contains(invocation.TargetMethod.Name) && MlSymbols.IsOrImplements(invocation.GetReceiverType(), symbols.Transformer);

    /// <summary>The method names of <see cref="IsScoring"/>.</summary>
    private static readonly HashSet<string> ScoringNames = Names("Transform");

    /// <summary>The method names of <see cref="IsRowsToTensorsOrDataView"/>.</summary>
    private static readonly HashSet<string> RowsToTensorsOrDataViewNames = Names("LoadFromEnumerable", "tensor", "from_array", "as_tensor");

    /// <summary>The type or a type around it carries <c>[TrainingPipeline]</c>.</summary>
    public static bool IsAttributed(INamedTypeSymbol? type, MlSymbols symbols)
    {
        if (symbols.TrainingPipelineAttribute is null)
            return false;
        for (var current = type; current is not null; current = current.ContainingType)
        {
            if (HasAttribute(current, symbols.TrainingPipelineAttribute))
                return true;
        }

        return false;
    }

    /// <summary>A test class: marked as one, or with a test method (xUnit <c>[Fact]</c>/<c>[Theory]</c>, NUnit, MSTest).</summary>
    public static bool IsTestType(INamedTypeSymbol type, MlSymbols symbols)
    {
        if (symbols.TestAttributes.IsEmpty)
            return false;
        if (HasAnyAttribute(type, symbols.TestAttributes))
            return true;
        foreach (var member in type.GetMembers())
        {
            if (member is IMethodSymbol && HasAnyAttribute(member, symbols.TestAttributes))
                return true;
        }

        return false;
    }

    private static bool HasAnyAttribute(ISymbol symbol, System.Collections.Immutable.ImmutableArray<INamedTypeSymbol> attributes)
    {
        foreach (var attribute in attributes)
        {
            if (HasAttribute(symbol, attribute))
                return true;
        }

        return false;
    }

    private static bool HasAttribute(ISymbol symbol, INamedTypeSymbol attribute)
    {
        foreach (var data in symbol.GetAttributes())
        {
            if (MlSymbols.IsOrDerivesFrom(data.AttributeClass, attribute))
                return true;
        }

        return false;
    }

    public override void Observe(IOperation operation, ISymbol member)
    {
        var invocation = (IInvocationOperation)operation;
        if (!Classified.Contains(invocation.TargetMethod.Name))
            return;

        var trains = IsTrainingOperation(invocation, _symbols);
        var samples = !trains && RandomSampling.IsShuffleOrSample(invocation, _symbols);
        var makesRows = !trains && !samples && IsRowsToTensorsOrDataView(invocation, _symbols);
        var infers = !trains && !samples && !makesRows && IsInferenceOperation(invocation, _symbols);
        var scores = !trains && !samples && !makesRows && !infers && IsScoring(invocation, _symbols);

        if (!(trains || infers || samples || makesRows || scores))
            return;
        lock (this)
        {
            var observed = _observed ??= new Observations();
            if (trains)
                observed.Training.Add(member);
            if (infers)
                observed.Inference.Add(member);
            if (samples)
                observed.Shuffles.Add((member, invocation));
            if (makesRows)
                observed.MakesRows.Add((member, invocation));
            if (scores)
                observed.Scoring.Add(member);
        }
    }

    /// <remarks>Asked of facts no other thread sees yet (<see cref="TypeObserver.IsEmpty"/>): no lock.</remarks>
    public override bool IsEmpty => _observed is null;

    /// <summary>What the scope recorded, once its type's code has all been observed (empty when it recorded nothing).</summary>
    private Observations Observed
    {
        get
        {
            lock (this)
                return _observed ?? Observations.None;
        }
    }

    /// <summary>The calls of the type's members that decide the scope, by what they do.</summary>
    private sealed class Observations
    {
        public static readonly Observations None = new();

        public HashSet<ISymbol> Training { get; } = new(SymbolEqualityComparer.Default);

        public HashSet<ISymbol> Inference { get; } = new(SymbolEqualityComparer.Default);

        public HashSet<ISymbol> Scoring { get; } = new(SymbolEqualityComparer.Default);

        public List<(ISymbol Member, IInvocationOperation Call)> Shuffles { get; } = new();

        public List<(ISymbol Member, IInvocationOperation Call)> MakesRows { get; } = new();
    }

    /// <summary>
    /// Every method name <see cref="Observe"/> classifies: the union of its classifiers' own name tables, each of which is
    /// the first test its classifier makes. The engine hands the scope only the calls of these names (one lookup), so the
    /// symbol comparisons and base-type walks run for a few calls, not for every invocation of every type.
    /// </summary>
    public static IReadOnlyCollection<string> ClassifiedNames => Classified;

    private static readonly HashSet<string> Classified = Names(
        TrainingOperationNames.Concat(RandomSampling.ShuffleOrSampleNames).Concat(RowsToTensorsOrDataViewNames).Concat(InferenceOperationNames).Concat(ScoringNames).ToArray());

    /// <summary>The names of the calls that make a member a root of the scope: it trains, or it turns rows into tensors or a view.</summary>
    private static readonly HashSet<string> RootNames = Names(TrainingOperationNames.Concat(RowsToTensorsOrDataViewNames).ToArray());

    private static HashSet<string> Names(params string[] names) => new(names, StringComparer.Ordinal);

    /// <summary>
    /// False when no member of <paramref name="type"/> can train or build training data, read from its syntax: it calls no
    /// method by a name of <see cref="IsTrainingOperation"/> or <see cref="IsRowsToTensorsOrDataView"/>. Most types of a
    /// code base are judged so, without binding any of their code.
    /// </summary>
    public static bool MayHaveTrainingMembers(INamedTypeSymbol type, CancellationToken cancellationToken)
    {
        foreach (var reference in type.DeclaringSyntaxReferences)
        {
            if (Calls(reference.GetSyntax(cancellationToken), RootNames))
                return true;
        }

        return false;
    }

    /// <summary>
    /// False when <paramref name="code"/> calls no method by a name <see cref="Observe"/> classifies: such code changes no
    /// fact of the scope, so a walk does not bind it (a call is written with its method's name, also through <c>?.</c>).
    /// </summary>
    public static bool MayClassify(SyntaxNode code) => Calls(code, Classified);

    private static bool Calls(SyntaxNode code, HashSet<string> names)
    {
        foreach (var node in code.DescendantNodesAndSelf())
        {
            if (node is InvocationExpressionSyntax invocation && InvokedName(invocation.Expression) is { } name && names.Contains(name))
                return true;
        }

        return false;
    }

    private static string? InvokedName(ExpressionSyntax expression) => expression switch
    {
        SimpleNameSyntax name => name.Identifier.ValueText,
        MemberAccessExpressionSyntax access => access.Name.Identifier.ValueText,
        MemberBindingExpressionSyntax binding => binding.Name.Identifier.ValueText,
        ParenthesizedExpressionSyntax parenthesized => InvokedName(parenthesized.Expression),
        _ => null, // a delegate or a call result: its target is Invoke, which classifies nothing
    };
}
