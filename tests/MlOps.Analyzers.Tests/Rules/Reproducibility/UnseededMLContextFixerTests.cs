using System.Threading.Tasks;
using Microsoft.CodeAnalysis.Testing;
using MlOps.Analyzers.CodeFixes.Rules.Reproducibility;
using MlOps.Analyzers.Rules.Reproducibility;
using Verify = MlOps.Analyzers.Tests.Infrastructure.CodeFixVerifier<
    MlOps.Analyzers.Rules.Reproducibility.UnseededMLContextAnalyzer,
    MlOps.Analyzers.CodeFixes.Rules.Reproducibility.UnseededMLContextFixer>;

namespace MlOps.Analyzers.Tests.Rules.Reproducibility;

public class UnseededMLContextFixerTests
{
    private const string Prelude = """
        using Microsoft.ML;
        using MlOps.Lineage;

        """;

    private static DiagnosticResult Expected(int location, string trainer)
        => Verify.Diagnostic(UnseededMLContextAnalyzer.Rule).WithLocation(location).WithArguments($"creates the trainer '{trainer}'", "has no seed");

    [Fact]
    public Task Uses_the_training_seed_constant_in_scope() => Verify.VerifyAsync(Prelude + """
        [TrainingPipeline("churn")]
        public partial class ChurnTraining
        {
            [TrainingSeed] public const int Seed = 2024;

            public ITransformer Train(IDataView data) => {|#0:new MLContext()|}.Regression.Trainers.Sdca().Fit(data);
        }
        """, Prelude + """
        [TrainingPipeline("churn")]
        public partial class ChurnTraining
        {
            [TrainingSeed] public const int Seed = 2024;

            public ITransformer Train(IDataView data) => new MLContext(seed: Seed).Regression.Trainers.Sdca().Fit(data);
        }
        """, Expected(0, "Sdca"));

    [Fact]
    public Task Uses_the_training_seed_of_a_containing_type() => Verify.VerifyAsync(Prelude + """
        public static class Outer
        {
            [TrainingSeed] public static readonly int RunSeed = 5;

            public static class Inner
            {
                public static ITransformer Train(IDataView data) => {|#0:new MLContext(seed: null)|}.Regression.Trainers.Sdca().Fit(data);
            }
        }
        """, Prelude + """
        public static class Outer
        {
            [TrainingSeed] public static readonly int RunSeed = 5;

            public static class Inner
            {
                public static ITransformer Train(IDataView data) => new MLContext(seed: RunSeed).Regression.Trainers.Sdca().Fit(data);
            }
        }
        """, Expected(0, "Sdca"));

    [Fact]
    public Task Falls_back_to_the_configured_default_seed() => Verify.VerifyAsync(Prelude + """
        public static class Training
        {
            public static ITransformer Train(IDataView data)
            {
                MLContext ml = {|#0:new()|};
                return ml.Regression.Trainers.Sdca().Fit(data);
            }
        }
        """, Prelude + """
        public static class Training
        {
            public static ITransformer Train(IDataView data)
            {
                MLContext ml = new(seed: 1234);
                return ml.Regression.Trainers.Sdca().Fit(data);
            }
        }
        """, editorConfig: "mlops_analyzers.default_seed = 1234", Expected(0, "Sdca"));

    [Fact]
    public Task Rule_specific_default_seed_wins_and_no_option_means_42() => Verify.VerifyAsync(Prelude + """
        public static class Training
        {
            public static ITransformer Train(IDataView data) => {|#0:new MLContext()|}.Regression.Trainers.Sdca().Fit(data);
        }
        """, Prelude + """
        public static class Training
        {
            public static ITransformer Train(IDataView data) => new MLContext(seed: 0).Regression.Trainers.Sdca().Fit(data);
        }
        """, editorConfig: "mlops_analyzers.default_seed = 9\nmlops_analyzers.MLOPS001.default_seed = 0", Expected(0, "Sdca"));

    [Fact]
    public Task Replaces_a_clock_seed_rather_than_adding_a_second_one() => Verify.VerifyAsync(Prelude + """
        using System;

        [TrainingPipeline("churn")]
        public partial class ChurnTraining
        {
            [TrainingSeed] public const int Seed = 2024;

            public ITransformer Train(IDataView data) => {|#0:new MLContext(Environment.TickCount)|}.Regression.Trainers.Sdca().Fit(data);
            public ITransformer Refit(IDataView data) => {|#1:new MLContext(seed: (int)DateTime.UtcNow.Ticks)|}.Regression.Trainers.Sdca().Fit(data);
        }
        """, Prelude + """
        using System;

        [TrainingPipeline("churn")]
        public partial class ChurnTraining
        {
            [TrainingSeed] public const int Seed = 2024;

            public ITransformer Train(IDataView data) => new MLContext(seed: Seed).Regression.Trainers.Sdca().Fit(data);
            public ITransformer Refit(IDataView data) => new MLContext(seed: Seed).Regression.Trainers.Sdca().Fit(data);
        }
        """,
        Verify.Diagnostic(UnseededMLContextAnalyzer.Rule).WithLocation(0).WithArguments(
            "creates the trainer 'Sdca'", "is seeded from 'Environment.TickCount' (milliseconds since the machine started), a different seed on every run"),
        Verify.Diagnostic(UnseededMLContextAnalyzer.Rule).WithLocation(1).WithArguments(
            "creates the trainer 'Sdca'", "is seeded from 'DateTime.UtcNow' (the wall clock), a different seed on every run"));

