using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using MlOps.Analyzers.Benchmarks.Corpus;
using MlOps.Testing;

namespace MlOps.Analyzers.Benchmarks.Harness.EndToEnd;

/// <summary>Everything the "What a user's build pays" section is written from.</summary>
public sealed record EndToEndSummary(
    EndToEndOptions Options,
    int MlFiles,
    int MostlyPlainFiles,
    string PackageVersion,
    BuildRatio Rules,
    BuildRatio SdkAnalyzers,
    BuildRatio? RulesWithoutSdkAnalyzers,
    BuildRatio MostlyPlainRules,
    AsYouTypeResult AsYouType,
    IReadOnlyList<string> AnalyzerReport,
    string Commit,
    TimeSpan Elapsed)
{
    public const double TargetMl = 1.05;
    public const double TargetMostlyPlain = 1.01;

    public IEnumerable<string> HeadlineLines()
    {
        yield return $"end-to-end build, {MlFiles:N0} ML files: {Rules.Wall.Ratio.Describe()}";
        yield return $"end-to-end build, {MostlyPlainFiles:N0} files referencing ML.NET, mostly not ML: {MostlyPlainRules.Wall.Ratio.Describe()}";
        yield return $"SDK default analyzers, same {MlFiles:N0} ML files: {SdkAnalyzers.Wall.Ratio.Describe()}";
        yield return $"Csc task alone, {MlFiles:N0} ML files: rules {Rules.Csc.Ratio.Describe()}, SDK analyzers {SdkAnalyzers.Csc.Ratio.Describe()}";
        yield return $"CPU time of the build, {MlFiles:N0} ML files: rules {Rules.Cpu.Ratio.Describe()}, SDK analyzers {SdkAnalyzers.Cpu.Ratio.Describe()}; mostly not ML: rules {MostlyPlainRules.Cpu.Ratio.Describe()}";
        yield return AsYouTypeLine(AsYouType);
    }

    public static string AsYouTypeLine(AsYouTypeResult a)
        => $"as-you-type, one document of {a.Files:N0} ML files: {a.Ratio.Describe("runs")}, {a.OnMs - a.OffMs:+0;-0} ms ({a.OnMs:F0} against {a.OffMs:F0} ms); CPU {a.CpuRatio.Describe("runs")}, {a.OnCpuMs - a.OffCpuMs:+0;-0} ms; {a.Crashes.Count} analyzer exceptions";
}

/// <summary>
/// The benchmark's headline (<c>--end-to-end</c>): real builds of two on-disk projects that consume the packed package, the
/// rules on against off, in alternating processes, and the as-you-type cost of one document. See docs/performance.md,
/// "What a user's build pays".
/// </summary>
public sealed class EndToEndRun
{
    private readonly EndToEndOptions _options;

    public EndToEndRun(EndToEndOptions options) => _options = options;

