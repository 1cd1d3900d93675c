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
/// because another method of the same type trains).
/// </summary>
/// <remarks>
/// <para>A type's members are training code (<c>mlops_analyzers.training_scope = auto</c>, the default) when:</para>
/// <list type="bullet">
/// <item>the type, or a type that contains it, is marked <c>[TrainingPipeline]</c>;</item>
/// <item>a member of the type performs a training operation (<see cref="IsTrainingOperation"/>): that member trains,
/// and the other members prepare its data in the same type;</item>
/// <item>the type derives from TorchSharp's <c>Dataset</c>, or it shuffles or samples rows
/// (<see cref="RandomSampling.IsShuffleOrSample"/>) and turns rows into tensors or an <c>IDataView</c>
/// (<see cref="IsRowsToTensorsOrDataView"/>): it builds training data.</item>
/// </list>
/// <para>Test classes (xUnit / NUnit / MSTest attributes) are never training code under <c>auto</c>: a fixture that makes
/// fake rows is not a pipeline. <c>attributed</c> keeps only the first criterion; <c>all</c> makes every member training
/// code. Inference-only code (load a model, create a prediction engine, transform, score) meets none of the criteria.</para>
/// <para>The decision is per type, not per member, with one exception under <c>auto</c>: a member that loads a trained model
/// or creates a prediction engine and trains nothing is inference code (<see cref="IsInferenceOnly"/>). Members of a nested type are judged with the nested type's facts
/// (plus the <c>[TrainingPipeline]</c> of the types around it).</para>
/// </remarks>
internal sealed class TrainingScope : TypeObserver
{
    private readonly MlSymbols _symbols;
    private readonly ConcurrentDictionary<ISymbol, bool> _trainingMembers = new(SymbolEqualityComparer.Default);
    private readonly ConcurrentDictionary<ISymbol, bool> _inferenceMembers = new(SymbolEqualityComparer.Default);
    private bool _trains;
    private bool _shufflesOrSamples;
    private bool _makesTensorsOrDataView;

    public TrainingScope(INamedTypeSymbol type, MlSymbols symbols)
        : base(type)
        => _symbols = symbols;

    /// <summary>The operations the scope observes: invocations.</summary>
    public static ImmutableArray<OperationKind> ObservedKinds { get; } = ImmutableArray.Create(OperationKind.Invocation);

    /// <summary>
    /// True when an operation whose containing symbol is <paramref name="containingSymbol"/> is directly in
    /// <paramref name="type"/>, not in a type nested in it.
    /// </summary>
    public static bool IsDirectlyIn(ISymbol containingSymbol, INamedTypeSymbol type)
        => SymbolEqualityComparer.Default.Equals(containingSymbol as INamedTypeSymbol ?? containingSymbol.ContainingType, type);

    /// <summary>Whether <paramref name="member"/> (the containing symbol of an operation of this type) is training code under <paramref name="mode"/>.</summary>
    public bool IsTrainingCode(TrainingScopeMode mode, ISymbol member) => IsTrainingType(mode) && !IsInferenceOnly(mode, member);

    private bool IsTrainingType(TrainingScopeMode mode)
    {
        if (mode == TrainingScopeMode.All || IsAttributed(Type, _symbols))
            return true;
        if (mode == TrainingScopeMode.Attributed || IsTestType(Type, _symbols))
            return false;

        return Volatile.Read(ref _trains)
               || MlSymbols.IsOrDerivesFrom(Type, _symbols.TorchDataset)
               || (Volatile.Read(ref _shufflesOrSamples) && Volatile.Read(ref _makesTensorsOrDataView));
    }

    /// <summary>
    /// Under <c>auto</c>, a member of an unattributed training type that loads a trained model or creates a prediction engine
    /// (<see cref="IsInferenceOperation"/>) and trains nothing is inference code ("load a model, create a prediction engine,
    /// score"), as the <c>Predict</c> beside a <c>Train</c> in one helper class: it neither trains nor prepares the training data.
    /// </summary>
    private bool IsInferenceOnly(TrainingScopeMode mode, ISymbol member)
        => mode == TrainingScopeMode.Auto
           && !IsAttributed(Type, _symbols)
           && _inferenceMembers.ContainsKey(member)
           && !_trainingMembers.ContainsKey(member);

