using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using MlOps.Analyzers.Benchmarks.Corpus;
using MlOps.Analyzers.Engine;

namespace MlOps.Analyzers.Benchmarks.Harness;

/// <summary>Medians of one configuration on one corpus.</summary>
public sealed record ConfigResult(string Name, double CompileMs, double ExecutionMs, double WallMs, IReadOnlyList<double> ExecutionSamples);

/// <summary>A rule measured alone (hosted by <c>MlOpsAnalyzer</c> on its own), beside its floor (a no-op analyzer with the same registrations).</summary>
public sealed record RuleResult(string Name, double AloneMs, double FloorMs, int Reported, string Registrations);

public sealed record ScalingRow(int Files, int Lines, double CompileMs, double MlOpsMs, double FloorMs)
{
    public double MicrosPerFile => MlOpsMs * 1000 / Files;
}

/// <summary>
/// The whole benchmark, in one process: every configuration is measured side by side (round robin inside each iteration,
/// after warm-up), so that load from other processes on a shared machine hits all of them alike and the ratios hold.
/// </summary>
public sealed class BenchmarkRun
{
    private readonly BenchmarkOptions _options;
    private readonly CorpusGenerator _corpus;

    public BenchmarkRun(BenchmarkOptions options)
    {
        _options = options;
        _corpus = new CorpusGenerator(options.Seed);
    }

