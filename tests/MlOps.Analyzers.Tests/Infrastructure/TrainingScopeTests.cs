using System.Collections.Immutable;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using Microsoft.CodeAnalysis.Testing;
using Verify = MlOps.Analyzers.Tests.Infrastructure.AnalyzerVerifier<MlOps.Analyzers.Tests.Infrastructure.TrainingScopeProbeAnalyzer>;
using MlOps.Analyzers.Engine;
using MlOps.Analyzers.Facts.Symbols;
using MlOps.Analyzers.Facts.Training;

namespace MlOps.Analyzers.Tests.Infrastructure;

// A test-only probe: it is never shipped, so analyzer-author release tracking and the extended rules do not apply.
#pragma warning disable RS1036, RS2008

/// <summary>A probe for the shared training scope: a candidate at every <c>new Random()</c>, reported only in training code.</summary>
public sealed class TrainingScopeProbeAnalyzer : Rule
{
    public static readonly DiagnosticDescriptor Rule = new(
        "PROBE01", "In training code", "Random created in training code", "Test", DiagnosticSeverity.Warning, isEnabledByDefault: true);

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(Rule);

    internal override void Start(RuleStart start)
    {
        var symbols = start.Symbols;
        var scopes = start.Facts.TrainingScopes;
        start.OnCreation(Calls.Into(ApiOwners.All), c =>
        {
            if (c.Operation is IObjectCreationOperation { Type: { } type, Arguments.Length: 0 }
                && SymbolEqualityComparer.Default.Equals(type, symbols.Random))
                scopes.ReportIfTrainingCode(c, Diagnostic.Create(Rule, c.Operation.Syntax.GetLocation()));
        });
    }
}

#pragma warning restore RS1036, RS2008

public class TrainingScopeTests
{
    private const string Usings = $"""
        using System;
        using System.Collections.Generic;
        using System.Linq;
        using Microsoft.ML;
        using Microsoft.ML.Data;
        using MlOps.Lineage;
        using TorchSharp;
        using static TorchSharp.torch;

        {TestSources.Row}
        {TestSources.Prediction}

        """;

    private static DiagnosticResult Probe(int location) => Verify.Diagnostic(TrainingScopeProbeAnalyzer.Rule).WithLocation(location);

    // --- [TrainingPipeline] ---

    [Fact]
    public Task Attributed_type_is_training_code() => Verify.VerifyAsync(Usings + """
        [TrainingPipeline("churn")]
        public partial class ChurnPipeline
        {
            public int Pick() => {|#0:new Random()|}.Next();
        }
        """, Probe(0));

    [Fact]
    public Task Type_nested_in_an_attributed_type_is_training_code_and_reported_once() => Verify.VerifyAsync(Usings + """
        [TrainingPipeline("churn")]
        public partial class ChurnPipeline
        {
            public class Batches
            {
                public int Pick() => {|#0:new Random()|}.Next();
            }
        }
        """, Probe(0));

    // --- a member performs a training operation; the rest of its type prepares its data ---

    [Fact]
    public Task Method_that_fits_an_estimator_is_training_code() => Verify.VerifyAsync(Usings + """
        public class Trainer
        {
            public ITransformer Train(MLContext ml, List<Row> rows)
            {
                var shuffled = rows.OrderBy(_ => {|#0:new Random()|}.Next()).ToList();
                var data = ml.Data.LoadFromEnumerable(shuffled);
                return ml.BinaryClassification.Trainers.SdcaLogisticRegression().Fit(data);
            }
        }
        """, Probe(0));

    [Fact]
    public Task Pipeline_fit_through_the_estimator_interface_is_a_training_operation() => Verify.VerifyAsync(Usings + """
        public class Trainer
        {
            public ITransformer Train(IEstimator<ITransformer> pipeline, IDataView data)
            {
                var rng = {|#0:new Random()|};
                return pipeline.Fit(data);
            }
        }
        """, Probe(0));

