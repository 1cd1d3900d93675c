using System;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using MlOps.Analyzers.Hosting;
using MlOps.Analyzers.Tests.Infrastructure;
using Xunit;

namespace MlOps.Analyzers.Tests.Hosting;

/// <summary>
/// The package ships one analyzer, <see cref="MlOpsAnalyzer"/>, which hosts every rule analyzer. The rule tests run each
/// rule alone; these check that hosting changes nothing the user sees.
/// </summary>
public class MlOpsAnalyzerTests
{
    [Fact]
    public void The_host_is_the_only_analyzer_the_package_ships()
        => Assert.Equal(new[] { typeof(MlOpsAnalyzer) }, AnalyzerRunner.ShippedAnalyzers.Select(a => a.GetType()));

    [Fact]
    public void The_host_runs_every_rule_analyzer_of_the_assembly_once()
    {
        var ruleTypes = typeof(MlOpsAnalyzer).Assembly.GetTypes()
            .Where(t => !t.IsAbstract && typeof(DiagnosticAnalyzer).IsAssignableFrom(t) && t != typeof(MlOpsAnalyzer))
            .OrderBy(t => t.FullName, StringComparer.Ordinal);
        var hosted = MlOpsAnalyzer.CreateRules().Select(r => r.GetType()).OrderBy(t => t.FullName, StringComparer.Ordinal);
        Assert.Equal(ruleTypes, hosted);
    }

    [Fact]
    public void The_host_supports_every_descriptor_of_its_rules()
    {
        var expected = MlOpsAnalyzer.CreateRules().SelectMany(r => r.SupportedDiagnostics).ToHashSet();
        var actual = new MlOpsAnalyzer().SupportedDiagnostics;
        Assert.Equal(expected.Count, actual.Length);
        Assert.All(actual, d => Assert.Contains(d, expected));
    }

    /// <summary>
    /// Differential: on every source the repository holds (rule tests and samples), the host reports exactly what the
    /// rules report when each runs as its own analyzer: same ids, places and messages. Shared facts (training scope,
    /// MLContext seeding, call sites) and the fan-out must not add, lose or move a finding.
    /// </summary>
    [Fact]
    public async Task The_host_reports_exactly_what_the_rules_report_alone()
    {
        var compared = 0;
        foreach (var sample in Robustness.TestSources.All)
        {
            var compilation = Robustness.RobustnessHarness.Compile(sample.Text);
            var alone = await AnalyzerRunner.RunAsync(compilation, AnalyzerRunner.Rules);
            var hosted = await AnalyzerRunner.RunAsync(compilation, ImmutableArray.Create<DiagnosticAnalyzer>(new MlOpsAnalyzer()));
            Assert.Empty(alone.Exceptions);
            Assert.Empty(hosted.Exceptions);
            Assert.True(Render(alone.Diagnostics).SequenceEqual(Render(hosted.Diagnostics)),
                $"{sample.Origin}: alone [{string.Join("; ", Render(alone.Diagnostics))}] hosted [{string.Join("; ", Render(hosted.Diagnostics))}]");
            compared += alone.Diagnostics.Length;
        }

        Assert.True(compared > 100, $"only {compared} diagnostics compared: the sources were not found");
    }

    /// <summary>
    /// The IDE analyzes one document at a time (semantic-model analysis, no compilation-end actions). Through the host,
    /// that must give what the whole-compilation analysis gives for the document, minus the compilation-end findings:
    /// the fan-out contexts forward each registration to the driver's context for the pass, which keeps its filters.
    /// </summary>
    [Fact]
    public async Task Document_analysis_through_the_host_matches_the_whole_compilation()
    {
        var compared = 0;
        var host = ImmutableArray.Create<DiagnosticAnalyzer>(new MlOpsAnalyzer());
        foreach (var sample in Robustness.TestSources.All)
        {
            var compilation = Robustness.RobustnessHarness.Compile(sample.Text);
            var whole = await AnalyzerRunner.RunAsync(compilation, host);
            var expected = whole.Diagnostics.Where(d => !d.Descriptor.CustomTags.Contains(WellKnownDiagnosticTags.CompilationEnd)).ToImmutableArray();

            var tree = compilation.SyntaxTrees.Single();
            var withAnalyzers = compilation.WithAnalyzers(host, new CompilationWithAnalyzersOptions(
                new AnalyzerOptions(ImmutableArray<AdditionalText>.Empty), onAnalyzerException: null, concurrentAnalysis: false, logAnalyzerExecutionTime: false));
            var document = await withAnalyzers.GetAnalyzerSemanticDiagnosticsAsync(compilation.GetSemanticModel(tree), filterSpan: null, CancellationToken.None);

            Assert.True(Render(expected).SequenceEqual(Render(document)),
                $"{sample.Origin}: whole [{string.Join("; ", Render(expected))}] document [{string.Join("; ", Render(document))}]");
            compared += expected.Length;
        }

        Assert.True(compared > 100, $"only {compared} diagnostics compared: the sources were not found");
    }