    public async Task<int> RunAsync()
    {
        var total = Stopwatch.StartNew();
        var mlOps = AnalyzerCatalog.CreateMlOpsAnalyzers();
        var ruleHosts = AnalyzerCatalog.CreateRuleHosts();
        var generators = AnalyzerCatalog.CreateGenerators();
        var peer = AnalyzerCatalog.LoadCa5394();
        Log($"MlOps analyzers: {mlOps.Length} ({string.Join(", ", mlOps.Select(AnalyzerCatalog.Describe))}); generators: {generators.Length}; peer: {peer.GetType().Name}");
        Log($"mode: {(_options.Quick ? "quick" : "full")}, warm-up {_options.Warmup}, iterations {_options.Iterations}, per-rule iterations {_options.RuleIterations}");

        // ---- corpora
        var mlFiles = _options.Sizes.ToDictionary(size => size, size => _corpus.GenerateMl(size));
        var ml = mlFiles.ToDictionary(p => p.Key, p => CorpusCompilation.Create($"MlCorpus{p.Key}", p.Value, BenchReferences.WithMl));
        var nonMlFiles = _corpus.GenerateNonMl(BenchmarkOptions.ReferenceSize);
        var nonMl = CorpusCompilation.Create("NonMlCorpus", nonMlFiles, BenchReferences.Net80);
        var reference = ml[BenchmarkOptions.ReferenceSize];
        Log($"corpora ready ({total.Elapsed.TotalSeconds:F0} s)");
        var compileErrors = 0;

        // ---- floors: a no-op shadow of each shipped analyzer (and, in full mode, of each rule hosted alone), with its registrations
        var samples = SampleSymbols(reference, 120);
        var measuredAlone = _options.Quick ? ImmutableArray<DiagnosticAnalyzer>.Empty : ruleHosts.Keys.ToImmutableArray();
        var shapes = mlOps.Concat(measuredAlone).ToDictionary(a => a, a => Registrations.Record(a, reference, samples));
        var floorOf = shapes.ToDictionary(p => p.Key, p => (DiagnosticAnalyzer)new FloorAnalyzer(AnalyzerCatalog.Describe(p.Key), p.Value));
        var floors = mlOps.Select(a => floorOf[a]).ToImmutableArray();

        // ---- 1-5: the reference size, side by side. One analysis run holds the MlOps analyzers, their floors and the
        // peer together: the driver times each analyzer's callbacks separately, and all of them see the same compilation
        // at the same moment, so machine load hits them alike (and the corpus is bound once per iteration, not once per set).
        var measured = mlOps.AddRange(floors).Add(peer);
        var compileSamples = new List<double>();
        var nonMlCompileSamples = new List<double>();
        var floorAloneWall = new List<double>();
        var combined = new List<AnalysisSample>();
        var nonMlAll = new List<AnalysisSample>();
        var withFloors = mlOps.AddRange(floors);
        var otherSizes = _options.Sizes.Where(size => size != BenchmarkOptions.ReferenceSize).ToArray();
        var scaleCompile = otherSizes.ToDictionary(size => size, _ => new List<double>());
        var scaleMlOps = otherSizes.ToDictionary(size => size, _ => new List<double>());
        var scaleFloor = otherSizes.ToDictionary(size => size, _ => new List<double>());
        var scalingCrashes = new List<string>();
        for (var i = 0; i < _options.Warmup + _options.Iterations; i++)
        {
            // The other sizes inside the same iteration, so that a change of machine load hits every size alike.
            foreach (var size in otherSizes)
            {
                // Each size gets its warm-up right before its measured iterations (its first analysis pays for what the
                // compilation loads once), as the reference size does.
                var firstKept = _options.Warmup + _options.Iterations - _options.ScalingIterations(size);
                var keepSize = i >= firstKept;
                if (!keepSize && i < firstKept - _options.Warmup)
                    continue;
                var cs = Measure.CompileMs(ml[size]);
                var sample = await Measure.AnalyzeAsync(ml[size], withFloors).ConfigureAwait(false);
                scalingCrashes.AddRange(sample.Crashes);
                Log($"  {size:N0} files, {(keepSize ? "iteration" : "warm-up")} {i + 1}: compile {cs:F0} ms, MlOps {Sum(sample, mlOps):F1} ms, floor {Sum(sample, floors):F1} ms ({total.Elapsed.TotalSeconds:F0} s)");
                if (!keepSize)
                    continue;
                scaleCompile[size].Add(cs);
                scaleMlOps[size].Add(Sum(sample, mlOps));
                scaleFloor[size].Add(Sum(sample, floors));
            }

            var keep = i >= _options.Warmup;
            var c = Measure.CompileMs(reference, out compileErrors);
            var a = await Measure.AnalyzeAsync(reference, measured).ConfigureAwait(false);
            var nc = Measure.CompileMs(nonMl);
            var na = await Measure.AnalyzeAsync(nonMl, mlOps).ConfigureAwait(false);
            var fw = double.NaN;
            if (!_options.Quick)
                fw = (await Measure.AnalyzeAsync(reference, floors).ConfigureAwait(false)).WallMs;
            Log($"  1,000 files, {(keep ? "iteration" : "warm-up")} {i + 1}: compile {c:F0} ms, MlOps {Sum(a, mlOps):F1} ms, floor {Sum(a, floors):F1} ms, CA5394 {a.ExecutionMs[peer]:F1} ms, {compileErrors} compiler errors; non-ML compile {nc:F0} ms, MlOps {na.TotalExecutionMs:F2} ms ({total.Elapsed.TotalSeconds:F0} s)");
            if (!keep)
                continue;
            compileSamples.Add(c);
            combined.Add(a);
            nonMlCompileSamples.Add(nc);
            nonMlAll.Add(na);
            floorAloneWall.Add(fw);
        }

        var compileMs = Measure.Median(compileSamples);
        var mlOpsMs = Measure.Median(combined.Select(x => Sum(x, mlOps)));
        var floorMs = Measure.Median(combined.Select(x => Sum(x, floors)));
        var caMs = Measure.Median(combined.Select(x => x.ExecutionMs[peer]));
        var nonMlCompileMs = Measure.Median(nonMlCompileSamples);
        var nonMlMs = Measure.Median(nonMlAll.Select(x => x.TotalExecutionMs));
        // What subscribing costs the driver (building operation trees, dispatch) beyond compiling: the floor's run, wall clock.
        var driverMs = _options.Quick ? double.NaN : Measure.Median(floorAloneWall) - compileMs;
        var reported = combined[^1].DiagnosticsById;
        var crashes = combined.Concat(nonMlAll).SelectMany(x => x.Crashes).Concat(scalingCrashes).Distinct().ToList();

        // ---- each rule alone (full mode): hosted by MlOpsAnalyzer on its own, beside its floor
        var aloneSamples = measuredAlone.ToDictionary(a => a, _ => new List<double>());
        var aloneFloorSamples = measuredAlone.ToDictionary(a => a, _ => new List<double>());
        for (var i = 0; i < 1 + _options.RuleIterations && !measuredAlone.IsEmpty; i++)
        {
            foreach (var analyzer in measuredAlone)
            {
                var sample = await Measure.AnalyzeAsync(reference, ImmutableArray.Create(analyzer, floorOf[analyzer])).ConfigureAwait(false);
                crashes.AddRange(sample.Crashes);
                if (i == 0)
                    continue;
                aloneSamples[analyzer].Add(sample.ExecutionMs[analyzer]);
                aloneFloorSamples[analyzer].Add(sample.ExecutionMs[floorOf[analyzer]]);
            }

            Log($"  each rule alone, pass {i + 1} done ({total.Elapsed.TotalSeconds:F0} s)");
        }

        var rules = new List<RuleResult>();
        foreach (var analyzer in measuredAlone)
        {
            var ids = analyzer.SupportedDiagnostics.Select(d => d.Id).ToHashSet();
            rules.Add(new RuleResult(
                AnalyzerCatalog.Describe(ruleHosts[analyzer]),
                Measure.Median(aloneSamples[analyzer]),
                Measure.Median(aloneFloorSamples[analyzer]),
                reported.Where(p => ids.Contains(p.Key)).Sum(p => p.Value),
                shapes[analyzer].ToString()));
        }

        // ---- scaling: the 1,000 row comes from above; 200 and 5,000 were measured inside the same iterations
        var scaling = new List<ScalingRow>();
        foreach (var size in _options.Sizes)
        {
            var lines = mlFiles[size].Sum(f => f.Text.Count(ch => ch == '\n'));
            scaling.Add(size == BenchmarkOptions.ReferenceSize
                ? new ScalingRow(size, lines, compileMs, mlOpsMs, floorMs)
                : new ScalingRow(size, lines, Measure.Median(scaleCompile[size]), Measure.Median(scaleMlOps[size]), Measure.Median(scaleFloor[size])));
        }

        scaling.Sort((x, y) => x.Files.CompareTo(y.Files));
        ml.Clear();

        // ---- 6: the generator
        GeneratorResult? generator = null;
        if (generators.Length > 0)
        {
            generator = GeneratorBenchmark.Run(_corpus, generators);
            Log($"  generator: {generator.Edits} edits, median {generator.MedianMsPerEdit:F2} ms/edit, unrelated fully cached {generator.UnrelatedFullyCached}/{generator.UnrelatedEditMs.Count}, failures {generator.Failures.Count}");
        }
        else
        {
            Log("  generator: none in MlOps.Analyzers yet (no [Generator] type found by reflection)");
        }

        // ---- only the planted findings: the last measured analysis of the reference corpus, compared file by file
        var planted = PlantedFindings.Of(combined[^1], mlFiles[BenchmarkOptions.ReferenceSize], mlOps);
        Log($"  planted findings: reported {planted.Reported}, planted {planted.Planted}, {planted.Mismatches.Count} mismatches");

        var summary = new Summary(
            compileMs, mlOpsMs, floorMs, caMs, nonMlCompileMs, nonMlMs, scaling, generator, crashes,
            mlFiles[BenchmarkOptions.ReferenceSize], nonMlFiles, reported, rules, compileErrors, driverMs, total.Elapsed)
        {
            Planted = planted,
        };
        var report = MarkdownReport.Write(_options, summary);
        var path = _options.OutputPath ?? (_options.Quick
            ? Path.Combine(AppContext.BaseDirectory, "performance-quick.md")
            : Path.Combine(RepoRoot(), "docs", "performance.md"));
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        if (File.Exists(path))
        {
            // A hand-written "## Notes" section at the end (profiles, explanations of misses) survives a new run.
            var previous = await File.ReadAllTextAsync(path).ConfigureAwait(false);
            var notes = previous.IndexOf("\n## Notes", StringComparison.Ordinal);
            if (notes >= 0)
                report = report.TrimEnd() + "\n" + previous[notes..];
        }

        await File.WriteAllTextAsync(path, report).ConfigureAwait(false);

        Console.WriteLine();
        Console.WriteLine(MarkdownReport.TargetsTable(summary));
        Console.WriteLine($"report: {Path.GetFullPath(path)} ({total.Elapsed.TotalSeconds:F0} s)");
        Console.WriteLine(summary.OverheadLine);
        return crashes.Count == 0 && (generator?.Failures.Count ?? 0) == 0 ? 0 : 1;
    }

