using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.FlowAnalysis;
using Microsoft.CodeAnalysis.Operations;
using MlOps.Analyzers.Facts.Symbols;

namespace MlOps.Analyzers.Facts.Leakage;

/// <summary>
/// Follows views, splits and models through one member body (<see cref="MethodGraphs"/>): what rows a view holds
/// (<see cref="DataValue"/>), which rows a model was fitted on (<see cref="ModelValue"/>). Locals are followed to the
/// assignments that reach the use; anything else (a field written in the body, a value from a call we do not know, a
/// local assigned in a lambda) is unknown, and unknown is never a finding.
/// </summary>
internal sealed class LeakageFlow
{
    private const int MaxDepth = 24;

    private readonly LeakageSymbols _symbols;
    private HashSet<ISymbol>? _membersWritten;

    public LeakageFlow(LeakageSymbols symbols, MethodGraphs graphs)
    {
        _symbols = symbols;
        Graphs = graphs;
    }

    public MethodGraphs Graphs { get; }

    public LeakageSymbols Symbols => _symbols;

    /// <summary>The rows of the view <paramref name="original"/> (an operation of the body).</summary>
    public DataValue DataOf(IOperation original)
        => Graphs.Locate(original) is { } located ? Data(located.Analysis, located.Operation, 0) : DataValue.Unknown;

    /// <summary>The model <paramref name="original"/> evaluates to.</summary>
    public ModelValue ModelOf(IOperation original)
        => Graphs.Locate(original) is { } located ? Model(located.Analysis, located.Operation, 0) : ModelValue.Unknown;

    /// <summary>For a scored view <c>M.Transform(X)</c> (directly or through locals): M and X.</summary>
    public (ModelValue Model, DataValue Data)? ScoredBy(IOperation original)
    {
        if (Graphs.Locate(original) is not { } located)
            return null;
        return Follow(located.Analysis, located.Operation, 0) is IInvocationOperation invocation && IsTransform(invocation)
            ? (Model(located.Analysis, invocation.Instance!, 1), Data(located.Analysis, invocation.Arguments[0].Value, 1))
            : null;
    }

    /// <summary>The <c>TrainTestSplit</c> a <c>TrainTestData</c> value comes from.</summary>
    public SplitInfo? SplitOf(IOperation original)
        => Graphs.Locate(original) is { } located ? Split(located.Analysis, located.Operation, 0) : null;

    /// <summary>The operation <paramref name="operation"/> stands for once locals and flow captures with one value are followed (itself otherwise).</summary>
    public IOperation Follow(ReachingDefinitions analysis, IOperation operation, int depth)
    {
        while (depth++ < MaxDepth)
        {
            operation = operation.WalkDownConversions();
            IOperation? next = operation switch
            {
                ILocalReferenceOperation local when !Graphs.IsWrittenByNestedFunction(local.Local)
                    => analysis.ValuesAt(local) is { Count: 1 } values ? values[0] : null,
                IFlowCaptureReferenceOperation capture => analysis.CapturedValue(capture),
                _ => null,
            };
            if (next is null)
                return operation;
            operation = next;
        }

        return operation;
    }

    /// <summary>The graph operation an original operation of the body is followed to (see <see cref="Follow(ReachingDefinitions, IOperation, int)"/>).</summary>
    public IOperation? Follow(IOperation original)
        => Graphs.Locate(original) is { } located ? Follow(located.Analysis, located.Operation, 0) : null;

    /// <summary>A graph operation followed through locals and captures of its own graph (itself when that graph is not known).</summary>
    public IOperation FollowInGraph(IOperation graphOperation)
        => Graphs.AnalysisOf(graphOperation) is { } analysis ? Follow(analysis, graphOperation, 0) : graphOperation.WalkDownConversions();

