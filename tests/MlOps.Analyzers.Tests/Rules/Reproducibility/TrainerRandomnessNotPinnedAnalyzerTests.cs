using System.Threading.Tasks;
using MlOps.Analyzers.Tests.Infrastructure;
using Verify = MlOps.Analyzers.Tests.Infrastructure.AnalyzerVerifier<MlOps.Analyzers.Rules.Reproducibility.TrainerRandomnessNotPinnedAnalyzer>;
using MlOps.Analyzers.Rules.Reproducibility;

namespace MlOps.Analyzers.Tests.Rules.Reproducibility;

public class TrainerRandomnessNotPinnedAnalyzerTests
{
    private const string Usings = """
        using Microsoft.ML;
        using Microsoft.ML.Trainers;
        using Microsoft.ML.Trainers.LightGbm;

        """;

    private const string LightGbmSeed = "its Seed is unset, so LightGBM takes one from the unseeded MLContext";
    private const string Shuffle = "it shuffles every epoch with the unseeded MLContext's generator";
    private const string Threads = "SDCA with NumberOfThreads unset or above 1 is not deterministic";

    private static Microsoft.CodeAnalysis.Testing.DiagnosticResult Expected(int location, string trainer, string reasons, string remedies)
        => Verify.Diagnostic(TrainerRandomnessNotPinnedAnalyzer.Rule).WithLocation(location).WithArguments(trainer, reasons, remedies);

    // --- findings ---

    [Fact]
    public Task LightGbm_without_a_seed_on_an_unseeded_context_is_reported() => Verify.VerifyAsync(Usings + """
        public static class Training
        {
            public static void Train(IDataView data)
            {
                var ml = new MLContext();
                ml.BinaryClassification.Trainers.{|#0:LightGbm|}().Fit(data);
                ml.Regression.Trainers.{|#1:LightGbm|}(new LightGbmRegressionTrainer.Options { NumberOfLeaves = 8 }).Fit(data);
            }
        }
        """, Expected(0, "LightGbm", LightGbmSeed, "Seed"), Expected(1, "LightGbm", LightGbmSeed, "Seed"));

    [Fact]
    public Task A_context_seeded_from_the_clock_is_unseeded() => Verify.VerifyAsync(Usings + """
        public static class Training
        {
            public static void Train(IDataView data)
            {
                var ml = new MLContext(seed: System.Environment.TickCount);
                ml.BinaryClassification.Trainers.{|#0:LightGbm|}().Fit(data);
            }
        }
        """, Expected(0, "LightGbm", LightGbmSeed, "Seed"));

    [Fact]
    public Task Sdca_on_an_unseeded_context_shuffles_and_runs_multi_threaded() => Verify.VerifyAsync(Usings + """
        public class Trainer
        {
            private readonly MLContext _ml = new();

            public void Train(IDataView data) => _ml.BinaryClassification.Trainers.{|#0:SdcaLogisticRegression|}().Fit(data);
        }
        """, Expected(0, "SdcaLogisticRegression", Shuffle + "; " + Threads, "Shuffle = false and NumberOfThreads = 1"));

    [Fact]
    public Task Sdca_on_a_seeded_context_is_still_multi_threaded() => Verify.VerifyAsync(Usings + """
        public static class Training
        {
            public static void Train(IDataView data)
            {
                var ml = new MLContext(seed: 1);
                ml.Regression.Trainers.{|#0:Sdca|}().Fit(data);
                ml.MulticlassClassification.Trainers.{|#1:SdcaMaximumEntropy|}(new SdcaMaximumEntropyMulticlassTrainer.Options { NumberOfThreads = 4 }).Fit(data);
            }
        }
        """, Expected(0, "Sdca", Threads, "NumberOfThreads = 1"), Expected(1, "SdcaMaximumEntropy", Threads, "NumberOfThreads = 1"));

    [Fact]
    public Task Shuffling_trainers_on_an_unseeded_context_are_reported() => Verify.VerifyAsync(Usings + """
        public static class Training
        {
            public static void Train(IDataView data)
            {
                var ml = new MLContext();
                ml.BinaryClassification.Trainers.{|#0:AveragedPerceptron|}().Fit(data);
                ml.BinaryClassification.Trainers.{|#1:SgdCalibrated|}(new SgdCalibratedTrainer.Options { Shuffle = true }).Fit(data);
                ml.BinaryClassification.Trainers.{|#2:FieldAwareFactorizationMachine|}(new[] { "A", "B" }).Fit(data);
            }
        }
        """,
        Expected(0, "AveragedPerceptron", Shuffle, "Shuffle = false"),
        Expected(1, "SgdCalibrated", Shuffle, "Shuffle = false"),
        Expected(2, "FieldAwareFactorizationMachine", Shuffle, "Shuffle = false"));

