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

    /// <summary>Parses the corpus (in parallel; parsing is not measured) into a library compilation.</summary>
    public static CSharpCompilation Create(string name, IReadOnlyList<CorpusFile> files, ImmutableArray<MetadataReference> references)
    {
        var trees = new SyntaxTree[files.Count];
        Parallel.For(0, files.Count, i => trees[i] = CSharpSyntaxTree.ParseText(files[i].Text, ParseOptions, path: files[i].Path, encoding: System.Text.Encoding.UTF8));
        return CSharpCompilation.Create(
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
    }
}
