using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;
using MlOps.Analyzers.Tests.Infrastructure;

namespace MlOps.Analyzers.Tests.Robustness;

/// <summary>
/// `dotnet format analyzers --severity info` gives one result, whatever order it fixes the rules in and whichever finding
/// it happens to see first. It fixes rule by rule, in the order of a hash set of ids (string hashes differ per process),
/// re-analysing before each rule and keeping every finding the analyzer reports, of any rule; it hands the first of them
/// to the rule's fixer and runs Fix All with the key of the fix that finding got (AnalyzerFormatter.FixDiagnosticsAsync and
/// SolutionCodeFixApplier, dotnet/sdk). <see cref="FormatAsync"/> does the same, with the order and the first finding chosen.
/// </summary>
public class BulkFixTests
{
    [Fact]
    public async Task The_unchecked_sample_is_fixed_the_same_way_in_every_rule_order_and_with_every_first_finding()
    {
        var document = Project(
            ("Program.cs", File.ReadAllText(RepoPaths.Combine("samples", "ChurnTraining.Unchecked", "Program.cs"))),
            ("SyntheticChurnData.cs", File.ReadAllText(RepoPaths.Combine("samples", "Shared", "SyntheticChurnData.cs"))));
        var reported = (await AnalyzeAsync(document.Project)).Select(d => d.Id).Distinct().Order().ToList();
        Assert.Equal(new[] { "MLOPS001", "MLOPS002", "MLOPS003", "MLOPS010", "MLOPS020", "MLOPS030" }, reported);

        var results = new Dictionary<string, string>();
        var seeded = new[] { "MLOPS001", "MLOPS002", "MLOPS003" };
        foreach (var permutation in Permutations(seeded))
        {
            for (var first = 0; first < 3; first++)
            {
                var order = permutation.Concat(new[] { "MLOPS010", "MLOPS020" }).ToList();
                var (text, warnings) = await FormatAsync(document, order, first);
                Assert.True(warnings.Count == 0, $"order {string.Join(", ", order)}, first finding #{first}: {string.Join("; ", warnings)}");
                results[$"{string.Join(", ", order)} / first finding #{first}"] = text;
            }
        }

        var distinct = results.GroupBy(r => r.Value).ToList();
        Assert.True(distinct.Count == 1, "different results: " + string.Join("\n\n", distinct.Select(g => g.First().Key + ":\n" + g.Key)));
        var result = distinct[0].Key;
        Assert.Contains("var mlContext = new MLContext(seed: 42);", result);
        Assert.Contains("mlContext.Data.ShuffleRows(data);", result);
        Assert.Contains("NumberOfThreads = 1", result);
        Assert.DoesNotContain("Shuffle = false", result);
    }

    [Fact]
    public async Task The_unchecked_TorchSharp_sample_is_fixed_the_same_way_in_every_rule_order()
    {
        var document = Project(("Program.cs", File.ReadAllText(RepoPaths.Combine("samples", "TorchSharpTrainer.Unchecked", "Program.cs"))));
        var reported = (await AnalyzeAsync(document.Project)).Select(d => d.Id).Distinct().Order().ToList();
        Assert.Equal(new[] { "MLOPS040", "MLOPS041", "MLOPS042", "MLOPS043", "MLOPS044" }, reported);

        // MLOPS040 and MLOPS043 both insert at the top of the batch loop, MLOPS041 and MLOPS044 both edit before the
        // evaluation's forward; MLOPS042 edits a line of its own. Every order of the four, each with another first finding.
        var results = new Dictionary<string, string>();
        var orders = Permutations(new[] { "MLOPS040", "MLOPS041", "MLOPS043", "MLOPS044" }).Select(p => p.Append("MLOPS042").ToList()).ToList();
        for (var i = 0; i < orders.Count; i++)
        {
            var (text, warnings) = await FormatAsync(document, orders[i], firstFinding: i % reported.Count);
            Assert.True(warnings.Count == 0, $"order {string.Join(", ", orders[i])}: {string.Join("; ", warnings)}");
            results[$"{string.Join(", ", orders[i])} / first finding #{i % reported.Count}"] = text;
        }

        var distinct = results.GroupBy(r => r.Value).ToList();
        Assert.True(distinct.Count == 1, "different results: " + string.Join("\n\n", distinct.Select(g => g.First().Key + ":\n" + g.Key)));
        var result = distinct[0].Key.ReplaceLineEndings("\n");
        Assert.Contains("                using var scope = NewDisposeScope();\n                optimizer.zero_grad();\n", result);
        Assert.Contains("        using var noGrad = torch.no_grad();\n        model.eval();\n        var predicted = model.forward(x)", result);
        Assert.Contains("nn.functional.dropout(nn.functional.relu(_hidden.forward(x)), 0.2, training: this.training)", result);
        Assert.Empty(await AnalyzeAsync(document.Project.Solution.WithDocumentText(document.Id, Microsoft.CodeAnalysis.Text.SourceText.From(result)).GetProject(document.Project.Id)!));
    }

