using System.Threading.Tasks;
using Microsoft.CodeAnalysis.Testing;
using MlOps.Analyzers.Rules.ModelVersioning;
using MlOps.Analyzers.Tests.Infrastructure;
using Verify = MlOps.Analyzers.Tests.Infrastructure.AnalyzerVerifier<MlOps.Analyzers.Rules.ModelVersioning.ModelLoadedFromUnversionedPathAnalyzer>;

namespace MlOps.Analyzers.Tests.Rules.ModelVersioning;

public class ModelLoadedFromUnversionedPathAnalyzerTests
{
    private const string Usings = $"""
        using System;
        using System.IO;
        using Microsoft.ML;
        using Microsoft.ML.Data;
        using Microsoft.ML.OnnxRuntime;
        using MlOps.Lineage;
        using TorchSharp;
        using static TorchSharp.torch;

        {TestSources.Row}

        """;

    private static DiagnosticResult Fixed(int location, string api, string path)
        => Verify.Diagnostic(ModelLoadedFromUnversionedPathAnalyzer.Rule).WithLocation(location).WithArguments(api, path);

    // ---- Not a finding ----

    [Theory]
    [InlineData("$\"models/churn-{ModelVersion}.zip\"")]
    [InlineData("Path.Combine(\"models\", ModelVersion, \"model.zip\")")]
    [InlineData("$\"runs/{runId}/model.zip\"")]
    [InlineData("Output.Resolve(ModelVersion)")]
    [InlineData("Output.Resolve(\"1.0.0\", runId)")]
    [InlineData("$\"models/churn-{DateTime.UtcNow:yyyyMMdd}.zip\"")]
    [InlineData("$\"models/{label()}-{Release}.zip\"")]
    [InlineData("$\"models/{label()}/{fromConfig}.zip\"")]
    public Task Versioned_paths_are_not_reported(string path) => Verify.VerifyAsync(Usings + $$"""
        [TrainingPipeline("churn", Version = ModelVersion)]
        public partial class ChurnTraining
        {
            private const string ModelVersion = "1.2.0";
            private const string Release = "2.1.0";
            private static readonly ModelOutputDeclaration Output = new("churn", "models/churn-{version}.zip");
            private static readonly string fromConfig = Environment.GetEnvironmentVariable("MODEL_FILE") ?? "";

            public ITransformer Baseline(MLContext ml, string runId, Func<string> label) => ml.Model.Load({{path}}, out _);

            public InferenceSession Session(string runId, Func<string> label) => new InferenceSession({{path}});
        }
        """);

    [Fact]
    public Task A_fixed_path_in_inference_code_is_not_reported() => Verify.VerifyAsync(Usings + """
        public class ChurnPredictor
        {
            private readonly PredictionEngine<Row, Row> _engine;

            public ChurnPredictor(MLContext ml)
            {
                var model = ml.Model.Load("models/churn.zip", out _);
                _engine = ml.Model.CreatePredictionEngine<Row, Row>(model);
            }

            public InferenceSession Onnx() => new InferenceSession("models/churn.onnx");

            public nn.Module<Tensor, Tensor> Weights(nn.Module<Tensor, Tensor> module) => (nn.Module<Tensor, Tensor>)module.load("models/churn.dat");
        }
        """);

    [Fact]
    public Task A_load_beside_a_train_method_is_inference_code() => Verify.VerifyAsync(Usings + """
        public class ChurnModel
        {
            public ITransformer Train(MLContext ml, IDataView data)
                => ml.BinaryClassification.Trainers.SdcaLogisticRegression().Fit(data);

            public ITransformer Load(MLContext ml) => ml.Model.Load("models/churn.zip", out _);
        }
        """);

    [Fact]
    public Task Paths_from_configuration_or_parameters_are_not_judged() => Verify.VerifyAsync(Usings + """
        [TrainingPipeline("churn", Version = "1.0.0")]
        public partial class ChurnTraining
        {
            private readonly string _modelPath;

            public ChurnTraining(string modelPath) => _modelPath = modelPath;

            public ITransformer FromSettings(MLContext ml) => ml.Model.Load(_modelPath, out _);

            public ITransformer FromEnvironment(MLContext ml) => ml.Model.Load(Environment.GetEnvironmentVariable("CHURN_MODEL")!, out _);

            public ITransformer FromParameter(MLContext ml, string path) => ml.Model.Load(path, out _);
        }
        """);

