using System.Threading.Tasks;
using MlOps.Analyzers.Tests.Infrastructure;
using Verify = MlOps.Analyzers.Tests.Infrastructure.AnalyzerVerifier<MlOps.Analyzers.Rules.ModelVersioning.UnversionedModelSaveAnalyzer>;
using MlOps.Analyzers.Rules.ModelVersioning;

namespace MlOps.Analyzers.Tests.Rules.ModelVersioning;

public class UnversionedModelSaveAnalyzerTests
{
    private const string Usings = $"""
        using System;
        using System.Collections.Generic;
        using System.IO;
        using System.Security.Cryptography;
        using Microsoft.ML;
        using Microsoft.ML.Data;
        using MlOps.Lineage;
        using TorchSharp;
        using static TorchSharp.torch;

        {TestSources.Row}

        """;

    private static Microsoft.CodeAnalysis.Testing.DiagnosticResult Fixed(int location, string api, string path)
        => Verify.Diagnostic(UnversionedModelSaveAnalyzer.Rule).WithLocation(location).WithArguments(api, path);

    private static Microsoft.CodeAnalysis.Testing.DiagnosticResult FixedByCaller(int location, string api, string path, string caller)
        => Verify.Diagnostic(UnversionedModelSaveAnalyzer.CallSiteRule).WithLocation(location).WithArguments(api, path, caller);

    // ---- Not a finding ----

    [Theory]
    [InlineData("$\"models/churn-{ModelVersion}.zip\"")]
    [InlineData("Path.Combine(\"models\", ModelVersion, \"model.zip\")")]
    [InlineData("\"models/churn-\" + ModelVersion + \".zip\"")]
    [InlineData("$\"models/churn-{runId}.zip\"")]
    [InlineData("Path.Combine(\"runs\", record.RunId, \"model.zip\")")]
    [InlineData("$\"models/churn-{DateTime.UtcNow:yyyyMMddHHmmss}.zip\"")]
    [InlineData("$\"models/churn-{DateTimeOffset.UtcNow.ToUnixTimeSeconds()}.zip\"")]
    [InlineData("$\"models/churn-{Guid.NewGuid():N}.zip\"")]
    [InlineData("$\"models/churn-{Convert.ToHexString(SHA256.HashData(bytes))}.zip\"")]
    [InlineData("Output.Resolve(ModelVersion)")]
    [InlineData("Path.Combine(\"artifacts\", Output.Resolve(\"1.0.0\", runId))")]
    [InlineData("$\"models/churn-{GetRevision()}.zip\"")]
    [InlineData("VersionedFile")]
    public Task Versioned_paths_are_not_reported(string path) => Verify.VerifyAsync(Usings + $$"""
        public class Training
        {
            private const string ModelVersion = "1.2.0";
            private static readonly ModelOutputDeclaration Output = new("churn", "models/churn-{version}.zip");

            private const string VersionedFile = "models/churn-" + ModelVersion + ".zip";

            private static string GetRevision() => Environment.GetEnvironmentVariable("GIT_COMMIT") ?? "dev";

            public void Save(MLContext ml, ITransformer model, IDataView data, string runId, LineageRecord record, byte[] bytes)
            {
                ml.Model.Save(model, data.Schema, {{path}});
            }
        }
        """);

