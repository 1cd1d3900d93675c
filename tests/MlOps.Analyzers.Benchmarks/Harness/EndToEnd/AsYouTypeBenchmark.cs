using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Diagnostics;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;
using MlOps.Analyzers.Benchmarks.Corpus;

namespace MlOps.Analyzers.Benchmarks.Harness.EndToEnd;

/// <summary>The as-you-type cost: one document's diagnostics after an edit, with and without the shipped analyzer.</summary>
/// <remarks>
/// Wall time, and the CPU time of this process over the same span (nothing else runs in it then; the garbage collector's
/// threads included): on a shared machine a measurement of milliseconds waits for a core far longer than it computes.
/// </remarks>
public sealed record AsYouTypeResult(string Document, int Files, int CompileErrors, double OnMs, double OffMs, RoundRatio Ratio, double OnCpuMs, double OffCpuMs, RoundRatio CpuRatio, int Reported, IReadOnlyList<string> Crashes);

/// <summary>
/// What the IDE asks after each keystroke in one file of a large project: the edited document's semantic diagnostics in
/// a new compilation of the whole project (the compilation after an edit: only that tree is new, every symbol is bound
/// again on demand). "Off" is the compiler's diagnostics of the document; "on" adds MlOps's analyzer diagnostics of the
/// same document (<c>CompilationWithAnalyzers.GetAnalyzerSemanticDiagnosticsAsync(model, null)</c>: the analyzer's
/// per-document work, and whatever of the rest of the compilation it makes the driver bind). Compilation-end
/// diagnostics are not part of it: the IDE computes them only in a full-solution analysis.
/// The analyzer is the shipped <c>DiagnosticAnalyzer</c> of MlOps.Analyzers, found by reflection.
/// </summary>
public static class AsYouTypeBenchmark
{
    public static async Task<AsYouTypeResult> RunAsync(IReadOnlyList<CorpusFile> files, string documentPath, int warmup, int runs, Action<string> log)
    {
        var compilation = CorpusCompilation.Create("AsYouType", files, BenchReferences.WithMl);
        var compileErrors = compilation.GetDiagnostics().Count(d => d.Severity == DiagnosticSeverity.Error);
        var tree = compilation.SyntaxTrees.Single(t => t.FilePath == documentPath);
        var analyzers = AnalyzerCatalog.CreateMlOpsAnalyzers();
        var crashes = new ConcurrentBag<string>();
        var options = new CompilationWithAnalyzersOptions(
            new AnalyzerOptions(ImmutableArray<AdditionalText>.Empty),
            onAnalyzerException: (exception, analyzer, _) => crashes.Add($"{analyzer.GetType().Name}: {exception.GetType().Name}: {exception.Message}"),
            concurrentAnalysis: false,
            logAnalyzerExecutionTime: false,
            reportSuppressedDiagnostics: false);

        var on = new List<double>();
        var off = new List<double>();
        var ratios = new List<double>();
        var onCpu = new List<double>();
        var offCpu = new List<double>();
        var cpuRatios = new List<double>();
        using var process = Process.GetCurrentProcess();
        var reported = 0;
        for (var run = 0; run < warmup + runs; run++)
        {
            // Both sides in every run, in alternating order, each on its own freshly edited compilation.
            double onMs = 0, offMs = 0, onCpuMs = 0, offCpuMs = 0;
            foreach (var withAnalyzer in run % 2 == 0 ? new[] { true, false } : new[] { false, true })
            {
                var edited = tree.WithChangedText(tree.GetText().WithChanges(new TextChange(new TextSpan(tree.GetText().Length, 0), $"\n// keystroke {run} {withAnalyzer}\n")));
                var afterEdit = compilation.ReplaceSyntaxTree(tree, edited);
                Settle();
                process.Refresh();
                var cpu = process.TotalProcessorTime;
                var stopwatch = Stopwatch.StartNew();
                var model = afterEdit.GetSemanticModel(edited);
                _ = model.GetDiagnostics();
                if (withAnalyzer)
                {
                    var diagnostics = await afterEdit.WithAnalyzers(analyzers, options)
                        .GetAnalyzerSemanticDiagnosticsAsync(model, null, CancellationToken.None).ConfigureAwait(false);
                    reported = diagnostics.Count(d => d.Id != "AD0001");
                    foreach (var crash in diagnostics.Where(d => d.Id == "AD0001"))
                        crashes.Add(crash.GetMessage(System.Globalization.CultureInfo.InvariantCulture));
                }

                var elapsed = stopwatch.Elapsed.TotalMilliseconds;
                process.Refresh();
                var cpuMs = (process.TotalProcessorTime - cpu).TotalMilliseconds;
                if (withAnalyzer)
                    (onMs, onCpuMs) = (elapsed, cpuMs);
                else
                    (offMs, offCpuMs) = (elapsed, cpuMs);
            }

            log($"  as-you-type, {(run < warmup ? "warm-up" : "run")} {run + 1}: on {onMs:F0} ms (CPU {onCpuMs:F0} ms), off {offMs:F0} ms (CPU {offCpuMs:F0} ms)");
            if (run < warmup)
                continue;
            on.Add(onMs);
            off.Add(offMs);
            ratios.Add(onMs / offMs);
            onCpu.Add(onCpuMs);
            offCpu.Add(offCpuMs);
            cpuRatios.Add(onCpuMs / offCpuMs);
        }

        return new AsYouTypeResult(documentPath, files.Count, compileErrors, Measure.Median(on), Measure.Median(off), new RoundRatio(ratios), Measure.Median(onCpu), Measure.Median(offCpu), new RoundRatio(cpuRatios), reported, crashes.Distinct().ToList());
    }

    private static void Settle()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
    }
}
