using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using MlOps.Analyzers.Catalog;
using MlOps.Analyzers.Engine;
using MlOps.Analyzers.Facts.Contexts;
using MlOps.Analyzers.Facts.Symbols;

namespace MlOps.Analyzers.Rules.Reproducibility;

/// <summary>
/// MLOPS003 (Info): a trainer whose own randomness is left to chance. Facts from ML.NET 5.0.1:
/// LightGBM uses <c>Seed ?? host.Rand.Next()</c> (<c>LightGbmTrainerBase.OptionsBase.ToDictionary</c>), so an unset
/// <c>Seed</c> on an unseeded context changes every run; SDCA, SGD, averaged perceptron and field-aware factorization
/// machines shuffle each epoch by default (<c>Shuffle = true</c>) with the context's generator; SDCA's
/// <c>NumberOfThreads</c> defaults to automatic and its documentation says "Determinism is not guaranteed" with more than
/// one thread (dotnet/machinelearning#5434, #5754, #5497), seeded context or not. FastTree and GAM are not findings:
/// they use fixed default seeds (123). Info, not Warning: a multi-threaded SDCA is often an accepted trade-off.
/// </summary>
public sealed class TrainerRandomnessNotPinnedAnalyzer : Rule
{
    /// <summary>Diagnostic property for the fixer: the options members to set, comma-separated (<c>Seed</c>, <c>Shuffle</c>, <c>NumberOfThreads</c>).</summary>
    public const string MembersProperty = "Members";

    internal static readonly DiagnosticDescriptor Rule = RuleDescriptors.Create(
        RuleIds.TrainerRandomnessNotPinned,
        RuleCategories.Reproducibility,
        DiagnosticSeverity.Info,
        title: "Trainer randomness not pinned",
        messageFormat: "'{0}' is not reproducible: {1}. Create it with its Options and set {2}.",
        description: "Some ML.NET trainers have randomness of their own: LightGBM's Seed (drawn from an unseeded context when unset), the per-epoch shuffle of SDCA, SGD, averaged perceptron and field-aware factorization machines (on by default, drawn from the context), and SDCA's lock-free multi-threading, which is not deterministic.");

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(Rule);

    internal override void Start(RuleStart start)
    {
        var symbols = start.Symbols;
        if (symbols.MLContext is null)
            return;

        var seedings = start.Facts.ContextSeeding;
        // Only ML.NET's catalog methods create trainers (see Inspect).
        start.OnInvocation(Calls.Into(ApiOwners.MlNet), c =>
        {
            var call = (IInvocationOperation)c.Operation;
            var issues = Inspect(call, symbols);
            if (issues.Any)
                MLContextSeeding.Judge(seedings, c, call.GetReceiver(), symbols.MLContext, symbols.Owners, (_, unseeded, report) => Judge(call, issues, unseeded, report));
        });
    }

    private static void Judge(IInvocationOperation call, Issues issues, bool unseeded, System.Action<Diagnostic> report)
    {
        // What to set, why, and how the message says it; the fixer reads the members (MembersProperty).
        var pins = new List<(string Member, string Reason, string Remedy)>();
        if (issues.SeedUnset && unseeded)
            pins.Add(("Seed", "its Seed is unset, so LightGBM takes one from the unseeded MLContext", "Seed"));
        if (issues.ShuffleOn && unseeded)
            pins.Add(("Shuffle", "it shuffles every epoch with the unseeded MLContext's generator", "Shuffle = false"));
        if (issues.MultiThreaded)
            pins.Add(("NumberOfThreads", "SDCA with NumberOfThreads unset or above 1 is not deterministic", "NumberOfThreads = 1"));

        if (pins.Count == 0)
            return;
        var properties = ImmutableDictionary<string, string?>.Empty.Add(MembersProperty, string.Join(",", pins.Select(p => p.Member)));
        report(Diagnostic.Create(
            Rule,
            call.GetNameLocation(),
            properties,
            call.TargetMethod.Name,
            string.Join("; ", pins.Select(p => p.Reason)),
            string.Join(" and ", pins.Select(p => p.Remedy))));
    }

    private struct Issues
    {
        public bool SeedUnset;
        public bool ShuffleOn;
        public bool MultiThreaded;

        public readonly bool Any => SeedUnset || ShuffleOn || MultiThreaded;
    }

    private static Issues Inspect(IInvocationOperation invocation, MlSymbols symbols)
    {
        var issues = default(Issues);
        var trainer = invocation.TargetMethod.ReturnType;

        // The trainer types below are ML.NET classes: a call returning anything else (void, a value type, an interface,
        // string, object...) derives from none of them. One check instead of five base-type walks for most calls.
        if (trainer.TypeKind != TypeKind.Class || trainer.SpecialType != SpecialType.None)
            return issues;

        // Only calls into ML.NET reach here (the registration's filter): its catalog methods are what create trainers (their
        // constructors are internal). A team's factory method that returns one sets the options inside, where its catalog
        // call is judged; its callers cannot see them.
        var isLightGbm = MlSymbols.IsOrDerivesFrom(trainer, symbols.LightGbmTrainerBase);
        var isSdca = MlSymbols.IsOrDerivesFrom(trainer, symbols.SdcaTrainerBase);
        var shuffles = isSdca
                       || MlSymbols.IsOrDerivesFrom(trainer, symbols.SgdBinaryTrainerBase)
                       || MlSymbols.IsOrDerivesFrom(trainer, symbols.AveragedPerceptronTrainer)
                       || MlSymbols.IsOrDerivesFrom(trainer, symbols.FieldAwareFactorizationMachineTrainer);
        if (!isLightGbm && !shuffles)
            return issues;

        // The Options overloads: only an options object created in place is read; one built elsewhere is unknown (not a finding).
        var options = invocation.GetArgument("options");
        Dictionary<string, IOperation>? assigned = null;
        if (options is not null)
        {
            if (options.Value.WalkDownConversions() is not IObjectCreationOperation creation)
                return issues;
            assigned = AssignedMembers(creation);
        }

        IOperation? Value(string member) => assigned is not null && assigned.TryGetValue(member, out var value) ? value : null;

        if (isLightGbm)
            issues.SeedUnset = Value("Seed") is not { } seed || seed.IsNullConstant();

        if (shuffles)
        {
            var shuffle = Value("Shuffle");
            issues.ShuffleOn = shuffle is null || shuffle.WalkDownConversions().ConstantValue is { HasValue: true, Value: true };
        }

        if (isSdca)
        {
            var threads = Value("NumberOfThreads");
            issues.MultiThreaded = threads is null
                                   || threads.IsNullConstant()
                                   || threads.WalkDownConversions().ConstantValue is { HasValue: true, Value: int count } && count > 1;
        }

        return issues;
    }

    private static Dictionary<string, IOperation> AssignedMembers(IObjectCreationOperation creation)
    {
        var assigned = new Dictionary<string, IOperation>(System.StringComparer.Ordinal);
        if (creation.Initializer is null)
            return assigned;
        foreach (var initializer in creation.Initializer.Initializers)
        {
            if (initializer is ISimpleAssignmentOperation { Target: IMemberReferenceOperation member } assignment)
                assigned[member.Member.Name] = assignment.Value;
        }

        return assigned;
    }
}
