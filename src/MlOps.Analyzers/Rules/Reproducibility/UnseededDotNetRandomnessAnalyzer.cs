using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using MlOps.Analyzers.Apis;
using MlOps.Analyzers.Catalog;
using MlOps.Analyzers.Engine;
using MlOps.Analyzers.Facts.Symbols;
using MlOps.Analyzers.Facts.Training;

namespace MlOps.Analyzers.Rules.Reproducibility;

/// <summary>
/// MLOPS004: unseeded .NET randomness in training code: <c>new Random()</c> (or a seed drawn from the clock or fresh
/// entropy, <see cref="EntropySeeds"/>), <c>Random.Shared</c>, <c>Guid.NewGuid()</c> as an ordering, sampling or fold key
/// (<see cref="RandomSampling.GuidKeyUse"/>), and <c>RandomNumberGenerator</c> used to shuffle or sample.
/// None of these can be seeded, and none is reached by <c>MLContext(seed)</c> or <c>torch.manual_seed</c>, so the rows a
/// model sees change from run to run. Outside training code (ids, retry jitter, UI) they are not findings: the rule
/// asks <see cref="TrainingScope"/>.
/// </summary>
public sealed class UnseededDotNetRandomnessAnalyzer : Rule
{
    /// <summary>Diagnostic property naming the form, so the fixer knows what to rewrite.</summary>
    public const string KindProperty = "Kind";
    public const string KindCreation = "Creation";
    public const string KindShared = "Shared";
    public const string KindGuidKey = "GuidKey";
    public const string KindCryptoRandom = "CryptoRandom";

    internal static readonly DiagnosticDescriptor Rule = RuleDescriptors.Create(
        RuleIds.UnseededDotNetRandomness,
        RuleCategories.Reproducibility,
        DiagnosticSeverity.Warning,
        title: "Unseeded .NET randomness in training code",
        messageFormat: "{0} in training code is not seeded: each run draws different numbers (another shuffle, sample, split or initialization). Use new Random(<seed>) with a fixed seed (the pipeline's [TrainingSeed] constant, if it has one).",
        description: "System.Random without a seed (or with a seed from the clock), Random.Shared, Guid.NewGuid() used as a sort, sampling or fold key and RandomNumberGenerator cannot be seeded, and neither MLContext's seed nor torch.manual_seed reaches them: training code that shuffles or samples with them cannot be reproduced.");

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(Rule);

    internal override void Start(RuleStart start)
    {
        var symbols = start.Symbols;
        if (symbols.Random is not { } random)
            return;

        var scopes = start.Facts.TrainingScopes;
        // System.Random, Guid and RandomNumberGenerator are .NET's (sealed or static, so never the team's own code).
        start.OnCreation(Calls.Named(ApiOwners.Other, random.Name), c =>
        {
            var creation = (IObjectCreationOperation)c.Operation;
            if (!SymbolEqualityComparer.Default.Equals(creation.Type, random) || creation.Constructor is not { } constructor)
                return;
            if (constructor.Parameters.IsEmpty)
                Report(c, scopes, creation.Syntax.GetLocation(), KindCreation, "'new Random()'");
            else if (creation.Arguments.Length == 1 && EntropySeeds.SourceOf(creation.Arguments[0].Value) is { } source)
                Report(c, scopes, creation.Syntax.GetLocation(), KindCreation, $"'new Random(...)' with a seed from '{source.Written}' ({source.Why})");
        });
        start.OnOperation(c =>
        {
            // Most property references read an instance (`data.Schema`): rejected by the operation itself, before the symbol.
            var reference = (IPropertyReferenceOperation)c.Operation;
            if (reference.Instance is null
                && reference.Property is { IsStatic: true, Name: "Shared" } property
                && SymbolEqualityComparer.Default.Equals(property.ContainingType, random))
                Report(c, scopes, reference.Syntax.GetLocation(), KindShared, "'Random.Shared'");
        }, OperationKind.PropertyReference);
        start.OnInvocation(Calls.Named(ApiOwners.Other, "NewGuid", "Shuffle", "GetItems", "GetInt32"), c => OnInvocation(c, (IInvocationOperation)c.Operation, symbols, scopes));
    }

    private static void OnInvocation(OperationAnalysisContext c, IInvocationOperation invocation, MlSymbols symbols, TrainingScopes scopes)
    {
        var method = invocation.TargetMethod;

        // Both findings below are static calls (Guid.NewGuid, RandomNumberGenerator.*).
        if (!method.IsStatic)
            return;
        if (method is { Name: "NewGuid" }
            && SymbolEqualityComparer.Default.Equals(method.ContainingType, symbols.Guid)
            && RandomSampling.GuidKeyUse(invocation, symbols) is { } use)
        {
            Report(c, scopes, invocation.GetNameLocation(), KindGuidKey, $"'Guid.NewGuid()' {use}");
        }
        else if (SymbolEqualityComparer.Default.Equals(method.ContainingType, symbols.RandomNumberGenerator)
                 && (method.Name is "Shuffle" or "GetItems"
                     || (method.Name == "GetInt32" && (RandomSampling.IsShuffleOrSample(invocation, symbols)
                                                       || RandomSampling.EnclosingOrderingByKey(invocation, symbols) is not null))))
        {
            Report(c, scopes, invocation.GetNameLocation(), KindCryptoRandom, $"'RandomNumberGenerator.{method.Name}'");
        }
    }

    private static void Report(OperationAnalysisContext context, TrainingScopes scopes, Location location, string kind, string what)
    {
        var properties = ImmutableDictionary<string, string?>.Empty.Add(KindProperty, kind);
        scopes.ReportIfTrainingCode(context, Diagnostic.Create(Rule, location, properties, what));
    }
}
