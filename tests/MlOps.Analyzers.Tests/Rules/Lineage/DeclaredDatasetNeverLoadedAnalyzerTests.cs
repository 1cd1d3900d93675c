using System.Threading.Tasks;
using Verify = MlOps.Analyzers.Tests.Infrastructure.LineageAnalyzerVerifier<MlOps.Analyzers.Rules.Lineage.DeclaredDatasetNeverLoadedAnalyzer>;
using MlOps.Analyzers.Rules.Lineage;

namespace MlOps.Analyzers.Tests.Rules.Lineage;

public class DeclaredDatasetNeverLoadedAnalyzerTests
{
    private const string Row = """

        public class Row { [LoadColumn(0)] public float Feature { get; set; } [LoadColumn(1)] public bool Label { get; set; } }
        """;

    [Fact]
    public Task Dataset_never_loaded_is_reported() => Verify.VerifyAsync("""
        using Microsoft.ML;
        using Microsoft.ML.Data;
        using MlOps.Lineage;

        [TrainingPipeline("churn", Version = "1.0.0")]
        [DatasetInput("train", "data/train.csv")]
        [{|#0:DatasetInput("validation", "data/validation.csv", Role = DatasetRole.Validation)|}]
        public partial class ChurnTraining
        {
            public ITransformer Train(MLContext ml)
            {
                var data = ml.Data.LoadFromTextFile<Row>(Lineage.Datasets.Train.Path, hasHeader: true, separatorChar: ',');
                return ml.BinaryClassification.Trainers.SdcaLogisticRegression().Fit(data);
            }
        }
        """ + Row, Verify.Diagnostic(DeclaredDatasetNeverLoadedAnalyzer.Rule).WithLocation(0).WithArguments("churn", "validation", "data/validation.csv", "Lineage", "Validation"));

    [Fact]
    public Task A_path_used_only_in_another_type_is_reported() => Verify.VerifyAsync("""
        using MlOps.Lineage;

        [TrainingPipeline("churn", Version = "1.0.0")]
        [{|#0:DatasetInput("train", "data/train.csv")|}]
        public partial class ChurnTraining { }

        public static class Elsewhere
        {
            public static string[] Read() => System.IO.File.ReadAllLines("data/train.csv");
        }
        """, Verify.Diagnostic(DeclaredDatasetNeverLoadedAnalyzer.Rule).WithLocation(0).WithArguments("churn", "train", "data/train.csv", "Lineage", "Train"));

    [Theory]
    [MemberData(nameof(DeclaredDatasetShapes.Undeclared), MemberType = typeof(DeclaredDatasetShapes))]
    public Task A_pipeline_that_loads_only_other_paths_is_reported_as_MLOPS010_reports_the_load(string path, string folded)
    {
        Assert.NotEmpty(folded); // the path MLOPS010 reports for the same shape
        return Verify.VerifyAsync(
            DeclaredDatasetShapes.Pipeline(path, withTrainFileMember: false),
            Verify.Diagnostic(DeclaredDatasetNeverLoadedAnalyzer.Rule).WithLocation(0).WithArguments("churn", "train", "data/train.csv", "Lineage", "Train"));
    }

    // ---- Not a finding ----

    [Theory]
    [MemberData(nameof(DeclaredDatasetShapes.Declared), MemberType = typeof(DeclaredDatasetShapes))]
    public Task A_path_built_only_from_the_declared_path_is_the_declared_dataset_as_for_MLOPS010(string path)
        => Verify.VerifyAsync(DeclaredDatasetShapes.Pipeline(path, withTrainFileMember: path == "TrainFile"));

    [Fact]
    public Task Datasets_loaded_through_the_lineage_class_a_path_constant_or_the_literal_path_are_not_reported() => Verify.VerifyAsync("""
        using Microsoft.ML;
        using Microsoft.ML.Data;
        using MlOps.Lineage;

        [TrainingPipeline("churn", Version = "1.0.0")]
        [DatasetInput("train", "data/train.csv")]
        [DatasetInput("test", TestPath, Role = DatasetRole.Test)]
        [DatasetInput("extra", "data/extra.csv", Role = DatasetRole.Other)]
        [DatasetInput("images", "data/images/", Role = DatasetRole.Other)]
        public partial class ChurnTraining
        {
            private const string TestPath = "data/test.csv";
            private const string Root = "data/";

            public ITransformer Train(MLContext ml)
            {
                var train = ml.Data.LoadFromTextFile<Row>(Lineage.Datasets.Train.Path, hasHeader: true, separatorChar: ',');
                var test = ml.Data.LoadFromTextFile<Row>(TestPath, hasHeader: true, separatorChar: ',');
                var extra = System.IO.File.ReadAllLines("data/extra.csv");
                var images = System.IO.Directory.GetFiles(Root + "images/");
                return ml.BinaryClassification.Trainers.SdcaLogisticRegression().Fit(train);
            }
        }
        """ + Row);

    [Fact]
    public Task A_path_written_differently_is_the_declared_dataset_as_MLOPS010_judges_it() => Verify.VerifyAsync("""
        using Microsoft.ML;
        using Microsoft.ML.Data;
        using MlOps.Lineage;

        [TrainingPipeline("churn", Version = "1.0.0")]
        [DatasetInput("train", "data/train.csv")]
        public partial class ChurnTraining
        {
            public ITransformer Train(MLContext ml)
            {
                var train = ml.Data.LoadFromTextFile<Row>("./data/train.csv", hasHeader: true, separatorChar: ',');
                return ml.BinaryClassification.Trainers.SdcaLogisticRegression().Fit(train);
            }
        }
        """ + Row);

    [Fact]
    public Task A_dataset_loaded_in_another_file_of_the_partial_pipeline_is_not_reported()
    {
        var test = new Verify.Test();
        test.TestState.Sources.Add(("/ChurnTraining.cs", """
            using Microsoft.ML;
            using Microsoft.ML.Data;
            using MlOps.Lineage;

            [TrainingPipeline("churn", Version = "1.0.0")]
            [DatasetInput("train", "data/train.csv")]
            [DatasetInput("validation", "data/validation.csv", Role = DatasetRole.Validation)]
            public partial class ChurnTraining
            {
                public IDataView Train(MLContext ml) => ml.Data.LoadFromTextFile<Row>(Lineage.Datasets.Train.Path, hasHeader: true, separatorChar: ',');
            }
            """ + Row));
        test.TestState.Sources.Add(("/ChurnTraining.Validation.cs", """
            using Microsoft.ML;

            public partial class ChurnTraining
            {
                public IDataView Validation(MLContext ml) => ml.Data.LoadFromTextFile<Row>("data/validation.csv", hasHeader: true, separatorChar: ',');
            }
            """));
        return test.RunAsync();
    }

    [Fact]
    public Task A_pipeline_without_datasets_is_not_reported() => Verify.VerifyAsync("""
        using MlOps.Lineage;

        [TrainingPipeline("churn", Version = "1.0.0")]
        public partial class ChurnTraining { }
        """);
}
