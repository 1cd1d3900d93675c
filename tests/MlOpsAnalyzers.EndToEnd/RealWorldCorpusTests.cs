using System;
using System.IO;
using System.Linq;
using Xunit.Abstractions;

namespace MlOpsAnalyzers.EndToEnd;

/// <summary>
/// tests/RealWorldCorpus: programs written the way teams write ML code (console trainers, a model sweep, an image
/// classifier, a DataFrame prep script, a scoring web app, TorchSharp training and inference, a mostly-not-ML service),
/// each line that must have a finding marked `// expect: MLOPSnnn`. The markers say what ../shared/RULES.md decides, not
/// what the rules do today. The programs are built once, as one solution, against the packed package with every rule at
/// least a warning (the Strict preset, so Info rules count like the others; compilation-end findings are in a build's
/// log like any other), and the SARIF logs are scored per rule for precision and recall.
/// </summary>
[Collection(PackageCollection.Name)]
public sealed class RealWorldCorpusTests(PackageFixture fixture, ITestOutputHelper output)
{
    /// <summary>
    /// Floors under the overall scores: the last measurement (README, rules section), rounded down. Raise them as the rules
    /// improve; lowering one to pass hides a regression.
    /// </summary>
    private const double PrecisionFloor = 1.00;
    private const double RecallFloor = 0.95;

    /// <summary>
    /// Warning false positives a pending rule change is known to remove. The test fails on any other Warning false
    /// positive, and on an entry here that is no longer reported: delete it then.
    /// </summary>
    private static readonly string[] AwaitingFix = [];

    private static string CorpusRoot => RepoPaths.Combine("tests", "RealWorldCorpus");

    [Fact]
    public void Findings_match_the_expect_markers()
    {
        var outputFolder = Path.Combine(fixture.WorkRoot, "corpus");
        var build = DotNet.Run(
            CorpusRoot,
            "build", Path.Combine(CorpusRoot, "RealWorldCorpus.slnx"), "-nologo", "-v:q", "-clp:NoSummary", "--no-incremental",
            $"-p:MlOpsAnalyzersVersion={fixture.Version}",
            $"-p:RestoreAdditionalProjectSources={fixture.Feed}",
            $"-p:CorpusOutput={outputFolder}");
        build.EnsureSuccess("dotnet build of the real-world corpus");

        // Every program folder is in the solution and was built: one SARIF log each.
        var programs = Directory.GetFiles(CorpusRoot, "*.csproj", SearchOption.AllDirectories)
            .Select(Path.GetFileNameWithoutExtension)
            .Order(StringComparer.Ordinal)
            .ToList();
        var logs = programs.Select(name => Path.Combine(outputFolder, name + ".sarif")).ToList();
        Assert.All(logs, log => Assert.True(File.Exists(log), $"{log} was not written: is its program in RealWorldCorpus.slnx?"));

        var score = CorpusScore.Compute(CorpusRoot, logs);
        var report = score.ToMarkdown($"Real-world corpus: {programs.Count} programs, {score.Expected.Count} expected findings");
        output.WriteLine(report);
        var reportPath = Path.Combine(AppContext.BaseDirectory, "RealWorldCorpus", "score.md");
        Directory.CreateDirectory(Path.GetDirectoryName(reportPath)!);
        File.WriteAllText(reportPath, report);
        output.WriteLine($"(written to {reportPath})");

        Assert.NotEmpty(score.Expected);
        var unknownRules = score.Expected.Where(f => !score.DefaultLevels.ContainsKey(f.Rule)).Select(f => f.ToString()).ToList();
        Assert.True(unknownRules.Count == 0, "Markers name rules the package does not have:\n" + string.Join("\n", unknownRules));
        var warningFalsePositives = score.FalsePositives
            .Where(f => score.DefaultLevel(f.Rule) is "warning" or "error")
            .Select(f => f.ToString())
            .ToList();
        Assert.True(
            warningFalsePositives.Except(AwaitingFix).ToList() is { Count: 0 },
            "False positives of Warning rules (precision first):\n" + string.Join("\n", warningFalsePositives.Except(AwaitingFix)) + "\n\n" + report);
        Assert.True(
            AwaitingFix.Except(warningFalsePositives).ToList() is { Count: 0 },
            "No longer reported, remove from AwaitingFix:\n" + string.Join("\n", AwaitingFix.Except(warningFalsePositives)));
        Assert.True(score.Precision >= PrecisionFloor, $"Precision {score.Precision:0.000} is below the floor {PrecisionFloor}.\n\n{report}");
        Assert.True(score.Recall >= RecallFloor, $"Recall {score.Recall:0.000} is below the floor {RecallFloor}.\n\n{report}");
    }
}
