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

namespace MlOps.Analyzers.Benchmarks.Harness;

/// <summary>One analysis run: wall time, each analyzer's own execution time (driver telemetry), what it reported.</summary>
public sealed record AnalysisSample(
    double WallMs,
    ImmutableDictionary<DiagnosticAnalyzer, double> ExecutionMs,
    ImmutableArray<Diagnostic> Diagnostics,
    ImmutableArray<string> Crashes)
{
    /// <summary>The process's CPU time during the analysis (binding, the driver's work and the callbacks, on every thread).</summary>
    public double CpuMs { get; init; }

    public double TotalExecutionMs => ExecutionMs.Values.Sum();

    /// <summary>How often each id was reported (analyzer exceptions, AD0001, are in <see cref="Crashes"/>).</summary>
    public ImmutableDictionary<string, int> DiagnosticsById => Diagnostics.GroupBy(d => d.Id).ToImmutableDictionary(g => g.Key, g => g.Count());
}

/// <summary>
/// The two measurements, each on a fresh clone of the compilation (Clone drops every bound tree and symbol, so nothing
/// is reused from an earlier run; parsing is not part of either):
/// the compiler's own diagnostics (declaration + method-body binding + flow analysis; no analyzers, no emit), and an
/// analysis run whose per-analyzer time is the driver's telemetry (<c>logAnalyzerExecutionTime: true</c>): the time spent
/// in that analyzer's callbacks, which is what <c>-p:ReportAnalyzer=true</c> reports in a build.
/// Analysis is sequential (<c>concurrentAnalysis: false</c>) so that times on a shared machine add up cleanly.
/// </summary>
public static class Measure
{
    public static double CompileMs(Compilation compilation) => CompileMs(compilation, out _);

    public static double CompileMs(Compilation compilation, out int errors)
    {
        var clone = compilation.Clone();
        Settle();
        var stopwatch = Stopwatch.StartNew();
        var diagnostics = clone.GetDiagnostics();
        var elapsed = stopwatch.Elapsed.TotalMilliseconds;
        errors = diagnostics.Count(d => d.Severity == DiagnosticSeverity.Error);
        return elapsed;
    }

    /// <param name="concurrent">Analyze on many threads, as a build does (the driver's <c>concurrentAnalysis</c>); callback times then overlap.</param>
    public static async Task<AnalysisSample> AnalyzeAsync(Compilation compilation, ImmutableArray<DiagnosticAnalyzer> analyzers, bool concurrent = false)
    {
        var clone = compilation.Clone();
        var crashes = new ConcurrentBag<string>();
        var options = new CompilationWithAnalyzersOptions(
            new AnalyzerOptions(ImmutableArray<AdditionalText>.Empty),
            onAnalyzerException: (exception, analyzer, _) => crashes.Add($"{analyzer.GetType().Name}: {exception.GetType().Name}: {exception.Message}"),
            concurrentAnalysis: concurrent,
            logAnalyzerExecutionTime: true,
            reportSuppressedDiagnostics: false);
        var withAnalyzers = clone.WithAnalyzers(analyzers, options);

        // The compiler binds a compilation's references (reads every referenced assembly's identity and builds its
        // symbol) before it binds anything else; without this, the first analyzer that asks for a type pays for it.
        _ = clone.Assembly;
        Settle();
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var stopwatch = Stopwatch.StartNew();
        var diagnostics = await withAnalyzers.GetAnalyzerDiagnosticsAsync(CancellationToken.None).ConfigureAwait(false);
        var wall = stopwatch.Elapsed.TotalMilliseconds;
        var cpuMs = (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalMilliseconds;

        var execution = ImmutableDictionary.CreateBuilder<DiagnosticAnalyzer, double>();
        foreach (var analyzer in analyzers)
        {
            var telemetry = await withAnalyzers.GetAnalyzerTelemetryInfoAsync(analyzer, CancellationToken.None).ConfigureAwait(false);
            execution[analyzer] = telemetry.ExecutionTime.TotalMilliseconds;
        }

        foreach (var crash in diagnostics.Where(d => d.Id == "AD0001"))
            crashes.Add(crash.GetMessage(System.Globalization.CultureInfo.InvariantCulture));

        return new AnalysisSample(wall, execution.ToImmutable(), diagnostics.RemoveAll(d => d.Id == "AD0001"), crashes.ToImmutableArray()) { CpuMs = cpuMs };
    }

    private static void Settle()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
    }

    public static double Median(IEnumerable<double> values)
    {
        var sorted = values.OrderBy(v => v).ToArray();
        if (sorted.Length == 0)
            return double.NaN;
        var mid = sorted.Length / 2;
        return sorted.Length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    }
}
