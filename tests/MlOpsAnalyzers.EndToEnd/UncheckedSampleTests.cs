using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;

namespace MlOpsAnalyzers.EndToEnd;

/// <summary>
/// samples/ChurnTraining.Unchecked built against the packed package: exactly the findings the README shows (a new
/// false positive fails this test), and `dotnet format analyzers` fixes what it can, leaving only what the README
/// says needs a person.
/// </summary>
[Collection(PackageCollection.Name)]
public sealed class UncheckedSampleTests(PackageFixture fixture)
{
    /// <summary>The findings README.md shows for the unchecked sample, by rule and position.</summary>
    private static readonly string[] ExpectedFindings =
    [
        "MLOPS001 Program.cs(23,25)", // new MLContext() used to shuffle and train
        "MLOPS002 Program.cs(25,39)", // ShuffleRows without a seed on that context
        "MLOPS003 Program.cs(31,61)", // SDCA shuffles with the unseeded context (Info)
        "MLOPS010 Program.cs(24,20)", // LoadFromTextFile of an undeclared CSV
        "MLOPS020 Program.cs(42,9)",  // Model.Save to model.zip, passed by Main
        "MLOPS030 Program.cs(34,54)", // Evaluate on all rows, the training part included
    ];

    /// <summary>What `dotnet format analyzers` cannot decide for the user (see README "Fix in bulk").</summary>
    private static readonly string[] NeedAPerson = ["MLOPS010", "MLOPS020", "MLOPS030"];

    private Consumer CreateUnchecked(string name) => fixture.CreateConsumer(
        name,
        fixture.ReadSample("ChurnTraining.Unchecked", "Program.cs"),
        extraFiles: ("SyntheticChurnData.cs", fixture.ReadSample("Shared", "SyntheticChurnData.cs")));

    [Fact]
    public void Build_reports_exactly_the_documented_findings()
    {
        var consumer = CreateUnchecked("Unchecked");
        var sarif = Path.Combine(consumer.Directory, "unchecked.sarif");
        var build = consumer.Build($"-p:ErrorLog={sarif}%2Cversion=2.1").EnsureSuccess("dotnet build of the unchecked sample");
        Assert.Equal(ExpectedFindings.Order(System.StringComparer.Ordinal), Consumer.SarifResults(sarif));

        // README's walk-through shows the build's warnings word for word.
        var warnings = build.Output.Split('\n')
            .Select(line => Regex.Match(line.Trim(), @"(Program\.cs\(\d+,\d+\): warning MLOPS\d+: .*?)( \(https?://[^ ]*\))?( \[[^\]]*\])?$"))
            .Where(match => match.Success)
            .Select(match => match.Groups[1].Value)
            .Distinct()
            .Order(System.StringComparer.Ordinal)
            .ToList();
        var readme = File.ReadAllLines(RepoPaths.Combine("README.md"))
            .Where(line => line.StartsWith("Program.cs(", System.StringComparison.Ordinal))
            .Order(System.StringComparer.Ordinal)
            .ToList();
        Assert.Equal(readme.Count, warnings.Count);
        for (var i = 0; i < readme.Count; i++)
            Assert.Equal(readme[i], warnings[i]);
    }

    /// <summary>
    /// dotnet format fixes the rules in an order that changes from run to run (a hash set of ids) and hands each fixer the
    /// first finding of any rule: every run must still give the same file, in one pass, with nothing it cannot fix reported
    /// as a failure, and laid out like the code around it.
    /// </summary>
    [Fact]
    public void Dotnet_format_gives_one_result_every_run_fixes_the_seeds_and_leaves_only_what_needs_a_person()
    {
        var original = fixture.ReadSample("ChurnTraining.Unchecked", "Program.cs");
        var longestLine = original.Replace("\r\n", "\n").Split('\n').Max(l => l.Length);
        var programs = new List<string>();
        Consumer? first = null;
        for (var run = 0; run < 3; run++)
        {
            var consumer = CreateUnchecked("UncheckedFormat" + run);
            first ??= consumer;
            var format = DotNet.Run(consumer.Directory, "format", "analyzers", consumer.ProjectPath, "--severity", "info").EnsureSuccess("dotnet format analyzers");
            // A rule without a fix (MLOPS030 in this sample) is named as such; no fixer may fail to give its Fix All action.
            Assert.All(
                format.Output.Split('\n').Where(line => line.Contains("Unable to fix")),
                line => Assert.Contains("No associated code fix found", line));
            programs.Add(File.ReadAllText(Path.Combine(consumer.Directory, "Program.cs")).Replace("\r\n", "\n"));
        }

        Assert.Single(programs.Distinct());
        var program = programs[0];
        Assert.Contains("var mlContext = new MLContext(seed: 42);", program);
        Assert.Contains("var shuffled = mlContext.Data.ShuffleRows(data);", program); // seeded through its context
        Assert.Contains("""
                        .Append(mlContext.BinaryClassification.Trainers.SdcaLogisticRegression(new SdcaLogisticRegressionBinaryTrainer.Options
                        {
                            LabelColumnName = nameof(Customer.Churned),
                            NumberOfThreads = 1
                        }));
            """, program);
        Assert.All(program.Split('\n'), line => Assert.True(line.Length <= longestLine, $"{line.Length} characters: {line}"));

        var sarif = Path.Combine(first!.Directory, "after.sarif");
        first.Build($"-p:ErrorLog={sarif}%2Cversion=2.1").EnsureSuccess("dotnet build after format");
        var remaining = Consumer.SarifResults(sarif).Select(r => r.Split(' ')[0]).Distinct().Order(System.StringComparer.Ordinal);
        Assert.Equal(NeedAPerson, remaining);
    }
}