    [Fact]
    public Task Helper_the_trainer_calls_and_field_it_reads_are_training_code() => Verify.VerifyAsync(Usings + """
        public class Trainer
        {
            private readonly Random _rng = {|#0:new Random()|};

            private List<Row> Prepare(List<Row> rows)
            {
                var copy = rows.ToArray();
                _rng.Shuffle(copy);
                var other = {|#1:new Random()|};
                return copy.ToList();
            }

            public ITransformer Train(MLContext ml, List<Row> rows)
                => ml.Regression.Trainers.Sdca().Fit(ml.Data.LoadFromEnumerable(Prepare(rows)));
        }
        """, Probe(0), Probe(1));

    [Fact]
    public Task Cross_validation_is_a_training_operation() => Verify.VerifyAsync(Usings + """
        public class Evaluation
        {
            public void Run(MLContext ml, IDataView data)
            {
                var rng = {|#0:new Random()|};
                ml.BinaryClassification.CrossValidate(data, ml.BinaryClassification.Trainers.LbfgsLogisticRegression(), numberOfFolds: 5);
            }
        }
        """, Probe(0));

    [Fact]
    public Task Tensor_backward_is_a_training_operation() => Verify.VerifyAsync(Usings + """
        public class Loop
        {
            public void Step(Tensor loss)
            {
                var rng = {|#0:new Random()|};
                loss.backward();
            }
        }
        """, Probe(0));

    [Fact]
    public Task Optimizer_step_is_a_training_operation() => Verify.VerifyAsync(Usings + """
        public class Loop
        {
            public void Step(torch.nn.Module<Tensor, Tensor> model)
            {
                var rng = {|#0:new Random()|};
                var optimizer = torch.optim.Adam(model.parameters());
                optimizer.step();
            }
        }
        """, Probe(0));

    // --- a type that builds training data ---

    [Fact]
    public Task TorchSharp_dataset_is_training_code() => Verify.VerifyAsync(Usings + """
        public sealed class Pairs : torch.utils.data.Dataset
        {
            private readonly Random _rng = {|#0:new Random()|};
            public override long Count => 10;
            public override Dictionary<string, Tensor> GetTensor(long index) => new() { ["x"] = torch.tensor(_rng.NextSingle()) };
        }
        """, Probe(0));

    [Fact]
    public Task Batch_reader_that_shuffles_rows_into_tensors_is_training_code() => Verify.VerifyAsync(Usings + """
        public sealed class BatchReader
        {
            private readonly float[] _rows = new float[100];
            private readonly Random _rng = {|#0:new Random()|};

            public Tensor NextBatch()
            {
                _rng.Shuffle(_rows);
                return torch.tensor(_rows.Take(32).ToArray());
            }
        }
        """, Probe(0));

    [Fact]
    public Task Sampler_that_samples_rows_into_an_IDataView_is_training_code() => Verify.VerifyAsync(Usings + """
        public sealed class Sampler
        {
            public IDataView Sample(MLContext ml, List<Row> rows)
            {
                var rng = {|#0:new Random()|};
                var picked = Enumerable.Range(0, 10).Select(_ => rows[rng.Next(rows.Count)]).ToList();
                return ml.Data.LoadFromEnumerable(picked);
            }
        }
        """, Probe(0));

    [Fact]
    public Task Hand_written_shuffle_into_tensors_is_training_code() => Verify.VerifyAsync(Usings + """
        public sealed class BatchReader
        {
            public Tensor Epoch(float[] rows)
            {
                var rng = {|#0:new Random()|};
                for (var i = rows.Length - 1; i > 0; i--)
                {
                    var j = rng.Next(i + 1);
                    (rows[i], rows[j]) = (rows[j], rows[i]);
                }

                return torch.tensor(rows);
            }
        }
        """, Probe(0));

    // --- not training code ---

    [Fact]
    public Task Inference_only_code_is_not_training_code() => Verify.VerifyAsync(Usings + """
        public sealed class Scorer
        {
            private readonly MLContext _ml = new();

            public bool Score(string path, Row row)
            {
                var requestId = new Random().Next();
                var model = _ml.Model.Load(path, out _);
                var engine = _ml.Model.CreatePredictionEngine<Row, Prediction>(model);
                var view = model.Transform(_ml.Data.LoadFromEnumerable(new[] { row }));
                return engine.Predict(row).PredictedLabel;
            }
        }
        """);

