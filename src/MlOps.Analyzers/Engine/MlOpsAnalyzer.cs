using System;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using MlOps.Analyzers.Facts.Symbols;

namespace MlOps.Analyzers.Engine;

/// <summary>
/// The one analyzer of the package: it hosts every <see cref="Rule"/> of the assembly. Per compilation it checks once
/// whether the compilation references the libraries the rules are about (<see cref="RuleGate"/>), starts the rules whose
/// diagnostics are on, and registers what they subscribed as one driver action per operation kind, one per symbol kind
/// and at most one compilation-end action.
/// </summary>
/// <remarks>
/// No symbol-start action: once any analyzer registers one, the compiler driver walks every analyzer of the build after
/// every declared symbol, under a lock per analyzer, which costs the build far more than the rules' own work (DESIGN.md,
/// "Cost is what the user's build pays"). Facts that need a type's whole code are computed per type on demand
/// (<see cref="Facts.Types.TypeFacts{T}"/>). A rule whose every diagnostic is turned off (<c>dotnet_diagnostic.ID.severity =
/// none</c>, <c>/nowarn</c>) is not started, as the driver would not run a separate analyzer for it.
/// </remarks>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class MlOpsAnalyzer : DiagnosticAnalyzer
{
    private readonly ImmutableArray<Rule> _rules;

    public MlOpsAnalyzer()
        : this(AllRules)
    {
    }

    /// <summary>Hosts <paramref name="rules"/> only (a rule's tests host that rule alone, as it ships).</summary>
    public MlOpsAnalyzer(params Rule[] rules)
        : this(rules.ToImmutableArray())
    {
    }

    internal MlOpsAnalyzer(ImmutableArray<Rule> rules)
    {
        _rules = rules;
        SupportedDiagnostics = rules.SelectMany(rule => rule.SupportedDiagnostics).Distinct().ToImmutableArray();
    }

    /// <summary>Every rule of the package: each non-abstract <see cref="Rule"/> of this assembly, one instance, ordered by name.</summary>
    public static ImmutableArray<Rule> AllRules { get; } = typeof(Rule).Assembly.GetTypes()
        .Where(type => !type.IsAbstract && typeof(Rule).IsAssignableFrom(type))
        .OrderBy(type => type.FullName, StringComparer.Ordinal)
        .Select(type => (Rule)Activator.CreateInstance(type)!)
        .ToImmutableArray();

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; }

    public override void Initialize(AnalysisContext context)
    {
        context.EnableConcurrentExecution();
        // Generated code is not analyzed (no Analyze flag). Reporting is allowed: the rules only report where they saw an
        // operation or a declaration, never in generated code, and allowing it spares the driver a generated-code check of
        // the location of every compilation-end diagnostic.
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.ReportDiagnostics);
        context.RegisterCompilationStartAction(Start);
    }

    private void Start(CompilationStartAnalysisContext context)
    {
        var compilation = context.Compilation;
        var symbols = MlSymbols.TryCreate(compilation);
        var lineage = LineageSymbols.TryCreate(compilation);
        if (symbols is null && lineage is null)
            return; // the library gate: a compilation without ML code or lineage attributes pays for nothing more

        var start = new RuleStart(compilation, context.Options, symbols, lineage, context.CancellationToken);
        foreach (var rule in _rules)
        {
            if (start.Passes(rule.Gate) && !IsTurnedOff(rule, compilation, context.CancellationToken))
                rule.Start(start);
        }

        start.Register(context, ApiOwnership.For(compilation));
    }

    /// <summary>
    /// True when every diagnostic of <paramref name="rule"/> is suppressed for the whole compilation and no file turns
    /// it back on: by <c>/nowarn</c> or a rule set (compilation options), or by a global or per-file analyzer config.
    /// </summary>
    internal static bool IsTurnedOff(Rule rule, Compilation compilation, CancellationToken cancellationToken)
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