    [Theory]
    [InlineData("$\"models/{Release}/model.zip\"")]
    [InlineData("$\"models/churn-{ModelVersion}.zip\"")]
    [InlineData("$\"models/{label}-{runId}.zip\"")]
    [InlineData("$\"models/{label}/{DateTime.UtcNow:yyyyMMdd}/model.zip\"")]
    [InlineData("$\"models/{modelName}.zip\"")]
    [InlineData("Path.Combine(outputDir, \"model.zip\")")]
    [InlineData("$\"models/{label}/{fromConfig}.zip\"")]
    [InlineData("$\"models/{buildNumber}/{label}.zip\"")]
    [InlineData("$\"models/{fileName}\"")]
    [InlineData("$\"models/{runName}.zip\"")]
    [InlineData("$\"models/{namer.ModelName()}.zip\"")]
    [InlineData("$\"models/{run.Name}.zip\"")]
    [InlineData("$\"models/{trialName}.zip\"")]
    public Task A_version_part_among_names_or_a_part_neither_name_nor_version_is_not_reported(string path) => Verify.VerifyAsync(Usings + $$"""
        public interface INamer { string ModelName(); }

        public class Run { public string Name { get; set; } = ""; }

        public class Training
        {
            private const string Release = "1.4.0";
            private const string ModelVersion = "v2";

            public void Save(MLContext ml, ITransformer model, IDataView data, string[] labels, string runId, string[] args, INamer namer, Run run, Func<string> next)
            {
                var fileName = args[1];
                var trialName = next();
                var runName = namer.ModelName();
                var outputDir = args[0];
                var fromConfig = Environment.GetEnvironmentVariable("MODEL_FILE");
                var buildNumber = Environment.GetEnvironmentVariable("BUILD_NUMBER");
                var modelName = $"churn-{ModelVersion}";
                foreach (var label in labels)
                    ml.Model.Save(model, data.Schema, {{path}});
            }
        }
        """);

    [Fact]
    public Task The_counter_of_a_training_loop_versions_a_checkpoint_and_a_name_parameter_without_callers_is_not_judged() => Verify.VerifyAsync(Usings + """
        public class Trainer
        {
            public void Train(nn.Module module, Func<Tensor> loss, optim.Optimizer optimizer)
            {
                for (var i = 0; i < 10; i++)
                {
                    loss().backward();
                    optimizer.step();
                    module.save($"checkpoints/{i}.bin");
                }

                foreach (var n in System.Linq.Enumerable.Range(0, 3))
                {
                    loss().backward();
                    optimizer.step();
                    module.save($"checkpoints/range-{n}.bin");
                }
            }

            public void Export(nn.Module module, string datasetName) => module.save($"exports/{datasetName}.model.bin");
        }
        """);

    [Fact]
    public Task A_helper_in_the_same_file_that_versions_the_path_is_not_reported() => Verify.VerifyAsync(Usings + """
        public class Training
        {
            private const string ModelVersion = "1.2.0";

            public void Save(MLContext ml, ITransformer model, IDataView data, string runId)
            {
                ml.Model.Save(model, data.Schema, ModelPath(ModelVersion));
                ml.Model.Save(model, data.Schema, RunFolder(runId) + "/model.zip");
                ml.Model.Save(model, data.Schema, Stamped("models/churn"));
            }

            private static string ModelPath(string version) => Path.Combine(AppContext.BaseDirectory, "models", version, "model.zip");

            private static string RunFolder(string id)
            {
                if (string.IsNullOrEmpty(id))
                    throw new ArgumentException("no run id", nameof(id));
                return Path.Combine("runs", id);
            }

            private static string Stamped(string stem) => $"{stem}-{DateTime.UtcNow:yyyyMMddHHmmss}.zip";
        }
        """);

    [Fact]
    public Task Versioned_local_followed_to_its_initializer_is_not_reported() => Verify.VerifyAsync(Usings + """
        public class Training
        {
            private const string PipelineVersion = "1.0.0";

            public void Save(MLContext ml, ITransformer model, IDataView data)
            {
                const string constant = $"models/{PipelineVersion}/model.zip";
                ml.Model.Save(model, data.Schema, constant);
                var started = DateTime.UtcNow.Ticks;
                var folder = Path.Combine("models", started.ToString());
                var path = Path.Combine(folder, "model.zip");
                ml.Model.Save(model, data.Schema, path);
            }
        }
        """);