    [Fact]
    public Task Fit_on_an_empty_data_view_only_gets_a_schema_and_is_not_training() => Verify.VerifyAsync(Usings + """
        public sealed class OnnxScorer
        {
            private readonly MLContext _ml = new();

            public ITransformer Wrap(string onnxPath)
            {
                var requestId = new Random().Next();
                var empty = _ml.Data.LoadFromEnumerable(new List<Row>());
                return _ml.Transforms.ApplyOnnxModel("output", "input", onnxPath).Fit(empty);
            }

            public ITransformer WrapInline(string onnxPath)
                => _ml.Transforms.ApplyOnnxModel(onnxPath).Fit(_ml.Data.LoadFromEnumerable(Array.Empty<Row>()));

            public ITransformer WrapArray(string onnxPath)
                => _ml.Transforms.ApplyOnnxModel(onnxPath).Fit(_ml.Data.LoadFromEnumerable(new Row[0]));
        }
        """);

    [Fact]
    public Task Fit_on_a_local_that_may_hold_rows_is_training() => Verify.VerifyAsync(Usings + """
        public sealed class Trainer
        {
            public ITransformer Train(MLContext ml, List<Row> rows, bool warmUp)
            {
                var random = {|#0:new Random()|};
                var data = ml.Data.LoadFromEnumerable(new List<Row>());
                if (!warmUp)
                    data = ml.Data.LoadFromEnumerable(rows);
                return ml.BinaryClassification.Trainers.SdcaLogisticRegression().Fit(data);
            }
        }
        """, Probe(0));

    [Fact]
    public Task Predict_beside_Train_in_one_class_is_inference_code() => Verify.VerifyAsync(Usings + """
        public static class ModelHelper
        {
            public static ITransformer Train(MLContext ml, List<Row> rows)
            {
                var shuffled = rows.OrderBy(_ => {|#0:new Random()|}.Next()).ToList();
                return ml.BinaryClassification.Trainers.SdcaLogisticRegression().Fit(ml.Data.LoadFromEnumerable(shuffled));
            }

            public static bool Predict(MLContext ml, string modelPath, Row row)
            {
                var requestId = new Random().Next();
                var model = ml.Model.Load(modelPath, out _);
                return ml.Model.CreatePredictionEngine<Row, Prediction>(model).Predict(row).PredictedLabel;
            }
        }
        """, Probe(0));

    [Fact]
    public Task TorchSharp_demo_that_loads_weights_and_scores_random_rows_is_inference_code() => Verify.VerifyAsync(Usings + """
        public sealed class DemoPredictor
        {
            private readonly torch.nn.Module<Tensor, Tensor> _model = torch.nn.Linear(4, 2);

            public void ShowRandomPredictions(float[][] rows)
            {
                _model.load("model.bin");
                _model.eval();
                var rnd = new Random();
                foreach (var row in rows.OrderBy(_ => rnd.Next()).Take(5))
                {
                    using var x = torch.tensor(row);
                    Console.WriteLine(_model.forward(x.unsqueeze(0)).argmax(1).item<long>());
                }
            }
        }
        """);

    [Fact]
    public Task A_member_that_loads_a_model_and_trains_it_further_is_training_code() => Verify.VerifyAsync(Usings + """
        public static class FineTuner
        {
            public static ITransformer Retrain(MLContext ml, string modelPath, IDataView data)
            {
                var jitter = {|#0:new Random()|}.Next();
                var pretrained = ml.Model.Load(modelPath, out _);
                return ml.Transforms.CopyColumns("Features", "Features").Append(ml.BinaryClassification.Trainers.LbfgsLogisticRegression()).Fit(pretrained.Transform(data));
            }
        }
        """, Probe(0));

    [Fact]
    public Task Inference_member_of_an_attributed_pipeline_is_training_code() => Verify.VerifyAsync(Usings + """
        [TrainingPipeline("churn")]
        public partial class ChurnPipeline
        {
            public bool Predict(MLContext ml, string modelPath, Row row)
            {
                var requestId = {|#0:new Random()|}.Next();
                var model = ml.Model.Load(modelPath, out _);
                return ml.Model.CreatePredictionEngine<Row, Prediction>(model).Predict(row).PredictedLabel;
            }
        }
        """, Probe(0));

