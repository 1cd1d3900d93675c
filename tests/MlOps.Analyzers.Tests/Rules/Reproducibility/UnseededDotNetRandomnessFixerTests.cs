using System.Threading;
using System.Threading.Tasks;
using Verify = MlOps.Analyzers.Tests.Infrastructure.CodeFixVerifier<MlOps.Analyzers.Rules.Reproducibility.UnseededDotNetRandomnessAnalyzer, MlOps.Analyzers.CodeFixes.Rules.Reproducibility.UnseededDotNetRandomnessFixer>;

namespace MlOps.Analyzers.Tests.Rules.Reproducibility;

public class UnseededDotNetRandomnessFixerTests
{
    private const string Usings = """
        using System;
        using System.Collections.Generic;
        using System.Linq;
        using System.Security.Cryptography;
        using MlOps.Lineage;

        """;

    [Fact]
    public Task Seeds_new_Random_with_the_default_seed() => Verify.VerifyAsync(Usings + """
        [TrainingPipeline("p")]
        public partial class Pipeline
        {
            private readonly Random _rng = {|MLOPS004:new Random()|};
        }
        """, Usings + """
        [TrainingPipeline("p")]
        public partial class Pipeline
        {
            private readonly Random _rng = new Random(42);
        }
        """);

    [Fact]
    public Task Seeds_target_typed_new_with_the_training_seed() => Verify.VerifyAsync(Usings + """
        [TrainingPipeline("p")]
        public partial class Pipeline
        {
            [TrainingSeed] private const int Seed = 11;

            public int Pick(int n)
            {
                Random rng = {|MLOPS004:new()|};
                return rng.Next(n);
            }
        }
        """, Usings + """
        [TrainingPipeline("p")]
        public partial class Pipeline
        {
            [TrainingSeed] private const int Seed = 11;

            public int Pick(int n)
            {
                Random rng = new(Seed);
                return rng.Next(n);
            }
        }
        """);

    [Fact]
    public Task Replaces_Random_Shared_and_a_Guid_key_with_one_seeded_field() => Verify.VerifyAsync(Usings + """
        [TrainingPipeline("p")]
        public partial class Pipeline
        {
            public List<int> Shuffle(int[] rows)
            {
                {|MLOPS004:Random.Shared|}.Shuffle(rows);
                return rows.OrderBy(_ => Guid.{|MLOPS004:NewGuid|}()).ToList();
            }
        }
        """, Usings + """
        [TrainingPipeline("p")]
        public partial class Pipeline
        {
            private static readonly Random SeededRandom = new Random(42);

            public List<int> Shuffle(int[] rows)
            {
                SeededRandom.Shuffle(rows);
                return rows.OrderBy(_ => SeededRandom.Next()).ToList();
            }
        }
        """);

    [Fact]
    public Task Replaces_a_clock_seed_rather_than_adding_a_second_one() => Verify.VerifyAsync(Usings + """
        [TrainingPipeline("p")]
        public partial class Pipeline
        {
            private readonly Random _rng = {|MLOPS004:new Random(Environment.TickCount)|};
            private readonly Random _other = {|MLOPS004:new Random(Seed: (int)DateTime.UtcNow.Ticks)|};
        }
        """, Usings + """
        [TrainingPipeline("p")]
        public partial class Pipeline
        {
            private readonly Random _rng = new Random(42);
            private readonly Random _other = new Random(42);
        }
        """);

    [Fact]
    public Task Replaces_Guid_fold_sampling_and_comparison_keys_with_the_seeded_field() => Verify.VerifyAsync(Usings + """
        [TrainingPipeline("p")]
        public partial class Pipeline
        {
            public List<int> Split(List<int> rows)
            {
                var folds = rows.GroupBy(_ => Guid.{|MLOPS004:NewGuid|}().GetHashCode() % 5).ToList();
                var sample = rows.Where(_ => Guid.{|MLOPS004:NewGuid|}().GetHashCode() % 10 < 8).ToList();
                var keyed = rows.OrderBy(_ => Guid.{|MLOPS004:NewGuid|}().ToString("N")).ToList();
                rows.Sort((a, b) => Guid.{|MLOPS004:NewGuid|}().CompareTo(Guid.{|MLOPS004:NewGuid|}()));
                return sample;
            }
        }
        """, Usings + """
        [TrainingPipeline("p")]
        public partial class Pipeline
        {
            private static readonly Random SeededRandom = new Random(42);

            public List<int> Split(List<int> rows)
            {
                var folds = rows.GroupBy(_ => SeededRandom.Next() % 5).ToList();
                var sample = rows.Where(_ => SeededRandom.Next() % 10 < 8).ToList();
                var keyed = rows.OrderBy(_ => SeededRandom.Next().ToString("N")).ToList();
                rows.Sort((a, b) => SeededRandom.Next(-1, 2));
                return sample;
            }
        }
        """);