    [Fact]
    public Task Saves_through_the_lineage_run_time_api_are_not_reported() => Verify.VerifyAsync(Usings + """
        public class Training
        {
            private static readonly ModelOutputDeclaration Churn = new("churn", "models/churn-{version}-{runId}.zip");

            public void Save(MLContext ml, ITransformer model, IDataView data, LineageRecord run, nn.Module module)
            {
                var path = run.ModelPath(Churn);
                ml.Model.Save(model, data.Schema, path);
                ModelArtifact.Save("models/churn.zip", stream => ml.Model.Save(model, data.Schema, stream));
                ModelArtifact.SaveUsingPath("models/module.bin", temporary => module.save(temporary));
            }
        }
        """);

    [Fact]
    public Task Memory_stream_and_other_non_file_streams_are_not_reported() => Verify.VerifyAsync(Usings + """
        public class Registry
        {
            public byte[] Serialize(MLContext ml, ITransformer model, IDataView data, nn.Module module)
            {
                using var buffer = new MemoryStream();
                ml.Model.Save(model, data.Schema, buffer);
                module.save(new MemoryStream());
                using var writer = new BinaryWriter(new MemoryStream());
                module.save(writer);
                return buffer.ToArray();
            }
        }
        """);

    [Fact]
    public Task Paths_the_analysis_cannot_see_are_not_reported() => Verify.VerifyAsync(Usings + """
        public class Training
        {
            private string _target = "model.zip";
            public string Target { get; set; } = "model.zip";

            public void Retarget(string target) => _target = target;

            public void Save(MLContext ml, ITransformer model, IDataView data, Func<string> next, nn.Module module)
            {
                ml.Model.Save(model, data.Schema, _target);
                ml.Model.Save(model, data.Schema, Target);
                ml.Model.Save(model, data.Schema, next());
                ml.Model.Save(model, data.Schema, Environment.GetEnvironmentVariable("MODEL_PATH")!);
                for (var epoch = 0; epoch < 3; epoch++)
                    module.save($"checkpoints/epoch-{epoch}.bin");
            }
        }
        """);

    [Fact]
    public Task Parameter_is_judged_at_the_call_sites_and_versioned_callers_are_not_reported() => Verify.VerifyAsync(Usings + """
        public class Training
        {
            private const string Version = "2.0.0";

            public void Run(MLContext ml, ITransformer model, IDataView data)
            {
                SaveModel(ml, model, data, $"models/model-{Version}.zip");
                SaveModel(ml, model, data, Path.Combine("models", DateTime.UtcNow.ToString("yyyyMMdd"), "model.zip"));
            }

            private static void SaveModel(MLContext ml, ITransformer model, IDataView data, string path)
                => ml.Model.Save(model, data.Schema, path);
        }
        """);

    [Fact]
    public Task Parameter_with_one_versioned_and_one_fixed_caller_is_not_reported() => Verify.VerifyAsync(Usings + """
        public class Training
        {
            public void Run(MLContext ml, ITransformer model, IDataView data, string runId)
            {
                SaveModel(ml, model, data, "models/model.zip");
                SaveModel(ml, model, data, $"models/{runId}/model.zip");
            }

            private static void SaveModel(MLContext ml, ITransformer model, IDataView data, string path)
                => ml.Model.Save(model, data.Schema, path);
        }
        """);

    [Fact]
    public Task Parameter_without_visible_callers_or_with_hidden_callers_is_not_reported() => Verify.VerifyAsync(Usings + """
        public class Exporter
        {
            public void Export(MLContext ml, ITransformer model, IDataView data, string path) => ml.Model.Save(model, data.Schema, path);

            public virtual void ExportVirtual(MLContext ml, ITransformer model, IDataView data, string path) => ml.Model.Save(model, data.Schema, path);

            public void SaveStream(MLContext ml, ITransformer model, IDataView data, Stream stream) => ml.Model.Save(model, data.Schema, stream);

            public void Caller(MLContext ml, ITransformer model, IDataView data)
            {
                ExportVirtual(ml, model, data, "model.zip");
                Action<MLContext, ITransformer, IDataView, string> later = Delegated;
                Delegated(ml, model, data, "model.zip");
            }

            private static void Delegated(MLContext ml, ITransformer model, IDataView data, string path) => ml.Model.Save(model, data.Schema, path);
        }
        """);

