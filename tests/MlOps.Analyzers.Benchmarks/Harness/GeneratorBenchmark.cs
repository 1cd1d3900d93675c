using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Diagnostics;
using System.Linq;
using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using MlOps.Analyzers.Benchmarks.Corpus;

namespace MlOps.Analyzers.Benchmarks.Harness;

/// <summary>The result of the generator benchmark: time per edit and how each step ran.</summary>
public sealed record GeneratorResult(
    int Pipelines,
    int Files,
    int GeneratedFiles,
    double InitialRunMs,
    IReadOnlyList<double> UnrelatedEditMs,
    IReadOnlyList<double> PipelineEditMs,
    int UnrelatedFullyCached,
    int PipelineEditsThatRegenerated,
    IReadOnlyList<string> Failures,
    IReadOnlyDictionary<string, IReadOnlyDictionary<IncrementalStepRunReason, int>> UnrelatedReasons,
    IReadOnlyDictionary<string, IReadOnlyDictionary<IncrementalStepRunReason, int>> PipelineReasons,
    IReadOnlyList<string> NotCachedSteps)
{
    public double MedianMsPerEdit => Measure.Median(UnrelatedEditMs.Concat(PipelineEditMs));
    public int Edits => UnrelatedEditMs.Count + PipelineEditMs.Count;
}

/// <summary>
/// The IDE's view of the generator: one compilation with 50 attributed pipelines and other code, then 100 edits in a row,
/// alternating an unrelated edit (a statement in a plain file changes) and an edit to a pipeline (a hyper-parameter value
/// changes). Each edit replaces one syntax tree and re-runs the driver, as the IDE does on a keystroke; step reasons are
/// tracked so that an unrelated edit can be checked to leave every step of the generator Cached or Unchanged.
/// </summary>
public static class GeneratorBenchmark
{
    public const int PipelineCount = 50;
    public const int OtherFileCount = 150;
    public const int EditCount = 100;
    private const int WarmupEdits = 10;

    private static readonly Regex ChecksumSeed = new(@"var hash = (\d+);", RegexOptions.Compiled);

    public static GeneratorResult Run(CorpusGenerator corpus, ImmutableArray<IIncrementalGenerator> generators)
    {
        var files = corpus.GenerateForGenerator(PipelineCount, OtherFileCount);
        var compilation = CorpusCompilation.Create("GeneratorCorpus", files, BenchReferences.WithMl);
        var texts = files.ToDictionary(f => f.Path, f => f.Text);
        var plainPaths = files.Where(f => f.Kind == FileKind.Plain).Select(f => f.Path).ToArray();

        GeneratorDriver driver = CSharpGeneratorDriver.Create(
            generators.Select(GeneratorExtensions.AsSourceGenerator),
            parseOptions: CorpusCompilation.ParseOptions,
            driverOptions: new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: true));

        var failures = new List<string>();
        var stopwatch = Stopwatch.StartNew();
        driver = driver.RunGenerators(compilation);
        var initialMs = stopwatch.Elapsed.TotalMilliseconds;
        var initial = driver.GetRunResult();
        CollectFailures(initial, "initial run", failures);
        var generatedFiles = initial.Results.Sum(r => r.GeneratedSources.Length);

        var unrelatedMs = new List<double>();
        var pipelineMs = new List<double>();
        var unrelatedReasons = new Dictionary<string, Dictionary<IncrementalStepRunReason, int>>();
        var pipelineReasons = new Dictionary<string, Dictionary<IncrementalStepRunReason, int>>();
        var notCached = new SortedSet<string>(StringComparer.Ordinal);
        var fullyCached = 0;
        var regenerated = 0;