    [Fact]
    public Task Web_service_picking_random_items_is_not_training_code() => Verify.VerifyAsync(Usings + """
        public sealed class RecommendationsPage
        {
            private readonly Random _rng = new();

            public List<string> Featured(List<string> items)
            {
                var copy = items.ToArray();
                _rng.Shuffle(copy);
                return copy.Take(3).ToList();
            }
        }
        """);

    [Fact]
    public Task Retry_with_jitter_is_not_training_code() => Verify.VerifyAsync(Usings + """
        public static class Retry
        {
            public static async System.Threading.Tasks.Task Run(Func<System.Threading.Tasks.Task> action)
            {
                var jitter = new Random();
                for (var attempt = 0; attempt < 3; attempt++)
                {
                    try { await action(); return; }
                    catch (InvalidOperationException) { await System.Threading.Tasks.Task.Delay(100 * attempt + jitter.Next(50)); }
                }
            }
        }
        """);

    [Fact]
    public Task Fake_rows_in_an_IDataView_without_shuffling_or_sampling_are_not_training_code() => Verify.VerifyAsync(Usings + """
        public static class FakeData
        {
            public static IDataView Make(MLContext ml)
            {
                var rng = new Random();
                return ml.Data.LoadFromEnumerable(Enumerable.Range(0, 10).Select(_ => new Row { Feature = rng.NextSingle() }));
            }
        }
        """);

    [Fact]
    public async Task Test_fixture_that_trains_on_fake_rows_is_not_training_code()
    {
        var test = new Verify.Test
        {
            TestCode = Usings + """
                public class ModelTests
                {
                    [Xunit.Fact]
                    public void Trains()
                    {
                        var ml = new MLContext(seed: 1);
                        var rng = new Random();
                        var rows = Enumerable.Range(0, 10).Select(_ => new Row { Feature = rng.NextSingle() }).ToArray();
                        rng.Shuffle(rows);
                        ml.Regression.Trainers.Sdca().Fit(ml.Data.LoadFromEnumerable(rows));
                    }
                }
                """,
        };
        test.TestState.AdditionalReferences.Add(TestSources.Xunit);
        await test.RunAsync(CancellationToken.None);
    }

    [Fact]
    public Task Nested_type_of_a_training_type_is_judged_on_its_own() => Verify.VerifyAsync(Usings + """
        public class Trainer
        {
            public ITransformer Train(MLContext ml, IDataView data) => ml.Regression.Trainers.Sdca().Fit(data);

            public static class Ids
            {
                public static int Next() => new Random().Next();
            }
        }
        """);

    [Fact]
    public Task Training_type_nested_in_a_plain_type_is_reported_once() => Verify.VerifyAsync(Usings + """
        public static class Outer
        {
            public static int Id() => new Random().Next();

            public sealed class Trainer
            {
                public ITransformer Train(MLContext ml, IDataView data)
                {
                    var rng = {|#0:new Random()|};
                    return ml.Regression.Trainers.Sdca().Fit(data);
                }
            }
        }
        """, Probe(0));

    // --- the unit is the member ---

    [Fact]
    public Task Controller_with_a_random_banner_and_a_scoring_action_is_not_training_code() => Verify.VerifyAsync(Usings + """
        public sealed class HomeController
        {
            private readonly MLContext _ml = new(seed: 1);
            private readonly ITransformer _model;
            private readonly string[] _banners = { "spring", "summer", "autumn" };

            public HomeController(ITransformer model) => _model = model;

            public string Banner() => _banners[new Random().Next(_banners.Length)];

            public IEnumerable<bool> Score(List<Row> requestRows)
            {
                var view = _ml.Data.LoadFromEnumerable(requestRows);
                return _ml.Data.CreateEnumerable<Prediction>(_model.Transform(view), reuseRowObject: false).Select(p => p.PredictedLabel);
            }
        }
        """);

    [Fact]
    public Task Service_with_retry_jitter_beside_a_scoring_method_is_not_training_code() => Verify.VerifyAsync(Usings + """
        public sealed class ScoringService
        {
            private readonly MLContext _ml = new(seed: 1);
            private readonly ITransformer _model;
            private readonly Random _jitter = new();

            public ScoringService(ITransformer model) => _model = model;

            public IDataView Score(Row[] rows) => _model.Transform(_ml.Data.LoadFromEnumerable(rows));

            public async System.Threading.Tasks.Task Retry(Func<System.Threading.Tasks.Task> action)
            {
                var extra = new Random();
                for (var attempt = 0; attempt < 3; attempt++)
                {
                    try { await action(); return; }
                    catch (InvalidOperationException) { await System.Threading.Tasks.Task.Delay(100 * attempt + _jitter.Next(50) + extra.Next(10)); }
                }
            }
        }
        """);

