using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Text.Json.Nodes;
using Json.Schema;
using MlOps.Lineage.Tests.Infrastructure;

namespace MlOps.Lineage.Tests;

public sealed class OpenLineageEventTests : IDisposable
{
    private static readonly OpenLineageOptions WithRepository = new()
    {
        JobNamespace = "churn-team",
        SourceRepositoryUrl = new Uri("https://github.com/contoso/churn"),
        SourceCodePath = "src/Churn/ChurnTraining.cs",
    };

    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    private (LineageRecord Run, string ModelPath) Run()
    {
        var output = new ModelOutputDeclaration("churn", _temp.Combine("models", "churn-{version}.zip"));
        _temp.WriteFile("data/train.csv", "x,y\n1,0\n");
        _temp.WriteFile("data/images/a.png", "png");
        var pipeline = TestPipelines.Create(
            [new DatasetDeclaration("train", "data/train.csv"), new DatasetDeclaration("images", "data/images", DatasetRole.Other)],
            [output]);
        var run = pipeline.Capture(_temp.Path);
        return (run, run.ModelPath(output));
    }

    private static JsonElement Parse(OpenLineageRunEvent runEvent) => JsonDocument.Parse(runEvent.ToJson()).RootElement;

    private static void AssertValid(JsonSchema schema, JsonElement instance)
    {
        var results = OpenLineageSchemas.Evaluate(schema, instance);
        Assert.True(results.IsValid, OpenLineageSchemas.Describe(results) + Environment.NewLine + instance.GetRawText());
    }

    /// <summary>
    /// The core schema only checks facets as BaseFacet; each facet container is therefore also checked against the
    /// facet schemas (whose top-level <c>properties</c> name the facet key), and the facets are required to be present
    /// so that the check cannot pass vacuously.
    /// </summary>
    private static void AssertValidEvent(JsonElement e, bool expectOutputs)
    {
        AssertValid(OpenLineageSchemas.Core, e);

        var runFacets = e.GetProperty("run").GetProperty("facets");
        Assert.True(runFacets.TryGetProperty("executionParameters", out _));
        Assert.True(runFacets.TryGetProperty("processing_engine", out _));
        Assert.True(runFacets.TryGetProperty("mlops_training", out _));
        AssertValid(OpenLineageSchemas.Facet("ExecutionParametersRunFacet"), runFacets);
        AssertValid(OpenLineageSchemas.Facet("ProcessingEngineRunFacet"), runFacets);
        AssertValid(OpenLineageSchemas.TrainingFacet, runFacets);

        var jobFacets = e.GetProperty("job").GetProperty("facets");
        Assert.True(jobFacets.TryGetProperty("jobType", out _));
        AssertValid(OpenLineageSchemas.Facet("JobTypeJobFacet"), jobFacets);
        AssertValid(OpenLineageSchemas.Facet("SourceCodeLocationJobFacet"), jobFacets);

        var inputs = e.GetProperty("inputs").EnumerateArray().ToList();
        Assert.Equal(2, inputs.Count);
        foreach (var input in inputs)
        {
            Assert.True(input.GetProperty("facets").TryGetProperty("version", out _));
            Assert.True(input.GetProperty("inputFacets").TryGetProperty("inputStatistics", out _));
            AssertValid(OpenLineageSchemas.Facet("DatasetVersionDatasetFacet"), input.GetProperty("facets"));
            AssertValid(OpenLineageSchemas.Facet("InputStatisticsInputDatasetFacet"), input.GetProperty("inputFacets"));
        }

        var outputs = e.GetProperty("outputs").EnumerateArray().ToList();
        Assert.Equal(expectOutputs ? 1 : 0, outputs.Count);
        foreach (var output in outputs)
        {
            Assert.True(output.GetProperty("facets").TryGetProperty("version", out _));
            Assert.True(output.GetProperty("outputFacets").TryGetProperty("outputStatistics", out _));
            AssertValid(OpenLineageSchemas.Facet("DatasetVersionDatasetFacet"), output.GetProperty("facets"));
            AssertValid(OpenLineageSchemas.Facet("OutputStatisticsOutputDatasetFacet"), output.GetProperty("outputFacets"));
        }
    }