    [Fact]
    public Task A_model_fitted_on_an_empty_view_carries_no_training_data_and_is_not_reported() => Verify.VerifyAsync(Usings + """
        public class Detector
        {
            public void Wrap(MLContext ml, string onnxPath)
            {
                var empty = ml.Data.LoadFromEnumerable(new List<Row>());
                var wrapper = ml.Transforms.ApplyOnnxModel(onnxPath).Fit(empty);
                ml.Model.Save(wrapper, empty.Schema, "models/detector.zip");
                using var file = File.Create("models/detector.onnx");
                ml.Model.ConvertToOnnx(ml.Transforms.Concatenate("Features", "Feature").Fit(ml.Data.LoadFromEnumerable(Array.Empty<Row>())), empty, file);
            }
        }
        """);

    [Fact]
    public Task Loads_and_data_saves_are_not_model_saves() => Verify.VerifyAsync(Usings + """
        public class Scoring
        {
            public ITransformer Load(MLContext ml) => ml.Model.Load("model.zip", out _);

            public void SaveData(MLContext ml, IDataView data)
            {
                using var file = File.Create("data.tsv");
                ml.Data.SaveAsText(data, file);
            }
        }
        """);

    [Fact]
    public Task Non_ml_compilation_is_ignored() => Verify.VerifyAsync("""
        public class Catalog { public void Save(object model, object schema, string path) { } }
        public static class C { public static void M() => new Catalog().Save(null!, null!, "model.zip"); }
        """);

    // ---- Findings ----

    [Fact]
    public Task A_model_fitted_on_real_data_or_on_a_view_that_may_hold_rows_is_reported() => Verify.VerifyAsync(Usings + """
        public class Training
        {
            public void Save(MLContext ml, List<Row> rows, bool warmStart)
            {
                var data = ml.Data.LoadFromEnumerable(rows);
                var model = ml.Transforms.NormalizeMinMax("Feature").Fit(data);
                {|#0:ml.Model.Save(model, data.Schema, "models/normalizer.zip")|};
                var maybeEmpty = warmStart ? data : ml.Data.LoadFromEnumerable(new List<Row>());
                {|#1:ml.Model.Save(ml.Transforms.NormalizeMinMax("Feature").Fit(maybeEmpty), data.Schema, "models/maybe.zip")|};
            }
        }
        """,
        Fixed(0, "Model.Save", "models/normalizer.zip"),
        Fixed(1, "Model.Save", "models/maybe.zip"));

    [Fact]
    public Task Literal_path_is_reported() => Verify.VerifyAsync(Usings + """
        public class Training
        {
            public void Save(MLContext ml, ITransformer model, IDataView data)
            {
                {|#0:ml.Model.Save(model, data.Schema, "model.zip")|};
            }
        }
        """, Fixed(0, "Model.Save", "model.zip"));

    [Fact]
    public Task Constants_static_readonly_and_folded_paths_are_reported() => Verify.VerifyAsync(Usings + """
        public class Training
        {
            private const string Folder = "models";
            private const string ModelFile = Folder + "/churn.zip";
            private static readonly string ModelDir = Path.Combine(Folder, "churn");
            private static string LatestPath { get; } = Path.Combine(ModelDir, "latest.zip");

            public void Save(MLContext ml, ITransformer model, IDataView data)
            {
                {|#0:ml.Model.Save(model, data.Schema, ModelFile)|};
                {|#1:ml.Model.Save(model, data.Schema, Path.Combine(ModelDir, "model.zip"))|};
                {|#2:ml.Model.Save(model, data.Schema, $"{Folder}/{"churn"}.zip")|};
                {|#3:ml.Model.Save(model, data.Schema, LatestPath)|};
            }
        }
        """,
        Fixed(0, "Model.Save", "models/churn.zip"),
        Fixed(1, "Model.Save", "models/churn/model.zip"),
        Fixed(2, "Model.Save", "models/churn.zip"),
        Fixed(3, "Model.Save", "models/churn/latest.zip"));

