using System;
using System.IO;
using System.Linq;
using MlOps.Lineage.Tests.Infrastructure;

namespace MlOps.Lineage.Tests;

public sealed class CaptureTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    private PipelineInfo Pipeline(params DatasetDeclaration[] datasets) =>
        TestPipelines.Create(datasets, [new ModelOutputDeclaration("churn", _temp.Combine("models", "churn-{version}.zip"))]);

    [Fact]
    public void Capture_hashes_every_dataset_and_records_the_pipeline()
    {
        var train = _temp.WriteFile("data/train.csv", "x,y\n1,0\n");
        _temp.WriteFile("data/images/a.png", "png");
        var pipeline = Pipeline(
            new DatasetDeclaration("train", train),
            new DatasetDeclaration("images", _temp.Combine("data", "images"), DatasetRole.Other));

        var before = DateTimeOffset.UtcNow;
        var run = pipeline.Capture();

        Assert.True(Guid.TryParseExact(run.RunId, "D", out _));
        Assert.InRange(run.StartedAt, before, DateTimeOffset.UtcNow);
        Assert.Equal(RunStatus.Running, run.Status);
        Assert.Null(run.EndedAt);
        Assert.Equal("churn-training", run.PipelineName);
        Assert.Equal("1.2.0", run.PipelineVersion);
        Assert.Equal(42, run.Seed);
        Assert.Equal(TestPipelines.Fingerprint, run.CodeFingerprint);
        Assert.Equal("0123456789abcdef0123456789abcdef01234567", run.SourceRevision);
        Assert.Equal(["featureColumn", "l2", "learningRate", "numberOfTrees", "useBias"], run.Hyperparameters.Keys);
        Assert.Equal(0.1f, run.Hyperparameters["learningRate"]);
        Assert.Equal(["train", "images"], run.Datasets.Select(d => d.Name));
        Assert.Equal(DatasetHasher.ComputeSha256(train), run.Datasets[0].Sha256);
        Assert.True(run.Datasets[1].IsDirectory);
    }

    [Fact]
    public void Each_capture_is_a_new_run()
    {
        var pipeline = Pipeline(new DatasetDeclaration("train", _temp.WriteFile("t.csv", "1")));

        Assert.NotEqual(pipeline.Capture().RunId, pipeline.Capture().RunId);
    }

    [Fact]
    public void Capture_resolves_relative_paths_against_the_base_directory()
    {
        _temp.WriteFile("data/train.csv", "1");

        var run = Pipeline(new DatasetDeclaration("train", "data/train.csv")).Capture(_temp.Path);

        Assert.Equal(_temp.Combine("data", "train.csv"), run.Datasets[0].FullPath);
        Assert.Equal("data/train.csv", run.Datasets[0].Path);
    }

    [Fact]
    public void Capture_fails_on_the_first_missing_dataset_naming_it()
    {
        var pipeline = Pipeline(
            new DatasetDeclaration("train", _temp.WriteFile("train.csv", "1")),
            new DatasetDeclaration("test", _temp.Combine("test.csv"), DatasetRole.Test));

        var error = Assert.Throws<DatasetUnavailableException>(() => pipeline.Capture());

        Assert.Equal("test", error.DatasetName);
        Assert.Contains(_temp.Combine("test.csv"), error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Capture_fails_on_a_pinned_digest_mismatch()
    {
        var pipeline = Pipeline(new DatasetDeclaration("train", _temp.WriteFile("train.csv", "1"), sha256: new string('a', 64)));

        var error = Assert.Throws<DatasetHashMismatchException>(() => pipeline.Capture());

        Assert.Equal("train", error.DatasetName);
    }

    [Fact]
    public void Environment_records_runtime_os_and_the_loaded_MLNET_version()
    {
        // Touch ML.NET so its assembly is loaded, as a training program's first use of MLContext does.
        _ = new Microsoft.ML.MLContext(seed: 1);
        var pipeline = Pipeline(new DatasetDeclaration("train", _temp.WriteFile("t.csv", "1")));

        var run = pipeline.Capture();

        Assert.StartsWith(".NET", run.Environment.DotNetRuntime, StringComparison.Ordinal);
        Assert.False(string.IsNullOrWhiteSpace(run.Environment.OperatingSystem));
        Assert.False(string.IsNullOrWhiteSpace(run.Environment.ProcessArchitecture));
        Assert.False(string.IsNullOrWhiteSpace(run.Environment.LineageVersion));
        // ML.NET's AssemblyVersion is 1.0.0.0 in every release: the package version comes from the informational version.
        Assert.Equal("5.0.1", run.Environment.MlNetVersion);
        Assert.Null(run.Environment.TorchSharpVersion);
    }

    [Fact]
    public void DatasetPath_returns_the_hashed_path_and_refuses_a_dataset_changed_since()
    {
        var train = new DatasetDeclaration("train", "train.csv");
        var path = _temp.WriteFile("train.csv", "1,2");
        var run = Pipeline(train).Capture(_temp.Path);

        Assert.Equal(path, run.DatasetPath(train));

        File.WriteAllText(path, "1,2,3");
        var error = Assert.Throws<DatasetUnavailableException>(() => run.DatasetPath(train));
        Assert.Contains("changed after the run hashed it", error.Message, StringComparison.Ordinal);
        Assert.Contains(path, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void DatasetPath_of_an_undeclared_dataset_is_an_argument_error()
    {
        var run = Pipeline(new DatasetDeclaration("train", _temp.WriteFile("t.csv", "1"))).Capture();

        var error = Assert.Throws<ArgumentException>(() => run.DatasetPath(new DatasetDeclaration("other", "other.csv")));
        Assert.Contains("'other'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ModelPath_fills_version_and_run_id_and_records_the_output()
    {
        var withRunId = new ModelOutputDeclaration("onnx", _temp.Combine("models", "{version}", "{runId}.onnx"));
        var plain = new ModelOutputDeclaration("churn", _temp.Combine("models", "churn-{version}.zip"));
        var pipeline = TestPipelines.Create([], [plain, withRunId]);
        var run = pipeline.Capture();

        Assert.Equal(_temp.Combine("models", "churn-1.2.0.zip"), run.ModelPath(plain));
        Assert.Equal(_temp.Combine("models", "1.2.0", run.RunId + ".onnx"), run.ModelPath(withRunId));
        Assert.Equal(["churn", "onnx"], run.Models.Select(m => m.Name));
        Assert.All(run.Models, m => Assert.Null(m.Sha256));
    }

    [Fact]
    public void ModelPath_of_an_undeclared_output_is_an_argument_error()
    {
        var run = TestPipelines.Create([]).Capture();

        Assert.Throws<ArgumentException>(() => run.ModelPath(new ModelOutputDeclaration("other", "x-{version}.zip")));
    }

    [Fact]
    public void Complete_and_Fail_end_the_run_once()
    {
        var completed = TestPipelines.Create([]).Capture();
        completed.Complete(new System.Collections.Generic.Dictionary<string, double> { ["auc"] = 0.9 });
        completed.RecordMetric("f1", 0.8);

        Assert.Equal(RunStatus.Completed, completed.Status);
        Assert.NotNull(completed.EndedAt);
        Assert.Equal(0.9, completed.Metrics["auc"]);
        Assert.Equal(0.8, completed.Metrics["f1"]);
        completed.Fail(new InvalidOperationException("recording the model failed"));
        Assert.Equal(RunStatus.Failed, completed.Status);
        Assert.Equal("recording the model failed", completed.FailureMessage);

        var failed = TestPipelines.Create([]).Capture();
        failed.Fail(new InvalidDataException("bad rows"));
        failed.Fail(new TimeoutException("second error is ignored"));

        Assert.Equal(RunStatus.Failed, failed.Status);
        Assert.Equal(typeof(InvalidDataException).FullName, failed.FailureType);
        Assert.Equal("bad rows", failed.FailureMessage);
        Assert.Throws<InvalidOperationException>(() => failed.Complete());
    }
}