    [Fact]
    public Task Replaces_a_Guid_key_carried_out_of_a_Select_with_the_seeded_field() => Verify.VerifyAsync(Usings + """
        [TrainingPipeline("p")]
        public partial class Pipeline
        {
            public List<int> Shuffle(List<int> rows)
                => rows.Select(r => new { r, Key = Guid.{|MLOPS004:NewGuid|}() }).OrderBy(x => x.Key).Select(x => x.r).ToList();
        }
        """, Usings + """
        [TrainingPipeline("p")]
        public partial class Pipeline
        {
            private static readonly Random SeededRandom = new Random(42);

            public List<int> Shuffle(List<int> rows)
                => rows.Select(r => new { r, Key = SeededRandom.Next() }).OrderBy(x => x.Key).Select(x => x.r).ToList();
        }
        """);

    [Fact]
    public Task A_Guid_key_an_int_cannot_stand_in_for_gets_no_fix()
    {
        const string Source = Usings + """
            [TrainingPipeline("p")]
            public partial class Pipeline
            {
                public List<int> Sample(List<int> rows) => rows.Where(_ => Guid.{|MLOPS004:NewGuid|}().ToByteArray()[0] < 200).ToList();
            }
            """;
        return new Verify.Test { TestCode = Source, FixedCode = Source }.RunAsync(CancellationToken.None);
    }

    [Fact]
    public Task Replaces_RandomNumberGenerator_with_the_seeded_field() => Verify.VerifyAsync(Usings + """
        [TrainingPipeline("p")]
        public partial class Pipeline
        {
            public int Pick(int[] rows)
            {
                RandomNumberGenerator.{|MLOPS004:Shuffle|}(rows.AsSpan());
                return rows[RandomNumberGenerator.{|MLOPS004:GetInt32|}(rows.Length)];
            }
        }
        """, Usings + """
        [TrainingPipeline("p")]
        public partial class Pipeline
        {
            private static readonly Random SeededRandom = new Random(42);

            public int Pick(int[] rows)
            {
                SeededRandom.Shuffle(rows.AsSpan());
                return rows[SeededRandom.Next(rows.Length)];
            }
        }
        """);

    [Fact]
    public async Task Fix_all_covers_every_form_in_two_documents()
    {
        const string First = Usings + """
            [TrainingPipeline("a")]
            public partial class A
            {
                [TrainingSeed] public const int Seed = 5;
                private readonly Random _one = {|MLOPS004:new Random()|};
                private readonly Random _two = {|MLOPS004:new Random()|};
                public int M() => {|MLOPS004:Random.Shared|}.Next() + {|MLOPS004:Random.Shared|}.Next();
            }
            """;
        const string Second = Usings + """
            [TrainingPipeline("b")]
            public partial class B
            {
                public List<int> M(int[] rows) => rows.OrderBy(_ => Guid.{|MLOPS004:NewGuid|}()).ToList();
            }
            """;
        const string FixedFirst = Usings + """
            [TrainingPipeline("a")]
            public partial class A
            {
                private static readonly Random SeededRandom = new Random(Seed);
                [TrainingSeed] public const int Seed = 5;
                private readonly Random _one = new Random(Seed);
                private readonly Random _two = new Random(Seed);
                public int M() => SeededRandom.Next() + SeededRandom.Next();
            }
            """;
        const string FixedSecond = Usings + """
            [TrainingPipeline("b")]
            public partial class B
            {
                private static readonly Random SeededRandom = new Random(42);

                public List<int> M(int[] rows) => rows.OrderBy(_ => SeededRandom.Next()).ToList();
            }
            """;
        var test = new Verify.Test();
        test.TestState.Sources.Add(("/A.cs", First));
        test.TestState.Sources.Add(("/B.cs", Second));
        test.FixedState.Sources.Add(("/A.cs", FixedFirst));
        test.FixedState.Sources.Add(("/B.cs", FixedSecond));
        test.BatchFixedState.Sources.Add(("/A.cs", FixedFirst));
        test.BatchFixedState.Sources.Add(("/B.cs", FixedSecond));
        await test.RunAsync(CancellationToken.None);
    }
}