    /// <summary>
    /// A training operation: an ML.NET estimator's <c>Fit</c>, <c>CrossValidate*</c>, an AutoML experiment run, or a
    /// TorchSharp training step (<see cref="IsTorchTrainingStep"/>).
    /// </summary>
    public static bool IsTrainingOperation(IInvocationOperation invocation, MlSymbols symbols)
    {
        var method = invocation.TargetMethod;
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
        return method.Name switch
        {
            "Load" or "LoadWithDataLoader" or "CreatePredictionEngine" => MlSymbols.Is(method.ContainingType, symbols.ModelOperationsCatalog),
            "load" => !method.IsStatic && MlSymbols.IsOrDerivesFrom(method.ContainingType, symbols.TorchModule),
            _ => false,
        };
    }

    /// <summary>A call that turns in-memory rows into training input: ML.NET <c>LoadFromEnumerable</c>, TorchSharp <c>torch.tensor</c> / <c>from_array</c> / <c>as_tensor</c>.</summary>
    public static bool IsRowsToTensorsOrDataView(IInvocationOperation invocation, MlSymbols symbols)
    {
        var method = invocation.TargetMethod;
        if (method.Name == "LoadFromEnumerable")
            return MlSymbols.IsOrDerivesFrom(method.ContainingType, symbols.DataOperationsCatalog);
        return method.Name is "tensor" or "from_array" or "as_tensor"
               && method.IsStatic
               && SymbolEqualityComparer.Default.Equals(method.ContainingType, symbols.Torch);
    }

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
        if (!MayClassify(invocation.TargetMethod.Name))
            return;

        var trains = IsTrainingOperation(invocation, _symbols);
        var samples = !trains && RandomSampling.IsShuffleOrSample(invocation, _symbols);
        var makesRows = !trains && !samples && IsRowsToTensorsOrDataView(invocation, _symbols);
        var infers = !trains && !samples && !makesRows && IsInferenceOperation(invocation, _symbols);

        // The facts only ever turn true, so concurrent observers need no lock.
        if (trains)
        {
            Volatile.Write(ref _trains, true);
            _trainingMembers.TryAdd(member, true);
        }

        if (infers)
            _inferenceMembers.TryAdd(member, true);
        if (samples)
            Volatile.Write(ref _shufflesOrSamples, true);
        if (makesRows)
            Volatile.Write(ref _makesTensorsOrDataView, true);
    }

    /// <summary>
    /// Every method name <see cref="IsTrainingOperation"/>, <see cref="RandomSampling.IsShuffleOrSample"/>,
    /// <see cref="IsRowsToTensorsOrDataView"/> and <see cref="IsInferenceOperation"/> can accept: each of them first requires one of these names (or the
    /// <c>CrossValidate</c> prefix), so any other call is rejected by one string lookup instead of symbol comparisons
    /// and base-type walks. This runs for every invocation of every type, once per rule that uses the scope.
    /// </summary>
    private static readonly HashSet<string> ClassifiedNames = new(StringComparer.Ordinal)
    {
        // IsTrainingOperation / IsTorchTrainingStep
        "Fit", "Run", "RunAsync", "Execute", "backward", "step",
        // RandomSampling.IsShuffleOrSample
        "Shuffle", "GetItems", "Next", "NextInt64", "GetInt32", "Sample", "ShuffleRows", "BootstrapSample",
        "OrderBy", "OrderByDescending", "ThenBy", "ThenByDescending",
        // IsRowsToTensorsOrDataView
        "LoadFromEnumerable", "tensor", "from_array", "as_tensor",
        // IsInferenceOperation
        "Load", "LoadWithDataLoader", "CreatePredictionEngine", "load",
    };

    private static bool MayClassify(string name)
        => ClassifiedNames.Contains(name) || name.StartsWith("CrossValidate", StringComparison.Ordinal);

    /// <summary>
    /// False when <paramref name="code"/> calls no method by a name <see cref="Observe"/> classifies: such code changes no
    /// fact of the scope, so a walk does not bind it (a call is written with its method's name, also through <c>?.</c>).
    /// </summary>
    public static bool MayClassify(SyntaxNode code)
    {
        foreach (var node in code.DescendantNodesAndSelf())
        {
            if (node is InvocationExpressionSyntax invocation && InvokedName(invocation.Expression) is { } name && MayClassify(name))
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