    [Fact]
    public async Task A_rule_turned_off_for_the_whole_compilation_is_not_run()
    {
        var rule = new CountingRule();
        var compilation = AnalyzerRunner.Compile("class C { }");
        var off = compilation.WithOptions(compilation.Options.WithSpecificDiagnosticOptions(
            ImmutableDictionary<string, ReportDiagnostic>.Empty.Add(CountingRule.Descriptor.Id, ReportDiagnostic.Suppress)));

        await AnalyzerRunner.RunAsync(off, ImmutableArray.Create<DiagnosticAnalyzer>(new MlOpsAnalyzer(ImmutableArray.Create<DiagnosticAnalyzer>(rule, new CountingRule()))));
        Assert.Equal(0, rule.Starts);

        var on = compilation.WithOptions(compilation.Options.WithSpecificDiagnosticOptions(
            ImmutableDictionary<string, ReportDiagnostic>.Empty.Add(CountingRule.Descriptor.Id, ReportDiagnostic.Warn)));
        var result = await AnalyzerRunner.RunAsync(on, ImmutableArray.Create<DiagnosticAnalyzer>(new MlOpsAnalyzer(ImmutableArray.Create<DiagnosticAnalyzer>(rule))));
        Assert.Equal(1, rule.Starts);
        Assert.Single(result.Diagnostics, d => d.Id == CountingRule.Descriptor.Id);
    }

    [Fact]
    public async Task A_rule_that_registers_an_action_kind_the_host_does_not_support_fails_loudly()
    {
        var host = new MlOpsAnalyzer(ImmutableArray.Create<DiagnosticAnalyzer>(new SyntaxTreeRule()));
        var result = await AnalyzerRunner.RunAsync(AnalyzerRunner.Compile("class C { }"), ImmutableArray.Create<DiagnosticAnalyzer>(host));
        Assert.Contains(result.Exceptions, e => e.Message.Contains("MlOpsAnalyzer hosts", StringComparison.Ordinal));
    }

    private static string[] Render(ImmutableArray<Diagnostic> diagnostics) => diagnostics
        .Select(d => $"{d.Id} {d.Location.GetLineSpan()} {d.GetMessage(System.Globalization.CultureInfo.InvariantCulture)}")
        .OrderBy(x => x, StringComparer.Ordinal)
        .ToArray();

    // Test rules: hosted only (no [DiagnosticAnalyzer]), and as small as a count needs.
#pragma warning disable RS1001, RS1013

    /// <summary>Counts its compilation starts and reports one diagnostic per compilation at its end.</summary>
    private sealed class CountingRule : DiagnosticAnalyzer
    {
        public static readonly DiagnosticDescriptor Descriptor = new("TEST0001", "t", "t", "Test", DiagnosticSeverity.Warning, isEnabledByDefault: true, customTags: WellKnownDiagnosticTags.CompilationEnd);
        private int _starts;

        public int Starts => _starts;

        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(Descriptor);

        public override void Initialize(AnalysisContext context)
        {
            context.EnableConcurrentExecution();
            context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
            context.RegisterCompilationStartAction(start =>
            {
                Interlocked.Increment(ref _starts);
                start.RegisterCompilationEndAction(end => end.ReportDiagnostic(Diagnostic.Create(Descriptor, Location.None)));
            });
        }
    }

    private sealed class SyntaxTreeRule : DiagnosticAnalyzer
    {
        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(CountingRule.Descriptor);

        public override void Initialize(AnalysisContext context)
        {
            context.EnableConcurrentExecution();
            context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
            context.RegisterCompilationStartAction(start => start.RegisterSyntaxTreeAction(_ => { }));
        }
    }
#pragma warning restore RS1001, RS1013
}
