using System;
using System.Collections.Immutable;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using MlOps.Analyzers.Benchmarks.Corpus;
using MlOps.Analyzers.Benchmarks.Harness;
using MlOps.Analyzers.Benchmarks.Harness.EndToEnd;

namespace MlOps.Analyzers.Benchmarks;

public static class Program
{
    public static async Task<int> Main(string[] args)
    {
        // The headline: real builds of on-disk projects, rules on against off (docs/performance.md, "What a user's build pays").
        if (args.Contains("--end-to-end"))
            return await new EndToEndRun(EndToEndOptions.Parse(args)).RunAsync().ConfigureAwait(false);
        if (args.Contains("--check-corpus"))
            return await CheckCorpusAsync(args.Contains("--quick") ? 200 : 1000, BenchmarkOptions.Parse(args).Seed).ConfigureAwait(false);
        var profile = Array.IndexOf(args, "--profile");
        if (profile >= 0)
            return await ProfileAsync(profile + 1 < args.Length ? args[profile + 1] : "all").ConfigureAwait(false);
        var options = BenchmarkOptions.Parse(args);
        return await new BenchmarkRun(options).RunAsync().ConfigureAwait(false);
    }

    /// <summary>
    /// For a profiler (e.g. <c>dotnet-trace collect -- dotnet MlOps.Analyzers.Benchmarks.dll --profile MLOPS004</c>): analyzes
    /// the 1,000-file ML corpus with the shipped analyzer (or one rule hosted alone) again and again, and prints each run's
    /// callback time, the garbage collections during the run and what the process allocated. A comma-separated list of rule
    /// ids hosts those rules together; groups separated by <c>;</c> are hosted side by side in the same runs, each timed on
    /// its own (<c>"MLOPS006;MLOPS040,MLOPS041"</c>: one rule against a set, on the same machine at the same moment).
    /// </summary>
    private static async Task<int> ProfileAsync(string rule)
    {
        var analyzers = rule == "all"
            ? AnalyzerCatalog.CreateMlOpsAnalyzers()
            : rule.Split(';').Select(group => (Microsoft.CodeAnalysis.Diagnostics.DiagnosticAnalyzer)new MlOps.Analyzers.Engine.MlOpsAnalyzer(
                MlOps.Analyzers.Engine.MlOpsAnalyzer.AllRules.Where(r => r.SupportedDiagnostics.Any(d => group.Split(',').Contains(d.Id))).ToArray())).ToImmutableArray();
        var compilation = CorpusCompilation.Create("ml", new CorpusGenerator().GenerateMl(1000), BenchReferences.WithMl);
        for (var i = 0; i < 6; i++)
        {
            var (gen0, gen1, gen2, pause, allocated) = (GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2), GC.GetTotalPauseDuration(), GC.GetTotalAllocatedBytes());
            var sample = await Measure.AnalyzeAsync(compilation, analyzers).ConfigureAwait(false);
            var each = analyzers.Length > 1 ? " (" + string.Join(" | ", analyzers.Select(a => $"{AnalyzerCatalog.Describe(a).Split(' ')[0]} {sample.ExecutionMs[a]:F1}")) + ")" : string.Empty;
            Console.WriteLine($"{rule} run {i + 1}: {sample.TotalExecutionMs:F1} ms in callbacks{each}, {sample.WallMs:F0} ms wall, "
                              + $"GC {GC.CollectionCount(0) - gen0}/{GC.CollectionCount(1) - gen1}/{GC.CollectionCount(2) - gen2} paused {(GC.GetTotalPauseDuration() - pause).TotalMilliseconds:F0} ms, allocated {(GC.GetTotalAllocatedBytes() - allocated) / 1e6:F0} MB; "
                              + string.Join(", ", sample.DiagnosticsById.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"{p.Key} x{p.Value}")));
        }

        return 0;
    }

    /// <summary>
    /// Checks the generated corpora: they compile without errors against the real libraries (with the lineage generator's
    /// output, as a build compiles them), and the shipped analyzer reports exactly the planted findings, file by file
    /// (<see cref="PlantedFindings"/>), and throws nothing. Exit code 1 otherwise. <c>--seed N</c> checks another corpus seed.
    /// </summary>
    private static async Task<int> CheckCorpusAsync(int size, int seed)
    {
        var generator = new CorpusGenerator(seed);
        var mlFiles = generator.GenerateMl(size);
        var nonMlFiles = generator.GenerateNonMl(size);
        var genFiles = generator.GenerateForGenerator(GeneratorBenchmark.PipelineCount, GeneratorBenchmark.OtherFileCount);
        var ml = CorpusCompilation.Create("ml", mlFiles, BenchReferences.WithMl);
        var nonMl = CorpusCompilation.Create("nonml", nonMlFiles, BenchReferences.Net80);

        // The generator benchmark's corpus is the generator's input (CorpusCompilation.Create leaves its output out):
        // checked here as a build would compile it, with the output added.
        var gen = CorpusCompilation.AddGeneratedSources(CorpusCompilation.Create("gen", genFiles, BenchReferences.WithMl));
        var failed = false;
        foreach (var compilation in new[] { ml, nonMl, gen })
        {
            var diagnostics = compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
            failed |= diagnostics.Count > 0;
            Console.WriteLine($"{compilation.AssemblyName}: {compilation.SyntaxTrees.Count()} trees, {diagnostics.Count} errors");
            foreach (var group in diagnostics.GroupBy(d => d.Id + " " + d.GetMessage()).Take(40))
                Console.WriteLine($"  {group.Count()} x {group.Key} (e.g. {group.First().Location.GetLineSpan()})");
        }

        var analyzers = AnalyzerCatalog.CreateMlOpsAnalyzers();
        foreach (var (compilation, files) in new[] { (ml, mlFiles), (nonMl, nonMlFiles), (gen, genFiles) })
        {
            var comparison = await PlantedFindings.CheckAsync(compilation, files, analyzers).ConfigureAwait(false);
            failed |= !comparison.OnlyPlanted;
            Console.WriteLine();
            Console.WriteLine($"{compilation.AssemblyName}: {files.Count} files, {files.Count(f => f.PlantedFindings.Count > 0)} with planted findings; "
                              + $"reported {comparison.Reported}, planted {comparison.Planted}: {(comparison.OnlyPlanted ? "only the planted findings" : "MISMATCH")}");
            if (comparison.ById.Count > 0)
            {
                Console.WriteLine("  | Rule | Reported | Planted |");
                Console.WriteLine("  |---|---:|---:|");
                foreach (var count in comparison.ById)
                    Console.WriteLine($"  | {count.Id} | {count.Reported} | {count.Planted} |{(count.Reported == count.Planted ? string.Empty : " <-")}");
            }

            foreach (var mismatch in comparison.Mismatches.Take(60))
                Console.WriteLine("  " + mismatch);
            if (comparison.Mismatches.Count > 60)
                Console.WriteLine($"  ... and {comparison.Mismatches.Count - 60} more mismatches");
            foreach (var crash in comparison.Crashes)
                Console.WriteLine("  AD0001 " + crash);
        }

        return failed ? 1 : 0;
    }
}