    // --- not findings ---

    [Fact]
    public Task A_call_to_the_teams_own_trainer_factory_is_judged_inside_the_factory_not_at_the_call() => Verify.VerifyAsync(Usings + """
        public static class TeamTrainers
        {
            // The options are pinned here, where ML.NET creates the trainer; the callers cannot see them.
            public static SdcaLogisticRegressionBinaryTrainer PinnedSdca(this MLContext ml)
                => ml.BinaryClassification.Trainers.SdcaLogisticRegression(new SdcaLogisticRegressionBinaryTrainer.Options { NumberOfThreads = 1 });

            public static LightGbmBinaryTrainer SeededLightGbm(MLContext ml, int seed)
                => ml.BinaryClassification.Trainers.LightGbm(new LightGbmBinaryTrainer.Options { Seed = seed });
        }

        public static class Training
        {
            public static void Train(IDataView data)
            {
                var ml = new MLContext();
                ml.PinnedSdca().Fit(data);
                TeamTrainers.SeededLightGbm(ml, 7).Fit(data);
            }
        }
        """);

    [Fact]
    public Task Seeded_context_pins_LightGbm_and_the_shuffles() => Verify.VerifyAsync(Usings + """
        public static class Training
        {
            public static void Train(IDataView data, int seed)
            {
                var ml = new MLContext(seed);
                ml.BinaryClassification.Trainers.LightGbm().Fit(data);
                ml.BinaryClassification.Trainers.AveragedPerceptron().Fit(data);
                ml.BinaryClassification.Trainers.SgdNonCalibrated().Fit(data);
            }
        }
        """);

    [Fact]
    public Task Options_that_pin_the_randomness_are_not_reported() => Verify.VerifyAsync(Usings + """
        public static class Training
        {
            public static void Train(IDataView data)
            {
                var ml = new MLContext();
                ml.BinaryClassification.Trainers.LightGbm(new LightGbmBinaryTrainer.Options { Seed = 0 }).Fit(data);
                ml.BinaryClassification.Trainers.SdcaNonCalibrated(new SdcaNonCalibratedBinaryTrainer.Options { Shuffle = false, NumberOfThreads = 1 }).Fit(data);
                ml.BinaryClassification.Trainers.AveragedPerceptron(new AveragedPerceptronTrainer.Options { Shuffle = false }).Fit(data);
            }
        }
        """);

    [Fact]
    public Task FastTree_and_Gam_use_fixed_default_seeds() => Verify.VerifyAsync(Usings + """
        public static class Training
        {
            public static void Train(IDataView data)
            {
                var ml = new MLContext();
                ml.BinaryClassification.Trainers.FastTree().Fit(data);
                ml.Regression.Trainers.FastForest().Fit(data);
                ml.BinaryClassification.Trainers.Gam().Fit(data);
            }
        }
        """);

    [Fact]
    public Task Context_of_unknown_seeding_and_options_built_elsewhere_are_not_reported() => Verify.VerifyAsync(Usings + """
        public static class Training
        {
            public static void Train(MLContext ml, IDataView data, SdcaRegressionTrainer.Options options)
            {
                ml.BinaryClassification.Trainers.LightGbm().Fit(data);
                ml.BinaryClassification.Trainers.AveragedPerceptron().Fit(data);
                ml.Regression.Trainers.Sdca(options).Fit(data);
            }
        }
        """);

    [Theory]
    [InlineData("var ml = new MLContext(); ml.BinaryClassification.Trainers.LightGbm(")]
    [InlineData("var ml = new MLContext(); ml.Regression.Trainers.Sdca(new SdcaRegressionTrainer.Options { Shuffle = , NumberOfThreads = \"x\" });")]
    [InlineData("var ml = new MLContext(); ml.Regression.Trainers.Sdca(new Undefined.Options { Shuffle = false });")]
    [InlineData("new MLContext().BinaryClassification.Trainers.AveragedPerceptron(labelColumnName: ).Fit(")]
    public async Task Broken_code_does_not_throw(string body)
    {
        var compilation = AnalyzerRunner.Compile(Usings + "public static class Broken { public static void M(IDataView data) { " + body + " } }");
        var result = await AnalyzerRunner.RunAsync(compilation, [new TrainerRandomnessNotPinnedAnalyzer()]);
        Assert.Empty(result.Exceptions);
    }
}