    [Fact]
    public Task Scoring_request_rows_beside_a_shuffled_playlist_is_not_training_code() => Verify.VerifyAsync(Usings + """
        public sealed class Recommender
        {
            private readonly MLContext _ml = new(seed: 1);
            private readonly ITransformer _model;

            public Recommender(ITransformer model) => _model = model;

            public List<string> Playlist(List<string> songs)
            {
                var copy = songs.ToArray();
                new Random().Shuffle(copy);
                return copy.ToList();
            }

            public IDataView Score(List<Row> requestRows)
            {
                var view = _ml.Data.LoadFromEnumerable(requestRows);
                return _model.Transform(view);
            }
        }
        """);

    [Fact]
    public Task Request_rows_shuffled_and_scored_are_inference_code() => Verify.VerifyAsync(Usings + """
        public sealed class ExportController
        {
            private readonly MLContext _ml = new(seed: 1);
            private readonly ITransformer _model;

            public ExportController(ITransformer model) => _model = model;

            public float[] IntentBatch(List<Row> sessions)
            {
                var rng = new Random();
                var rows = sessions.OrderBy(_ => rng.Next()).ToList();
                var scored = _model.Transform(_ml.Data.LoadFromEnumerable(rows));
                return scored.GetColumn<float>("Score").ToArray();
            }
        }
        """);

    [Fact]
    public Task Member_the_trainer_does_not_use_is_not_training_code() => Verify.VerifyAsync(Usings + """
        public sealed class ChurnService
        {
            private readonly Random _bannerRandom = new();
            private readonly string[] _banners = { "a", "b" };

            public ITransformer Train(MLContext ml, IDataView data)
            {
                var rng = {|#0:new Random()|};
                return ml.BinaryClassification.Trainers.SdcaLogisticRegression().Fit(data);
            }

            public string Banner() => _banners[_bannerRandom.Next(_banners.Length)];

            public int RequestId() => new Random().Next();
        }
        """, Probe(0));

    [Fact]
    public Task Shuffle_into_a_field_that_another_member_turns_into_tensors_is_training_code() => Verify.VerifyAsync(Usings + """
        public sealed class BatchReader
        {
            private readonly float[][] _rows;
            private readonly Random _rng = {|#0:new Random()|};
            private int[] _order = Array.Empty<int>();

            public BatchReader(float[][] rows) => _rows = rows;

            public void Reset() => _order = Enumerable.Range(0, _rows.Length).OrderBy(_ => _rng.Next()).ToArray();

            public Tensor Batch(int index)
            {
                var picked = new List<float[]>();
                foreach (var i in _order.Skip(index * 32).Take(32))
                    picked.Add(_rows[i]);
                return torch.tensor(picked.SelectMany(row => row).ToArray());
            }

            public int Id() => new Random().Next();
        }
        """, Probe(0));

    [Fact]
    public Task Helper_that_returns_sampled_rows_another_member_loads_into_a_view_is_training_code() => Verify.VerifyAsync(Usings + """
        public sealed class Sampler
        {
            public static List<Row> Sample(List<Row> rows, int count)
            {
                var random = {|#0:new Random()|};
                return rows.OrderBy(_ => random.Next()).Take(count).ToList();
            }

            public IDataView LoadSampled(MLContext ml, List<Row> rows) => ml.Data.LoadFromEnumerable(Sample(rows, 100));

            public IDataView LoadAll(MLContext ml, List<Row> rows) => ml.Data.LoadFromEnumerable(rows.Select(row => new Row { Feature = new Random().NextSingle() }));
        }
        """, Probe(0));

