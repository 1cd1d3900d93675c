using System.Threading.Tasks;
using Verify = MlOps.Analyzers.Tests.Infrastructure.LineageAnalyzerVerifier<MlOps.Analyzers.Rules.Lineage.DuplicateLineageNameAnalyzer>;
using MlOps.Analyzers.Rules.Lineage;

namespace MlOps.Analyzers.Tests.Rules.Lineage;

public class DuplicateLineageNameAnalyzerTests
{
    [Fact]
    public Task Same_dataset_name_twice_is_reported_at_the_second() => Verify.VerifyAsync("""
        using MlOps.Lineage;

        [TrainingPipeline("churn", Version = "1.0.0")]
        [DatasetInput("train", "data/train-2023.csv")]
        [{|#0:DatasetInput("train", "data/train-2024.csv")|}]
        public partial class ChurnTraining { }
        """, Verify.Diagnostic(DuplicateLineageNameAnalyzer.Rule).WithLocation(0).WithArguments("dataset", "train", "churn", "train", "Lineage", "Datasets.Train"));

    [Fact]
    public Task Hyperparameter_names_with_the_same_PascalCase_form_are_reported() => Verify.VerifyAsync("""
        using MlOps.Lineage;

        [TrainingPipeline("churn", Version = "1.0.0")]
        public partial class ChurnTraining
        {
            [Hyperparameter("learning_rate")] public const double Rate = 0.1;
            [Hyperparameter] public const double {|#0:LearningRate|} = 0.2;
        }
        """, Verify.Diagnostic(DuplicateLineageNameAnalyzer.Rule).WithLocation(0).WithArguments("hyper-parameter", "LearningRate", "churn", "learning_rate", "Lineage", "Hyperparameters.LearningRate"));

    [Fact]
    public Task Duplicate_model_outputs_and_a_second_seed_are_reported() => Verify.VerifyAsync("""
        using MlOps.Lineage;

        [TrainingPipeline("churn", Version = "1.0.0")]
        [ModelOutput("model", "models/a-{version}.zip")]
        [{|#0:ModelOutput("Model", "models/b-{version}.zip")|}]
        public partial class ChurnTraining
        {
            [TrainingSeed] public const int Seed = 1;
            [TrainingSeed] public const int {|#1:OtherSeed|} = 2;
        }
        """,
        Verify.Diagnostic(DuplicateLineageNameAnalyzer.Rule).WithLocation(0).WithArguments("model output", "Model", "churn", "model", "Lineage", "Models.Model"),
        Verify.Diagnostic(DuplicateLineageNameAnalyzer.Rule).WithLocation(1).WithArguments("training seed", "OtherSeed", "churn", "Seed", "Lineage", "Seed"));

    // ---- Not a finding ----

    [Fact]
    public Task Distinct_names_and_the_same_name_in_different_kinds_are_not_reported() => Verify.VerifyAsync("""
        using MlOps.Lineage;

        [TrainingPipeline("churn", Version = "1.0.0")]
        [DatasetInput("churn", "data/churn.csv")]
        [DatasetInput("holdout", "data/holdout.csv", Role = DatasetRole.Test)]
        [ModelOutput("churn", "models/churn-{version}.zip")]
        public partial class ChurnTraining
        {
            [Hyperparameter("churn")] public const int Trees = 100;
            [Hyperparameter] public const int Leaves = 31;
            [TrainingSeed] public const int Seed = 1;

            public static int Count() => Lineage.Pipeline.Datasets.Count + Lineage.Hyperparameters.Leaves + (Lineage.Datasets.Holdout.Path + Lineage.Datasets.Churn.Path).Length;
        }
        """);
}
