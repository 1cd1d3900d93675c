using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;
using MlOps.Analyzers.Facts.Symbols;

namespace MlOps.Analyzers.Facts.Leakage;

/// <summary>
/// MLOPS031's questions: does <c>E.Fit(D)</c> fit preprocessing that learns statistics (and no trainer), and does the
/// same method split rows of D and give the fitted transform to both sides (the split view is its output, or it
/// transforms a part of the split)? Then the test rows shaped the preprocessing: their minimum, mean, vocabulary.
/// </summary>
internal static class PreprocessingBeforeSplit
{
    /// <summary>A split found in the method: the call and its name.</summary>
    internal readonly struct SplitCall
    {
        public SplitCall(IInvocationOperation call, DataValue input)
        {
            Call = call;
            Input = input;
        }

        public IInvocationOperation Call { get; }

        public DataValue Input { get; }
    }

    /// <summary>
    /// True when the type of the fitted estimator shows a trainer: a trainer itself, or a chain whose last transformer
    /// predicts (<c>EstimatorChain&lt;BinaryPredictionTransformer&lt;...&gt;&gt;</c>). Most fits are of such pipelines: this
    /// settles them without following any value.
    /// </summary>
    public static bool EndsInTrainer(IInvocationOperation fit, LeakageSymbols symbols)
    {
        var type = fit.Instance?.WalkDownConversions().Type;
        if (type is null)
            return false;
        if (MlSymbols.IsOrImplements(type.OriginalDefinition, symbols.TrainerEstimator))
            return true;
        if (type is INamedTypeSymbol { IsGenericType: true } chain)
        {
            foreach (var argument in chain.TypeArguments)
            {
                if (MlSymbols.IsOrImplements(argument.OriginalDefinition, symbols.PredictionTransformer))
                    return true;
            }
        }

        return false;
    }

    /// <summary>
    /// The first transform of the fitted estimator that learns statistics (its method name, e.g. <c>NormalizeMinMax</c>),
    /// when the estimator has no trainer and every part of it is known; null otherwise.
    /// </summary>
    public static string? LearningTransform(LeakageFlow flow, IInvocationOperation fit)
    {
        if (fit.Arguments.Length != 1 || fit.Instance is null)
            return null;
        var parts = new List<IInvocationOperation>();
        if (!Collect(flow, flow.Follow(fit.Instance), parts, 0))
            return null;

        foreach (var part in parts)
        {
            if (MlSymbols.IsOrImplements(part.Type?.OriginalDefinition, flow.Symbols.TrainerEstimator))
                return null; // preprocessing inside the estimator that is trained learns from the training rows only
        }

        HashSet<string>? labels = null;
        foreach (var part in parts)
        {
            if (Learns(flow, part, ref labels))
                return part.TargetMethod.Name;
        }

        return null;
    }

    /// <summary>The estimators a chain is made of (<c>a.Append(b)</c>), each a catalog call; false when one is not known.</summary>
    private static bool Collect(LeakageFlow flow, IOperation estimator, List<IInvocationOperation> parts, int depth)
    {
        if (depth > 16 || estimator is not IInvocationOperation call)
            return estimator is IObjectCreationOperation { Arguments.IsEmpty: true } empty
                   && MlSymbols.IsOrImplements(empty.Type, flow.Symbols.Estimator); // new EstimatorChain<ITransformer>()
        if (call.TargetMethod.Name == "Append" && MlSymbols.IsOrImplements(call.Type, flow.Symbols.Estimator))
        {
            // EstimatorChain.Append(estimator) or the extension Append(this IEstimator start, IEstimator estimator).
            var head = call.Instance ?? (call.Arguments.Length > 0 ? call.Arguments[0].Value : null);
            var appended = call.Instance is null ? (call.Arguments.Length > 1 ? call.Arguments[1].Value : null) : (call.Arguments.Length > 0 ? call.Arguments[0].Value : null);
            return head is not null && appended is not null
                   && Collect(flow, flow.Follow(head), parts, depth + 1)
                   && Collect(flow, flow.Follow(appended), parts, depth + 1);
        }

        if (!MlSymbols.IsOrImplements(call.Type, flow.Symbols.Estimator) || (flow.Symbols.MlSymbols.Owners.Of(call) & ApiOwners.MlNet) == 0)
            return false;
        parts.Add(call);
        return true;
    }

