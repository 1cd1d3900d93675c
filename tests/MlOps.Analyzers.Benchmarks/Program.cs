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
        if (args.Contains("--rules"))
            return await RuleGroups.RunAsync(args).ConfigureAwait(false);
        if (args.Contains("--check-corpus"))
            return await CheckCorpusAsync(args.Contains("--quick") ? 200 : 1000, BenchmarkOptions.Parse(args).Seed).ConfigureAwait(false);
        var options = BenchmarkOptions.Parse(args);
        return await new BenchmarkRun(options).RunAsync().ConfigureAwait(false);
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
