using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using MlOps.Analyzers.Benchmarks.Corpus;

namespace MlOps.Analyzers.Benchmarks.Harness;

public static class CorpusCompilation
{
    public static CSharpParseOptions ParseOptions { get; } = new(LanguageVersion.CSharp12);

    /// <summary>
    /// Parses the corpus (in parallel) into a library compilation and, as a build would, adds what the source generators of
    /// MlOps.Analyzers (the lineage generator: the nested <c>Lineage</c> class of each <c>[TrainingPipeline]</c> type)
    /// generate for it: the corpus calls <c>Lineage.Capture()</c> and reads <c>Lineage.Datasets</c>, so it compiles only
    /// with them. Parsing and generation happen once, here, and are not measured.
    /// The generator benchmark's corpus (<see cref="GeneratorInput"/>) is left as the user wrote it: that benchmark runs
    /// the generator itself, on the user's code alone, as the IDE does, and must not find the output there already.
    /// </summary>
    public static CSharpCompilation Create(string name, IReadOnlyList<CorpusFile> files, ImmutableArray<MetadataReference> references)
    {
        var trees = new SyntaxTree[files.Count];
        Parallel.For(0, files.Count, i => trees[i] = CSharpSyntaxTree.ParseText(files[i].Text, ParseOptions, path: files[i].Path, encoding: System.Text.Encoding.UTF8));
        var compilation = CSharpCompilation.Create(
            name,
            trees,
            references,
            // Single-threaded binding: the analyzers' time is the sum of their callbacks on one thread (sequential
            // analysis), so the denominator must be the compiler's total work too, not its wall time on N cores
            // (which would move A with the number of idle cores).
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable, concurrentBuild: false)
                .WithSpecificDiagnosticOptions(new Dictionary<string, ReportDiagnostic>
                {
                    // CA5394 is off by default in the SDK; the peer comparison needs it on.
                    ["CA5394"] = ReportDiagnostic.Warn,
                }));
        return files is GeneratorInput ? compilation : AddGeneratedSources(compilation);
    }

    /// <summary>
    /// Runs the REAL source generators of MlOps.Analyzers (found by reflection, <see cref="AnalyzerCatalog.CreateGenerators"/>)
    /// once over <paramref name="compilation"/> and returns it with their generated trees added, as the compiler does in a build.
    /// </summary>
    public static CSharpCompilation AddGeneratedSources(CSharpCompilation compilation)
    {
        var driver = CSharpGeneratorDriver.Create(
                AnalyzerCatalog.CreateGenerators().Select(GeneratorExtensions.AsSourceGenerator),
                parseOptions: ParseOptions)
            .RunGeneratorsAndUpdateCompilation(compilation, out var withGenerated, out var diagnostics);
        var failures = driver.GetRunResult().Results.Where(r => r.Exception is not null).Select(r => r.Generator.GetGeneratorType().Name + ": " + r.Exception!.Message)
            .Concat(diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).Select(d => d.ToString()))
            .ToList();
        if (failures.Count > 0)
            throw new System.InvalidOperationException("The source generators failed on the corpus: " + string.Join("; ", failures));
        return (CSharpCompilation)withGenerated;
    }
}
