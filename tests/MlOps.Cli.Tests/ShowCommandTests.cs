using System;
using System.Collections.Generic;
using System.IO;
using System.Text.Json;
using MlOps.Cli.Tests.Infrastructure;

namespace MlOps.Cli.Tests;

public sealed class ShowCommandTests : IDisposable
{
    private readonly TempDirectory _temp = new();
    private readonly TrainingRuns _runs;

    public ShowCommandTests()
    {
        _runs = new TrainingRuns(_temp.Path);
        _runs.WriteFile("data/churn.csv", "tenure,churned\n1,0\n");
    }

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void Shows_run_pipeline_data_settings_and_metrics_readably()
    {
        var model = _runs.Completed(_runs.Pipeline("1.2.0"), new Dictionary<string, double> { ["auc"] = 0.8125 });
        var record = LineageRecord.ReadSidecar(LineageRecord.SidecarPathFor(model));

        var result = Mlops.Run("show", model);

        Assert.Equal(0, result.ExitCode);
        Assert.Equal("", result.Error);
        Assert.Matches(@"Pipeline\s+churn 1\.2\.0", result.Output);
        Assert.Matches(@"Run\s+" + record.RunId, result.Output);
        Assert.Matches(@"Status\s+completed", result.Output);
        Assert.Matches(@"Seed\s+42", result.Output);
        Assert.Matches(@"Code\s+" + TrainingRuns.Fingerprint, result.Output);
        Assert.Matches(@"customers\s+train\s+" + _temp.Combine("data", "churn.csv") + @"\s+" + record.Datasets[0].Sha256, result.Output);
        Assert.Matches(@"learning_rate\s+0\.2", result.Output);
        Assert.Matches(@"trees\s+100", result.Output);
        Assert.Matches(@"auc\s+0\.8125", result.Output);
    }

    [Fact]
    public void A_failed_run_with_a_sidecar_shows_its_failure_and_is_listed_as_failed()
    {
        var model = _runs.FailedWithSidecar(_runs.Pipeline("1.3.0"), "evaluation found one class only");

        var shown = Mlops.Run("show", model);

        Assert.Equal(0, shown.ExitCode);
        Assert.Matches(@"Status\s+failed", shown.Output);
        Assert.Matches(@"Failure\s+System\.InvalidOperationException: evaluation found one class only", shown.Output);
        Assert.Contains("Metrics: none recorded", shown.Output, StringComparison.Ordinal);

        var runs = Mlops.Run("runs", _temp.Path);
        Assert.Matches(@"models/churn-1\.3\.0\.zip\s+churn\s+1\.3\.0\s+\w{8}\s+\S+ \S+\s+failed\s+-", runs.Output);
    }

    [Fact]
    public void Json_is_the_sidecar_record_and_the_sidecar_path_works_as_the_argument()
    {
        var model = _runs.Completed(_runs.Pipeline("1.2.0"));

        var result = Mlops.Run("show", LineageRecord.SidecarPathFor(model), "--json");

        Assert.Equal(0, result.ExitCode);
        Assert.Equal(
            JsonDocument.Parse(File.ReadAllText(LineageRecord.SidecarPathFor(model))).RootElement.GetProperty("runId").GetString(),
            JsonDocument.Parse(result.Output).RootElement.GetProperty("runId").GetString());
        Assert.Equal(LineageRecord.ReadSidecar(LineageRecord.SidecarPathFor(model)).ToJson(), result.Output.TrimEnd());
    }

    public static TheoryData<string, string> CorruptSidecars => new()
    {
        { "not JSON", "{ \"formatVersion\": 1, " },
        { "JSON null", "null" },
        { "another format version", "{ \"formatVersion\": 99 }" },
        { "required fields missing", "{ \"formatVersion\": 1, \"runId\": \"x\" }" },
        { "a null dataset", "{ \"formatVersion\": 1, \"runId\": \"x\", \"pipelineName\": \"p\", \"pipelineVersion\": \"1\", \"codeFingerprint\": \"f\", \"sourceRevision\": \"r\", \"environment\": {}, \"datasets\": [null], \"models\": [], \"modelOutputs\": [], \"hyperparameters\": {}, \"metrics\": {} }" },
        { "a string where a number belongs", "{ \"formatVersion\": \"one\" }" },
    };

    [Theory]
    [MemberData(nameof(CorruptSidecars))]
    public void A_corrupt_sidecar_is_one_line_naming_the_file_exit_2_and_no_stack_trace(string what, string content)
    {
        var model = _runs.WriteFile("models/churn-1.0.0.zip", "model");
        var sidecar = _runs.WriteFile("models/churn-1.0.0.zip.lineage.json", content);

        foreach (var command in new[] { "show", "verify" })
        {
            var result = Mlops.Run(command, model);

            Assert.True(result.ExitCode == 2, $"{what}, {command}: exit {result.ExitCode}\n{result.Output}{result.Error}");
            Assert.Equal("", result.Output);
            var line = Assert.Single(result.Error.TrimEnd().Split('\n'));
            Assert.StartsWith($"error: cannot read the lineage record '{sidecar}': ", line, StringComparison.Ordinal);
            Assert.DoesNotContain(" at ", line.Substring(line.IndexOf("': ", StringComparison.Ordinal)), StringComparison.Ordinal);
        }
    }

    [Fact]
    public void A_model_without_a_sidecar_or_a_missing_model_is_exit_2_naming_what_is_missing()
    {
        var model = _runs.WriteFile("models/plain.zip", "model");

        var noSidecar = Mlops.Run("show", model);
        Assert.Equal(2, noSidecar.ExitCode);
        Assert.Equal($"error: '{model}' has no lineage record: '{model}.lineage.json' does not exist (the training run writes it with run.WriteSidecar)", noSidecar.Error.TrimEnd());

        var missing = _temp.Combine("models", "nothing.zip");
        var nothing = Mlops.Run("show", missing);
        Assert.Equal(2, nothing.ExitCode);
        Assert.Equal($"error: '{missing}' does not exist, and neither does its lineage record '{missing}.lineage.json'", nothing.Error.TrimEnd());
    }
}