    [Fact]
    public Task Constructor_that_fills_a_field_the_trainer_reads_is_training_code() => Verify.VerifyAsync(Usings + """
        public sealed class Trainer
        {
            private readonly Random _rng;

            public Trainer() => _rng = {|#0:new Random()|};

            public ITransformer Train(MLContext ml, List<Row> rows)
            {
                var shuffled = rows.OrderBy(_ => _rng.Next()).ToList();
                return ml.BinaryClassification.Trainers.SdcaLogisticRegression().Fit(ml.Data.LoadFromEnumerable(shuffled));
            }
        }
        """, Probe(0));

    [Fact]
    public Task Entry_point_that_hands_the_trainer_its_rows_is_training_code() => Verify.VerifyAsync(Usings + """
        public static class Program
        {
            public static void Main()
            {
                var rows = Enumerable.Range(0, 100).Select(i => new Row { Feature = i }).ToList();
                var sample = rows.OrderBy(_ => {|#0:new Random()|}.Next()).Take(50).ToList();
                Train(new MLContext(seed: 1), sample);
            }

            private static ITransformer Train(MLContext ml, List<Row> rows)
                => ml.BinaryClassification.Trainers.SdcaLogisticRegression().Fit(ml.Data.LoadFromEnumerable(rows));

            private static int Unrelated() => new Random().Next();
        }
        """, Probe(0));

    [Fact]
    public Task Partial_type_is_judged_per_member_over_its_files()
    {
        var test = new Verify.Test
        {
            TestState =
            {
                Sources =
                {
                    Usings + """
                        public partial class Trainer
                        {
                            public ITransformer Train(MLContext ml, List<Row> rows) => ml.Regression.Trainers.Sdca().Fit(ml.Data.LoadFromEnumerable(Prepare(rows)));
                        }
                        """,
                    """
                        using System;
                        using System.Collections.Generic;
                        using System.Linq;

                        public partial class Trainer
                        {
                            private List<Row> Prepare(List<Row> rows) => rows.OrderBy(_ => {|#0:new Random()|}.Next()).ToList();

                            public int Banner() => new Random().Next();
                        }
                        """,
                },
                ExpectedDiagnostics = { Probe(0) },
            },
        };
        return test.RunAsync(CancellationToken.None);
    }

    // --- the option ---

    [Fact]
    public Task Attributed_mode_ignores_unattributed_training_methods() => Verify.VerifyAsync(Usings + """
        public class Trainer
        {
            public ITransformer Train(MLContext ml, IDataView data)
            {
                var rng = new Random();
                return ml.Regression.Trainers.Sdca().Fit(data);
            }
        }

        [TrainingPipeline("p")]
        public partial class Pipeline
        {
            public int Pick() => {|#0:new Random()|}.Next();
        }
        """, "mlops_analyzers.training_scope = attributed", Probe(0));

    [Fact]
    public Task All_mode_makes_every_member_training_code() => Verify.VerifyAsync(Usings + """
        public sealed class RecommendationsPage
        {
            private readonly Random _rng = {|#0:new Random()|};
        }
        """, "mlops_analyzers.training_scope = all", Probe(0));

    [Fact]
    public Task Rule_specific_option_overrides_the_general_one() => Verify.VerifyAsync(Usings + """
        public sealed class RecommendationsPage
        {
            private readonly Random _rng = {|#0:new Random()|};
        }
        """, "mlops_analyzers.training_scope = auto\nmlops_analyzers.PROBE01.training_scope = all", Probe(0));

    [Fact]
    public Task Unknown_option_value_means_auto() => Verify.VerifyAsync(Usings + """
        public sealed class RecommendationsPage
        {
            private readonly Random _rng = new Random();
        }
        """, "mlops_analyzers.training_scope = everything");

    [Theory]
    [InlineData("public class C { void M(Tensor t) { t.backward(; new Random(); } }")]
    [InlineData("public class C : torch.utils.data.Dataset { Random r = new Random(); }")]
    [InlineData("public class C { void M(MLContext ml) { ml.Regression.Trainers.Sdca().Fit(; var r = new Random(); } }")]
    [InlineData("public class C { void M() { Undefined.Fit(); new Random(1,); } }")]
    public async Task Broken_code_does_not_throw(string code)
    {
        var compilation = AnalyzerRunner.Compile(Usings + code);
        var result = await AnalyzerRunner.RunAsync(compilation, [new TrainingScopeProbeAnalyzer()]);
        Assert.Empty(result.Exceptions);
    }
}