    /// <summary>
    /// True for a transform that learns from the rows it is fitted on (ML.NET 5.0.1; RULES.md "Leakage"): the
    /// normalizers that compute statistics, count / mutual-information feature selection, text featurizing, n-grams,
    /// word bags, LDA, PCA; <c>ReplaceMissingValues</c> with a Mean / Minimum / Maximum / Mode replacement (its default
    /// fills the type's default value); key mapping and one-hot encoding of a feature column (<see cref="LearnsKeys"/>).
    /// </summary>
    private static bool Learns(LeakageFlow flow, IInvocationOperation part, ref HashSet<string>? labels)
    {
        var type = part.Type?.OriginalDefinition;
        if (type is null)
            return false;
        if (LeakageSymbols.Contains(flow.Symbols.LearningEstimators, type))
            return true;
        if (MlSymbols.Is(type, flow.Symbols.MissingValueReplacingEstimator))
            return part.GetArgument("replacementMode")?.Value.ConstantValue is { HasValue: true, Value: byte mode } && mode != 0;
        return LeakageSymbols.Contains(flow.Symbols.KeyMappingEstimators, type) && LearnsKeys(flow, part, ref labels);
    }

    /// <summary>
    /// <c>MapValueToKey</c> / <c>OneHotEncoding</c> (one column or <c>InputOutputColumnPair[]</c>) learn their keys from the
    /// rows unless <c>keyData</c> gives them (ML.NET 5.0.1 <c>ValueToKeyMappingTransformer.Train</c> reads the terms of
    /// <c>keyData</c> when it is set, else those of the training data). Mapping the label to keys tells the model nothing
    /// about the test rows' features: learning means a column that is not a label, every column name known.
    /// </summary>
    private static bool LearnsKeys(LeakageFlow flow, IInvocationOperation part, ref HashSet<string>? labels)
    {
        if (part.GetArgument("keyData") is { } keyData && !keyData.Value.IsNullConstant())
            return false;
        if (ColumnsOf(flow, part) is not { } columns)
            return false;
        labels ??= LabelColumns(flow);
        foreach (var (output, input) in columns)
        {
            if (!labels.Contains(output) && !labels.Contains(input))
                return true;
        }

        return false;
    }

    /// <summary>The (output, input) column names a key mapping or one-hot encoding maps, or null when one is not a constant.</summary>
    private static List<(string Output, string Input)>? ColumnsOf(LeakageFlow flow, IInvocationOperation part)
    {
        var columns = new List<(string, string)>();
        if (part.GetArgument("outputColumnName") is { } single)
            return AddPair(columns, single.Value, part.GetArgument("inputColumnName")?.Value) ? columns : null;
        if (part.GetArgument("columns") is not { } array
            || flow.Follow(array.Value) is not IArrayCreationOperation { Initializer: { } initializer })
            return null;
        foreach (var element in initializer.ElementValues)
        {
            // new InputOutputColumnPair(output, input) or new ValueToKeyMappingEstimator.ColumnOptions(output, input, ...)
            if (element.WalkDownConversions() is not IObjectCreationOperation pair
                || pair.GetArgument("outputColumnName") is not { } output
                || !AddPair(columns, output.Value, pair.GetArgument("inputColumnName")?.Value))
                return null;
        }

        return columns;
    }

    /// <summary>Adds the pair when both names are constants (an input left out or null is the output's name); false otherwise.</summary>
    private static bool AddPair(List<(string, string)> columns, IOperation output, IOperation? input)
    {
        if (output.ConstantValue is not { HasValue: true, Value: string outputName })
            return false;
        if (input is null || input.IsNullConstant())
        {
            columns.Add((outputName, outputName));
            return true;
        }

        if (input.ConstantValue is not { HasValue: true, Value: string inputName })
            return false;
        columns.Add((outputName, inputName));
        return true;
    }