    [Fact]
    public Task Instance_seed_is_not_used_from_a_static_method()
        => Verify.VerifyAsync(Prelude + """
        public partial class Training
        {
            [TrainingSeed] public int Seed { get; } = 3;

            public static ITransformer Train(IDataView data) => {|#0:new MLContext()|}.Regression.Trainers.Sdca().Fit(data);
        }
        """, Prelude + """
        public partial class Training
        {
            [TrainingSeed] public int Seed { get; } = 3;

            public static ITransformer Train(IDataView data) => new MLContext(seed: 42).Regression.Trainers.Sdca().Fit(data);
        }
        """, Expected(0, "Sdca"));

    [Fact]
    public async Task Seeds_a_context_reported_at_compilation_end_where_it_is_created()
    {
        // A context kept in a shared field is reported at compilation end (a non-local diagnostic): the fix still seeds
        // the creation, through dotnet format or Fix All.
        var test = new Verify.Test
        {
            TestCode = Prelude + """
                public static class Shared
                {
                    public static readonly MLContext Ml = {|#0:new MLContext()|};
                }

                public static class Trainer
                {
                    public static ITransformer Train(IDataView data) => Shared.Ml.Regression.Trainers.Sdca().Fit(data);
                }
                """,
            FixedCode = Prelude + """
                public static class Shared
                {
                    public static readonly MLContext Ml = new MLContext(seed: 42);
                }

                public static class Trainer
                {
                    public static ITransformer Train(IDataView data) => Shared.Ml.Regression.Trainers.Sdca().Fit(data);
                }
                """,
            CodeFixTestBehaviors = CodeFixTestBehaviors.SkipLocalDiagnosticCheck,
        };
        test.ExpectedDiagnostics.Add(Verify.Diagnostic(UnseededMLContextAnalyzer.StoredRule).WithLocation(0)
            .WithArguments("creates the trainer 'Sdca'", "Shared.Ml", "has no seed"));
        await test.RunAsync();
    }

    [Fact]
    public async Task Fix_all_seeds_every_site_in_every_document()
    {
        var test = new Verify.Test();
        test.TestState.Sources.Add(("/A.cs", Prelude + """
            public static class A
            {
                [TrainingSeed] public const int Seed = 1;
                public static void Train(IDataView data)
                {
                    {|#0:new MLContext()|}.Regression.Trainers.Sdca().Fit(data);
                    {|#1:new MLContext(null)|}.Regression.Trainers.FastTree().Fit(data);
                }
            }
            """));
        test.TestState.Sources.Add(("/B.cs", Prelude + """
            public static class B
            {
                public static void Train(IDataView data) => {|#2:new MLContext()|}.Regression.Trainers.LightGbm().Fit(data);
            }
            """));
        test.ExpectedDiagnostics.Add(Expected(0, "Sdca"));
        test.ExpectedDiagnostics.Add(Expected(1, "FastTree"));
        test.ExpectedDiagnostics.Add(Expected(2, "LightGbm"));
        test.FixedState.Sources.Add(("/A.cs", Prelude + """
            public static class A
            {
                [TrainingSeed] public const int Seed = 1;
                public static void Train(IDataView data)
                {
                    new MLContext(seed: Seed).Regression.Trainers.Sdca().Fit(data);
                    new MLContext(seed: Seed).Regression.Trainers.FastTree().Fit(data);
                }
            }
            """));
        test.FixedState.Sources.Add(("/B.cs", Prelude + """
            public static class B
            {
                public static void Train(IDataView data) => new MLContext(seed: 42).Regression.Trainers.LightGbm().Fit(data);
            }
            """));
        test.BatchFixedState.Sources.AddRange(test.FixedState.Sources);
        test.NumberOfFixAllIterations = 1;
        test.NumberOfFixAllInDocumentIterations = 2; // one pass per document
        test.NumberOfFixAllInProjectIterations = 1;
        await test.RunAsync();
    }
}