    private DataValue Data(ReachingDefinitions analysis, IOperation operation, int depth)
    {
        if (depth > MaxDepth)
            return DataValue.Unknown;
        operation = operation.WalkDownConversions();
        switch (operation)
        {
            case ILocalReferenceOperation local:
                return Merge(analysis, local, depth, static (flow, a, value, d) => flow.Data(a, value, d), DataValue.Unknown, SameData);
            case IFlowCaptureReferenceOperation capture:
                return analysis.CapturedValue(capture) is { } captured ? Data(analysis, captured, depth + 1) : DataValue.Unknown;
            case IParameterReferenceOperation parameter:
                return DataValue.Root(parameter.Parameter, parameter.Parameter.Name);
            // TrainTestData exposes its parts as the read-only fields TrainSet and TestSet.
            case IMemberReferenceOperation { Member.Name: "TrainSet" or "TestSet" } part when MlSymbols.Is(part.Member.ContainingType, _symbols.TrainTestData):
                return part.Instance is { } instance && Split(analysis, instance, depth + 1) is { } split
                    ? DataValue.Part(split, part.Member.Name == "TestSet", Describe(part))
                    : DataValue.Unknown;
            case IFieldReferenceOperation { Instance: null or IInstanceReferenceOperation } field:
                return MemberRoot(field.Field, operation);
            case IPropertyReferenceOperation { Instance: null or IInstanceReferenceOperation, Arguments.IsEmpty: true } property:
                return MemberRoot(property.Property, operation);
            case IInvocationOperation invocation:
                return DataFromCall(analysis, invocation, depth);
            default:
                return DataValue.Unknown;
        }
    }

    private DataValue DataFromCall(ReachingDefinitions analysis, IInvocationOperation invocation, int depth)
    {
        var method = invocation.TargetMethod;
        if (_symbols.IsDataOperation(method) && invocation.Arguments.Length > 0)
        {
            var input = Argument(invocation, "input");
            var source = input is null ? DataValue.Unknown : Data(analysis, input, depth + 1);
            var description = Describe(invocation);
            switch (method.Name)
            {
                case "Cache":
                    return DataValue.SameRows(source, null, description);
                case "ShuffleRows":
                    return DataValue.Shuffled(invocation, source, description);
                case "TakeRows":
                    return DataValue.Subset(invocation, source, SubsetKind.Take, ConstantCount(invocation), description);
                case "SkipRows":
                    return DataValue.Subset(invocation, source, SubsetKind.Skip, ConstantCount(invocation), description);
                case "FilterRowsByColumn" or "FilterRowsByMissingValues" or "FilterRowsByKeyColumnFraction" or "BootstrapSample":
                    return DataValue.Subset(invocation, source, SubsetKind.Other, null, description);
            }
        }

        if (IsTransform(invocation))
        {
            var model = Model(analysis, invocation.Instance!, depth + 1);
            return DataValue.SameRows(Data(analysis, invocation.Arguments[0].Value, depth + 1), model, Describe(invocation));
        }

        // Any other call that returns a view (a loader, a helper of the project) is where its rows come from.
        return MlSymbols.IsOrImplements(invocation.Type, _symbols.DataView)
            ? DataValue.Root(invocation, Describe(invocation))
            : DataValue.Unknown;
    }

    private DataValue MemberRoot(ISymbol member, IOperation operation)
    {
        // A field or property the body assigns holds different views at different points: not followed.
        if (MembersWritten().Contains(member.OriginalDefinition))
            return DataValue.Unknown;
        return DataValue.Root(member.OriginalDefinition, Describe(operation));
    }

    private HashSet<ISymbol> MembersWritten()
    {
        if (_membersWritten is null)
        {
            var written = new HashSet<ISymbol>(SymbolEqualityComparer.Default);
            foreach (var operation in Graphs.Body.Descendants())
            {
                if (operation is IAssignmentOperation { Target: IMemberReferenceOperation target })
                    written.Add(target.Member.OriginalDefinition);
            }

            _membersWritten = written;
        }

        return _membersWritten;
    }

