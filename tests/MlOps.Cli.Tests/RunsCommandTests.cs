using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using MlOps.Cli.Tests.Infrastructure;

namespace MlOps.Cli.Tests;

public sealed class RunsCommandTests : IDisposable
{
    private readonly TempDirectory _temp = new();
    private readonly TrainingRuns _runs;

    public RunsCommandTests()
    {
        _runs = new TrainingRuns(_temp.Path);
        _runs.WriteFile("data/churn.csv", "tenure,churned\n1,0\n2,1\n");
    }

    public void Dispose() => _temp.Dispose();

    private static JsonElement[] Json(Mlops.Result result)
    {
        Assert.True(result.ExitCode == 0, result.Error);
        return JsonDocument.Parse(result.Output).RootElement.EnumerateArray().ToArray();
    }

    [Fact]
    public void Lists_each_run_once_newest_first_with_its_headline_metric()
    {
        _runs.Completed(_runs.Pipeline("1.0.0"), new Dictionary<string, double> { ["accuracy"] = 0.71, ["auc"] = 0.8, ["f1"] = 0.6 });
        _runs.Completed(_runs.Pipeline("1.1.0"), new Dictionary<string, double> { ["f1"] = 0.65, ["accuracy"] = 0.74 });

        var runs = Json(Mlops.Run("runs", _temp.Path, "--json"));

        // Each run is in a sidecar and in the events file: listed once.
        Assert.Equal(["1.1.0", "1.0.0"], runs.Select(r => r.GetProperty("version").GetString()));
        Assert.Equal(["completed", "completed"], runs.Select(r => r.GetProperty("status").GetString()));
        Assert.Equal("accuracy", runs[0].GetProperty("headlineMetric").GetProperty("name").GetString());
        Assert.Equal(0.74, runs[0].GetProperty("headlineMetric").GetProperty("value").GetDouble());
        Assert.Equal("auc", runs[1].GetProperty("headlineMetric").GetProperty("name").GetString());
        Assert.Equal(Path.Combine("models", "churn-1.0.0.zip"), runs[1].GetProperty("model").GetString());
        Assert.EndsWith("churn-1.0.0.zip.lineage.json", runs[1].GetProperty("sidecar").GetString(), StringComparison.Ordinal);
        Assert.EndsWith("openlineage.jsonl", runs[1].GetProperty("events").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public void The_table_has_one_row_per_run_with_model_pipeline_version_run_status_and_metric()
    {
        var model = _runs.Completed(_runs.Pipeline("1.0.0"), new Dictionary<string, double> { ["auc"] = 0.82 });
        var runId = LineageRecord.ReadSidecar(LineageRecord.SidecarPathFor(model)).RunId;

        var result = Mlops.Run("runs", _temp.Path);

        Assert.Equal(0, result.ExitCode);
        Assert.Equal("", result.Error);
        var header = result.Output.Split('\n').First(l => l.Contains("MODEL", StringComparison.Ordinal));
        Assert.Matches(@"MODEL\s+PIPELINE\s+VERSION\s+RUN\s+FINISHED\s+STATUS\s+METRIC", header);
        var row = Assert.Single(result.Output.Split('\n'), l => l.Contains(runId[..8], StringComparison.Ordinal));
        Assert.Matches(@"models/churn-1\.0\.0\.zip\s+churn\s+1\.0\.0\s+" + runId[..8] + @"\s+\d{4}-\d\d-\d\d \d\d:\d\d:\d\dZ\s+completed\s+auc 0\.82", row);
    }

    [Fact]
    public void A_failed_run_known_only_from_its_events_is_listed_as_failed_without_a_model()
    {
        _runs.Completed(_runs.Pipeline("1.0.0"), new Dictionary<string, double> { ["auc"] = 0.8 });
        var failedId = _runs.Failed(_runs.Pipeline("1.1.0"), "fitting ran out of memory");

        var runs = Json(Mlops.Run("runs", _temp.Path, "--json"));

        var failed = Assert.Single(runs, r => r.GetProperty("runId").GetString() == failedId);
        Assert.Equal("failed", failed.GetProperty("status").GetString());
        Assert.Equal("1.1.0", failed.GetProperty("version").GetString());
        Assert.Equal(JsonValueKind.Null, failed.GetProperty("model").ValueKind);
        Assert.Equal(JsonValueKind.Null, failed.GetProperty("sidecar").ValueKind);
        Assert.Equal(JsonValueKind.String, failed.GetProperty("finishedAt").ValueKind);
    }

    [Fact]
    public void A_run_without_metrics_has_no_headline_metric()
    {
        _runs.Completed(_runs.Pipeline("1.0.0"), metrics: null);

        var run = Assert.Single(Json(Mlops.Run("runs", _temp.Path, "--json")));
        Assert.Equal(JsonValueKind.Null, run.GetProperty("headlineMetric").ValueKind);
        Assert.Empty(run.GetProperty("metrics").EnumerateObject());

        var table = Mlops.Run("runs", _temp.Path);
        Assert.Matches(@"completed\s+-\s*$", table.Output.Split('\n').Single(l => l.Contains("churn-1.0.0.zip", StringComparison.Ordinal)).TrimEnd());
    }

    [Fact]
    public void A_NaN_metric_is_written_as_NaN()
    {
        _runs.Completed(_runs.Pipeline("1.0.0"), new Dictionary<string, double> { ["auc"] = double.NaN });

        var run = Assert.Single(Json(Mlops.Run("runs", _temp.Path, "--json")));

        Assert.Equal("NaN", run.GetProperty("metrics").GetProperty("auc").GetString());
    }

    [Fact]
    public void A_corrupt_sidecar_is_one_error_line_and_exit_2_while_the_readable_runs_are_still_listed()
    {
        _runs.Completed(_runs.Pipeline("1.0.0"), new Dictionary<string, double> { ["auc"] = 0.8 });
        var corrupt = _runs.WriteFile("models/broken.zip.lineage.json", "{ \"formatVersion\": 1, \"runId\": ");

        var result = Mlops.Run("runs", _temp.Path, "--json");

        Assert.Equal(2, result.ExitCode);
        Assert.Single(JsonDocument.Parse(result.Output).RootElement.EnumerateArray());
        var line = Assert.Single(result.Error.TrimEnd().Split('\n'));
        Assert.StartsWith("error: cannot read the lineage record '" + corrupt + "': ", line, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_line_of_the_events_file_that_is_not_an_event_is_reported_with_its_line_number()
    {
        _runs.Completed(_runs.Pipeline("1.0.0"));
        var events = Path.Combine(_runs.EventsDirectory, "openlineage.jsonl");
        File.AppendAllText(events, "{\"eventType\":\"START\"}\n");

        var result = Mlops.Run("runs", _temp.Path);

        Assert.Equal(2, result.ExitCode);
        Assert.Equal($"error: {events}(3): not an OpenLineage RunEvent: 'run.runId' is missing", result.Error.TrimEnd());
        Assert.Contains("churn-1.0.0.zip", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void An_empty_directory_has_no_runs_and_a_missing_one_is_an_error()
    {
        var empty = Mlops.Run("runs", _temp.Combine("data"));
        Assert.Equal(0, empty.ExitCode);
        Assert.Contains("No runs found", empty.Output, StringComparison.Ordinal);
        Assert.Equal("[]", Mlops.Run("runs", _temp.Combine("data"), "--json").Output.Trim());

        var missing = Mlops.Run("runs", _temp.Combine("nowhere"));
        Assert.Equal(2, missing.ExitCode);
        Assert.Equal($"error: the directory '{_temp.Combine("nowhere")}' does not exist", missing.Error.TrimEnd());
    }

    [Theory]
    [InlineData("runs", "a", "b")]
    [InlineData("diff", "only-one.zip")]
    [InlineData("graph", "--format", "svg")]
    [InlineData("bogus")]
    public void A_usage_error_exits_2_on_stderr_never_1(params string[] args)
    {
        var result = Mlops.Run(args);

        Assert.Equal(2, result.ExitCode);
        Assert.Equal("", result.Output.Trim());
        Assert.Contains("mlops --help", result.Error, StringComparison.Ordinal);
    }
}