    /// <summary>Type and method symbols from the first files, on which the recorder runs symbol-start callbacks.</summary>
    private static IReadOnlyList<ISymbol> SampleSymbols(Compilation compilation, int treeCount)
    {
        var symbols = new List<ISymbol>();
        foreach (var tree in compilation.SyntaxTrees.Take(treeCount))
        {
            var model = compilation.GetSemanticModel(tree);
            foreach (var declaration in tree.GetRoot().DescendantNodes().OfType<MemberDeclarationSyntax>())
            {
                if (declaration is BaseTypeDeclarationSyntax or MethodDeclarationSyntax or PropertyDeclarationSyntax or ConstructorDeclarationSyntax
                    && model.GetDeclaredSymbol(declaration) is { } symbol)
                    symbols.Add(symbol);
            }
        }

        return symbols;
    }

    private static string RepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "MlOpsAnalyzers.sln")))
                return dir.FullName;
        }

        return Directory.GetCurrentDirectory();
    }

    private static double Sum(AnalysisSample sample, IEnumerable<DiagnosticAnalyzer> analyzers) => analyzers.Sum(a => sample.ExecutionMs[a]);

    private static void Log(string message) => Console.WriteLine(message);
}

/// <summary>Everything the report and the last line are computed from.</summary>
public sealed record Summary(
    double CompileMs,
    double MlOpsMs,
    double FloorMs,
    double Ca5394Ms,
    double NonMlCompileMs,
    double NonMlMs,
    IReadOnlyList<ScalingRow> Scaling,
    GeneratorResult? Generator,
    IReadOnlyList<string> Crashes,
    IReadOnlyList<CorpusFile> ReferenceFiles,
    IReadOnlyList<CorpusFile> NonMlFiles,
    ImmutableDictionary<string, int> Reported,
    IReadOnlyList<RuleResult> Rules,
    int CompileErrors,
    double DriverMs,
    TimeSpan Elapsed)
{
    public const double TargetA = 3.0;
    public const double TargetB = 2.0;
    public const double TargetD = 0.2;
    public const double TargetLinearity = 25.0;

    /// <summary>What the shipped analyzer reported on the 1,000-file ML corpus against what was planted (per file).</summary>
    public PlantedComparison? Planted { get; init; }

    public double A => 100 * MlOpsMs / CompileMs;
    public double B => MlOpsMs / FloorMs;

    /// <summary>
    /// B with the driver's own cost of the same subscriptions (operation trees, dispatch) on both sides: what a build
    /// pays for MlOps against what it pays for the no-op shadows. Full mode only (needs a floor-only run).
    /// </summary>
    public double BWithDriver => (DriverMs + MlOpsMs) / (DriverMs + FloorMs);
    public double C => MlOpsMs / Ca5394Ms;
    public double D => 100 * NonMlMs / NonMlCompileMs;

    /// <summary>Largest deviation of a size's per-file cost from the 1,000-file per-file cost, in percent.</summary>
    public double LinearityDeviation
    {
        get
        {
            var referenceRow = Scaling.Single(r => r.Files == BenchmarkOptions.ReferenceSize);
            return Scaling.Max(r => Math.Abs(r.MicrosPerFile / referenceRow.MicrosPerFile - 1) * 100);
        }
    }

    public string OverheadLine => string.Create(
        CultureInfo.InvariantCulture,
        $"overhead: {A:F2}% of compile, {B:F2}x floor, {C:F2}x CA5394, non-ML {D:F3}%, generator {(Generator is null ? "n/a" : Generator.MedianMsPerEdit.ToString("F2", CultureInfo.InvariantCulture))} ms/edit");
}
