using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using MlOps.Analyzers.Infrastructure;

namespace MlOps.Analyzers.Rules.Reproducibility;

/// <summary>
/// MLOPS005: <c>DataFrame.Sample(n)</c> in training code. Microsoft.Data.Analysis 0.23.1 has no seeded overload:
/// <c>Sample(int numberOfRows)</c> shuffles row indices with <c>new Random()</c> internally, so the sample differs on
/// every run and nothing in the caller can pin it. The doc page shows seeded index sampling instead.
/// </summary>
public sealed class DataFrameSampleAnalyzer : DiagnosticAnalyzer
{
    internal static readonly DiagnosticDescriptor Rule = RuleDescriptors.Create(
        RuleIds.DataFrameSampleUnseeded,
        RuleCategories.Reproducibility,
        DiagnosticSeverity.Warning,
        title: "DataFrame.Sample cannot be seeded",
        messageFormat: "DataFrame.Sample uses an unseeded System.Random and has no seed parameter: each run trains on different rows. Pick row indices with a seeded Random and take them with DataFrame[indices].",
        description: "Microsoft.Data.Analysis' DataFrame.Sample(n) draws its rows with new Random() and offers no seed, so training code that samples with it cannot be reproduced.");

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(Rule);

    public override void Initialize(AnalysisContext context)
    {
        context.EnableConcurrentExecution();
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.RegisterCompilationStartAction(start =>
        {
            var symbols = MlSymbols.TryCreate(start.Compilation);
            if (symbols?.DataFrame is not { } dataFrame)
                return;

            start.RegisterSymbolStartAction(typeStart =>
            {
                var scope = TrainingScope.Start(typeStart, symbols);
                typeStart.RegisterOperationAction(c =>
                {
                    var invocation = (IInvocationOperation)c.Operation;
                    if (invocation.TargetMethod.Name == "Sample"
                        && MlSymbols.IsOrDerivesFrom(invocation.TargetMethod.ContainingType, dataFrame)
                        && scope.Owns(c.ContainingSymbol))
                        scope.ReportIfTrainingCode(c, Diagnostic.Create(Rule, invocation.GetNameLocation()));
                }, ApiOwners.DataAnalysis, OperationKind.Invocation);
            }, SymbolKind.NamedType);
        });
    }
}
