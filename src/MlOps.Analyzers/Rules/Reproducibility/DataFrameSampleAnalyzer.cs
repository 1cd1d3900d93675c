using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using MlOps.Analyzers.Catalog;
using MlOps.Analyzers.Engine;
using MlOps.Analyzers.Facts.Symbols;

namespace MlOps.Analyzers.Rules.Reproducibility;

/// <summary>
/// MLOPS005: <c>DataFrame.Sample(n)</c> in training code. Microsoft.Data.Analysis 0.23.1 has no seeded overload:
/// <c>Sample(int numberOfRows)</c> shuffles row indices with <c>new Random()</c> internally, so the sample differs on
/// every run and nothing in the caller can pin it. The doc page shows seeded index sampling instead.
/// </summary>
public sealed class DataFrameSampleAnalyzer : Rule
{
    internal static readonly DiagnosticDescriptor Rule = RuleDescriptors.Create(
        RuleIds.DataFrameSampleUnseeded,
        RuleCategories.Reproducibility,
        DiagnosticSeverity.Warning,
        title: "DataFrame.Sample cannot be seeded",
        messageFormat: "DataFrame.Sample uses an unseeded System.Random and has no seed parameter: each run trains on different rows. Pick row indices with a seeded Random and take them with DataFrame[indices].",
        description: "Microsoft.Data.Analysis' DataFrame.Sample(n) draws its rows with new Random() and offers no seed, so training code that samples with it cannot be reproduced.");

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(Rule);

    internal override void Start(RuleStart start)
    {
        if (start.Symbols.DataFrame is not { } dataFrame)
            return;

        var scopes = start.Facts.TrainingScopes;
        start.OnInvocation(Calls.Named(ApiOwners.DataAnalysis, "Sample"), c =>
        {
            var invocation = (IInvocationOperation)c.Operation;
            if (MlSymbols.IsOrDerivesFrom(invocation.TargetMethod.ContainingType, dataFrame))
                scopes.ReportIfTrainingCode(c, Diagnostic.Create(Rule, invocation.GetNameLocation()));
        });
    }
}
