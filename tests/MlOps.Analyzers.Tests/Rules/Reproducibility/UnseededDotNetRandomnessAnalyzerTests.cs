using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using MlOps.Analyzers.Tests.Infrastructure;
using Verify = MlOps.Analyzers.Tests.Infrastructure.AnalyzerVerifier<MlOps.Analyzers.Rules.Reproducibility.UnseededDotNetRandomnessAnalyzer>;
using MlOps.Analyzers.Rules.Reproducibility;

namespace MlOps.Analyzers.Tests.Rules.Reproducibility;

public class UnseededDotNetRandomnessAnalyzerTests
{
    private const string Usings = $"""
        using System;
        using System.Collections.Generic;
        using System.Linq;
        using System.Security.Cryptography;
        using Microsoft.ML;
        using MlOps.Lineage;
        using TorchSharp;
        using static TorchSharp.torch;

        {TestSources.Row}
        {TestSources.Prediction}

        """;

    private static Microsoft.CodeAnalysis.Testing.DiagnosticResult Expected(int location, string what)
        => Verify.Diagnostic(UnseededDotNetRandomnessAnalyzer.Rule).WithLocation(location).WithArguments(what);

    // --- findings ---

    [Fact]
    public Task New_Random_in_an_attributed_pipeline_is_reported() => Verify.VerifyAsync(Usings + """
        [TrainingPipeline("churn")]
        public partial class Churn
        {
            private readonly Random _rng = {|#0:new Random()|};
        }
        """, Expected(0, "'new Random()'"));

    [Fact]
    public Task Target_typed_new_in_a_method_that_trains_is_reported() => Verify.VerifyAsync(Usings + """
        public class Trainer
        {
            public ITransformer Train(MLContext ml, List<Row> rows)
            {
                Random rng = {|#0:new()|};
                var sample = rows.Where(_ => rng.NextDouble() < 0.8).ToList();
                return ml.Regression.Trainers.Sdca().Fit(ml.Data.LoadFromEnumerable(sample));
            }
        }
        """, Expected(0, "'new Random()'"));

    [Fact]
    public Task Random_Shared_in_training_code_is_reported() => Verify.VerifyAsync(Usings + """
        public class Trainer
        {
            public ITransformer Train(MLContext ml, Row[] rows)
            {
                {|#0:Random.Shared|}.Shuffle(rows);
                var extra = rows[{|#1:Random.Shared|}.Next(rows.Length)];
                var picked = {|#2:Random.Shared|}.GetItems(rows, 10);
                return ml.Regression.Trainers.Sdca().Fit(ml.Data.LoadFromEnumerable(picked));
            }
        }
        """, Expected(0, "'Random.Shared'"), Expected(1, "'Random.Shared'"), Expected(2, "'Random.Shared'"));

    [Fact]
    public Task Guid_as_an_ordering_key_in_training_code_is_reported() => Verify.VerifyAsync(Usings + """
        public class Trainer
        {
            public ITransformer Train(MLContext ml, List<Row> rows)
            {
                var shuffled = rows.OrderBy(_ => Guid.{|#0:NewGuid|}()).ToList();
                var query = rows.AsQueryable().OrderBy(r => r.Label).ThenBy(r => Guid.{|#1:NewGuid|}()).ToList();
                return ml.Regression.Trainers.Sdca().Fit(ml.Data.LoadFromEnumerable(shuffled));
            }
        }
        """, Expected(0, "'Guid.NewGuid()' as a sort key"), Expected(1, "'Guid.NewGuid()' as a sort key"));

    [Fact]
    public Task RandomNumberGenerator_shuffling_or_sampling_in_training_code_is_reported() => Verify.VerifyAsync(Usings + """
        public class Trainer
        {
            public ITransformer Train(MLContext ml, Row[] rows)
            {
                RandomNumberGenerator.{|#0:Shuffle|}(rows.AsSpan());
                var picked = RandomNumberGenerator.{|#1:GetItems<Row>|}(rows, 5);
                var one = rows[RandomNumberGenerator.{|#2:GetInt32|}(rows.Length)];
                return ml.Regression.Trainers.Sdca().Fit(ml.Data.LoadFromEnumerable(picked));
            }
        }
        """, Expected(0, "'RandomNumberGenerator.Shuffle'"), Expected(1, "'RandomNumberGenerator.GetItems'"), Expected(2, "'RandomNumberGenerator.GetInt32'"));

    [Fact]
    public Task Batch_reader_that_shuffles_into_tensors_is_reported() => Verify.VerifyAsync(Usings + """
        public sealed class BatchReader
        {
            private readonly float[] _rows = new float[128];
            private readonly Random _rng = {|#0:new Random()|};

            public Tensor NextBatch()
            {
                _rng.Shuffle(_rows);
                return torch.tensor(_rows.Take(32).ToArray());
            }
        }
        """, Expected(0, "'new Random()'"));

