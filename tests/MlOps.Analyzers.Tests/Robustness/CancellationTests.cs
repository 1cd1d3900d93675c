// The tripwire is a test-only analyzer, never shipped: no release tracking or analyzer-project rules apply.
#pragma warning disable RS1036, RS1041, RS2008

using System;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using MlOps.Analyzers.Tests.Infrastructure;
using Xunit.Abstractions;

namespace MlOps.Analyzers.Tests.Robustness;

/// <summary>
/// The IDE cancels analysis on every keystroke: a cancelled analysis must stop promptly (no long loop that ignores the
/// token, e.g. in a compilation-end action) and surface as OperationCanceledException, not as AD0001.
/// Promptness is checked as properties of the run, not as a time a loaded machine can exceed: the cancel is made to
/// land inside our analysis (a tripwire analyzer that cancels on its N-th callback; a probe around our compilation-end
/// work that cancels as it starts or as it reports its first finding), and then the run must end with
/// OperationCanceledException and our analyzers must report nothing more: no further finding means no further work.
/// </summary>
public class CancellationTests
{
    private readonly ITestOutputHelper _output;

    public CancellationTests(ITestOutputHelper output) => _output = output;

    /// <summary>Every test source and sample, several times over (as separate files), in one compilation.</summary>
    private static readonly Lazy<Compilation> Large = new(() => AnalyzerRunner.Compile().AddSyntaxTrees(
        Enumerable.Range(0, 4).SelectMany(copy => TestSources.All.Select((s, i) =>
            CSharpSyntaxTree.ParseText(s.Text, RobustnessHarness.ParseOptions, path: $"/copy{copy}/Source{i}.cs")))));

    [Fact]
    public async Task An_already_cancelled_analysis_throws_at_once()
    {
        using var cancellation = new CancellationTokenSource();
        cancellation.Cancel();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => RobustnessHarness.RunAllAsync(Large.Value, cancellation.Token));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(200)]
    [InlineData(2500)]
    [InlineData(-1)] // at compilation end, where whole-compilation work runs
    public async Task Analysis_cancelled_midway_stops_promptly(int callback)
    {
        using var cancellation = new CancellationTokenSource();
        var tripwire = new TripwireAnalyzer(callback, cancellation);
        var options = new CompilationWithAnalyzersOptions(
            new AnalyzerOptions(ImmutableArray<AdditionalText>.Empty),
            onAnalyzerException: null,
            concurrentAnalysis: true,
            logAnalyzerExecutionTime: false);
        var withAnalyzers = Large.Value.WithAnalyzers(RobustnessHarness.Analyzers.Add(tripwire), options);

        var exception = await Record.ExceptionAsync(() => withAnalyzers.GetAnalyzerDiagnosticsAsync(cancellation.Token));
        if (!tripwire.Fired)
        {
            // The run ended before the tripwire's N-th callback: nothing was cancelled, and nothing may have thrown.
            Assert.Null(exception);
            _output.WriteLine($"callback {callback}: the run finished first ({tripwire.Callbacks} callbacks)");
            return;
        }

        Assert.IsAssignableFrom<OperationCanceledException>(exception);
        _output.WriteLine($"callback {callback}: cancelled, the run ended with {exception!.GetType().Name}");
    }

    [Theory]
    [InlineData(CancellationProbe.CancelAt.CompilationEndStart)]
    [InlineData(CancellationProbe.CancelAt.FirstCompilationEndReport)]
    public async Task Cancelled_compilation_end_work_stops_and_reports_nothing_more(CancellationProbe.CancelAt cancelAt)
    {
        foreach (var shipped in RobustnessHarness.Analyzers)
        {
            using var cancellation = new CancellationTokenSource();
            var probe = new CancellationProbe(shipped, cancellation, cancelAt);
            var options = new CompilationWithAnalyzersOptions(
                new AnalyzerOptions(ImmutableArray<AdditionalText>.Empty), onAnalyzerException: null, concurrentAnalysis: true, logAnalyzerExecutionTime: false);

            var exception = await Record.ExceptionAsync(() => Large.Value.WithAnalyzers(ImmutableArray.Create<DiagnosticAnalyzer>(probe), options)
                .GetAnalyzerDiagnosticsAsync(cancellation.Token));

            Assert.True(probe.ReachedCompilationEnd, "the compilation-end work never ran, so the cancel did not land inside it");
            // Not a time limit: a guard against hanging the test run if the work never stops. The properties follow.
            Assert.True(probe.CompilationEndEnded.Wait(TimeSpan.FromMinutes(5)), "the cancelled compilation-end work did not end");
            _output.WriteLine($"{shipped.GetType().Name}, cancel at {cancelAt}: compilation end {probe.CompilationEndOutcome}, {probe.ReportsAfterCancel} findings after the cancel");
            Assert.True(cancellation.IsCancellationRequested, "the compilation-end work reported nothing, so the cancel never landed");
            Assert.IsAssignableFrom<OperationCanceledException>(exception);
            Assert.Equal(nameof(OperationCanceledException), probe.CompilationEndOutcome);
            Assert.Equal(0, probe.ReportsAfterCancel);
        }
    }

    [Fact]
    public void A_cancelled_generator_run_throws()
    {
        if (RobustnessHarness.Generators.Length == 0)
            return; // no generator in the package yet
        using var cancellation = new CancellationTokenSource();
        cancellation.Cancel();
        var driver = CSharpGeneratorDriver.Create(RobustnessHarness.Generators.Select(GeneratorExtensions.AsSourceGenerator), parseOptions: RobustnessHarness.ParseOptions);
        Assert.ThrowsAny<OperationCanceledException>(() => driver.RunGenerators(Large.Value, cancellation.Token));
    }

    /// <summary>Cancels the analysis from inside it, on its N-th operation callback (or at compilation end for N = -1).</summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    private sealed class TripwireAnalyzer : DiagnosticAnalyzer
    {
        private static readonly DiagnosticDescriptor Never = new("TRIP0001", "Tripwire", "Never reported", "Test", DiagnosticSeverity.Warning, isEnabledByDefault: true);
        private readonly int _callback;
        private readonly CancellationTokenSource _cancellation;
        private int _count;

        public TripwireAnalyzer(int callback, CancellationTokenSource cancellation)
        {
            _callback = callback;
            _cancellation = cancellation;
        }

        public bool Fired { get; private set; }

        public int Callbacks => _count;

        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(Never);

        public override void Initialize(AnalysisContext context)
        {
            context.EnableConcurrentExecution();
            context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
            context.RegisterCompilationStartAction(start =>
            {
                start.RegisterOperationAction(_ =>
                {
                    if (Interlocked.Increment(ref _count) == _callback)
                        Fire();
                }, OperationKind.Invocation, OperationKind.ObjectCreation, OperationKind.SimpleAssignment, OperationKind.VariableDeclarator);
                if (_callback < 0)
                    start.RegisterCompilationEndAction(_ => Fire());
            });
        }

        private void Fire()
        {
            Fired = true;
            _cancellation.Cancel();
        }
    }
}
