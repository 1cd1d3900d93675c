using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using MlOps.Analyzers.Infrastructure;

namespace MlOps.Analyzers.Rules.Reproducibility;

/// <summary>
/// MLOPS004: unseeded .NET randomness in training code: <c>new Random()</c>, <c>Random.Shared</c>, <c>Guid.NewGuid()</c>
/// as an ordering key (<c>OrderBy(_ => Guid.NewGuid())</c>), and <c>RandomNumberGenerator</c> used to shuffle or sample.
/// None of these can be seeded, and none is reached by <c>MLContext(seed)</c> or <c>torch.manual_seed</c>, so the rows a
/// model sees change from run to run. Outside training code (ids, retry jitter, UI) they are not findings: the rule
/// asks <see cref="TrainingScope"/>.
/// </summary>
public sealed class UnseededDotNetRandomnessAnalyzer : DiagnosticAnalyzer
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
        description: "System.Random without a seed, Random.Shared, Guid.NewGuid() used as a sort key and RandomNumberGenerator cannot be seeded, and neither MLContext's seed nor torch.manual_seed reaches them: training code that shuffles or samples with them cannot be reproduced.");

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(Rule);

    public override void Initialize(AnalysisContext context)
    {
        context.EnableConcurrentExecution();
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.RegisterCompilationStartAction(start =>
        {
            var symbols = MlSymbols.TryCreate(start.Compilation);
            if (symbols?.Random is not { } random)
                return;

            start.RegisterSymbolStartAction(typeStart =>
            {
                var scope = TrainingScope.Start(typeStart, symbols);

                // One registration for every kind (one delegate per type: this runs for every type of the code base).
                // Calls into .NET only: System.Random, Guid and RandomNumberGenerator (sealed or static, so never the team's own code).
                typeStart.RegisterOperationAction(c => Observe(c, symbols, random, scope), ApiOwners.Other, ObservedKinds);
            }, SymbolKind.NamedType);
        });
    }

    private static readonly ImmutableArray<OperationKind> ObservedKinds = ImmutableArray.Create(
        OperationKind.ObjectCreation, OperationKind.PropertyReference, OperationKind.Invocation);

    private static void Observe(OperationAnalysisContext c, MlSymbols symbols, INamedTypeSymbol random, TrainingScope scope)
    {
        switch (c.Operation.Kind)
        {
            case OperationKind.ObjectCreation:
                OnCreation(c, (IObjectCreationOperation)c.Operation, random, scope);
                break;
            case OperationKind.PropertyReference:
                OnPropertyReference(c, (IPropertyReferenceOperation)c.Operation, random, scope);
                break;
            case OperationKind.Invocation:
                OnInvocation(c, (IInvocationOperation)c.Operation, symbols, scope);
                break;
        }
    }

    private static void OnCreation(OperationAnalysisContext c, IObjectCreationOperation creation, INamedTypeSymbol random, TrainingScope scope)
    {
        if (SymbolEqualityComparer.Default.Equals(creation.Type, random)
            && creation.Constructor is { Parameters.Length: 0 }
            && scope.Owns(c.ContainingSymbol))
            Report(c, scope, creation.Syntax.GetLocation(), KindCreation, "'new Random()'");
    }

    private static void OnPropertyReference(OperationAnalysisContext c, IPropertyReferenceOperation reference, INamedTypeSymbol random, TrainingScope scope)
    {
        // Most property references read an instance (`data.Schema`): rejected by the operation itself, before the symbol.
        if (reference.Instance is null
            && reference.Property is { IsStatic: true, Name: "Shared" } property
            && SymbolEqualityComparer.Default.Equals(property.ContainingType, random)
            && scope.Owns(c.ContainingSymbol))
            Report(c, scope, reference.Syntax.GetLocation(), KindShared, "'Random.Shared'");
    }

    private static void OnInvocation(OperationAnalysisContext c, IInvocationOperation invocation, MlSymbols symbols, TrainingScope scope)
    {
        var method = invocation.TargetMethod;

        // Both findings below are static calls (Guid.NewGuid, RandomNumberGenerator.*): reject the rest first.
        if (!method.IsStatic || !scope.Owns(c.ContainingSymbol))
            return;
        if (method is { Name: "NewGuid" }
            && SymbolEqualityComparer.Default.Equals(method.ContainingType, symbols.Guid)
            && RandomSampling.EnclosingOrderingByKey(invocation, symbols) is not null)
        {
            Report(c, scope, invocation.GetNameLocation(), KindGuidKey, "'Guid.NewGuid()' as a sort key");
        }
        else if (SymbolEqualityComparer.Default.Equals(method.ContainingType, symbols.RandomNumberGenerator)
                 && (method.Name is "Shuffle" or "GetItems"
                     || (method.Name == "GetInt32" && (RandomSampling.IsShuffleOrSample(invocation, symbols)
                                                       || RandomSampling.EnclosingOrderingByKey(invocation, symbols) is not null))))
        {
            Report(c, scope, invocation.GetNameLocation(), KindCryptoRandom, $"'RandomNumberGenerator.{method.Name}'");
        }
    }

    private static void Report(OperationAnalysisContext context, TrainingScope scope, Location location, string kind, string what)
    {
        var properties = ImmutableDictionary<string, string?>.Empty.Add(KindProperty, kind);
        scope.ReportIfTrainingCode(context, Diagnostic.Create(Rule, location, properties, what));
    }
}
