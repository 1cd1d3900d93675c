using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using MlOps.Analyzers.Apis;
using MlOps.Analyzers.Catalog;
using MlOps.Analyzers.Engine;
using MlOps.Analyzers.Facts.Symbols;

namespace MlOps.Analyzers.Rules.Reproducibility;

/// <summary>
/// MLOPS007: a TorchSharp <c>DataLoader</c> (<c>new DataLoader(...)</c>, <c>new IterableDataLoader(...)</c>,
/// <c>torch.utils.data.DataLoader(...)</c>) with <c>shuffle: true</c> and no <c>seed:</c>. In TorchSharp 0.107 the
/// loader shuffles with <c>TorchSharp.Utils.FisherYatesShuffler</c>, whose enumerator does
/// <c>r = seed == null ? new Random() : new Random(seed.Value)</c>: a .NET generator that <c>torch.manual_seed</c> does
/// not reach, so the batches differ on every run even in a seeded program.
/// </summary>
public sealed class DataLoaderShuffleAnalyzer : Rule
{
    internal static readonly DiagnosticDescriptor Rule = RuleDescriptors.Create(
        RuleIds.DataLoaderShuffleUnseeded,
        RuleCategories.Reproducibility,
        DiagnosticSeverity.Warning,
        title: "TorchSharp DataLoader shuffles without a seed",
        messageFormat: "This DataLoader shuffles with an unseeded System.Random, which torch.manual_seed does not control: batches differ on every run. Pass 'seed:'.",
        description: "TorchSharp's DataLoader shuffles with new Random() unless a seed is passed. torch.manual_seed only seeds LibTorch's generator, so the batch order, and the trained model, change from run to run.");

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(Rule);

    internal override void Start(RuleStart start)
    {
        var symbols = start.Symbols;
        if (symbols.TorchDataLoader is not { } dataLoader || symbols.TorchUtilsData is not { } utilsData)
            return;

        // A DataLoader, or the team's subclass of one.
        start.OnCreation(Calls.Into(ApiOwners.TorchSharp | ApiOwners.Source), c =>
        {
            var creation = (IObjectCreationOperation)c.Operation;
            if (creation.Constructor is { } constructor
                && MlSymbols.IsOrDerivesFrom(constructor.ContainingType, dataLoader)
                && ShufflesWithoutSeed(creation.GetArgument("shuffle"), creation.GetArgument("seed"), constructor))
                c.ReportDiagnostic(Diagnostic.Create(Rule, creation.Syntax.GetLocation()));
        });

        start.OnInvocation(Calls.Named(ApiOwners.TorchSharp, "DataLoader"), c =>
        {
            var invocation = (IInvocationOperation)c.Operation;
            var method = invocation.TargetMethod;
            if (SymbolEqualityComparer.Default.Equals(method.ContainingType, utilsData)
                && ShufflesWithoutSeed(invocation.GetArgument("shuffle"), invocation.GetArgument("seed"), method))
                c.ReportDiagnostic(Diagnostic.Create(Rule, invocation.GetNameLocation()));
        });
    }

    /// <summary>
    /// Only a shuffle that is provably on (the constant <see langword="true"/>) counts: <c>shuffle</c> defaults to false,
    /// and a variable may be false (documented limit). The overloads that take a custom shuffler have no <c>seed</c>
    /// parameter and are not findings: the caller's shuffler decides.
    /// </summary>
    private static bool ShufflesWithoutSeed(IArgumentOperation? shuffle, IArgumentOperation? seed, IMethodSymbol method)
    {
        if (shuffle?.Value.WalkDownConversions().ConstantValue is not { HasValue: true, Value: true })
            return false;

        var hasSeedParameter = false;
        foreach (var parameter in method.Parameters)
            hasSeedParameter |= parameter.Name == "seed";
        // A seed from the clock or fresh entropy is no seed (EntropySeeds).
        return hasSeedParameter && (seed is null || seed.Value.IsNullConstant() || EntropySeeds.SourceOf(seed.Value) is not null);
    }
}
