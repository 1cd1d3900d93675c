using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Json;
using Microsoft.ML;
using Microsoft.ML.Data;
using MlOps.Lineage.Tests.Infrastructure;

namespace MlOps.Lineage.Tests;

/// <summary>
/// A whole training run as a program writes it (the generated <c>Lineage</c> class is replaced by the
/// <see cref="PipelineInfo"/> it would build): real data on disk, a real ML.NET model, the sidecar and the events.
/// </summary>
public sealed class TrainingRunTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    private static readonly DatasetDeclaration Train = new("train", "data/churn.csv");

    private PipelineInfo Pipeline(ModelOutputDeclaration model) => TestPipelines.Create([Train], [model]);

    private void WriteData()
    {
        var random = new Random(3);
        var csv = new StringBuilder("tenure,charges,churned\n");
        for (var i = 0; i < 200; i++)
        {
            var tenure = (float)(random.NextDouble() * 60);
            var charges = (float)(random.NextDouble() * 120);
            var churned = (0.05 * charges) - (0.08 * tenure) + (random.NextDouble() - 0.5) > 0;
            csv.Append(tenure.ToString(CultureInfo.InvariantCulture)).Append(',')
                .Append(charges.ToString(CultureInfo.InvariantCulture)).Append(',')
                .Append(churned ? "true" : "false").Append('\n');
        }

        _temp.WriteFile("data/churn.csv", csv.ToString());
    }

    private void TrainAndSave(LineageRecord run, string modelPath)
    {
        var ml = new MLContext(seed: run.Seed);
        var data = ml.Data.LoadFromTextFile<Customer>(run.DatasetPath(Train), hasHeader: true, separatorChar: ',');
        var split = ml.Data.TrainTestSplit(data, testFraction: 0.25, seed: run.Seed);
        var model = ml.Transforms.Concatenate("Features", nameof(Customer.Tenure), nameof(Customer.Charges))
            .Append(ml.BinaryClassification.Trainers.SdcaLogisticRegression(labelColumnName: nameof(Customer.Churned), maximumNumberOfIterations: 10))
            .Fit(split.TrainSet);
        var metrics = ml.BinaryClassification.Evaluate(model.Transform(split.TestSet), labelColumnName: nameof(Customer.Churned));

        ModelArtifact.Save(modelPath, stream => ml.Model.Save(model, data.Schema, stream));
        run.Complete(new Dictionary<string, double> { ["auc"] = metrics.AreaUnderRocCurve, ["accuracy"] = metrics.Accuracy });
    }

    [Fact]
    public void A_run_hashes_its_data_saves_a_versioned_model_and_writes_sidecar_and_valid_events()
    {
        WriteData();
        var output = new ModelOutputDeclaration("churn", _temp.Combine("models", "churn-{version}.zip"));
        var run = Pipeline(output).Capture(_temp.Path);
        var events = new OpenLineageFileTransport(_temp.Combine("lineage"));
        events.Emit(run.StartEvent());

        var modelPath = run.ModelPath(output);
        TrainAndSave(run, modelPath);
        var sidecar = run.WriteSidecar(modelPath);
        events.Emit(run.CompleteEvent());

        Assert.Equal(
            ["data/churn.csv", "lineage/openlineage.jsonl", "models/churn-1.2.0.zip", "models/churn-1.2.0.zip.lineage.json"],
            _temp.AllFiles());
        var record = LineageRecord.ReadSidecar(sidecar);
        Assert.Equal(DatasetHasher.ComputeSha256(_temp.Combine("data", "churn.csv")), record.Datasets.Single().Sha256);
        Assert.Equal(DatasetHasher.ComputeSha256(modelPath), record.Models.Single().Sha256);
        Assert.Equal("5.0.1", record.Environment.MlNetVersion);
        Assert.InRange(record.Metrics["auc"], 0.5, 1.0);

        foreach (var line in File.ReadAllLines(events.FilePath))
        {
            var results = OpenLineageSchemas.Evaluate(OpenLineageSchemas.Core, JsonDocument.Parse(line).RootElement);
            Assert.True(results.IsValid, OpenLineageSchemas.Describe(results));
        }
    }

    [Fact]
    public void A_second_run_of_the_same_version_fails_and_leaves_the_first_model_and_record_untouched()
    {
        WriteData();
        var output = new ModelOutputDeclaration("churn", _temp.Combine("models", "churn-{version}.zip"));
        var first = Pipeline(output).Capture(_temp.Path);
        var modelPath = first.ModelPath(output);
        TrainAndSave(first, modelPath);
        var sidecar = first.WriteSidecar(modelPath);
        var model = File.ReadAllBytes(modelPath);
        var record = File.ReadAllBytes(sidecar);

        var second = Pipeline(output).Capture(_temp.Path);
        var events = new OpenLineageFileTransport(_temp.Combine("lineage"));
        var error = Assert.Throws<ModelVersionExistsException>(() => TrainAndSave(second, second.ModelPath(output)));
        events.Emit(second.FailEvent(error));

        Assert.Equal(Path.GetFullPath(modelPath), error.Path);
        Assert.Equal(model, File.ReadAllBytes(modelPath));
        Assert.Equal(record, File.ReadAllBytes(sidecar));
        Assert.Equal(RunStatus.Failed, second.Status);
        Assert.Contains("FAIL", File.ReadAllText(events.FilePath), StringComparison.Ordinal);
    }

    [Fact]
    public void With_runId_in_the_template_every_run_writes_its_own_model()
    {
        WriteData();
        var output = new ModelOutputDeclaration("churn", _temp.Combine("models", "{version}", "{runId}.zip"));

        for (var i = 0; i < 2; i++)
        {
            var run = Pipeline(output).Capture(_temp.Path);
            var modelPath = run.ModelPath(output);
            TrainAndSave(run, modelPath);
            run.WriteSidecar(modelPath);
        }

        Assert.Equal(4, Directory.GetFiles(_temp.Combine("models", "1.2.0")).Length);
    }

    private sealed class Customer
    {
        [LoadColumn(0)]
        public float Tenure { get; set; }

        [LoadColumn(1)]
        public float Charges { get; set; }

        [LoadColumn(2)]
        public bool Churned { get; set; }
    }
}