    private ModelValue Model(ReachingDefinitions analysis, IOperation operation, int depth)
    {
        if (depth > MaxDepth)
            return ModelValue.Unknown;
        operation = operation.WalkDownConversions();
        switch (operation)
        {
            case ILocalReferenceOperation local:
                return Merge(analysis, local, depth, static (flow, a, value, d) => flow.Model(a, value, d), ModelValue.Unknown, static (x, y) => x.SameModel(y));
            case IFlowCaptureReferenceOperation capture:
                return analysis.CapturedValue(capture) is { } captured ? Model(analysis, captured, depth + 1) : ModelValue.Unknown;
            case IParameterReferenceOperation parameter:
                return ModelValue.FromParameter(parameter.Parameter);
            case IInvocationOperation { TargetMethod.Name: "Fit" } fit when IsEstimatorFit(fit):
                var training = fit.Arguments.Length > 0 ? Data(analysis, fit.Arguments[0].Value, depth + 1) : DataValue.Unknown;
                var validation = fit.Arguments.Length > 1 && ValidationCanChangeModel(analysis, fit.Instance, depth)
                    ? Data(analysis, fit.Arguments[1].Value, depth + 1)
                    : null;
                return ModelValue.Fitted(fit, fit.Instance, training, validation, Describe(fit));
            default:
                return ModelValue.Unknown;
        }
    }

    public SplitInfo? Split(ReachingDefinitions analysis, IOperation operation, int depth)
    {
        if (Follow(analysis, operation, depth) is not IInvocationOperation { TargetMethod.Name: "TrainTestSplit" } split
            || !_symbols.IsDataOperation(split.TargetMethod)
            || Argument(split, "data") is not { } data)
            return null;

        double? fraction = 0.1;
        if (split.GetArgument("testFraction") is { } fractionArgument)
            fraction = fractionArgument.Value.ConstantValue is { HasValue: true, Value: double value } ? value : null;
        var seed = SplitSeed.None;
        if (split.GetArgument("seed") is { } seedArgument && !seedArgument.Value.IsNullConstant())
            seed = seedArgument.Value.WalkDownConversions().ConstantValue is { HasValue: true, Value: int s } ? SplitSeed.Constant(s) : SplitSeed.UnknownSeed;
        string? key = null;
        var keyKnown = true;
        if (split.GetArgument("samplingKeyColumnName") is { } keyArgument && !keyArgument.Value.IsNullConstant())
        {
            key = keyArgument.Value.ConstantValue is { HasValue: true, Value: string name } ? name : null;
            keyKnown = key is not null;
        }

        return new SplitInfo(split, Data(analysis, data, depth + 1), fraction, seed, key, keyKnown);
    }

    /// <summary>
    /// True when the validation data of <c>trainer.Fit(train, validationData)</c> can change the model (ML.NET 5.0.1):
    /// LightGbm with <c>EarlyStoppingRound &gt; 0</c> (default 0); FastTree (boosting) with <c>EnablePruning</c> or an
    /// <c>EarlyStoppingRule</c> (off by default); GAM unless <c>EnablePruning = false</c> (on by default). FastForest and
    /// matrix factorization only report metrics on it. Options that are not visible here count as unchanged.
    /// </summary>
    private bool ValidationCanChangeModel(ReachingDefinitions analysis, IOperation? trainer, int depth)
    {
        if (trainer is null)
            return false;
        var type = trainer.WalkDownConversions().Type;
        var lightGbm = MlSymbols.IsOrDerivesFrom(type, _symbols.LightGbmTrainerBase);
        var boosting = MlSymbols.IsOrDerivesFrom(type, _symbols.BoostingTrainerBase);
        var gam = MlSymbols.IsOrDerivesFrom(type, _symbols.GamTrainerBase);
        if (!lightGbm && !boosting && !gam)
            return false;

        if (Follow(analysis, trainer, depth) is not IInvocationOperation creation)
            return false;
        IOperation? options = null;
        foreach (var argument in creation.Arguments)
        {
            if (argument.Parameter?.Name == "options")
                options = argument.Value;
        }

        if (options is null)
            return gam; // the simple overloads: GAM prunes by default; LightGbm and FastTree neither stop early nor prune.
        if (Follow(analysis, options, depth) is not IObjectCreationOperation lowered
            || Graphs.OriginalOf(lowered) is not IObjectCreationOperation optionsCreation
            || MembersOfLocalAssigned(options))
            return false;

        bool? pruning = null;
        var earlyStopping = false;
        var assignments = optionsCreation.Initializer?.Initializers ?? System.Collections.Immutable.ImmutableArray<IOperation>.Empty;
        foreach (var assignment in assignments)
        {
            if (assignment is not ISimpleAssignmentOperation { Target: IMemberReferenceOperation member } set)
                continue;
            var constant = set.Value.WalkDownConversions().ConstantValue;
            switch (member.Member.Name)
            {
                case "EarlyStoppingRound" when lightGbm:
                    if (constant is not { HasValue: true, Value: int rounds })
                        return false;
                    earlyStopping = rounds > 0;
                    break;
                case "EarlyStoppingRule" when boosting:
                    earlyStopping = !set.Value.IsNullConstant();
                    break;
                case "EnablePruning" when boosting || gam:
                    if (constant is not { HasValue: true, Value: bool enabled })
                        return false;
                    pruning = enabled;
                    break;
            }
        }

        return earlyStopping || (pruning ?? gam);
    }