    /// <summary>
    /// "Label" (ML.NET's default label column), every constant <c>labelColumnName</c> the method passes and every constant
    /// it assigns to a trainer option's <c>LabelColumnName</c>.
    /// </summary>
    private static HashSet<string> LabelColumns(LeakageFlow flow)
    {
        var labels = new HashSet<string>(System.StringComparer.Ordinal) { "Label" };
        foreach (var operation in flow.Body.Descendants())
        {
            switch (operation)
            {
                case IArgumentOperation { Parameter.Name: "labelColumnName", Value.ConstantValue: { HasValue: true, Value: string label } }:
                    labels.Add(label);
                    break;
                case ISimpleAssignmentOperation { Target: IMemberReferenceOperation { Member.Name: "LabelColumnName" }, Value.ConstantValue: { HasValue: true, Value: string option } }:
                    labels.Add(option);
                    break;
            }
        }

        return labels;
    }

    /// <summary>
    /// The split that cuts rows the fit learned from and that the fitted transform reaches on both sides: the split view
    /// is the transform's output, or the method applies the transform to a part of the split. Null when there is none.
    /// </summary>
    public static IInvocationOperation? SplitOfFittedRows(LeakageFlow flow, IInvocationOperation fit)
    {
        var model = flow.ModelOf(fit);
        if (model.Kind != ModelValueKind.Fitted || model.Training.Kind == DataValueKind.Unknown)
            return null;

        List<DataValue>? transformedParts = null;
        foreach (var split in Splits(flow))
        {
            if (!split.Input.DerivesFrom(model.Training))
                continue;
            if (IsOutputOf(split.Input, model))
                return split.Call;
            if (split.Call.TargetMethod.Name != "TrainTestSplit")
                continue;
            transformedParts ??= InputsTransformedBy(flow, model);
            foreach (var transformed in transformedParts)
            {
                if (IsPartOf(transformed, split.Call))
                    return split.Call;
            }
        }

        return null;
    }

    /// <summary>Every <c>TrainTestSplit</c>, <c>CrossValidationSplit</c> and <c>CrossValidate*</c> of the method, with the rows it splits.</summary>
    private static IEnumerable<SplitCall> Splits(LeakageFlow flow)
    {
        foreach (var operation in flow.Body.Descendants())
        {
            if (operation is not IInvocationOperation invocation)
                continue;
            var name = invocation.TargetMethod.Name;
            var isSplit = name is "TrainTestSplit" or "CrossValidationSplit" && flow.Symbols.IsDataOperation(invocation.TargetMethod);
            var isCrossValidation = name.StartsWith("CrossValidate", System.StringComparison.Ordinal)
                                    && MlSymbols.IsOrDerivesFrom(invocation.TargetMethod.ContainingType, flow.Symbols.MlSymbols.TrainCatalogBase);
            if (!isSplit && !isCrossValidation)
                continue;
            if (invocation.GetArgument("data") is { } data)
                yield return new SplitCall(invocation, flow.DataOf(data.Value));
        }
    }

    private static bool IsOutputOf(DataValue value, ModelValue model)
    {
        for (var current = value; current is not null; current = current.Inner)
        {
            if (current.TransformedBy is { } by && by.SameModel(model))
                return true;
        }

        return false;
    }

    private static List<DataValue> InputsTransformedBy(LeakageFlow flow, ModelValue model)
    {
        var inputs = new List<DataValue>();
        foreach (var operation in flow.Body.Descendants())
        {
            if (operation is IInvocationOperation invocation && flow.IsTransform(invocation) && flow.ModelOf(invocation.Instance!).SameModel(model))
                inputs.Add(flow.DataOf(invocation.Arguments[0].Value));
        }

        return inputs;
    }

    private static bool IsPartOf(DataValue value, IOperation splitCall)
    {
        for (var current = value; current is not null; current = current.Inner)
        {
            if (current.Split is { } split && ReferenceEquals(split.Call, splitCall))
                return true;
        }

        return false;
    }
}