    [Fact]
    public Task Paths_built_only_from_names_are_reported() => Verify.VerifyAsync(Usings + """
        public enum Algorithm { FastTree, Sdca }

        public class Training
        {
            private const string Dataset = "churn";

            public void Save(MLContext ml, ITransformer model, IDataView data, string[] labels, string dataPath, IEstimator<ITransformer> trainer, nn.Module module, Settings settings)
            {
                var algorithm = trainer.GetType().Name;
                foreach (var label in labels)
                    {|#0:ml.Model.Save(model, data.Schema, $"Models/{label}-{algorithm}.zip")|};
                var datasetName = Path.GetFileNameWithoutExtension(dataPath);
                {|#1:module.save($"{datasetName}.model.bin")|};
                {|#2:ml.Model.Save(model, data.Schema, Path.Combine("models", Dataset, $"{Algorithm.FastTree}.zip"))|};
                Array.ForEach(labels, name => {|#3:module.save(Path.Combine("models", name + ".bin"))|});
                foreach (var label in labels)
                    {|#4:module.save($"models/{label.ToLowerInvariant()}-{Algorithm.Sdca.ToString()}.bin")|};
                {|#5:module.save($"models/{settings.DatasetName}.bin")|};
            }
        }

        public class Settings { public string DatasetName { get; set; } = ""; }
        """,
        Fixed(0, "Model.Save", "Models/{label}-{algorithm}.zip"),
        Fixed(1, "Module.save", "{datasetName}.model.bin"),
        Fixed(2, "Model.Save", "models/churn/FastTree.zip"),
        Fixed(3, "Module.save", "models/{name}.bin"),
        Fixed(4, "Module.save", "models/{label}-Sdca.bin"),
        Fixed(5, "Module.save", "models/{settings.DatasetName}.bin"));

    [Fact]
    public Task Aliases_and_plain_words_held_by_a_version_symbol_do_not_version_a_path() => Verify.VerifyAsync(Usings + """
        public class Training
        {
            private const string ModelVersion = "latest";
            private static readonly string Stage = "production";
            private const string Revision = "churn";

            public void Save(MLContext ml, ITransformer model, IDataView data)
            {
                {|#0:ml.Model.Save(model, data.Schema, $"models/{ModelVersion}/model.zip")|};
                {|#1:ml.Model.Save(model, data.Schema, Path.Combine("models", "latest", "model.zip"))|};
                {|#2:ml.Model.Save(model, data.Schema, "models/" + Stage + "-version.zip")|};
                {|#3:ml.Model.Save(model, data.Schema, $"models/{Revision}.zip")|};
            }
        }
        """,
        Fixed(0, "Model.Save", "models/latest/model.zip"),
        Fixed(1, "Model.Save", "models/latest/model.zip"),
        Fixed(2, "Model.Save", "models/production-version.zip"),
        Fixed(3, "Model.Save", "models/churn.zip"));

    [Fact]
    public Task Name_parameter_whose_callers_pass_names_is_reported_at_the_save() => Verify.VerifyAsync(Usings + """
        public enum Algorithm { FastTree, Sdca }

        public class Training
        {
            public void Run(MLContext ml, ITransformer model, IDataView data)
            {
                SaveFor(ml, model, data, "churn", Algorithm.FastTree);
                SaveFor(ml, model, data, "fraud", Algorithm.Sdca);
            }

            private static void SaveFor(MLContext ml, ITransformer model, IDataView data, string label, Algorithm algorithm)
                => {|#0:ml.Model.Save(model, data.Schema, $"models/{label}-{algorithm}.zip")|};
        }
        """, FixedByCaller(0, "Model.Save", "models/churn-{algorithm}.zip", "'Training.Run' (Test0.cs line 18)"));