    [Fact]
    public void The_START_event_is_valid_and_describes_run_job_and_inputs()
    {
        var (run, _) = Run();

        var e = Parse(run.StartEvent(WithRepository));

        AssertValidEvent(e, expectOutputs: false);
        Assert.Equal("START", e.GetProperty("eventType").GetString());
        Assert.Equal(run.RunId, e.GetProperty("run").GetProperty("runId").GetString());
        Assert.Equal("churn-team", e.GetProperty("job").GetProperty("namespace").GetString());
        Assert.Equal("churn-training", e.GetProperty("job").GetProperty("name").GetString());
        Assert.Equal(run.StartedAt.ToUnixTimeMilliseconds(), DateTimeOffset.Parse(e.GetProperty("eventTime").GetString()!).ToUnixTimeMilliseconds());

        var train = e.GetProperty("inputs")[0];
        Assert.Equal("file", train.GetProperty("namespace").GetString());
        Assert.Equal(run.Datasets[0].FullPath, train.GetProperty("name").GetString());
        Assert.Equal(run.Datasets[0].Sha256, train.GetProperty("facets").GetProperty("version").GetProperty("datasetVersion").GetString());
        Assert.Equal(8, train.GetProperty("inputFacets").GetProperty("inputStatistics").GetProperty("size").GetInt64());

        var parameters = e.GetProperty("run").GetProperty("facets").GetProperty("executionParameters").GetProperty("parameters")
            .EnumerateArray().ToDictionary(p => p.GetProperty("key").GetString()!, p => p.GetProperty("value").GetString());
        Assert.Equal("42", parameters["seed"]);
        Assert.Equal("0.1", parameters["learningRate"]);
        Assert.Equal("100", parameters["numberOfTrees"]);
        Assert.Equal("1E-06", parameters["l2"]);
        Assert.Equal("true", parameters["useBias"]);
        Assert.Equal("Features", parameters["featureColumn"]);

        var location = e.GetProperty("job").GetProperty("facets").GetProperty("sourceCodeLocation");
        Assert.Equal("git", location.GetProperty("type").GetString());
        Assert.Equal("0123456789abcdef0123456789abcdef01234567", location.GetProperty("version").GetString());
        Assert.Equal("src/Churn/ChurnTraining.cs", location.GetProperty("path").GetString());

        var training = e.GetProperty("run").GetProperty("facets").GetProperty("mlops_training");
        Assert.Equal(TestPipelines.Fingerprint, training.GetProperty("codeFingerprint").GetString());
        Assert.Equal("running", training.GetProperty("status").GetString());
    }

    [Fact]
    public void The_COMPLETE_event_is_valid_and_lists_the_model_as_output()
    {
        var (run, modelPath) = Run();
        ModelArtifact.Save(modelPath, s => s.Write([1, 2, 3]));
        run.Complete(new Dictionary<string, double> { ["auc"] = 0.91, ["logLoss"] = double.PositiveInfinity });
        run.WriteSidecar(modelPath);

        var e = Parse(run.CompleteEvent(WithRepository));

        AssertValidEvent(e, expectOutputs: true);
        Assert.Equal("COMPLETE", e.GetProperty("eventType").GetString());
        var output = e.GetProperty("outputs")[0];
        Assert.Equal(Path.GetFullPath(modelPath), output.GetProperty("name").GetString());
        Assert.Equal(run.Models[0].Sha256, output.GetProperty("facets").GetProperty("version").GetProperty("datasetVersion").GetString());
        Assert.Equal(3, output.GetProperty("outputFacets").GetProperty("outputStatistics").GetProperty("size").GetInt64());
        var training = e.GetProperty("run").GetProperty("facets").GetProperty("mlops_training");
        Assert.Equal(0.91, training.GetProperty("metrics").GetProperty("auc").GetDouble());
        Assert.Equal("Infinity", training.GetProperty("metrics").GetProperty("logLoss").GetString());
        Assert.Equal("completed", training.GetProperty("status").GetString());
    }

    [Fact]
    public void The_FAIL_event_is_valid_and_carries_the_error()
    {
        var (run, _) = Run();

        var e = Parse(run.FailEvent(new InvalidDataException("label column is empty"), WithRepository));

        AssertValidEvent(e, expectOutputs: false);
        Assert.Equal("FAIL", e.GetProperty("eventType").GetString());
        Assert.Equal(RunStatus.Failed, run.Status);
        var failure = e.GetProperty("run").GetProperty("facets").GetProperty("mlops_training").GetProperty("failure");
        Assert.Equal("System.IO.InvalidDataException", failure.GetProperty("type").GetString());
        Assert.Equal("label column is empty", failure.GetProperty("message").GetString());
    }

    [Fact]
    public void Default_options_omit_the_source_location_and_stay_valid()
    {
        var (run, _) = Run();

        var e = Parse(run.StartEvent());

        AssertValidEvent(e, expectOutputs: false);
        Assert.False(e.GetProperty("job").GetProperty("facets").TryGetProperty("sourceCodeLocation", out _));
        Assert.Equal("mlops", e.GetProperty("job").GetProperty("namespace").GetString());
    }

