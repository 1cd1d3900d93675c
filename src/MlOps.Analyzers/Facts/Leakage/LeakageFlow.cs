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
    private Dictionary<ILocalSymbol, LocalWrites>? _writes;
    private HashSet<ISymbol>? _membersWritten;
    private MethodGraphs? _graphs;
    private bool _graphsBuilt;

    public LeakageFlow(LeakageSymbols symbols, IOperation body)
    {
        _symbols = symbols;
        Body = body;
    }

    /// <summary>The root of the member's operation tree.</summary>
    public IOperation Body { get; }

    public LeakageSymbols Symbols => _symbols;

    /// <summary>The rows of the view <paramref name="operation"/> (an operation of the body).</summary>
    public DataValue DataOf(IOperation operation) => Data(operation, 0);

    /// <summary>The model <paramref name="operation"/> evaluates to.</summary>
    public ModelValue ModelOf(IOperation operation) => Model(operation, 0);

    /// <summary>For a scored view <c>M.Transform(X)</c> (directly or through locals): M and X.</summary>
    public (ModelValue Model, DataValue Data)? ScoredBy(IOperation operation)
        => Follow(operation) is IInvocationOperation invocation && IsTransform(invocation)
            ? (Model(invocation.Instance!, 1), Data(invocation.Arguments[0].Value, 1))
            : null;

    /// <summary>
    /// The operation <paramref name="operation"/> stands for once locals with one value at that point are followed
    /// (itself otherwise).
    /// </summary>
    public IOperation Follow(IOperation operation)
    {
        for (var depth = 0; depth < MaxDepth; depth++)
        {
            operation = operation.WalkDownConversions();
            if (operation is not ILocalReferenceOperation local || ValuesOf(local) is not { Count: 1 } values)
                return operation;
            operation = values[0];
        }

        return operation;
    }

    /// <summary>
    /// The values the local read by <paramref name="use"/> can hold there, or null when one of them is unknown. A local
    /// assigned once holds that value wherever it is read (the compiler's definite assignment sees to it); one assigned
    /// more than once is looked up in the body's control-flow graph (<see cref="ReachingDefinitions"/>), built only then.
    /// A local assigned in a lambda or local function of the body is never followed (when that runs is not known).
    /// </summary>
    public IReadOnlyList<IOperation>? ValuesOf(ILocalReferenceOperation use)
    {
        _writes ??= LocalWrites.Collect(Body);
        if (!_writes.TryGetValue(use.Local, out var writes) || writes.Opaque || writes.ForEachCollection is not null || writes.Values.Count == 0
            || IsWrittenByNestedFunction(use.Local, writes.Values))
            return null;
        if (writes.Values.Count == 1)
            return writes.Values;
        if (StraightLineValue(use, writes.Values) is { } last)
            return new[] { last };

        if (!_graphsBuilt)
        {
            _graphs = MethodGraphs.Create(Body);
            _graphsBuilt = true;
        }

        if (_graphs?.Locate(use) is not { Operation: ILocalReferenceOperation copy } located
            || located.Analysis.ValuesAt(copy) is not { } reaching)
            return null;
        var values = new List<IOperation>(reaching.Count);
        foreach (var value in reaching)
        {
            var written = value is IFlowCaptureReferenceOperation capture ? located.Analysis.CapturedValue(capture) : value;
            if (written is null || _graphs.OriginalOf(written) is not { } original)
                return null;
            values.Add(original);
        }

        return values;
    }

    /// <summary>
    /// The value a local holds at <paramref name="use"/> when every write of it is a statement of one block, as is the use's
    /// statement (outside any lambda), and a write comes before it: then the last write before the use's statement is the
    /// one that reaches it, as the statements of a block run in order and nothing jumps into a block without a label. The
    /// common <c>data = ml.Data.ShuffleRows(data)</c> is settled so, without a control-flow graph. Null otherwise.
    /// </summary>
    private static IOperation? StraightLineValue(ILocalReferenceOperation use, List<IOperation> values)
    {
        IBlockOperation? block = null;
        var statements = new int[values.Count];
        for (var i = 0; i < values.Count; i++)
        {
            if (WriteStatement(values[i]) is not { Parent: IBlockOperation owner } statement || (block is not null && !ReferenceEquals(owner, block)))
                return null;
            block = owner;
            statements[i] = block.Operations.IndexOf(statement);
        }

        if (block is null || StatementOf(use, block) is not { } useStatement)
            return null;
        foreach (var statement in block.Operations)
        {
            if (statement is ILabeledOperation)
                return null;
        }

        var useIndex = block.Operations.IndexOf(useStatement);
        IOperation? last = null;
        var lastIndex = -1;
        for (var i = 0; i < values.Count; i++)
        {
            if (statements[i] == useIndex)
            {
                if (!IsWithin(use, values[i]))
                    return null; // the use is not the value the statement's write reads before it writes
                continue;
            }

            if (statements[i] > useIndex)
                continue;
            if (statements[i] == lastIndex)
                return null; // two writes in one statement
            if (statements[i] > lastIndex)
            {
                last = values[i];
                lastIndex = statements[i];
            }
        }

        return last;
    }

    /// <summary>The statement a written value belongs to when it is a plain declaration or assignment statement; null otherwise.</summary>
    private static IOperation? WriteStatement(IOperation value)
    {
        var current = value.Parent;
        if (current is not (ISimpleAssignmentOperation or IVariableInitializerOperation))
            return null;
        while (current is ISimpleAssignmentOperation or IVariableInitializerOperation or IVariableDeclaratorOperation or IVariableDeclarationOperation)
            current = current.Parent;
        return current is IExpressionStatementOperation or IVariableDeclarationGroupOperation ? current : null;
    }

    /// <summary>The statement of <paramref name="block"/> that holds <paramref name="operation"/>, outside any lambda or local function; null otherwise.</summary>
    private static IOperation? StatementOf(IOperation operation, IBlockOperation block)
    {
        for (var current = operation; current.Parent is { } parent; current = parent)
        {
            if (ReferenceEquals(parent, block))
                return current;
            if (parent is IAnonymousFunctionOperation or ILocalFunctionOperation)
                return null;
        }

        return null;
    }

    private static bool IsWithin(IOperation operation, IOperation ancestor)
    {
        for (var current = operation; current is not null; current = current.Parent)
        {
            if (ReferenceEquals(current, ancestor))
                return true;
        }

        return false;
    }

    /// <summary>True when a lambda or local function that does not declare the local assigns it (its write is one we cannot place).</summary>
    private static bool IsWrittenByNestedFunction(ILocalSymbol local, IReadOnlyList<IOperation> values)
    {
        foreach (var value in values)
        {
            for (var current = value.Parent; current is not null; current = current.Parent)
            {
                var function = current switch
                {
                    IAnonymousFunctionOperation lambda => lambda.Symbol,
                    ILocalFunctionOperation localFunction => localFunction.Symbol,
                    _ => null,
                };
                if (function is null)
                    continue;
                if (!SymbolEqualityComparer.Default.Equals(local.ContainingSymbol, function))
                    return true;
                break;
            }
        }

        return false;
    }

    private DataValue Data(IOperation operation, int depth)
    {
        if (depth > MaxDepth)
            return DataValue.Unknown;
        operation = operation.WalkDownConversions();
        switch (operation)
        {
            case ILocalReferenceOperation local:
                return Merge(local, depth, static (flow, value, d) => flow.Data(value, d), DataValue.Unknown, SameData);
            case IParameterReferenceOperation parameter:
                return DataValue.Root(parameter.Parameter);
            // TrainTestData exposes its parts as the read-only fields TrainSet and TestSet.
            case IMemberReferenceOperation { Member.Name: "TrainSet" or "TestSet" } part when MlSymbols.Is(part.Member.ContainingType, _symbols.TrainTestData):
                return part.Instance is { } instance && Split(instance, depth + 1) is { } split
                    ? DataValue.Part(split, part.Member.Name == "TestSet")
                    : DataValue.Unknown;
            case IFieldReferenceOperation { Instance: null or IInstanceReferenceOperation } field:
                return MemberRoot(field.Field, operation);
            case IPropertyReferenceOperation { Instance: null or IInstanceReferenceOperation, Arguments.IsEmpty: true } property:
                return MemberRoot(property.Property, operation);
            case IInvocationOperation invocation:
                return DataFromCall(invocation, depth);
            default:
                return DataValue.Unknown;
        }
    }

    private DataValue DataFromCall(IInvocationOperation invocation, int depth)
    {
        var method = invocation.TargetMethod;
        if (_symbols.IsDataOperation(method) && invocation.Arguments.Length > 0)
        {
            var input = Argument(invocation, "input");
            var source = input is null ? DataValue.Unknown : Data(input, depth + 1);
            switch (method.Name)
            {
                case "Cache":
                    return DataValue.SameRows(source, null);
                case "ShuffleRows":
                    return DataValue.Shuffled(invocation, source);
                case "TakeRows":
                    return DataValue.Subset(invocation, source, SubsetKind.Take, ConstantCount(invocation));
                case "SkipRows":
                    return DataValue.Subset(invocation, source, SubsetKind.Skip, ConstantCount(invocation));
                case "FilterRowsByColumn" or "FilterRowsByMissingValues" or "FilterRowsByKeyColumnFraction" or "BootstrapSample":
                    return DataValue.Subset(invocation, source, SubsetKind.Other, null);
            }
        }

        if (IsTransform(invocation))
        {
            var model = Model(invocation.Instance!, depth + 1);
            return DataValue.SameRows(Data(invocation.Arguments[0].Value, depth + 1), model);
        }

        // Any other call that returns a view (a loader, a helper of the project) is where its rows come from.
        return MlSymbols.IsOrImplements(invocation.Type, _symbols.DataView)
            ? DataValue.Root(invocation)
            : DataValue.Unknown;
    }

    private DataValue MemberRoot(ISymbol member, IOperation operation)
    {
        // A field or property the body assigns holds different views at different points: not followed.
        if (MembersWritten().Contains(member.OriginalDefinition))
            return DataValue.Unknown;
        return DataValue.Root(member.OriginalDefinition);
    }

    private HashSet<ISymbol> MembersWritten()
    {
        if (_membersWritten is null)
        {
            var written = new HashSet<ISymbol>(SymbolEqualityComparer.Default);
            foreach (var operation in Body.Descendants())
            {
                if (operation is IAssignmentOperation { Target: IMemberReferenceOperation target })
                    written.Add(target.Member.OriginalDefinition);
            }

            _membersWritten = written;
        }

        return _membersWritten;
    }

    private ModelValue Model(IOperation operation, int depth)
    {
        if (depth > MaxDepth)
            return ModelValue.Unknown;
        operation = operation.WalkDownConversions();
        switch (operation)
        {
            case ILocalReferenceOperation local:
                return Merge(local, depth, static (flow, value, d) => flow.Model(value, d), ModelValue.Unknown, static (x, y) => x.SameModel(y));
            case IParameterReferenceOperation parameter:
                return ModelValue.FromParameter(parameter.Parameter);
            case IInvocationOperation { TargetMethod.Name: "Fit" } fit when IsEstimatorFit(fit):
                var training = fit.Arguments.Length > 0 ? Data(fit.Arguments[0].Value, depth + 1) : DataValue.Unknown;
                var validation = fit.Arguments.Length > 1 && ValidationCanChangeModel(fit.Instance)
                    ? Data(fit.Arguments[1].Value, depth + 1)
                    : null;
                return ModelValue.Fitted(fit, fit.Instance, training, validation);
            default:
                return ModelValue.Unknown;
        }
    }

    public SplitInfo? Split(IOperation operation, int depth)
    {
        if (Follow(operation) is not IInvocationOperation { TargetMethod.Name: "TrainTestSplit" } split
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

        return new SplitInfo(split, () => Data(data, depth + 1), fraction, seed, key, keyKnown);
    }

    /// <summary>
    /// True when the validation data of <c>trainer.Fit(train, validationData)</c> can change the model (ML.NET 5.0.1):
    /// LightGbm with <c>EarlyStoppingRound &gt; 0</c> (default 0); FastTree (boosting) with <c>EnablePruning</c> or an
    /// <c>EarlyStoppingRule</c> (off by default); GAM unless <c>EnablePruning = false</c> (on by default). FastForest and
    /// matrix factorization only report metrics on it. Options that are not visible here count as unchanged.
    /// </summary>
    private bool ValidationCanChangeModel(IOperation? trainer)
    {
        if (trainer is null)
            return false;
        var type = trainer.WalkDownConversions().Type;
        var lightGbm = MlSymbols.IsOrDerivesFrom(type, _symbols.LightGbmTrainerBase);
        var boosting = MlSymbols.IsOrDerivesFrom(type, _symbols.BoostingTrainerBase);
        var gam = MlSymbols.IsOrDerivesFrom(type, _symbols.GamTrainerBase);
        if (!lightGbm && !boosting && !gam)
            return false;

        if (Follow(trainer) is not IInvocationOperation creation)
            return false;
        IOperation? options = null;
        foreach (var argument in creation.Arguments)
        {
            if (argument.Parameter?.Name == "options")
                options = argument.Value;
        }

        if (options is null)
            return gam; // the simple overloads: GAM prunes by default; LightGbm and FastTree neither stop early nor prune.
        if (Follow(options) is not IObjectCreationOperation optionsCreation || MembersOfLocalAssigned(options))
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
        foreach (var operation in Body.Descendants())
        {
            if (operation is IAssignmentOperation { Target: IMemberReferenceOperation { Instance: ILocalReferenceOperation owner } }
                && SymbolEqualityComparer.Default.Equals(owner.Local, local.Local))
                return true;
        }

        return false;
    }

    private T Merge<T>(ILocalReferenceOperation local, int depth, System.Func<LeakageFlow, IOperation, int, T> resolve, T unknown, System.Func<T, T, bool> same)
        where T : class
    {
        if (ValuesOf(local) is not { } values)
            return unknown;
        T? result = null;
        foreach (var value in values)
        {
            var resolved = resolve(this, value, depth + 1);
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
}