    [Fact]
    public Task Private_field_only_its_initializer_sets_is_reported() => Verify.VerifyAsync(Usings + """
        // The shape of ML.NET Model Builder's generated ModelBuilder.cs.
        public static class ModelBuilder
        {
            private static string MODEL_FILEPATH = @"MLModel.zip";

            public static void SaveModel(MLContext ml, ITransformer model, IDataView data)
                => {|#0:ml.Model.Save(model, data.Schema, MODEL_FILEPATH)|};
        }
        """, Fixed(0, "Model.Save", "MLModel.zip"));

    [Fact]
    public Task Field_written_after_its_initializer_visible_to_other_types_or_serialized_is_not_reported() => Verify.VerifyAsync(Usings + """
        public class Training
        {
            private static string _modelPath = "model.zip";
            private static string _counted = "model.zip";
            private static string _outParameter = "model.zip";
            public static string SharedPath = "model.zip";
            [System.Runtime.Serialization.DataMember] private static string _serialized = "model.zip";

            public static void Configure(string path) => _modelPath = path;

            public static void Bump() => _counted += ".new";

            public static void Read() => Console.WriteLine(string.IsNullOrEmpty(_outParameter) || TryGet(out _outParameter));

            private static bool TryGet(out string value) { value = "x"; return true; }

            public void Save(MLContext ml, ITransformer model, IDataView data)
            {
                ml.Model.Save(model, data.Schema, _modelPath);
                ml.Model.Save(model, data.Schema, _counted);
                ml.Model.Save(model, data.Schema, _outParameter);
                ml.Model.Save(model, data.Schema, SharedPath);
                ml.Model.Save(model, data.Schema, _serialized);
            }
        }
        """);

    [Fact]
    public Task Machine_locations_with_a_fixed_file_are_reported() => Verify.VerifyAsync(Usings + """
        public class Training
        {
            public void Save(MLContext ml, ITransformer model, IDataView data)
            {
                var modelPath = Path.Combine(Environment.CurrentDirectory, "Data", "MLModel.zip");
                {|#0:ml.Model.Save(model, data.Schema, modelPath)|};
                {|#1:ml.Model.Save(model, data.Schema, Path.Combine(AppContext.BaseDirectory, "model.zip"))|};
            }
        }
        """,
        Fixed(0, "Model.Save", "<the current directory>/Data/MLModel.zip"),
        Fixed(1, "Model.Save", "<the application folder>/model.zip"));

    [Fact]
    public Task Fixed_paths_built_by_a_helper_in_the_same_file_are_reported() => Verify.VerifyAsync(Usings + """
        // The shape of the ML.NET samples: the model path goes through GetAbsolutePath, next to the program.
        public static class Program
        {
            private static readonly string BaseModelsRelativePath = @"../../../MLModels";
            private static readonly string ModelPath = GetAbsolutePath($"{BaseModelsRelativePath}/TaxiFareModel.zip");

            public static void Save(MLContext ml, ITransformer model, IDataView data, nn.Module module)
            {
                {|#0:ml.Model.Save(model, data.Schema, ModelPath)|};
                {|#1:module.save(InModels("weights.bin"))|};

                string InModels(string file) => Path.Combine(GetAbsolutePath(BaseModelsRelativePath), file);
            }

            public static string GetAbsolutePath(string relativePath)
            {
                var dataRoot = new FileInfo(typeof(Program).Assembly.Location);
                var assemblyFolderPath = dataRoot.Directory!.FullName;
                return Path.Combine(assemblyFolderPath, relativePath);
            }
        }
        """,
        Fixed(0, "Model.Save", "<the application folder>/../../../MLModels/TaxiFareModel.zip"),
        Fixed(1, "Module.save", "<the application folder>/../../../MLModels/weights.bin"));