    /// <summary>What `dotnet format analyzers --severity info` does to <paramref name="document"/>'s project, fixing the rules in <paramref name="order"/>.</summary>
    /// <param name="firstFinding">Which finding the fixers see first: the analyzer reports concurrently, so any may be.</param>
    /// <returns>The document's text afterwards, and the warnings dotnet format would print.</returns>
    private static async Task<(string Text, List<string> Warnings)> FormatAsync(Document document, IReadOnlyList<string> order, int firstFinding)
    {
        var solution = document.Project.Solution;
        var warnings = new List<string>();
        foreach (var id in order)
        {
            var project = solution.GetProject(document.Project.Id)!;
            var findings = await AnalyzeAsync(project);
            if (findings.IsEmpty)
                continue;
            findings = findings.Skip(firstFinding % findings.Length).Concat(findings.Take(firstFinding % findings.Length)).ToImmutableArray();

            foreach (var fixer in RobustnessHarness.Fixers.Where(f => f.FixableDiagnosticIds.Contains(id)))
            {
                var first = findings[0];
                var firstDocument = solution.GetDocument(first.Location.SourceTree)!;
                CodeAction? action = null;
                await fixer.RegisterCodeFixesAsync(new CodeFixContext(firstDocument, first, (a, _) => action ??= a, CancellationToken.None));
                var fixAll = fixer.GetFixAllProvider();
                var fixAllContext = new FixAllContext(
                    firstDocument, fixer, FixAllScope.Solution, action?.EquivalenceKey!, new[] { id }, new Findings(project, findings), CancellationToken.None);
                var fixAllAction = fixAll is null ? null : await fixAll.GetFixAsync(fixAllContext);
                if (fixAllAction is null)
                {
                    warnings.Add($"Unable to fix {id}. Code fix {fixer.GetType().Name} didn't return a Fix All action.");
                    continue;
                }

                var apply = (await fixAllAction.GetOperationsAsync(CancellationToken.None)).OfType<ApplyChangesOperation>().Single();
                if (apply.ChangedSolution.GetChanges(solution).GetProjectChanges().Any())
                    solution = apply.ChangedSolution;
            }
        }

        return ((await solution.GetDocument(document.Id)!.GetTextAsync()).ToString(), warnings);
    }

    /// <summary>Every finding at Info or above, as dotnet format keeps them for `--severity info`.</summary>
    private static async Task<ImmutableArray<Diagnostic>> AnalyzeAsync(Project project)
    {
        var compilation = (await project.GetCompilationAsync())!;
        var diagnostics = await compilation.WithAnalyzers(RobustnessHarness.Analyzers, project.AnalyzerOptions).GetAnalyzerDiagnosticsAsync();
        return diagnostics.Where(d => d.Severity >= DiagnosticSeverity.Info && d.Location.IsInSource).ToImmutableArray();
    }

    private static Document Project(params (string Name, string Text)[] files)
    {
        var projectId = ProjectId.CreateNewId();
        var solution = new AdhocWorkspace().CurrentSolution.AddProject(ProjectInfo.Create(
            projectId,
            VersionStamp.Default,
            "Unchecked",
            "Unchecked",
            LanguageNames.CSharp,
            compilationOptions: AnalyzerRunner.Compile().Options,
            parseOptions: RobustnessHarness.ParseOptions,
            metadataReferences: TestReferences.All));
        var ids = new List<DocumentId>();
        foreach (var (name, text) in files)
        {
            var id = DocumentId.CreateNewId(projectId);
            solution = solution.AddDocument(id, name, SourceText.From(text), filePath: "/" + name);
            ids.Add(id);
        }

        return solution.GetDocument(ids[0])!;
    }

    private static IEnumerable<string[]> Permutations(string[] items)
        => items.Length <= 1
            ? new[] { items }
            : items.SelectMany((item, i) => Permutations(items.Where((_, j) => j != i).ToArray()).Select(rest => new[] { item }.Concat(rest).ToArray()));

    /// <summary>The findings of the last analysis, by project and by file path, as dotnet format's provider returns them.</summary>
    private sealed class Findings : FixAllContext.DiagnosticProvider
    {
        private readonly Project _project;
        private readonly ImmutableArray<Diagnostic> _findings;

        public Findings(Project project, ImmutableArray<Diagnostic> findings)
        {
            _project = project;
            _findings = findings;
        }

        public override Task<IEnumerable<Diagnostic>> GetAllDiagnosticsAsync(Project project, CancellationToken cancellationToken)
            => GetProjectDiagnosticsAsync(project, cancellationToken);

        public override Task<IEnumerable<Diagnostic>> GetDocumentDiagnosticsAsync(Document document, CancellationToken cancellationToken)
            => Task.FromResult(_findings.Where(d => d.Location.SourceTree?.FilePath == document.FilePath));

        public override Task<IEnumerable<Diagnostic>> GetProjectDiagnosticsAsync(Project project, CancellationToken cancellationToken)
            => Task.FromResult(project.Id == _project.Id ? _findings.AsEnumerable() : Enumerable.Empty<Diagnostic>());
    }
}
