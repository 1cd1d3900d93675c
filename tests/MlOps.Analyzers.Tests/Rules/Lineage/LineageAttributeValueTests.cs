using System.Threading.Tasks;
using Microsoft.CodeAnalysis.Testing;
using MlOps.Analyzers.Rules.Lineage;
using Verify = MlOps.Analyzers.Tests.Infrastructure.LineageAnalyzerVerifier<MlOps.Analyzers.Rules.Lineage.HyperparameterNotConstantAnalyzer>;

namespace MlOps.Analyzers.Tests.Rules.Lineage;

/// <summary>MLOPS102's "bad attribute value" form: names and paths that are empty, and a Sha256 that is not a digest.</summary>
public class LineageAttributeValueTests
{
    private static DiagnosticResult Bad(int location, string declaration, string problem, string consequence, string remedy)
        => Verify.Diagnostic(HyperparameterNotConstantAnalyzer.BadValueRule).WithLocation(location).WithArguments(declaration, problem, consequence, remedy);

    // ---- Not a finding ----

    [Fact]
    public Task Names_paths_and_digests_that_can_be_recorded_are_not_reported() => Verify.VerifyAsync("""
        using MlOps.Lineage;

        [TrainingPipeline("churn", Version = "1.0.0")]
        [DatasetInput("train", "data/train.csv", Sha256 = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08")]
        [DatasetInput("test", "data/test.csv", Sha256 = " 9F86D081884C7D659A2FEAA0C55AD015A3BF4F1B2B0B822CD15D6C15B0F00A08 ")]
        [DatasetInput("images", "data/images", Sha256 = null)]
        [ModelOutput("churn", "models/churn-{version}.zip")]
        public partial class ChurnTraining
        {
            [Hyperparameter] public const int Trees = 100;
            [Hyperparameter("learning_rate")] public const double LearningRate = 0.1;
            [Hyperparameter(null)] public const int Leaves = 31;
            [TrainingSeed] public const int Seed = 42;
        }
        """);

    [Fact]
    public Task Attributes_on_a_type_that_declares_no_pipeline_are_not_judged() => Verify.VerifyAsync("""
        using MlOps.Lineage;

        [DatasetInput("", "")]
        [ModelOutput("", "")]
        public class NotAPipeline
        {
            [Hyperparameter("")] public const int Trees = 100;
        }
        """);

    [Fact]
    public Task An_empty_version_is_MLOPS103s_not_this_form() => Verify.VerifyAsync("""
        using MlOps.Lineage;

        [TrainingPipeline("churn", Version = "")]
        public partial class ChurnTraining
        {
        }
        """);

    // ---- Findings ----

    [Theory]
    [InlineData("\"\"", "an empty")]
    [InlineData("\"   \"", "an empty")]
    [InlineData("null", "a null")]
    public Task A_pipeline_without_a_name_is_reported(string name, string article) => Verify.VerifyAsync($$"""
        using MlOps.Lineage;

        [TrainingPipeline({|#0:{{name}}|}, Version = "1.0.0")]
        public partial class ChurnTraining
        {
        }
        """,
        Bad(0, "[TrainingPipeline] on 'ChurnTraining'", $"has {article} name", "no lineage class is generated for it", "name the pipeline (the name is its OpenLineage job name)"));

    [Fact]
    public Task Empty_dataset_names_and_paths_and_a_digest_that_is_not_one_are_reported() => Verify.VerifyAsync("""
        using MlOps.Lineage;

        [TrainingPipeline("churn", Version = "1.0.0")]
        [DatasetInput({|#0:""|}, "data/a.csv")]
        [DatasetInput("train", {|#1:""|})]
        [DatasetInput("test", "data/test.csv", {|#2:Sha256 = "nothex"|})]
        [DatasetInput("holdout", "data/holdout.csv", {|#3:Sha256 = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a0"|})]
        public partial class ChurnTraining
        {
        }
        """,
        Bad(0, "[DatasetInput] on 'ChurnTraining'", "has an empty name", "the dataset is left out of the lineage", "give it a name unique in the pipeline"),
        Bad(1, "[DatasetInput(\"train\")]", "has an empty path", "Capture() cannot hash the dataset", "give the file or folder the pipeline reads"),
        Bad(2, "[DatasetInput(\"test\")]", "has a Sha256 that is not 64 hex digits ('nothex')", "Capture() cannot check the data against it", "give the SHA-256 of the dataset's content, or leave Sha256 out"),
        Bad(3, "[DatasetInput(\"holdout\")]", "has a Sha256 that is not 64 hex digits ('9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a0')", "Capture() cannot check the data against it", "give the SHA-256 of the dataset's content, or leave Sha256 out"));

    [Fact]
    public Task Empty_model_output_names_and_templates_and_hyperparameter_names_are_reported() => Verify.VerifyAsync("""
        using MlOps.Lineage;

        [TrainingPipeline("churn", Version = "1.0.0")]
        [ModelOutput({|#0:null|}, "models/a-{version}.zip")]
        [ModelOutput("churn", {|#1:" "|})]
        public partial class ChurnTraining
        {
            [Hyperparameter({|#2:""|})] public const int Trees = 100;
        }
        """,
        Bad(0, "[ModelOutput] on 'ChurnTraining'", "has a null name", "the model output is left out of the lineage", "give it a name unique in the pipeline"),
        Bad(1, "[ModelOutput(\"churn\")]", "has an empty path template", "the model has no path to be saved to", "give a path template with a {version} token, e.g. \"models/model-{version}.zip\""),
        Bad(2, "[Hyperparameter] on 'Trees'", "has an empty name", "the hyper-parameter is left out of the lineage", "leave the name out to record it under the member's name, or give one"));
}
