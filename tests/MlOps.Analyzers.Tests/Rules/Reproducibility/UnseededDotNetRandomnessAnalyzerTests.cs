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
    public Task Guid_carried_out_of_a_Select_and_ordered_on_next_is_reported() => Verify.VerifyAsync(Usings + """
        public class Trainer
        {
            public ITransformer Train(MLContext ml, List<Row> rows)
            {
                var shuffled = rows.Select(r => new { r, Key = Guid.{|#0:NewGuid|}() }).OrderBy(x => x.Key).Select(x => x.r).ToList();
                var tupled = rows.Select(r => (Row: r, Key: Guid.{|#1:NewGuid|}().ToString())).OrderByDescending(t => t.Key).ToList();
                var tied = rows.Select(r => new { r, Tie = Guid.{|#2:NewGuid|}() }).OrderBy(x => x.r.Label).ThenBy(x => x.Tie).ToList();
                return ml.Regression.Trainers.Sdca().Fit(ml.Data.LoadFromEnumerable(shuffled));
            }
        }
        """,
        Expected(0, "'Guid.NewGuid()' as a sort key (carried out of a Select)"),
        Expected(1, "'Guid.NewGuid()' as a sort key (carried out of a Select)"),
        Expected(2, "'Guid.NewGuid()' as a sort key (carried out of a Select)"));

    [Fact]
    public Task Guid_as_a_fold_sampling_or_comparison_key_in_training_code_is_reported() => Verify.VerifyAsync(Usings + """
        public class Trainer
        {
            public ITransformer Train(MLContext ml, List<Row> rows, int k)
            {
                var folded = rows.Select(r => new { r, Fold = Guid.{|#0:NewGuid|}().GetHashCode() % 5 }).ToList();
                var folds = rows.GroupBy(_ => Guid.{|#1:NewGuid|}().GetHashCode() % k).ToList();
                var lookup = rows.ToLookup(_ => Math.Abs(Guid.{|#2:NewGuid|}().GetHashCode()) % k);
                var sample = rows.Where(_ => Guid.{|#3:NewGuid|}().GetHashCode() % 10 < 8).ToList();
                rows.Sort((a, b) => Guid.{|#4:NewGuid|}().CompareTo(Guid.{|#5:NewGuid|}()));
                return ml.Regression.Trainers.Sdca().Fit(ml.Data.LoadFromEnumerable(sample));
            }
        }
        """,
        Expected(0, "'Guid.NewGuid()' as a fold or split key"),
        Expected(1, "'Guid.NewGuid()' as a fold or group key"),
        Expected(2, "'Guid.NewGuid()' as a fold or group key"),
        Expected(3, "'Guid.NewGuid()' as a sampling key"),
        Expected(4, "'Guid.NewGuid()' in a sort comparison"),
        Expected(5, "'Guid.NewGuid()' in a sort comparison"));

    [Theory]
    [InlineData("new Random(Environment.TickCount)", "Environment.TickCount", "milliseconds since the machine started")]
    [InlineData("new Random(Guid.NewGuid().GetHashCode())", "Guid.NewGuid()", "122 fresh random bits (a version 4 Guid)")]
    [InlineData("new Random((int)DateTime.UtcNow.Ticks)", "DateTime.UtcNow", "the wall clock")]
    [InlineData("new Random(seed)", "DateTime.Now", "the wall clock")]
    [InlineData("new Random(Seed: ClockSeed)", "Environment.TickCount64", "milliseconds since the machine started")]
    [InlineData("new Random(ClockSeedProperty)", "DateTime.Now", "the wall clock")]
    public Task A_Random_seeded_from_the_clock_or_fresh_entropy_is_reported(string creation, string source, string why) => Verify.VerifyAsync(Usings + $$"""
        public class Trainer
        {
            private static readonly int ClockSeed = (int)Environment.TickCount64;
            private static int ClockSeedProperty => DateTime.Now.Millisecond;

            public ITransformer Train(MLContext ml, Row[] rows)
            {
                var seed = DateTime.Now.Millisecond;
                var rng = {|#0:{{creation}}|};
                rng.Shuffle(rows);
                return ml.Regression.Trainers.Sdca().Fit(ml.Data.LoadFromEnumerable(rows));
            }
        }
        """, Expected(0, $"'new Random(...)' with a seed from '{source}' ({why})"));

    [Fact]
    public Task A_Random_seeded_from_Random_Shared_reports_both() => Verify.VerifyAsync(Usings + """
        public class Trainer
        {
            public ITransformer Train(MLContext ml, Row[] rows)
            {
                var rng = {|#0:new Random({|#1:Random.Shared|}.Next())|};
                rng.Shuffle(rows);
                return ml.Regression.Trainers.Sdca().Fit(ml.Data.LoadFromEnumerable(rows));
            }
        }
        """,
        Expected(0, "'new Random(...)' with a seed from 'Random.Shared' (a process-wide generator seeded by the operating system)"),
        Expected(1, "'Random.Shared'"));

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
    public Task Guid_ids_of_rows_runs_and_files_in_training_code_are_not_reported() => Verify.VerifyAsync(Usings + """
        public sealed class Entity
        {
            public Guid Key { get; set; }
            public string Name { get; set; } = "";
        }

        public class Trainer
        {
            public ITransformer Train(MLContext ml, List<Row> rows)
            {
                var tagged = rows.Select(r => new { Id = Guid.NewGuid(), r }).ToList();
                var ordered = rows.Select(r => new { Id = Guid.NewGuid(), r }).OrderBy(x => x.r.Label).ThenBy(x => x.r.Feature).ToList();
                var nested = rows.Select(r => new { Tags = new[] { new { Id = Guid.NewGuid() } } }).OrderBy(x => x.Tags.Length).ToList();
                var outer = rows.Select(r => new { Id = Guid.NewGuid(), r }).OrderBy(x => Guid.Empty).ToList();
                var named = rows.Select(r => r.Label + "-" + Guid.NewGuid()).ToList();
                var keyed = rows.Select(r => new Entity { Key = Guid.NewGuid(), Name = Guid.NewGuid().ToString("N") }).ToList();
                var hashed = rows.Select(r => (Row: r, Hash: Guid.NewGuid().GetHashCode())).ToList();
                var singletons = rows.GroupBy(_ => Guid.NewGuid()).ToList(); // every row its own group, in source order
                var fresh = rows.Where(r => Guid.NewGuid() != Guid.Empty).ToList();
                var path = $"runs/{Guid.NewGuid():N}/model.zip";
                var model = ml.Regression.Trainers.Sdca().Fit(ml.Data.LoadFromEnumerable(rows));
                ml.Model.Save(model, null, path);
                return model;
            }
        }
        """);

    [Fact]
    public Task Guid_folds_and_samples_outside_training_code_are_not_reported() => Verify.VerifyAsync(Usings + """
        public sealed class HomePage
        {
            public List<string> Featured(List<string> items)
            {
                var groups = items.GroupBy(_ => Guid.NewGuid().GetHashCode() % 3).First().ToList();
                var sample = items.Where(_ => Guid.NewGuid().GetHashCode() % 10 < 3).ToList();
                items.Sort((a, b) => Guid.NewGuid().CompareTo(Guid.NewGuid()));
                return groups.Concat(sample).ToList();
            }
        }
        """);

    [Theory]
    [InlineData("new Random(configuredSeed ?? Environment.TickCount)")]
    [InlineData("new Random(args.Length > 0 ? int.Parse(args[0]) : Environment.TickCount)")]
    [InlineData("new Random(Seeds.ForRun(DateTime.UtcNow))")]
    [InlineData("new Random(new Random(7).Next())")]
    public Task A_seed_that_may_be_a_real_seed_is_not_reported(string creation) => Verify.VerifyAsync(Usings + $$"""
        public static class Seeds
        {
            public static int ForRun(DateTime day) => 17;
        }

        public class Trainer
        {
            public ITransformer Train(MLContext ml, Row[] rows, string[] args, int? configuredSeed)
            {
                var rng = {{creation}};
                rng.Shuffle(rows);
                return ml.Regression.Trainers.Sdca().Fit(ml.Data.LoadFromEnumerable(rows));
            }
        }
        """);

    [Fact]
    public Task A_clock_seeded_Random_outside_training_code_is_not_reported() => Verify.VerifyAsync(Usings + """
        public static class Retry
        {
            private static readonly Random Jitter = new Random(Environment.TickCount);

            public static TimeSpan Delay(int attempt) => TimeSpan.FromMilliseconds(100 * attempt + Jitter.Next(50));
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
