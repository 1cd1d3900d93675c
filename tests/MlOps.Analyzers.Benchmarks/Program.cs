using System;
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
        var options = BenchmarkOptions.Parse(args);
        return await new BenchmarkRun(options).RunAsync().ConfigureAwait(false);
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