    [Fact]
    public Task A_model_already_in_memory_is_not_judged() => Verify.VerifyAsync(Usings + """
        [TrainingPipeline("churn", Version = "1.0.0")]
        public partial class ChurnTraining
        {
            public ITransformer FromMemory(MLContext ml, byte[] bytes) => ml.Model.Load(new MemoryStream(bytes), out _);

            public InferenceSession FromBytes(byte[] bytes) => new InferenceSession(bytes);
        }
        """);

    [Fact]
    public Task A_test_fixture_is_not_training_code() => new AnalyzerVerifier<ModelLoadedFromUnversionedPathAnalyzer>.Test
    {
        TestCode = Usings + """
            public class ChurnModelTests
            {
                [Xunit.Fact]
                public void Loads()
                {
                    var ml = new MLContext(seed: 1);
                    var data = ml.Data.LoadFromEnumerable(new[] { new Row() });
                    ml.BinaryClassification.Trainers.SdcaLogisticRegression().Fit(data);
                    ml.Model.Load("testdata/churn.zip", out _);
                }
            }
            """,
        TestState = { AdditionalReferences = { TestSources.Xunit } },
    }.RunAsync();

    [Fact]
    public Task Saving_is_not_loading() => Verify.VerifyAsync(Usings + """
        [TrainingPipeline("churn", Version = "1.0.0")]
        public partial class ChurnTraining
        {
            public void Save(MLContext ml, ITransformer model, IDataView data) => ml.Model.Save(model, data.Schema, "models/churn.zip");
        }
        """);

    // ---- Findings ----

    [Fact]
    public Task Fixed_paths_in_a_pipeline_type_are_reported() => Verify.VerifyAsync(Usings + """
        [TrainingPipeline("churn", Version = "1.0.0")]
        public partial class ChurnTraining
        {
            private const string Baseline = "models/baseline.zip";

            public ITransformer Compare(MLContext ml) => {|#0:ml.Model.Load(Baseline, out _)|};

            public ITransformer WithLoader(MLContext ml) => {|#1:ml.Model.LoadWithDataLoader(Path.Combine("models", "loader.zip"), out IDataLoader<IMultiStreamSource> _)|};

            public InferenceSession Onnx() => {|#2:new InferenceSession("models/churn.onnx")|};

            public nn.Module<Tensor, Tensor> FineTune(nn.Module<Tensor, Tensor> module) => (nn.Module<Tensor, Tensor>){|#3:module.load("weights/base.dat")|};

            public jit.ScriptModule Scripted() => {|#4:jit.load("weights/scripted.pt")|};
        }
        """,
        Fixed(0, "Model.Load", "models/baseline.zip"),
        Fixed(1, "Model.LoadWithDataLoader", "models/loader.zip"),
        Fixed(2, "new InferenceSession", "models/churn.onnx"),
        Fixed(3, "Module.load", "weights/base.dat"),
        Fixed(4, "torch.jit.load", "weights/scripted.pt"));

    [Fact]
    public Task Paths_built_from_names_or_aliases_are_reported() => Verify.VerifyAsync(Usings + """
        [TrainingPipeline("churn", Version = "1.0.0")]
        public partial class ChurnTraining
        {
            private const string ModelVersion = "latest";

            public void Compare(MLContext ml, string[] labels)
            {
                foreach (var label in labels)
                    {|#0:ml.Model.Load($"models/{label}.zip", out _)|};
                {|#1:ml.Model.Load($"models/{ModelVersion}/churn.zip", out _)|};
            }
        }
        """,
        Fixed(0, "Model.Load", "models/{label}.zip"),
        Fixed(1, "Model.Load", "models/latest/churn.zip"));

    [Fact]
    public Task A_file_stream_on_a_fixed_path_is_reported() => Verify.VerifyAsync(Usings + """
        [TrainingPipeline("churn", Version = "1.0.0")]
        public partial class ChurnTraining
        {
            public ITransformer Compare(MLContext ml)
            {
                using var stream = File.OpenRead("models/churn.zip");
                return {|#0:ml.Model.Load(stream, out _)|};
            }
        }
        """,
        Fixed(0, "Model.Load", "models/churn.zip"));

    [Fact]
    public Task A_fixed_path_in_a_member_that_also_trains_is_reported() => Verify.VerifyAsync(Usings + """
        public class ChurnRetraining
        {
            public ITransformer Retrain(MLContext ml, IDataView data)
            {
                var previous = {|#0:ml.Model.Load("models/churn.zip", out _)|};
                var model = ml.BinaryClassification.Trainers.SdcaLogisticRegression().Fit(previous.Transform(data));
                return model;
            }
        }
        """,
        Fixed(0, "Model.Load", "models/churn.zip"));
}
