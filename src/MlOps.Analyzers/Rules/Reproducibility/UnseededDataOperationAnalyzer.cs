using System.Collections.Concurrent;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using MlOps.Analyzers.Catalog;
using MlOps.Analyzers.Engine;
using MlOps.Analyzers.Facts.Contexts;
using MlOps.Analyzers.Facts.Symbols;

namespace MlOps.Analyzers.Rules.Reproducibility;

/// <summary>
/// MLOPS002: <c>ShuffleRows</c> / <c>BootstrapSample</c> without <c>seed:</c> on a context that is provably unseeded in
/// the same type. Without a seed both draw their seed from the context's generator (ML.NET 5.0.1), so a seeded context
/// makes them reproducible and an unseeded one does not. <c>TrainTestSplit</c>, <c>CrossValidationSplit</c> and
/// <c>CrossValidate*</c> are not findings: without a seed they fall back to the context seed, else a fixed default
/// (dotnet/machinelearning#1635, PR #4775).
/// </summary>
public sealed class UnseededDataOperationAnalyzer : Rule
{
    internal static readonly DiagnosticDescriptor Rule = RuleDescriptors.Create(
        RuleIds.UnseededDataOperation,
        RuleCategories.Reproducibility,
        DiagnosticSeverity.Warning,
        title: "Random data operation on an unseeded context",
        messageFormat: "'{0}' has no seed and draws one from the unseeded MLContext '{1}': each run picks different rows. Pass 'seed:'.",
        description: "ShuffleRows and BootstrapSample take their seed from the MLContext's generator when none is passed. On a context created without a seed that generator is seeded from the clock, so the rows differ on every run.");

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(Rule);

    internal override void Start(RuleStart start)
    {
        var symbols = start.Symbols;
        if (symbols.MLContext is null || symbols.DataOperationsCatalog is null)
            return;

        var seedings = start.Facts.ContextSeeding;
        start.OnInvocation(Calls.Named(ApiOwners.MlNet, "ShuffleRows", "BootstrapSample"), c =>
        {
            var invocation = (IInvocationOperation)c.Operation;
            if (!IsUnseededDataOperation(invocation, symbols))
                return;
            MLContextSeeding.Judge(seedings, c, invocation.GetReceiver(), symbols.MLContext, symbols.Owners, (mlContext, unseeded, report) =>
            {
                if (unseeded)
                    report(Diagnostic.Create(Rule, invocation.GetNameLocation(), invocation.TargetMethod.Name, mlContext!.Display));
            });
        });
    }

    private static bool IsUnseededDataOperation(IInvocationOperation invocation, MlSymbols symbols)
    {
        var method = invocation.TargetMethod;
        if (method.Name is not ("ShuffleRows" or "BootstrapSample")
            || !MlSymbols.IsOrDerivesFrom(method.ContainingType, symbols.DataOperationsCatalog))
            return false;

        var seed = invocation.GetArgument("seed");
        return seed is null || seed.Value.IsNullConstant();
    }
}
