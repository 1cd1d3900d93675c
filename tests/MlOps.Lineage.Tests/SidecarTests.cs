using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Security.Cryptography;
using System.Text.Json;
using MlOps.Lineage.Tests.Infrastructure;

namespace MlOps.Lineage.Tests;

public sealed class SidecarTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    private (LineageRecord Run, string ModelPath) CompletedRunWithModel()
    {
        var output = new ModelOutputDeclaration("churn", _temp.Combine("models", "churn-{version}.zip"));
        _temp.WriteFile("data/train.csv", "x,y\n1,0\n");
        _temp.WriteFile("data/images/a.png", "png");
        var pipeline = TestPipelines.Create(
            [new DatasetDeclaration("train", "data/train.csv"), new DatasetDeclaration("images", "data/images", DatasetRole.Other)],
            [output]);
        var run = pipeline.Capture(_temp.Path);
        var modelPath = run.ModelPath(output);
        ModelArtifact.Save(modelPath, stream => stream.Write([1, 2, 3, 4, 5]));
        run.Complete(new Dictionary<string, double> { ["auc"] = 0.875, ["f1"] = double.NaN });
        return (run, modelPath);
    }

    [Fact]
    public void WriteSidecar_writes_model_path_plus_lineage_json_atomically()
    {
        var (run, modelPath) = CompletedRunWithModel();

        var sidecar = run.WriteSidecar(modelPath);

        Assert.Equal(modelPath + ".lineage.json", sidecar);
        Assert.Equal(LineageRecord.SidecarPathFor(modelPath), sidecar);
        Assert.Equal(
            ["data/images/a.png", "data/train.csv", "models/churn-1.2.0.zip", "models/churn-1.2.0.zip.lineage.json"],
            _temp.AllFiles());
    }

    [Fact]
    public void The_sidecar_records_the_models_digest_and_size()
    {
        var (run, modelPath) = CompletedRunWithModel();

        run.WriteSidecar(modelPath);

        var model = Assert.Single(run.Models);
        Assert.Equal("churn", model.Name);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(modelPath))), model.Sha256);
        Assert.Equal(5, model.SizeBytes);
    }

    [Fact]
    public void The_sidecar_round_trips()
    {
        var (run, modelPath) = CompletedRunWithModel();

        var read = LineageRecord.ReadSidecar(run.WriteSidecar(modelPath));

        Assert.Equal(run.ToJson(), read.ToJson());
        Assert.Equal(run.RunId, read.RunId);
        Assert.Equal(run.PipelineName, read.PipelineName);
        Assert.Equal(run.PipelineVersion, read.PipelineVersion);
        Assert.Equal(run.Seed, read.Seed);
        Assert.Equal(run.StartedAt, read.StartedAt);
        Assert.Equal(run.EndedAt, read.EndedAt);
        Assert.Equal(RunStatus.Completed, read.Status);
        Assert.Equal(run.CodeFingerprint, read.CodeFingerprint);
        Assert.Equal(run.SourceRevision, read.SourceRevision);
        Assert.Equal(run.Environment.DotNetRuntime, read.Environment.DotNetRuntime);
        Assert.Equal(run.Environment.Libraries, read.Environment.Libraries);
        Assert.Equal(0.875, read.Metrics["auc"]);
        Assert.True(double.IsNaN(read.Metrics["f1"]));

        // JSON keeps a hyper-parameter's value, not its CLR type: integers read back as long, reals as double.
        Assert.Equal(100L, read.Hyperparameters["numberOfTrees"]);
        Assert.Equal(0.1, (double)read.Hyperparameters["learningRate"]!, 6);
        Assert.Equal(1e-6, read.Hyperparameters["l2"]);
        Assert.Equal(true, read.Hyperparameters["useBias"]);
        Assert.Equal("Features", read.Hyperparameters["featureColumn"]);

        Assert.Equal(run.Datasets.Count, read.Datasets.Count);
        for (var i = 0; i < run.Datasets.Count; i++)
        {
            var (expected, actual) = (run.Datasets[i], read.Datasets[i]);
            Assert.Equal(
                (expected.Name, expected.Path, expected.FullPath, expected.Role, expected.IsDirectory, expected.Sha256, expected.SizeBytes, expected.FileCount, expected.LastWriteTime),
                (actual.Name, actual.Path, actual.FullPath, actual.Role, actual.IsDirectory, actual.Sha256, actual.SizeBytes, actual.FileCount, actual.LastWriteTime));
        }

        var model = Assert.Single(read.Models);
        Assert.Equal((run.Models[0].Name, run.Models[0].FullPath, run.Models[0].Sha256, run.Models[0].SizeBytes), (model.Name, model.FullPath, model.Sha256, model.SizeBytes));

        // The pipeline's declarations come back too, so a read record still resolves its model outputs.
        var declared = Assert.Single(read.Pipeline.ModelOutputs);
        Assert.Equal((run.Pipeline.ModelOutputs[0].Name, run.Pipeline.ModelOutputs[0].PathTemplate), (declared.Name, declared.PathTemplate));
        Assert.Equal(modelPath, read.ModelPath(declared));
        Assert.Equal(run.Pipeline.Datasets.Select(d => (d.Name, d.Path, d.Role)), read.Pipeline.Datasets.Select(d => (d.Name, d.Path, d.Role)));
    }

    [Fact]
    public void A_pinned_digest_round_trips_as_part_of_the_pipeline()
    {
        var path = _temp.WriteFile("train.csv", "abc");
        var pinned = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad";
        var run = TestPipelines.Create([new DatasetDeclaration("train", path, DatasetRole.Train, pinned), new DatasetDeclaration("free", path)]).Capture();

        var read = LineageRecord.FromJson(run.ToJson());

        Assert.Equal([pinned, null], read.Pipeline.Datasets.Select(d => d.Sha256));
    }

    [Fact]
    public void The_sidecar_is_camelCase_JSON_with_a_format_version()
    {
        var (run, modelPath) = CompletedRunWithModel();

        using var json = JsonDocument.Parse(File.ReadAllText(run.WriteSidecar(modelPath)));
        var root = json.RootElement;

        Assert.Equal(1, root.GetProperty("formatVersion").GetInt32());
        Assert.Equal(run.RunId, root.GetProperty("runId").GetString());
        Assert.Equal("completed", root.GetProperty("status").GetString());
        Assert.Equal("train", root.GetProperty("datasets")[0].GetProperty("role").GetString());
        Assert.Equal(100, root.GetProperty("hyperparameters").GetProperty("numberOfTrees").GetInt32());
        Assert.Equal("NaN", root.GetProperty("metrics").GetProperty("f1").GetString());
        Assert.False(root.TryGetProperty("failure", out _));
    }

    [Fact]
    public void A_failed_run_records_its_error()
    {
        var (run, modelPath) = (TestPipelines.Create([], [new ModelOutputDeclaration("m", _temp.Combine("m-{version}.bin"))]).Capture(), _temp.Combine("m-1.2.0.bin"));
        ModelArtifact.Save(modelPath, s => s.WriteByte(1));
        run.Fail(new InvalidDataException("label column is empty"));

        var read = LineageRecord.ReadSidecar(run.WriteSidecar(modelPath));

        Assert.Equal(RunStatus.Failed, read.Status);
        Assert.Equal("System.IO.InvalidDataException", read.FailureType);
        Assert.Equal("label column is empty", read.FailureMessage);
    }

    [Fact]
    public void Rewriting_a_sidecar_replaces_it_and_leaves_no_temporary_file()
    {
        var (run, modelPath) = CompletedRunWithModel();
        run.WriteSidecar(modelPath);
        run.RecordMetric("auc", 0.9);

        var read = LineageRecord.ReadSidecar(run.WriteSidecar(modelPath));

        Assert.Equal(0.9, read.Metrics["auc"]);
        Assert.Equal(4, _temp.AllFiles().Length);
    }

    [Fact]
    public void WriteSidecar_without_a_saved_model_fails_naming_the_path()
    {
        var run = TestPipelines.Create([]).Capture();
        var modelPath = _temp.Combine("missing.zip");

        var error = Assert.Throws<FileNotFoundException>(() => run.WriteSidecar(modelPath));

        Assert.Contains(modelPath, error.Message, StringComparison.Ordinal);
        Assert.Empty(_temp.AllFiles());
    }

    [Theory]
    [InlineData("""{"formatVersion": 2, "runId": "x", "pipelineName": "p"}""")]
    [InlineData("""{"formatVersion": 1}""")]
    [InlineData("null")]
    [InlineData("""{"formatVersion": 1, "runId": "x", "pipelineName": "p", "environment": null}""")]
    [InlineData("""{"formatVersion": 1, "runId": "x", "pipelineName": "p", "datasets": null}""")]
    public void FromJson_rejects_what_is_not_a_lineage_record(string json)
    {
        Assert.Throws<JsonException>(() => LineageRecord.FromJson(json));
    }

    [Fact]
    public void The_models_recorded_before_saving_have_no_digest_yet()
    {
        var output = new ModelOutputDeclaration("churn", _temp.Combine("churn-{version}.zip"));
        var run = TestPipelines.Create([], [output]).Capture();
        run.ModelPath(output);

        var read = LineageRecord.FromJson(run.ToJson());

        var model = Assert.Single(read.Models);
        Assert.Null(model.Sha256);
        Assert.Null(model.SizeBytes);
        Assert.Equal(RunStatus.Running, read.Status);
        Assert.Null(read.EndedAt);
        Assert.Equal(run.Models.Select(m => m.FullPath), read.Models.Select(m => m.FullPath));
    }
}
