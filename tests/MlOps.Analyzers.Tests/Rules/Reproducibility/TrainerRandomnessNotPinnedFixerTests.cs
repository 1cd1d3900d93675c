using System.Threading.Tasks;
using Xunit;
using Verify = MlOps.Analyzers.Tests.Infrastructure.CodeFixVerifier<MlOps.Analyzers.Rules.Reproducibility.TrainerRandomnessNotPinnedAnalyzer, MlOps.Analyzers.CodeFixes.Rules.Reproducibility.TrainerRandomnessNotPinnedFixer>;

namespace MlOps.Analyzers.Tests.Rules.Reproducibility;

public class TrainerRandomnessNotPinnedFixerTests
{
    private const string Usings = """
        using Microsoft.ML;
        using Microsoft.ML.Trainers;
        using Microsoft.ML.Trainers.LightGbm;
        using MlOps.Lineage;

        """;

    [Fact]
    public Task Moves_the_simple_overload_to_its_options_with_the_arguments_and_pins_threads() => Verify.VerifyAsync(Usings + """
        public static class Training
        {
            public static ITransformer Train(IDataView data)
            {
                var ml = new MLContext(seed: 1);
                return ml.BinaryClassification.Trainers.{|MLOPS003:SdcaLogisticRegression|}(labelColumnName: "Label", featureColumnName: "Features", l2Regularization: 0.1f).Fit(data);
            }
        }
        """, Usings + """
        public static class Training
        {
            public static ITransformer Train(IDataView data)
            {
                var ml = new MLContext(seed: 1);
                return ml.BinaryClassification.Trainers.SdcaLogisticRegression(new SdcaLogisticRegressionBinaryTrainer.Options
                {
                    LabelColumnName = "Label",
                    FeatureColumnName = "Features",
                    L2Regularization = 0.1f,
                    NumberOfThreads = 1
                }).Fit(data);
            }
        }
        """);

    [Fact]
    public Task Seeds_the_unseeded_context_instead_of_pinning_shuffle_and_keeps_positional_arguments() => Verify.VerifyAsync(Usings + """
        public static class Training
        {
            public static ITransformer Train(IDataView data)
            {
                var ml = new MLContext();
                return ml.Regression.Trainers.{|MLOPS003:Sdca|}("Price").Fit(data);
            }
        }
        """, Usings + """
        public static class Training
        {
            public static ITransformer Train(IDataView data)
            {
                var ml = new MLContext(seed: 42);
                return ml.Regression.Trainers.Sdca(new SdcaRegressionTrainer.Options
                {
                    LabelColumnName = "Price",
                    NumberOfThreads = 1
                }).Fit(data);
            }
        }
        """);

    [Fact]
    public Task Pins_shuffle_when_the_context_is_created_in_the_call() => Verify.VerifyAsync(Usings + """
        public static class Training
        {
            public static ITransformer Train(IDataView data)
                => new MLContext().Regression.Trainers.{|MLOPS003:Sdca|}("Price").Fit(data);
        }
        """, Usings + """
        public static class Training
        {
            public static ITransformer Train(IDataView data)
                => new MLContext().Regression.Trainers.Sdca(new SdcaRegressionTrainer.Options
                {
                    LabelColumnName = "Price",
                    Shuffle = false,
                    NumberOfThreads = 1
                }).Fit(data);
        }
        """);

    [Fact]
    public Task Seeds_a_field_context_with_the_training_seed_when_only_the_context_makes_the_trainer_random() => Verify.VerifyAsync(Usings + """
        [TrainingPipeline("churn")]
        public partial class Churn
        {
            [TrainingSeed] public const int Seed = 7;
            private readonly MLContext _ml = new();

            public ITransformer Train(IDataView data)
                => _ml.BinaryClassification.Trainers.{|MLOPS003:LightGbm|}(new LightGbmBinaryTrainer.Options { NumberOfLeaves = 8 }).Fit(data);
        }
        """, Usings + """
        [TrainingPipeline("churn")]
        public partial class Churn
        {
            [TrainingSeed] public const int Seed = 7;
            private readonly MLContext _ml = new(seed: Seed);

            public ITransformer Train(IDataView data)
                => _ml.BinaryClassification.Trainers.LightGbm(new LightGbmBinaryTrainer.Options { NumberOfLeaves = 8 }).Fit(data);
        }
        """);

    [Fact]
    public Task Sets_the_training_seed_in_existing_options_and_replaces_a_wrong_value() => Verify.VerifyAsync(Usings + """
        [TrainingPipeline("churn")]
        public partial class Churn
        {
            [TrainingSeed] public const int Seed = 7;

            public ITransformer Train(IDataView data)
            {
                new MLContext().MulticlassClassification.Trainers.{|MLOPS003:SdcaMaximumEntropy|}(new SdcaMaximumEntropyMulticlassTrainer.Options { NumberOfThreads = 4, Shuffle = false });
                return new MLContext().BinaryClassification.Trainers.{|MLOPS003:LightGbm|}(new LightGbmBinaryTrainer.Options { NumberOfLeaves = 8 }).Fit(data);
            }
        }
        """, Usings + """
        [TrainingPipeline("churn")]
        public partial class Churn
        {
            [TrainingSeed] public const int Seed = 7;

            public ITransformer Train(IDataView data)
            {
                new MLContext().MulticlassClassification.Trainers.SdcaMaximumEntropy(new SdcaMaximumEntropyMulticlassTrainer.Options
                {
                    NumberOfThreads = 1,
                    Shuffle = false
                });
                return new MLContext().BinaryClassification.Trainers.LightGbm(new LightGbmBinaryTrainer.Options
                {
                    NumberOfLeaves = 8,
                    Seed = Seed
                }).Fit(data);
            }
        }
        """);

    [Fact]
    public Task Imports_the_namespace_of_the_options_type_when_the_file_lacks_it() => Verify.VerifyAsync("""
        using Microsoft.ML;

        public static class Training
        {
            public static ITransformer Train(IDataView data)
            {
                var ml = new MLContext(seed: 1);
                return ml.Regression.Trainers.{|MLOPS003:Sdca|}().Fit(data);
            }
        }
        """, """
        using Microsoft.ML;
        using Microsoft.ML.Trainers;

        public static class Training
        {
            public static ITransformer Train(IDataView data)
            {
                var ml = new MLContext(seed: 1);
                return ml.Regression.Trainers.Sdca(new SdcaRegressionTrainer.Options { NumberOfThreads = 1 }).Fit(data);
            }
        }
        """);

    [Fact]
    public Task No_fix_when_an_argument_has_no_options_member() => Verify.VerifyAsync(Usings + """
        public static class Training
        {
            public static ITransformer Train(IDataView data)
            {
                return new MLContext().BinaryClassification.Trainers.{|MLOPS003:FieldAwareFactorizationMachine|}(new[] { "A", "B" }).Fit(data);
            }
        }
        """, Usings + """
        public static class Training
        {
            public static ITransformer Train(IDataView data)
            {
                return new MLContext().BinaryClassification.Trainers.{|MLOPS003:FieldAwareFactorizationMachine|}(new[] { "A", "B" }).Fit(data);
            }
        }
        """);
}
