using System.Threading.Tasks;
using MlOps.Analyzers.Tests.Infrastructure;
using Verify = MlOps.Analyzers.Tests.Infrastructure.AnalyzerVerifier<MlOps.Analyzers.Rules.ModelVersioning.ModelSavedWithoutLineageAnalyzer>;
using MlOps.Analyzers.Rules.ModelVersioning;

namespace MlOps.Analyzers.Tests.Rules.ModelVersioning;

public class ModelSavedWithoutLineageAnalyzerTests
{
    // A hand-built PipelineInfo stands in for the generated Lineage class (same run-time types).
    private const string Usings = """
        using System;
        using System.Collections.Generic;
        using System.IO;
        using Microsoft.ML;
        using MlOps.Lineage;
        using static TorchSharp.torch;

        public static class ChurnLineage
        {
            public const string Version = "1.0.0";
            public static readonly ModelOutputDeclaration Churn = new("churn", "models/churn-{version}-{runId}.zip");
            public static readonly PipelineInfo Info = new("churn", Version, 42, new DatasetDeclaration[0], new[] { Churn },
                new Dictionary<string, object?>(), "fingerprint", "unknown");
        }

        """;

    private static Microsoft.CodeAnalysis.Testing.DiagnosticResult NoRecord(int location, string api)
        => Verify.Diagnostic(ModelSavedWithoutLineageAnalyzer.Rule).WithLocation(location).WithArguments(api);

    // ---- Not a finding ----

    [Fact]
    public Task Run_that_writes_its_sidecar_is_not_reported() => Verify.VerifyAsync(Usings + """
        public class ChurnTraining
        {
            public void Train(MLContext ml, IDataView data)
            {
                var run = ChurnLineage.Info.Capture();
                var model = ml.BinaryClassification.Trainers.SdcaLogisticRegression().Fit(data);
                var path = run.ModelPath(ChurnLineage.Churn);
                ModelArtifact.Save(path, stream => ml.Model.Save(model, data.Schema, stream));
                run.WriteSidecar(path);
            }
        }
        """);

    [Fact]
    public Task Sidecar_written_by_the_entry_point_is_not_reported()
    {
        var test = new Verify.Test { TestCode = Usings + """
        public static class Program
        {
            public static void Main()
            {
                var run = ChurnLineage.Info.Capture();
                var path = ChurnTrainer.Train(new MLContext(seed: 1), run);
                run.WriteSidecar(path);
            }
        }

        public static class ChurnTrainer
        {
            public static string Train(MLContext ml, LineageRecord run)
            {
                var data = ml.Data.LoadFromEnumerable(new List<Row>());
                var model = ml.BinaryClassification.Trainers.SdcaLogisticRegression().Fit(data);
                var path = run.ModelPath(ChurnLineage.Churn);
                ml.Model.Save(model, data.Schema, path);
                return path;
            }
        }

        public class Row { public float Feature { get; set; } public bool Label { get; set; } }
        """ };
        test.TestState.OutputKind = Microsoft.CodeAnalysis.OutputKind.ConsoleApplication;
        return test.RunAsync();
    }

    [Fact]
    public Task Unversioned_memory_and_unknown_saves_are_left_to_other_rules() => Verify.VerifyAsync(Usings + """
        public class ChurnTraining
        {
            public byte[] Train(MLContext ml, IDataView data, string somewhere)
            {
                var model = ml.BinaryClassification.Trainers.SdcaLogisticRegression().Fit(data);
                ml.Model.Save(model, data.Schema, "model.zip");
                ml.Model.Save(model, data.Schema, somewhere);
                using var buffer = new MemoryStream();
                ml.Model.Save(model, data.Schema, buffer);
                return buffer.ToArray();
            }
        }
        """);

    [Fact]
    public Task Saves_outside_training_code_are_not_reported() => Verify.VerifyAsync(Usings + """
        public class Exporter
        {
            public void Export(MLContext ml, ITransformer model, DataViewSchema schema)
                => ml.Model.Save(model, schema, $"exports/model-{DateTime.UtcNow:yyyyMMdd}.zip");
        }
        """);

    [Fact]
    public Task Run_recorded_by_an_orchestrator_that_calls_the_trainer_is_not_reported() => Verify.VerifyAsync(Usings + """
        public class ChurnTrainer
        {
            public string Train(MLContext ml, IDataView data, LineageRecord run)
            {
                var model = ml.BinaryClassification.Trainers.SdcaLogisticRegression().Fit(data);
                var path = run.ModelPath(ChurnLineage.Churn);
                ml.Model.Save(model, data.Schema, path);
                return path;
            }
        }

        public static class StaticTrainer
        {
            public static string Train(MLContext ml, IDataView data, string runId)
            {
                var model = ml.Regression.Trainers.Sdca().Fit(data);
                var path = $"models/{runId}/regression.zip";
                ml.Model.Save(model, data.Schema, path);
                return path;
            }
        }

        public class Orchestrator
        {
            public void Run(MLContext ml, IDataView data)
            {
                var run = ChurnLineage.Info.Capture();
                var path = new ChurnTrainer().Train(ml, data, run);
                run.WriteSidecar(path);
                run.WriteSidecar(StaticTrainer.Train(ml, data, run.RunId));
            }
        }
        """);

