using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using MlOps.Analyzers.Rules.DataLineage;
using MlOps.Analyzers.Rules.Leakage;
using MlOps.Analyzers.Rules.Lineage;
using MlOps.Analyzers.Rules.ModelVersioning;
using MlOps.Analyzers.Rules.Reproducibility;

namespace MlOps.Analyzers.Hosting;

/// <summary>
/// The one analyzer the package ships: it runs every rule analyzer (<see cref="CreateRules"/>) under a single
/// registration. Each rule stays an ordinary <see cref="DiagnosticAnalyzer"/> in <c>Rules/</c>, tested on its own; here
/// their actions are collected at compilation start and registered once per operation kind, symbol kind and pass
/// (<see cref="FanOutCompilationStartContext"/>), and the facts several rules need are computed once
/// (<see cref="SharedAnalysisState"/>).
/// </summary>
/// <remarks>
/// Why: with one analyzer per rule the driver dispatched every operation to each rule, built a symbol-start pass per
/// type per rule, and every rule computed the training scope, the MLContext seeding and the call-site index again. The
/// benchmark (tests/MlOps.Analyzers.Benchmarks, docs/performance.md) measured that repetition as most of the cost.
/// A rule whose every diagnostic is turned off (<c>dotnet_diagnostic.ID.severity = none</c>, <c>/nowarn</c>) is not run,
/// as the driver would not run a separate analyzer for it.
/// </remarks>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class MlOpsAnalyzer : DiagnosticAnalyzer
{
    private readonly ImmutableArray<(DiagnosticAnalyzer Rule, ImmutableArray<System.Action<CompilationStartAnalysisContext>> Starts)> _rules;

    public MlOpsAnalyzer()
        : this(CreateRules())
    {
    }

    /// <summary>Hosts <paramref name="rules"/> only (tests and the benchmark host subsets).</summary>
    internal MlOpsAnalyzer(ImmutableArray<DiagnosticAnalyzer> rules)
    {
        _rules = rules.Select(rule => (rule, RuleInitialization.Record(rule).CompilationStarts)).ToImmutableArray();
        SupportedDiagnostics = rules.SelectMany(rule => rule.SupportedDiagnostics).Distinct().ToImmutableArray();
    }

    /// <summary>Every rule of the package, one analyzer each, grouped by family.</summary>
    public static ImmutableArray<DiagnosticAnalyzer> CreateRules() => ImmutableArray.Create<DiagnosticAnalyzer>(
        // Reproducibility
        new UnseededMLContextAnalyzer(),
        new UnseededDataOperationAnalyzer(),
        new TrainerRandomnessNotPinnedAnalyzer(),
        new UnseededDotNetRandomnessAnalyzer(),
        new DataFrameSampleAnalyzer(),
        new UnseededTorchSharpAnalyzer(),
        new DataLoaderShuffleAnalyzer(),
        // Data lineage
        new UntrackedDataLoadAnalyzer(),
        new MutableDatasetDownloadAnalyzer(),
        // Model versioning
        new UnversionedModelSaveAnalyzer(),
        new ModelSavedWithoutLineageAnalyzer(),
        // Leakage
        new ModelEvaluatedOnTrainingDataAnalyzer(),
        new PreprocessingFittedBeforeSplitAnalyzer(),
        new ToDataFrameTruncatesAnalyzer(),
        // Lineage attributes
        new PipelineTypeNotPartialAnalyzer(),
        new DuplicateLineageNameAnalyzer(),
        new HyperparameterNotConstantAnalyzer(),
        new InvalidVersionOrTemplateAnalyzer(),
        new DeclaredDatasetNeverLoadedAnalyzer());

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; }

    public override void Initialize(AnalysisContext context)
    {
        context.EnableConcurrentExecution();
        // Generated code is not analyzed (no Analyze flag), as every rule asks. The rules only report where they saw an
        // operation or a declaration, so none of their diagnostics can be in generated code; allowing the report spares
        // the driver a generated-code check of every compilation-end diagnostic's location (binding its tree's
        // declarations: 30 ms for 439 MLOPS021 findings in the benchmark).
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.ReportDiagnostics);
        context.RegisterCompilationStartAction(start =>
        {
            var fanOut = new FanOutCompilationStartContext(start);
            foreach (var (rule, starts) in _rules)
            {
                if (IsTurnedOff(rule, start.Compilation, start.CancellationToken))
                    continue;
                foreach (var ruleStart in starts)
                    ruleStart(fanOut);
            }

            fanOut.Apply(start);
        });
    }

    /// <summary>
    /// True when every diagnostic of <paramref name="rule"/> is suppressed for the whole compilation and no file turns
    /// it back on: by <c>/nowarn</c> or a rule set (compilation options), or by a global or per-file analyzer config.
    /// </summary>
    internal static bool IsTurnedOff(DiagnosticAnalyzer rule, Compilation compilation, CancellationToken cancellationToken)
    {
        var options = compilation.Options;
        var treeOptions = options.SyntaxTreeOptionsProvider;
        foreach (var descriptor in rule.SupportedDiagnostics)
        {
            var suppressed = options.SpecificDiagnosticOptions.TryGetValue(descriptor.Id, out var report)
                ? report == ReportDiagnostic.Suppress
                : treeOptions is not null && treeOptions.TryGetGlobalDiagnosticValue(descriptor.Id, cancellationToken, out report)
                    ? report == ReportDiagnostic.Suppress
                    : !descriptor.IsEnabledByDefault;
            if (!suppressed)
                return false;
            if (treeOptions is not null && compilation.SyntaxTrees.Any(tree =>
                    treeOptions.TryGetDiagnosticValue(tree, descriptor.Id, cancellationToken, out var perTree) && perTree != ReportDiagnostic.Suppress))
                return false;
        }

        return true;
    }
}