    [Fact]
    public Task TorchSharp_dataset_is_training_code() => Verify.VerifyAsync(Usings + """
        public sealed class Noisy : torch.utils.data.Dataset
        {
            private readonly Random _rng = {|#0:new Random()|};
            public override long Count => 10;
            public override Dictionary<string, Tensor> GetTensor(long index) => new() { ["x"] = torch.tensor(_rng.NextSingle()) };
        }
        """, Expected(0, "'new Random()'"));

    [Fact]
    public Task Training_scope_all_reports_everywhere() => Verify.VerifyAsync(Usings + """
        public static class Ids
        {
            public static int Next() => {|#0:new Random()|}.Next();
        }
        """, "mlops_analyzers.training_scope = all", Expected(0, "'new Random()'"));

    // --- not findings ---

    [Theory]
    [InlineData("new Random(42)")]
    [InlineData("new Random(0)")]
    [InlineData("new Random(Seed)")]
    [InlineData("new Random(seed)")]
    [InlineData("new Random(local)")]
    public Task Seeded_Random_is_not_reported(string creation) => Verify.VerifyAsync(Usings + $$"""
        [TrainingPipeline("p")]
        public partial class Pipeline
        {
            [TrainingSeed] public const int Seed = 7;

            public Row[] Shuffle(Row[] rows, int seed)
            {
                var local = seed + 1;
                var rng = {{creation}};
                rng.Shuffle(rows);
                return rows;
            }
        }
        """);

    [Fact]
    public Task Inference_only_code_with_new_Random_is_not_reported() => Verify.VerifyAsync(Usings + """
        public sealed class Scorer
        {
            private readonly MLContext _ml = new();
            private readonly Random _sampler = new Random();

            public bool Score(string path, Row row)
            {
                var model = _ml.Model.Load(path, out _);
                var engine = _ml.Model.CreatePredictionEngine<Row, Prediction>(model);
                var requestId = _sampler.Next();
                return engine.Predict(row).PredictedLabel;
            }
        }
        """);

    [Fact]
    public Task Web_service_picking_random_items_is_not_reported() => Verify.VerifyAsync(Usings + """
        public sealed class HomePage
        {
            public List<string> Featured(List<string> items)
            {
                var picked = Random.Shared.GetItems(items.ToArray(), 3);
                return items.OrderBy(_ => Guid.NewGuid()).Take(3).Concat(picked).ToList();
            }
        }
        """);

    [Fact]
    public Task Retry_jitter_is_not_reported() => Verify.VerifyAsync(Usings + """
        public static class Retry
        {
            private static readonly Random Jitter = new();

            public static TimeSpan Delay(int attempt) => TimeSpan.FromMilliseconds(100 * attempt + Jitter.Next(50) + Random.Shared.Next(10));
        }
        """);

    [Fact]
    public Task Guid_as_an_id_in_training_code_is_not_reported() => Verify.VerifyAsync(Usings + """
        public class Trainer
        {
            public ITransformer Train(MLContext ml, IDataView data)
            {
                var runId = Guid.NewGuid();
                var tagged = new[] { 1, 2 }.Select(i => (Id: Guid.NewGuid(), i)).OrderBy(t => t.i).ToList();
                return ml.Regression.Trainers.Sdca().Fit(data);
            }
        }
        """);

    [Fact]
    public Task Cryptographic_bytes_in_training_code_are_not_reported() => Verify.VerifyAsync(Usings + """
        public class Trainer
        {
            public ITransformer Train(MLContext ml, IDataView data)
            {
                var token = RandomNumberGenerator.GetBytes(16);
                var id = RandomNumberGenerator.GetInt32(1000);
                return ml.Regression.Trainers.Sdca().Fit(data);
            }
        }
        """);

    [Fact]
    public Task Attributed_scope_ignores_unattributed_training_code() => Verify.VerifyAsync(Usings + """
        public class Trainer
        {
            public ITransformer Train(MLContext ml, IDataView data)
            {
                var rng = new Random();
                return ml.Regression.Trainers.Sdca().Fit(data);
            }
        }
        """, "mlops_analyzers.MLOPS004.training_scope = attributed");

    [Fact]
    public async Task Test_fixture_making_fake_rows_is_not_reported()
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

    [Theory]
    [InlineData("public class C { void M(Tensor t) { t.backward(); var r = new Random(; } }")]
    [InlineData("public class C { void M(Tensor t) { t.backward(); Random.Shared.; } }")]
    [InlineData("public class C { void M(Tensor t) { t.backward(); var x = new int[0].OrderBy(_ => Guid.NewGuid(); } }")]
    [InlineData("public class C { void M(Tensor t) { t.backward(); RandomNumberGenerator.Shuffle(Undefined); } }")]
    [InlineData("public class C { void M(Tensor t) { t.backward(); Random r = new(Undefined); var q = new Undefined().OrderBy(x => Guid.NewGuid()); } }")]
    public async Task Broken_code_does_not_throw(string code)
    {
        var compilation = AnalyzerRunner.Compile(Usings + code);
        var result = await AnalyzerRunner.RunAsync(compilation, [new UnseededDotNetRandomnessAnalyzer()]);
        Assert.Empty(result.Exceptions);
    }
}
