using System;
using System.Collections.Immutable;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using MlOps.Analyzers.Benchmarks.Corpus;
using MlOps.Analyzers.Benchmarks.Harness;

namespace MlOps.Analyzers.Benchmarks;

public static class Program
{
    public static async Task<int> Main(string[] args)
    {
        if (args.Contains("--check-corpus"))
            return CheckCorpus(args.Contains("--quick") ? 200 : 1000);
        var profile = Array.IndexOf(args, "--profile");
        if (profile >= 0)
            return await ProfileAsync(profile + 1 < args.Length ? args[profile + 1] : "all").ConfigureAwait(false);
        var options = BenchmarkOptions.Parse(args);
        return await new BenchmarkRun(options).RunAsync().ConfigureAwait(false);
    }

    /// <summary>
    /// For a profiler (e.g. <c>dotnet-trace collect -- dotnet MlOps.Analyzers.Benchmarks.dll --profile MLOPS004</c>): analyzes
    /// the 1,000-file ML corpus with the shipped analyzer (or one rule hosted alone) again and again, and prints each run's
    /// callback time, the garbage collections during the run and what the process allocated.
    /// </summary>
    private static async Task<int> ProfileAsync(string rule)
    {
        var analyzers = rule == "all"
            ? AnalyzerCatalog.CreateMlOpsAnalyzers()
            : AnalyzerCatalog.CreateRuleHosts().Keys.Where(a => a.SupportedDiagnostics.Any(d => d.Id == rule)).ToImmutableArray();
        var compilation = CorpusCompilation.Create("ml", new CorpusGenerator().GenerateMl(1000), BenchReferences.WithMl);
        for (var i = 0; i < 6; i++)
        {
            var (gen0, gen1, gen2, pause, allocated) = (GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2), GC.GetTotalPauseDuration(), GC.GetTotalAllocatedBytes());
            var sample = await Measure.AnalyzeAsync(compilation, analyzers).ConfigureAwait(false);
            Console.WriteLine($"{rule} run {i + 1}: {sample.TotalExecutionMs:F1} ms in callbacks, {sample.WallMs:F0} ms wall, "
                              + $"GC {GC.CollectionCount(0) - gen0}/{GC.CollectionCount(1) - gen1}/{GC.CollectionCount(2) - gen2} paused {(GC.GetTotalPauseDuration() - pause).TotalMilliseconds:F0} ms, allocated {(GC.GetTotalAllocatedBytes() - allocated) / 1e6:F0} MB; "
                              + string.Join(", ", sample.DiagnosticsById.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"{p.Key} x{p.Value}")));
        }

        return 0;
    }

    /// <summary>Prints the compiler errors of the generated corpus (it must compile cleanly against the real libraries).</summary>
    private static int CheckCorpus(int size)
    {
        var generator = new CorpusGenerator();
        var ml = CorpusCompilation.Create("ml", generator.GenerateMl(size), BenchReferences.WithMl);
        var nonMl = CorpusCompilation.Create("nonml", generator.GenerateNonMl(size), BenchReferences.Net80);
        var gen = CorpusCompilation.Create("gen", generator.GenerateForGenerator(50, 150), BenchReferences.WithMl);
        var errors = 0;
        foreach (var compilation in new[] { ml, nonMl, gen })
        {
            var diagnostics = compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
            errors += diagnostics.Count;
            Console.WriteLine($"{compilation.AssemblyName}: {diagnostics.Count} errors");
            foreach (var group in diagnostics.GroupBy(d => d.Id + " " + d.GetMessage()).Take(40))
                Console.WriteLine($"  {group.Count()} x {group.Key} (e.g. {group.First().Location.GetLineSpan()})");
        }

        return errors == 0 ? 0 : 1;
    }
}
