using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;
using MlOps.Analyzers.Catalog;
using MlOps.Analyzers.Engine;
using MlOps.Analyzers.Facts.Leakage;
using MlOps.Analyzers.Facts.Symbols;

namespace MlOps.Analyzers.Rules.Leakage;

/// <summary>
/// MLOPS031: <c>E.Fit(D)</c> where E is preprocessing without a trainer that learns statistics (normalizers, mean
/// imputation, feature selection, text featurizing, PCA, one-hot / key mapping of features), and the same method
/// splits D's rows (<c>TrainTestSplit</c>, <c>CrossValidationSplit</c>, <c>CrossValidate*</c>, before or after the fit)
/// with the fitted transform on both sides. Facts in <see cref="PreprocessingBeforeSplit"/>.
/// </summary>
public sealed class PreprocessingFittedBeforeSplitAnalyzer : Rule
{
    internal static readonly DiagnosticDescriptor Rule = RuleDescriptors.Create(
        RuleIds.PreprocessingFittedBeforeSplit,
        RuleCategories.Leakage,
        DiagnosticSeverity.Warning,
        title: "Preprocessing fitted on data that is split afterwards",
        messageFormat: "'Fit' learns '{0}' from '{1}', rows that '{2}' splits into training and test data: the test rows shape the preprocessing and the evaluation is optimistic. Split first and fit the preprocessing on the training part, or append it to the estimator you train.",
        description: "Preprocessing that learns statistics (a normalizer's minimum and maximum, a mean for missing values, a vocabulary, selected features) fitted on all rows before the split lets the test rows influence the model. Fit it on the training part only, or make it part of the estimator that is trained or cross-validated.");

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(Rule);

    internal override void Start(RuleStart start)
    {
        if (!start.Symbols.HasMlNet)
            return;

        var analysis = LeakageAnalysis.For(start.Symbols);
        start.OnInvocation(Calls.Named(ApiOwners.MlNet, "Fit"), c =>
        {
            var fit = (IInvocationOperation)c.Operation;
            if (fit.Arguments.Length != 1
                || PreprocessingBeforeSplit.EndsInTrainer(fit, analysis.Symbols)
                || !analysis.MaySplit(fit))
                return;
            var flow = analysis.FlowOf(fit);
            if (!flow.IsEstimatorFit(fit)
                || PreprocessingBeforeSplit.LearningTransform(flow, fit) is not { } transform
                || PreprocessingBeforeSplit.SplitOfFittedRows(flow, fit) is not { } split)
                return;
            c.ReportDiagnostic(Diagnostic.Create(
                Rule, fit.GetNameLocation(), transform, fit.Arguments[0].Value.Syntax.ToString(), split.TargetMethod.Name));
        });
    }
}