        for (var edit = -WarmupEdits; edit < EditCount; edit++)
        {
            var unrelated = (edit & 1) == 0;
            var step = Math.Abs(edit);
            string path;
            string text;
            if (unrelated)
            {
                path = plainPaths[(step / 2) % plainPaths.Length];
                text = ChecksumSeed.Replace(texts[path], m => $"var hash = {int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture) + 1};", 1);
            }
            else
            {
                var pipeline = (step / 2) % PipelineCount;
                path = CorpusGenerator.PipelinePath(pipeline);
                text = corpus.PipelineWithTrees(pipeline, 100 + edit + WarmupEdits + 1);
            }

            texts[path] = text;
            var oldTree = compilation.SyntaxTrees.Single(t => t.FilePath == path);
            var newTree = CSharpSyntaxTree.ParseText(text, CorpusCompilation.ParseOptions, path: path, encoding: System.Text.Encoding.UTF8);
            compilation = compilation.ReplaceSyntaxTree(oldTree, newTree);

            stopwatch.Restart();
            driver = driver.RunGenerators(compilation);
            var elapsed = stopwatch.Elapsed.TotalMilliseconds;
            if (edit < 0)
                continue;

            var result = driver.GetRunResult();
            CollectFailures(result, $"edit {edit}", failures);
            var reasons = unrelated ? unrelatedReasons : pipelineReasons;
            var allCached = true;
            var anyOutputModified = false;
            foreach (var generatorResult in result.Results)
            {
                foreach (var (name, runs) in generatorResult.TrackedSteps.Concat(generatorResult.TrackedOutputSteps))
                {
                    var isOutput = generatorResult.TrackedOutputSteps.ContainsKey(name);
                    var key = (isOutput ? "[output] " : string.Empty) + name;
                    foreach (var run in runs)
                    {
                        foreach (var (_, reason) in run.Outputs)
                        {
                            Count(reasons, key, reason);
                            if (reason is not (IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged))
                            {
                                if (isOutput)
                                    anyOutputModified = true;
                                if (unrelated && (isOutput || !IsRoslynInternal(name)))
                                {
                                    allCached = false;
                                    notCached.Add($"{key}: {reason}");
                                }
                            }
                        }
                    }
                }
            }

            if (unrelated)
            {
                unrelatedMs.Add(elapsed);
                if (allCached)
                    fullyCached++;
            }
            else
            {
                pipelineMs.Add(elapsed);
                if (anyOutputModified)
                    regenerated++;
            }
        }

        return new GeneratorResult(
            PipelineCount,
            files.Count,
            generatedFiles,
            initialMs,
            unrelatedMs,
            pipelineMs,
            fullyCached,
            regenerated,
            failures,
            Freeze(unrelatedReasons),
            Freeze(pipelineReasons),
            notCached.ToList());
    }

    /// <summary>
    /// Roslyn's own steps: the inputs (<c>Compilation</c> is Modified by every edit, by definition) and the steps inside
    /// <c>ForAttributeWithMetadataName</c> (they look at every edited tree by design). The generator's own named steps and
    /// its outputs are what must stay cached.
    /// </summary>
    public static bool IsRoslynInternal(string stepName)
        => stepName.Contains("_ForAttribute", StringComparison.Ordinal)
            || stepName is WellKnownGeneratorInputs.Compilation or "CompilationOptions" or WellKnownGeneratorInputs.ParseOptions
                or WellKnownGeneratorInputs.AdditionalTexts or WellKnownGeneratorInputs.AnalyzerConfigOptions or WellKnownGeneratorInputs.MetadataReferences;

    private static void CollectFailures(GeneratorDriverRunResult result, string when, List<string> failures)
    {
        foreach (var generatorResult in result.Results)
        {
            if (generatorResult.Exception is { } exception)
                failures.Add($"{when}: {generatorResult.Generator.GetGeneratorType().Name} threw {exception.GetType().Name}: {exception.Message}");
        }

        foreach (var diagnostic in result.Diagnostics.Where(d => d.Id is "CS8784" or "CS8785"))
            failures.Add($"{when}: {diagnostic.Id} {diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture)}");
    }

    private static void Count(Dictionary<string, Dictionary<IncrementalStepRunReason, int>> table, string step, IncrementalStepRunReason reason)
    {
        if (!table.TryGetValue(step, out var counts))
            table[step] = counts = new Dictionary<IncrementalStepRunReason, int>();
        counts[reason] = counts.GetValueOrDefault(reason) + 1;
    }

    private static IReadOnlyDictionary<string, IReadOnlyDictionary<IncrementalStepRunReason, int>> Freeze(Dictionary<string, Dictionary<IncrementalStepRunReason, int>> table)
        => table.OrderBy(p => p.Key, StringComparer.Ordinal).ToDictionary(p => p.Key, p => (IReadOnlyDictionary<IncrementalStepRunReason, int>)p.Value);
}