    [Fact]
    public void CompleteEvent_completes_a_running_run_and_refuses_a_failed_one()
    {
        var (run, _) = Run();
        var e = run.CompleteEvent();
        Assert.Equal(RunStatus.Completed, run.Status);
        Assert.Equal(OpenLineageEventType.Complete, e.EventType);
        Assert.Equal(run.EndedAt, e.EventTime);

        var (failed, _) = Run();
        failed.Fail(new TimeoutException());
        Assert.Throws<InvalidOperationException>(() => failed.CompleteEvent());
        Assert.Throws<InvalidOperationException>(() => Run().Run.FailEvent());
    }

    // Negative checks: the validation really can fail.

    [Fact]
    public void An_event_without_eventTime_fails_validation()
    {
        var (run, _) = Run();
        var json = run.StartEvent().ToJsonObject();
        json.Remove("eventTime");

        var results = OpenLineageSchemas.Evaluate(OpenLineageSchemas.Core, JsonSerializer.SerializeToElement(json));

        Assert.False(results.IsValid);
        Assert.Contains("eventTime", OpenLineageSchemas.Describe(results), StringComparison.Ordinal);
    }

    [Fact]
    public void An_event_whose_runId_is_not_a_uuid_fails_validation()
    {
        var (run, _) = Run();
        var json = run.StartEvent().ToJsonObject();
        json["run"]!["runId"] = "run-1";

        Assert.False(OpenLineageSchemas.Evaluate(OpenLineageSchemas.Core, JsonSerializer.SerializeToElement(json)).IsValid);
    }

    [Fact]
    public void A_facet_without_producer_fails_validation()
    {
        var (run, _) = Run();
        var json = run.StartEvent().ToJsonObject();
        json["run"]!["facets"]!["processing_engine"]!.AsObject().Remove("_producer");

        var results = OpenLineageSchemas.Evaluate(OpenLineageSchemas.Core, JsonSerializer.SerializeToElement(json));

        Assert.False(results.IsValid);
        Assert.Contains("_producer", OpenLineageSchemas.Describe(results), StringComparison.Ordinal);
    }

    [Fact]
    public void An_execution_parameter_with_a_numeric_value_fails_the_facet_schema()
    {
        var (run, _) = Run();
        var json = run.StartEvent().ToJsonObject();
        json["run"]!["facets"]!["executionParameters"]!["parameters"]![0]!["value"] = 42;

        var facets = JsonSerializer.SerializeToElement(json["run"]!["facets"]);

        Assert.False(OpenLineageSchemas.Evaluate(OpenLineageSchemas.Facet("ExecutionParametersRunFacet"), facets).IsValid);
    }

    [Fact]
    public void A_dataset_version_facet_without_datasetVersion_fails_the_facet_schema()
    {
        var (run, _) = Run();
        var json = run.StartEvent().ToJsonObject();
        json["inputs"]![0]!["facets"]!["version"]!.AsObject().Remove("datasetVersion");

        var facets = JsonSerializer.SerializeToElement(json["inputs"]![0]!["facets"]);

        Assert.False(OpenLineageSchemas.Evaluate(OpenLineageSchemas.Facet("DatasetVersionDatasetFacet"), facets).IsValid);
    }

    [Fact]
    public void The_file_transport_appends_one_valid_event_per_line()
    {
        var (run, modelPath) = Run();
        var events = new OpenLineageFileTransport(_temp.Combine("lineage"));

        events.Emit(run.StartEvent());
        ModelArtifact.Save(modelPath, s => s.WriteByte(7));
        run.WriteSidecar(modelPath);
        events.Emit(run.CompleteEvent());

        Assert.Equal(_temp.Combine("lineage", OpenLineageFileTransport.DefaultFileName), events.FilePath);
        var lines = File.ReadAllLines(events.FilePath);
        Assert.Equal(2, lines.Length);
        var parsed = lines.Select(l => JsonDocument.Parse(l).RootElement).ToList();
        Assert.Equal(["START", "COMPLETE"], parsed.Select(p => p.GetProperty("eventType").GetString()));
        Assert.All(parsed, p => AssertValid(OpenLineageSchemas.Core, p));
        Assert.All(parsed, p => Assert.Equal(run.RunId, p.GetProperty("run").GetProperty("runId").GetString()));
    }

    [Fact]
    public void The_file_transport_rejects_a_file_name_with_a_directory()
    {
        Assert.Throws<ArgumentException>(() => new OpenLineageFileTransport(_temp.Path, "a/b.jsonl"));
    }

    [Fact]
    public void An_event_is_a_snapshot()
    {
        var (run, _) = Run();
        var start = run.StartEvent();
        var before = start.ToJson();

        run.Complete();
        start.ToJsonObject()["eventType"] = "OTHER";

        Assert.Equal(before, start.ToJson());
        Assert.DoesNotContain('\n', before);
    }
}
