using System;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using MlOps.Analyzers.Tests.Infrastructure;
using Xunit;
using MlOps.Analyzers.Catalog;
using MlOps.Analyzers.Engine;
using MlOps.Analyzers.Rules.Reproducibility;

namespace MlOps.Analyzers.Tests.Engine;

/// <summary>
/// The package ships one analyzer, <see cref="MlOpsAnalyzer"/>, which hosts every <see cref="Rule"/>; each rule's tests
/// run the engine hosting that rule alone. These check the engine itself.
/// </summary>
public class MlOpsAnalyzerTests
{
    [Fact]
    public void The_engine_is_the_only_analyzer_the_package_ships()
        => Assert.Equal(new[] { typeof(MlOpsAnalyzer) }, AnalyzerRunner.ShippedAnalyzers.Select(a => a.GetType()));

    [Fact]
    public void Exactly_one_class_of_the_analyzer_assembly_derives_from_DiagnosticAnalyzer()
        => Assert.Equal(
            new[] { typeof(MlOpsAnalyzer) },
            typeof(MlOpsAnalyzer).Assembly.GetTypes().Where(t => typeof(DiagnosticAnalyzer).IsAssignableFrom(t)));

    [Fact]
    public void The_engine_hosts_one_instance_of_every_rule_and_supports_their_descriptors()
    {
        var ruleTypes = typeof(Rule).Assembly.GetTypes().Where(t => !t.IsAbstract && typeof(Rule).IsAssignableFrom(t)).ToHashSet();
        Assert.Equal(ruleTypes.Count, MlOpsAnalyzer.AllRules.Length);
        Assert.All(MlOpsAnalyzer.AllRules, rule => Assert.Contains(rule.GetType(), ruleTypes));

        var expected = MlOpsAnalyzer.AllRules.SelectMany(r => r.SupportedDiagnostics).ToHashSet();
        var actual = new MlOpsAnalyzer().SupportedDiagnostics;
        Assert.Equal(expected.Count, actual.Length);
        Assert.All(actual, d => Assert.Contains(d, expected));
    }

    /// <summary>
    /// The IDE analyzes one document at a time (semantic-model analysis, no compilation-end actions). That must give what
    /// the whole-compilation analysis gives for the document, minus the compilation-end findings: the per-type facts a
    /// rule judges with are complete when the rule asks (the type's code is walked in the document's semantic model).
    /// </summary>
    [Fact]
    public async Task Document_analysis_matches_the_whole_compilation()
    {
        var compared = 0;
        var host = ImmutableArray.Create<DiagnosticAnalyzer>(new MlOpsAnalyzer());
        foreach (var sample in Robustness.TestSources.All)
        {
            var compilation = Robustness.RobustnessHarness.Compile(sample.Text);
            var whole = await AnalyzerRunner.RunAsync(compilation, host);
            Assert.Empty(whole.Exceptions);
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

    private const string TrainingPart = """
        using Microsoft.ML;
        using Microsoft.ML.Data;
        public class Row { public float Label { get; set; } }
        public partial class Trainer
        {
            public ITransformer Train(MLContext ml, IDataView data) => ml.Regression.Trainers.Sdca().Fit(ml.Data.TakeRows(data, Pick(1000)));
        }
        """;

    private const string ShufflingPart = """
        using System;
        public partial class Trainer
        {
            public int Pick(int count) => new Random().Next(count);
        }
        """;

    /// <summary>
    /// A type partial across files is judged once all of its code was seen (compilation end): the draw in one file is
    /// training code because the other file trains on what it picks. Within one file, the same type is judged as its code is analyzed.
    /// </summary>
    [Fact]
    public async Task A_type_partial_across_files_is_judged_with_all_of_its_code()
    {
        var rule = ImmutableArray.Create<Rule>(new UnseededDotNetRandomnessAnalyzer());

        var split = await AnalyzerRunner.RunAsync(AnalyzerRunner.Compile(TrainingPart, ShufflingPart), rule);
        Assert.Empty(split.Exceptions);
        var finding = Assert.Single(split.Diagnostics);
        Assert.Equal(RuleIds.UnseededDotNetRandomness, finding.Id);
        Assert.Equal("/Test1.cs", finding.Location.SourceTree!.FilePath);

        var alone = await AnalyzerRunner.RunAsync(AnalyzerRunner.Compile(ShufflingPart.Replace("partial ", string.Empty)), rule);
        Assert.Empty(alone.Exceptions);
        Assert.Empty(alone.Diagnostics);
    }

    [Fact]
    public async Task A_rule_turned_off_for_the_whole_compilation_is_not_started()
    {
        var rule = new CountingRule();
        var compilation = AnalyzerRunner.Compile("class C { }");
        var off = compilation.WithOptions(compilation.Options.WithSpecificDiagnosticOptions(
            ImmutableDictionary<string, ReportDiagnostic>.Empty.Add(CountingRule.Descriptor.Id, ReportDiagnostic.Suppress)));

        await AnalyzerRunner.RunAsync(off, ImmutableArray.Create<Rule>(rule, new CountingRule()));
        Assert.Equal(0, rule.Starts);

        var on = compilation.WithOptions(compilation.Options.WithSpecificDiagnosticOptions(
            ImmutableDictionary<string, ReportDiagnostic>.Empty.Add(CountingRule.Descriptor.Id, ReportDiagnostic.Warn)));
        var result = await AnalyzerRunner.RunAsync(on, ImmutableArray.Create<Rule>(rule));
        Assert.Equal(1, rule.Starts);
        Assert.Single(result.Diagnostics, d => d.Id == CountingRule.Descriptor.Id);
    }

    [Fact]
    public async Task A_compilation_without_the_libraries_starts_no_rule()
    {
        var rule = new CountingRule();
        var compilation = Microsoft.CodeAnalysis.CSharp.CSharpCompilation.Create(
            "NoMl", new[] { Microsoft.CodeAnalysis.CSharp.CSharpSyntaxTree.ParseText("class C { }") }, TestReferences.Net80);

        var result = await AnalyzerRunner.RunAsync(compilation, ImmutableArray.Create<Rule>(rule));

        Assert.Empty(result.Exceptions);
        Assert.Equal(0, rule.Starts);
        Assert.Empty(result.Diagnostics);
    }

    private static string[] Render(ImmutableArray<Diagnostic> diagnostics) => diagnostics
        .Select(d => $"{d.Id} {d.Location.GetLineSpan()} {d.GetMessage(System.Globalization.CultureInfo.InvariantCulture)}")
        .OrderBy(x => x, StringComparer.Ordinal)
        .ToArray();

    /// <summary>Counts its compilation starts and reports one diagnostic per compilation at its end.</summary>
    private sealed class CountingRule : Rule
    {
        public static readonly DiagnosticDescriptor Descriptor = new("TEST0001", "t", "t", "Test", DiagnosticSeverity.Warning, isEnabledByDefault: true, customTags: WellKnownDiagnosticTags.CompilationEnd);
        private int _starts;

        public int Starts => _starts;

        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(Descriptor);

        internal override void Start(RuleStart start)
        {
            Interlocked.Increment(ref _starts);
            start.OnCompilationEnd(end => end.ReportDiagnostic(Diagnostic.Create(Descriptor, Location.None)));
        }
    }
}