    public async Task<int> RunAsync()
    {
        var total = Stopwatch.StartNew();
        var workRoot = Directory.CreateTempSubdirectory("mlops-bench-build-").FullName;
        Log($"mode: {(_options.Quick ? "quick" : "full")}, {_options.Rounds} rounds, work folder {workRoot}");
        try
        {
            var replicaCount = (int)Math.Round(_options.MlFiles / (double)ChurnReplicas.FilesPerReplica);
            var mlFiles = ChurnReplicas.Create(replicaCount);
            var document = mlFiles[(replicaCount / 2) * ChurnReplicas.FilesPerReplica].Path;
            var asYouType = await AsYouTypeBenchmark.RunAsync(mlFiles, document, _options.AsYouTypeWarmup, _options.AsYouTypeRuns, Log).ConfigureAwait(false);
            if (_options.AsYouTypeOnly)
            {
                Console.WriteLine(EndToEndSummary.AsYouTypeLine(asYouType));
                return asYouType.Crashes.Count == 0 && asYouType.CompileErrors == 0 ? 0 : 1;
            }

            var package = LocalPackage.Pack(workRoot);
            Log($"packed MlOpsAnalyzers {package.Version} ({total.Elapsed.TotalSeconds:F0} s)");
            var ml = ConsumerProject.Create(workRoot, "ChurnReplicas", package, ChurnReplicas.EntryPoint, mlFiles);
            // Plain code with one copy of the churn sample: the project references ML.NET, so the analyzer's library gate opens.
            var mostlyPlainFiles = ChurnReplicas.Create(1).Concat(new CorpusGenerator().GenerateNonMl(_options.NonMlFiles - ChurnReplicas.FilesPerReplica)).ToList();
            var mostlyPlain = ConsumerProject.Create(workRoot, "MostlyPlain", package, ChurnReplicas.EntryPoint, mostlyPlainFiles);
            foreach (var project in new[] { ml, mostlyPlain })
            {
                project.CheckBuildsWithoutFindings();
                Log($"{project.Name}: {project.FileCount:N0} files, restored, builds without findings in Strict mode ({total.Elapsed.TotalSeconds:F0} s)");
            }

            var mlConfigurations = new List<BuildConfiguration> { BuildConfiguration.RulesOn, BuildConfiguration.RulesOff, BuildConfiguration.SdkAnalyzersOff };
            if (!_options.Quick)
                mlConfigurations.Add(BuildConfiguration.RulesOnSdkAnalyzersOff);
            var mlBuilds = new BuildComparison(ml, mlConfigurations);
            mlBuilds.Run(_options.Rounds, Log);
            var plainBuilds = new BuildComparison(mostlyPlain, new[] { BuildConfiguration.RulesOn, BuildConfiguration.RulesOff });
            plainBuilds.Run(_options.Rounds, Log);

            var analyzerReport = _options.Quick ? (IReadOnlyList<string>)Array.Empty<string>() : ReportAnalyzer(ml);
            var summary = new EndToEndSummary(
                _options,
                ml.FileCount,
                mostlyPlain.FileCount,
                package.Version,
                mlBuilds.Ratio("rules on / rules off", BuildConfiguration.RulesOn, BuildConfiguration.RulesOff),
                mlBuilds.Ratio("SDK analyzers on / off (rules off)", BuildConfiguration.RulesOff, BuildConfiguration.SdkAnalyzersOff),
                _options.Quick ? null : mlBuilds.Ratio("rules on / off, SDK analyzers off", BuildConfiguration.RulesOnSdkAnalyzersOff, BuildConfiguration.SdkAnalyzersOff),
                plainBuilds.Ratio("rules on / rules off", BuildConfiguration.RulesOn, BuildConfiguration.RulesOff),
                asYouType,
                analyzerReport,
                GitCommit(),
                total.Elapsed);

            var path = _options.OutputPath ?? (_options.Quick
                ? Path.Combine(AppContext.BaseDirectory, "performance-build-quick.md")
                : RepoPaths.Combine("docs", "performance.md"));
            BuildCostReport.WriteInto(path, BuildCostReport.Section(summary));

            Console.WriteLine();
            Console.WriteLine(BuildCostReport.TargetsTable(summary));
            Console.WriteLine($"report: {Path.GetFullPath(path)} ({total.Elapsed.TotalMinutes:F1} min)");
            foreach (var line in summary.HeadlineLines())
                Console.WriteLine(line);
            return asYouType.Crashes.Count == 0 && asYouType.CompileErrors == 0 ? 0 : 1;
        }
        finally
        {
            if (_options.Keep)
                Log($"kept {workRoot}");
            else
                TryDelete(workRoot);
        }
    }

    /// <summary>
    /// One more build of the ML project with <c>-p:ReportAnalyzer=true</c> (detailed verbosity): the compiler's own account
    /// of each analyzer assembly's and generator's callback time. It does not see the driver's work for an analyzer's
    /// subscriptions, which the ratios above include.
    /// </summary>
    private static IReadOnlyList<string> ReportAnalyzer(ConsumerProject project)
    {
        var (_, output) = project.BuildWithOutput(BuildConfiguration.RulesOn, "-v:d", "-p:ReportAnalyzer=true");
        var lines = output.Split('\n').Select(l => l.Trim()).ToList();
        var kept = lines.Where(l => l.StartsWith("Total analyzer execution time", StringComparison.Ordinal)
                                    || l.StartsWith("Total generator execution time", StringComparison.Ordinal)
                                    || (l.Contains(", Version=", StringComparison.Ordinal) && char.IsDigit(l.TrimStart('<')[0]))
                                    || l.Contains("MlOps.Analyzers.", StringComparison.Ordinal) && char.IsDigit(l.TrimStart('<')[0]))
            .Distinct()
            .ToList();
        Log("  -p:ReportAnalyzer=true, rules on:" + string.Concat(kept.Select(l => "\n    " + l)));
        return kept;
    }

    private static string GitCommit()
    {
        try
        {
            var start = new ProcessStartInfo("git", "rev-parse --short HEAD") { WorkingDirectory = RepoPaths.Root, RedirectStandardOutput = true, UseShellExecute = false };
            using var git = Process.Start(start)!;
            var commit = git.StandardOutput.ReadToEnd().Trim();
            git.WaitForExit();
            return git.ExitCode == 0 && commit.Length > 0 ? commit : "unknown";
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return "unknown";
        }
    }

    private static void TryDelete(string directory)
    {
        try
        {
            Directory.Delete(directory, recursive: true);
        }
        catch (IOException ex)
        {
            Log($"could not delete {directory}: {ex.Message}");
        }
    }

    private static void Log(string message) => Console.WriteLine(message);
}