    [Fact]
    public Task File_streams_on_a_fixed_path_are_reported() => Verify.VerifyAsync(Usings + """
        public class Training
        {
            public void Save(MLContext ml, ITransformer model, IDataView data, IDataLoader<IMultiStreamSource> loader)
            {
                using (var stream = File.Create("model.zip"))
                    {|#0:ml.Model.Save(model, data.Schema, stream)|};
                using var fs = new FileStream("models/model.zip", FileMode.Create);
                {|#1:ml.Model.Save(model, loader, fs)|};
                {|#2:ml.Model.Save(model, loader, File.OpenWrite("out.zip"))|};
                {|#3:ml.Model.Save(model, loader, "loader-model.zip")|};
            }
        }
        """,
        Fixed(0, "Model.Save", "model.zip"),
        Fixed(1, "Model.Save", "models/model.zip"),
        Fixed(2, "Model.Save", "out.zip"),
        Fixed(3, "Model.Save", "loader-model.zip"));

    [Fact]
    public Task Onnx_export_to_a_file_on_a_fixed_path_is_reported_and_to_memory_is_not() => Verify.VerifyAsync(Usings + """
        public class Export
        {
            public byte[] Run(MLContext ml, ITransformer model, IDataView data)
            {
                using (var file = File.Create("model.onnx"))
                    {|#0:ml.Model.ConvertToOnnx(model, data, file)|};
                using var versioned = File.Create($"model-{DateTime.UtcNow:yyyyMMdd}.onnx");
                ml.Model.ConvertToOnnx(model, data, versioned);
                using var buffer = new MemoryStream();
                ml.Model.ConvertToOnnx(model, data, buffer);
                return buffer.ToArray();
            }
        }
        """,
        Fixed(0, "ConvertToOnnx", "model.onnx"));

    [Fact]
    public Task TorchSharp_saves_are_reported() => Verify.VerifyAsync(Usings + """
        public class Training
        {
            public void Save(Tensor weights)
            {
                var model = nn.Linear(4, 1);
                {|#0:model.save("linear.bin")|};
                {|#1:torch.save(weights, "weights.pt")|};
                {|#2:weights.save("weights-2.pt")|};
                var scripted = torch.jit.load("scripted-in.pt");
                {|#3:torch.jit.save(scripted, "scripted.pt")|};
                using var writer = new BinaryWriter(File.Create("linear-2.bin"));
                {|#4:model.save(writer)|};
            }
        }
        """,
        Fixed(0, "Module.save", "linear.bin"),
        Fixed(1, "torch.save", "weights.pt"),
        Fixed(2, "Tensor.save", "weights-2.pt"),
        Fixed(3, "torch.jit.save", "scripted.pt"),
        Fixed(4, "Module.save", "linear-2.bin"));

    [Fact]
    public Task Local_with_several_fixed_values_is_reported() => Verify.VerifyAsync(Usings + """
        public class Training
        {
            public void Save(MLContext ml, ITransformer model, IDataView data, bool best)
            {
                var path = "model.zip";
                if (best)
                    path = "best.zip";
                {|#0:ml.Model.Save(model, data.Schema, path)|};
                {|#1:ml.Model.Save(model, data.Schema, best ? "a.zip" : "b.zip")|};
            }
        }
        """,
        Fixed(0, "Model.Save", "model.zip"),
        Fixed(1, "Model.Save", "a.zip"));

    [Fact]
    public Task Helper_whose_every_caller_passes_a_fixed_path_is_reported_at_the_save() => Verify.VerifyAsync(Usings + """
        public class Training
        {
            public void Run(MLContext ml, ITransformer model, IDataView data)
            {
                SaveModel(ml, model, data, "models/model.zip");
                SaveModel(ml, model, data, Path.Combine("models", "backup.zip"));
            }

            private static void SaveModel(MLContext ml, ITransformer model, IDataView data, string path)
                => {|#0:ml.Model.Save(model, data.Schema, path)|};
        }
        """, FixedByCaller(0, "Model.Save", "models/model.zip", "'Training.Run' (Test0.cs line 16)").WithMessage(
        "'Model.Save' saves the model to the fixed path 'models/model.zip' (passed by 'Training.Run' (Test0.cs line 16)): every run overwrites "
        + "the previous model. Save to a versioned path (a [ModelOutput] template resolved with the pipeline version)."));