    [Fact]
    public Task Saves_that_are_not_versioned_files_are_not_reported() => Verify.VerifyAsync(Usings + """
        public class ChurnTraining
        {
            private const string ModelVersion = "latest";

            public byte[] Train(MLContext ml, IDataView data, string[] labels)
            {
                var model = ml.BinaryClassification.Trainers.SdcaLogisticRegression().Fit(data);
                ml.Model.Save(model, data.Schema, $"models/{ModelVersion}/model.zip");
                ml.Model.Save(model, data.Schema, Path.Combine("models", "production", "model.zip"));
                foreach (var label in labels)
                    ml.Model.Save(model, data.Schema, $"models/{label}.zip");
                using var buffer = new MemoryStream();
                ml.Model.Save(model, data.Schema, buffer);
                return buffer.ToArray();
            }
        }
        """);

    [Fact]
    public Task A_model_fitted_on_an_empty_view_is_not_a_training_run() => Verify.VerifyAsync(Usings + """
        public class Row { public float Feature { get; set; } public bool Label { get; set; } }

        public class ChurnTraining
        {
            public byte[] Train(MLContext ml, IDataView data)
            {
                var model = ml.BinaryClassification.Trainers.SdcaLogisticRegression().Fit(data);
                using var buffer = new MemoryStream();
                ml.Model.Save(model, data.Schema, buffer);
                return buffer.ToArray();
            }

            public void WrapDetector(MLContext ml, string onnxPath, string runId)
            {
                var empty = ml.Data.LoadFromEnumerable(new List<Row>());
                var wrapper = ml.Transforms.ApplyOnnxModel(onnxPath).Fit(empty);
                ml.Model.Save(wrapper, empty.Schema, $"models/detector-{runId}.zip");
                ml.Model.Save(ml.Transforms.Concatenate("Features", "Feature").Fit(ml.Data.LoadFromEnumerable(Array.Empty<Row>())), empty.Schema, $"models/schema-{runId}.zip");
            }
        }
        """);

    // ---- Findings ----

    [Fact]
    public Task Sidecar_written_by_a_type_that_does_not_call_the_trainer_does_not_count() => Verify.VerifyAsync(Usings + """
        public class ChurnTrainer
        {
            public void Train(MLContext ml, IDataView data, string runId)
            {
                var model = ml.BinaryClassification.Trainers.SdcaLogisticRegression().Fit(data);
                {|#0:ml.Model.Save(model, data.Schema, $"models/{runId}/churn.zip")|};
            }
        }

        public class Auditor
        {
            public void Record(string path) => ChurnLineage.Info.Capture().WriteSidecar(path);
        }
        """, NoRecord(0, "Model.Save"));

    [Fact]
    public Task A_model_fitted_on_data_that_is_not_provably_empty_is_reported() => Verify.VerifyAsync(Usings + """
        public class Row { public float Feature { get; set; } public bool Label { get; set; } }

        public class ChurnTraining
        {
            public void Train(MLContext ml, List<Row> rows, string runId)
            {
                var data = ml.Data.LoadFromEnumerable(rows);
                var model = ml.BinaryClassification.Trainers.SdcaLogisticRegression().Fit(data);
                {|#0:ml.Model.Save(model, data.Schema, $"models/churn-{runId}.zip")|};
            }
        }
        """, NoRecord(0, "Model.Save"));

    [Fact]
    public Task Versioned_save_in_a_trainer_without_a_sidecar_is_reported() => Verify.VerifyAsync(Usings + """
        public class ChurnTraining
        {
            public void Train(MLContext ml, IDataView data)
            {
                var model = ml.BinaryClassification.Trainers.SdcaLogisticRegression().Fit(data);
                {|#0:ml.Model.Save(model, data.Schema, ChurnLineage.Churn.Resolve(ChurnLineage.Version, Guid.NewGuid().ToString()))|};
                var run = ChurnLineage.Info.Capture();
                {|#1:ModelArtifact.Save(run.ModelPath(ChurnLineage.Churn), stream => ml.Model.Save(model, data.Schema, stream))|};
            }
        }
        """, NoRecord(0, "Model.Save"), NoRecord(1, "ModelArtifact.Save"));

    [Fact]
    public Task TorchSharp_save_through_a_helper_with_versioned_callers_is_reported() => Verify.VerifyAsync(Usings + """
        public class Trainer
        {
            public void Train(nn.Module model, Tensor loss, optim.Optimizer optimizer, string runId)
            {
                loss.backward();
                optimizer.step();
                Checkpoint(model, $"checkpoints/{runId}/model.bin");
            }

            private static void Checkpoint(nn.Module model, string path) => {|#0:model.save(path)|};
        }
        """, NoRecord(0, "Module.save"));

    [Theory]
    [InlineData("ml.Model.Save(")]
    [InlineData("ModelArtifact.Save(, s => ml.Model.Save(null!, null!, s)); var r = ChurnLineage.Info.Capture(); r.WriteSidecar(")]
    public async Task Broken_code_does_not_throw(string body)
    {
        var compilation = AnalyzerRunner.Compile(Usings + "public static class Broken { public static void M(MLContext ml, IDataView data) { ml.Regression.Trainers.Sdca().Fit(data); " + body + " } }");
        var result = await AnalyzerRunner.RunAsync(compilation, [new ModelSavedWithoutLineageAnalyzer()]);
        Assert.Empty(result.Exceptions);
    }
}
