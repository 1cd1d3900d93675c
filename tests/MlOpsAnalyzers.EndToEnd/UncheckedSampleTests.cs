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

    [Fact]
    public void Dotnet_format_fixes_the_seeds_and_leaves_only_what_needs_a_person()
    {
        var consumer = CreateUnchecked("UncheckedFormat");
        consumer.Build().EnsureSuccess("dotnet build before format");
        // dotnet format computes the findings once per run: a fix whose finding another fix moved (the trainer's, after the
        // context got its seed) waits for the second run, as README "Fix in bulk" says.
        for (var run = 0; run < 2; run++)
            DotNet.Run(consumer.Directory, "format", "analyzers", consumer.ProjectPath, "--severity", "info").EnsureSuccess("dotnet format analyzers");

        var program = File.ReadAllText(Path.Combine(consumer.Directory, "Program.cs"));
        Assert.Contains("new MLContext(seed: 42)", program);
        // The trainer's fix also sets Shuffle = false when it runs before the context is seeded: either is right.
        Assert.Contains("SdcaLogisticRegression(new SdcaLogisticRegressionBinaryTrainer.Options { LabelColumnName = nameof(Customer.Churned), ", program);
        Assert.Contains("NumberOfThreads = 1 })", program);

        var sarif = Path.Combine(consumer.Directory, "after.sarif");
        consumer.Build($"-p:ErrorLog={sarif}%2Cversion=2.1").EnsureSuccess("dotnet build after format");
        var remaining = Consumer.SarifResults(sarif).Select(r => r.Split(' ')[0]).Distinct().Order(System.StringComparer.Ordinal);
        Assert.Equal(NeedAPerson, remaining);
    }
}