    [Fact]
    public Task Path_built_from_a_parameter_two_helpers_deep_is_reported() => Verify.VerifyAsync(Usings + """
        public static class Program
        {
            public static void Main()
            {
                var ml = new MLContext(seed: 1);
                Train(ml, "out");
            }

            private static void Train(MLContext ml, string outputDir)
            {
                var data = ml.Data.LoadFromEnumerable(new List<Row>());
                var model = ml.BinaryClassification.Trainers.SdcaLogisticRegression().Fit(data);
                Persist(ml, model, data, Path.Combine(outputDir, "model.zip"));
            }

            private static void Persist(MLContext ml, ITransformer model, IDataView data, string path)
            {
                using var file = File.Create(path);
                {|#0:ml.Model.Save(model, data.Schema, file)|};
            }
        }
        """, FixedByCaller(0, "Model.Save", "out/model.zip", "'Program.Train' (Test0.cs line 24)"));

    [Fact]
    public Task Stream_parameter_opened_on_a_fixed_path_by_the_caller_is_reported() => Verify.VerifyAsync(Usings + """
        public class Training
        {
            public void Run(nn.Module module)
            {
                using var file = File.Create("module.bin");
                Write(module, file);
            }

            private static void Write(nn.Module module, Stream stream) => {|#0:module.save(stream)|};
        }
        """, FixedByCaller(0, "Module.save", "module.bin", "'Training.Run' (Test0.cs line 17)"));

    [Fact]
    public Task Top_level_statements_are_analyzed()
    {
        var test = new Verify.Test
        {
            TestCode = """
                using Microsoft.ML;

                var ml = new MLContext(seed: 1);
                var data = ml.Data.LoadFromTextFile<Row>("train.csv", hasHeader: true, separatorChar: ',');
                var model = ml.BinaryClassification.Trainers.LightGbm().Fit(data);
                {|#0:ml.Model.Save(model, data.Schema, "model.zip")|};
                Save(model, "second.zip");

                void Save(ITransformer m, string path) => {|#1:ml.Model.Save(m, data.Schema, path)|};

                public class Row { public float Feature { get; set; } public bool Label { get; set; } }
                """,
        };
        test.TestState.OutputKind = Microsoft.CodeAnalysis.OutputKind.ConsoleApplication;
        test.ExpectedDiagnostics.Add(Fixed(0, "Model.Save", "model.zip"));
        test.ExpectedDiagnostics.Add(FixedByCaller(1, "Model.Save", "second.zip", "the top-level statements (Test0.cs line 7)"));
        return test.RunAsync();
    }

    [Theory]
    [InlineData("ml.Model.Save(model, data.Schema, ")]
    [InlineData("ml.Model.Save(model, data.Schema, $\"{Undefined}/m.zip\")")]
    [InlineData("ml.Model.Save(model, data.Schema, Path.Combine(\"a\", ))")]
    [InlineData("var p = p; ml.Model.Save(model, data.Schema, p);")]
    [InlineData("torch.save(, \"x.pt\")")]
    [InlineData("Helper(\"a\"); void Helper(string s) => ml.Model.Save(model, data.Schema, s + Helper2(s)); string Helper2(string t) => Helper2(t);")]
    [InlineData("using var f = File.Create(); ml.Model.Save(model, data.Schema, f)")]
    public async Task Broken_code_does_not_throw(string body)
    {
        var compilation = AnalyzerRunner.Compile(Usings + "public static class Broken { public static void M(MLContext ml, ITransformer model, IDataView data) { " + body + " } }");
        var result = await AnalyzerRunner.RunAsync(compilation, [new UnversionedModelSaveAnalyzer()]);
        Assert.Empty(result.Exceptions);
    }
}
