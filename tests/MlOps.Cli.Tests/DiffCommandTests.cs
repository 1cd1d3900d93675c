using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using MlOps.Cli.Tests.Infrastructure;

namespace MlOps.Cli.Tests;

public sealed class DiffCommandTests : IDisposable
{
    private readonly TempDirectory _temp = new();
    private readonly TrainingRuns _runs;

    public DiffCommandTests()
    {
        _runs = new TrainingRuns(_temp.Path);
        _runs.WriteFile("data/churn.csv", "tenure,churned\n1,0\n");
    }

    public void Dispose() => _temp.Dispose();

    private static Dictionary<string, double> Metrics(double auc) => new() { ["auc"] = auc, ["f1"] = 0.7 };

    private static string[] Differences(Mlops.Result result) =>
        JsonDocument.Parse(result.Output).RootElement.GetProperty("differences").EnumerateArray()
            .Select(d => $"{d.GetProperty("section").GetString()} {d.GetProperty("key").GetString()}: {d.GetProperty("a")} -> {d.GetProperty("b")}")
            .ToArray();

    [Fact]
    public void Two_runs_that_differ_in_one_hyper_parameter_differ_in_exactly_that_and_their_metrics()
    {
        var a = _runs.Completed(_runs.Pipeline("1.0.0"), Metrics(0.82), perRun: true);
        var changed = TrainingRuns.DefaultHyperparameters();
        changed["learning_rate"] = 0.3;
        var b = _runs.Completed(_runs.Pipeline("1.0.0", hyperparameters: changed), Metrics(0.79), perRun: true);

        var result = Mlops.Run("diff", a, b, "--json");

        Assert.Equal(1, result.ExitCode);
        Assert.Equal(["hyper-parameter learning_rate: 0.2 -> 0.3", "metric auc: 0.82 -> 0.79"], Differences(result));
        Assert.False(JsonDocument.Parse(result.Output).RootElement.GetProperty("equal").GetBoolean());
    }

    [Fact]
    public void The_table_puts_what_differs_first()
    {
        var a = _runs.Completed(_runs.Pipeline("1.0.0"), Metrics(0.82));
        var changed = TrainingRuns.DefaultHyperparameters();
        changed["trees"] = 200;
        var b = _runs.Completed(_runs.Pipeline("1.1.0", hyperparameters: changed), Metrics(0.82));

        var result = Mlops.Run("diff", a, b);

        Assert.Equal(1, result.ExitCode);
        var rows = result.Output.Split('\n').Where(l => l.Contains('≠', StringComparison.Ordinal) || l.Contains("seed", StringComparison.Ordinal)).ToList();
        Assert.Matches(@"≠\s+pipeline version\s+1\.0\.0\s+1\.1\.0", rows[0]);
        Assert.Matches(@"≠\s+hyper-parameter trees\s+100\s+200", rows[1]);
        Assert.Matches(@"^\s+seed\s+42\s+42", rows[2]);
        Assert.Contains("diff: 2 of ", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void Runs_on_changed_data_differ_in_the_datasets_digest()
    {
        var a = _runs.Completed(_runs.Pipeline("1.0.0"), Metrics(0.8));
        var before = LineageRecord.ReadSidecar(LineageRecord.SidecarPathFor(a)).Datasets[0].Sha256;
        _runs.WriteFile("data/churn.csv", "tenure,churned\n1,0\n2,1\n");
        var b = _runs.Completed(_runs.Pipeline("1.0.1"), Metrics(0.8));
        var after = LineageRecord.ReadSidecar(LineageRecord.SidecarPathFor(b)).Datasets[0].Sha256;

        var result = Mlops.Run("diff", a, b, "--json");

        Assert.Equal(1, result.ExitCode);
        Assert.Equal(["pipeline version: 1.0.0 -> 1.0.1", $"dataset customers: {before} -> {after}"], Differences(result));
    }

    [Fact]
    public void Two_runs_of_the_same_code_data_and_settings_are_equal_exit_0()
    {
        var a = _runs.Completed(_runs.Pipeline("1.0.0"), Metrics(0.8), perRun: true);
        var b = _runs.Completed(_runs.Pipeline("1.0.0"), Metrics(0.8), perRun: true);

        var result = Mlops.Run("diff", a, b);

        Assert.True(result.ExitCode == 0, result.Output + result.Error);
        Assert.DoesNotContain("≠", result.Output, StringComparison.Ordinal);
        Assert.Contains("diff: the two lineages are equal", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void A_run_without_metrics_against_one_with_shows_them_absent()
    {
        var a = _runs.Completed(_runs.Pipeline("1.0.0"), metrics: null, perRun: true);
        var b = _runs.Completed(_runs.Pipeline("1.0.0"), Metrics(0.8), perRun: true);

        var result = Mlops.Run("diff", a, b, "--json");

        Assert.Equal(1, result.ExitCode);
        Assert.Equal(["metric auc:  -> 0.8", "metric f1:  -> 0.7"], Differences(result));
    }

    [Fact]
    public void A_corrupt_sidecar_on_either_side_is_exit_2()
    {
        var a = _runs.Completed(_runs.Pipeline("1.0.0"));
        var b = _runs.WriteFile("models/other.zip", "x");
        var sidecar = _runs.WriteFile("models/other.zip.lineage.json", "{");

        var result = Mlops.Run("diff", a, b);

        Assert.Equal(2, result.ExitCode);
        Assert.StartsWith($"error: cannot read the lineage record '{sidecar}': ", result.Error, StringComparison.Ordinal);
    }
}