    /// <summary>True when the options object is a local whose members the body also sets outside its initializer (not followed).</summary>
    private bool MembersOfLocalAssigned(IOperation options)
    {
        if (options.WalkDownConversions() is not ILocalReferenceOperation local)
            return false;
        foreach (var operation in Graphs.Body.Descendants())
        {
            if (operation is IAssignmentOperation { Target: IMemberReferenceOperation { Instance: ILocalReferenceOperation owner } }
                && SymbolEqualityComparer.Default.Equals(owner.Local, local.Local))
                return true;
        }

        return false;
    }

    private T Merge<T>(ReachingDefinitions analysis, ILocalReferenceOperation local, int depth, System.Func<LeakageFlow, ReachingDefinitions, IOperation, int, T> resolve, T unknown, System.Func<T, T, bool> same)
        where T : class
    {
        if (Graphs.IsWrittenByNestedFunction(local.Local) || analysis.ValuesAt(local) is not { } values)
            return unknown;
        T? result = null;
        foreach (var value in values)
        {
            var resolved = resolve(this, analysis, value, depth + 1);
            if (result is null)
                result = resolved;
            else if (!same(result, resolved))
                return unknown;
        }

        return result ?? unknown;
    }

    private static bool SameData(DataValue x, DataValue y) => x.Kind != DataValueKind.Unknown && RowOverlap.SameStep(x, y);

    public bool IsTransform(IInvocationOperation invocation)
        => invocation.TargetMethod.Name == "Transform"
           && invocation.Instance is not null
           && invocation.Arguments.Length == 1
           && MlSymbols.IsOrImplements(invocation.Instance.WalkDownConversions().Type, _symbols.Transformer)
           && MlSymbols.IsOrImplements(invocation.Type, _symbols.DataView);

    public bool IsEstimatorFit(IInvocationOperation invocation)
        => invocation.Instance is not null
           && invocation.Arguments.Length is 1 or 2
           && MlSymbols.IsOrImplements(invocation.Instance.WalkDownConversions().Type, _symbols.Estimator);

    private static IOperation? Argument(IInvocationOperation invocation, string name)
    {
        foreach (var argument in invocation.Arguments)
        {
            if (argument.Parameter?.Name == name)
                return argument.Value;
        }

        return null;
    }

    private static long? ConstantCount(IInvocationOperation invocation)
        => Argument(invocation, "count")?.ConstantValue is { HasValue: true, Value: long count } ? count : null;

    private static string Describe(IOperation operation)
    {
        var text = operation.Syntax.ToString();
        return text.Length <= 60 ? text : text.Substring(0, 57) + "...";
    }
}
