using System.Threading.Tasks;
using MlOps.Analyzers.CodeFixes.Rules.DataLineage;
using MlOps.Analyzers.Tests.Infrastructure;
using MlOps.Analyzers.Rules.DataLineage;
using Verify = MlOps.Analyzers.Tests.Infrastructure.LineageCodeFixVerifier<
    MlOps.Analyzers.Rules.DataLineage.UntrackedDataLoadAnalyzer,
    MlOps.Analyzers.CodeFixes.Rules.DataLineage.UntrackedDataLoadFixer>;

namespace MlOps.Analyzers.Tests.Rules.DataLineage;

/// <summary>The fixed code compiles with the lineage generator in the compilation, so the generated members it uses exist.</summary>
public class UntrackedDataLoadFixerTests
{
    private const string Row = "\n" + TestSources.Row;

    private static Microsoft.CodeAnalysis.Testing.DiagnosticResult Undeclared(int location, string api, string path)
        => Verify.Diagnostic(UntrackedDataLoadAnalyzer.Rule).WithLocation(location).WithArguments(api, path);

    [Fact]
    public Task Declares_the_dataset_adds_the_pipeline_and_partial_and_uses_the_generated_member() => Verify.VerifyAsync("""
        using Microsoft.ML;

        public class ChurnTrainer
        {
            public ITransformer Train(MLContext ml)
            {
                var data = {|#0:ml.Data.LoadFromTextFile<Row>("data/churn.csv", hasHeader: true, separatorChar: ',')|};
                return ml.BinaryClassification.Trainers.SdcaLogisticRegression().Fit(data);
            }
        }
        """ + Row, """
        using Microsoft.ML;
        using MlOps.Lineage;

        [TrainingPipeline("churn-trainer", Version = "0.1.0")]
        [DatasetInput("churn", "data/churn.csv")]
        public partial class ChurnTrainer
        {
            public ITransformer Train(MLContext ml)
            {
                var data = ml.Data.LoadFromTextFile<Row>(Lineage.Datasets.Churn.Path, hasHeader: true, separatorChar: ',');
                return ml.BinaryClassification.Trainers.SdcaLogisticRegression().Fit(data);
            }
        }
        """ + Row, Undeclared(0, "LoadFromTextFile", "data/churn.csv"));

    [Fact]
    public Task Declares_an_image_folder_listed_through_a_DirectoryInfo() => Verify.VerifyAsync("""
        using System.IO;
        using System.Linq;
        using Microsoft.ML;

        public class FlowerTrainer
        {
            public ITransformer Train(MLContext ml)
            {
                var folder = new DirectoryInfo("data/flowers");
                var rows = {|#0:folder.GetFiles("*.jpg")|}.Select(f => new ImageRow { ImagePath = f.FullName });
                return ml.Transforms.LoadRawImageBytes("Image", null, "ImagePath")
                    .Append(ml.MulticlassClassification.Trainers.SdcaMaximumEntropy())
                    .Fit(ml.Data.LoadFromEnumerable(rows));
            }
        }

        public class ImageRow { public string ImagePath { get; set; } = ""; }
        """, """
        using System.IO;
        using System.Linq;
        using Microsoft.ML;
        using MlOps.Lineage;

        [TrainingPipeline("flower-trainer", Version = "0.1.0")]
        [DatasetInput("flowers", "data/flowers")]
        public partial class FlowerTrainer
        {
            public ITransformer Train(MLContext ml)
            {
                var folder = new DirectoryInfo(Lineage.Datasets.Flowers.Path);
                var rows = folder.GetFiles("*.jpg").Select(f => new ImageRow { ImagePath = f.FullName });
                return ml.Transforms.LoadRawImageBytes("Image", null, "ImagePath")
                    .Append(ml.MulticlassClassification.Trainers.SdcaMaximumEntropy())
                    .Fit(ml.Data.LoadFromEnumerable(rows));
            }
        }

        public class ImageRow { public string ImagePath { get; set; } = ""; }
        """, Undeclared(0, "DirectoryInfo.GetFiles", "data/flowers"));

    [Fact]
    public Task Adds_to_an_existing_pipeline_with_a_unique_name_and_follows_a_local() => Verify.VerifyAsync("""
        using System.IO;
        using Microsoft.ML;
        using MlOps.Lineage;

        namespace Churn;

        [TrainingPipeline("churn", Version = "1.0.0")]
        [DatasetInput("train", "data/2023/train.csv")]
        public static partial class ChurnTraining
        {
            private const string DataDir = "data";

            public static ITransformer Train(MLContext ml)
            {
                var path = Path.Combine(DataDir, "train.csv");
                var data = {|#0:ml.Data.LoadFromTextFile<Row>(path, separatorChar: ',')|};
                return ml.BinaryClassification.Trainers.SdcaLogisticRegression().Fit(data);
            }
        }
        """ + Row, """
        using System.IO;
        using Microsoft.ML;
        using MlOps.Lineage;

        namespace Churn;

        [TrainingPipeline("churn", Version = "1.0.0")]
        [DatasetInput("train", "data/2023/train.csv")]
        [DatasetInput("train-2", "data/train.csv")]
        public static partial class ChurnTraining
        {
            private const string DataDir = "data";

            public static ITransformer Train(MLContext ml)
            {
                var path = Path.Combine(DataDir, "train.csv");
                var data = ml.Data.LoadFromTextFile<Row>(Lineage.Datasets.Train2.Path, separatorChar: ',');
                return ml.BinaryClassification.Trainers.SdcaLogisticRegression().Fit(data);
            }
        }
        """ + Row, Undeclared(0, "LoadFromTextFile", "data/train.csv"));

    [Fact]
    public Task Nested_type_makes_the_containing_type_partial_too() => Verify.VerifyAsync("""
        using System.IO;
        using MlOps.Lineage;
        using static TorchSharp.torch;

        public class Experiments
        {
            public class Trainer
            {
                public void Step(Tensor loss, optim.Optimizer optimizer)
                {
                    var vocabulary = {|#0:File.ReadAllLines("vocab.txt")|};
                    loss.backward();
                    optimizer.step();
                }
            }
        }
        """, """
        using System.IO;
        using MlOps.Lineage;
        using static TorchSharp.torch;

        public partial class Experiments
        {
            [TrainingPipeline("trainer", Version = "0.1.0")]
            [DatasetInput("vocab", "vocab.txt")]
            public partial class Trainer
            {
                public void Step(Tensor loss, optim.Optimizer optimizer)
                {
                    var vocabulary = File.ReadAllLines(Lineage.Datasets.Vocab.Path);
                    loss.backward();
                    optimizer.step();
                }
            }
        }
        """, Undeclared(0, "File.ReadAllLines", "vocab.txt"));

    // The attributes go on the first declaration by file path (Evaluation.cs), which gets the using directive.
    private const string Evaluation = """
        using Microsoft.ML;
        using MlOps.Lineage;

        [TrainingPipeline("churn-training", Version = "0.1.0")]
        [DatasetInput("train", "data/train.csv")]
        [DatasetInput("test", "data/test.csv")]
        public partial class ChurnTraining
        {
            public IDataView Reload(MLContext ml) => ml.Data.LoadFromTextFile<Row>(Lineage.Datasets.Train.Path, separatorChar: ',');

            public IDataView Holdout(MLContext ml) => ml.Data.LoadFromTextFile<Row>(Lineage.Datasets.Test.Path, separatorChar: ',');
        }
        """;

    [Fact]
    public async Task Fix_all_over_two_documents_declares_a_shared_path_once()
    {
        var test = new Verify.Test
        {
            TestState =
            {
                Sources =
                {
                    ("/0/Training.cs", """
                        using Microsoft.ML;
                        using MlOps.Lineage;

                        public partial class ChurnTraining
                        {
                            public ITransformer Train(MLContext ml)
                            {
                                var data = {|#0:ml.Data.LoadFromTextFile<Row>("data/train.csv", separatorChar: ',')|};
                                return ml.BinaryClassification.Trainers.SdcaLogisticRegression().Fit(data);
                            }
                        }
                        """ + Row),
                    ("/0/Evaluation.cs", """
                        using Microsoft.ML;

                        public partial class ChurnTraining
                        {
                            public IDataView Reload(MLContext ml) => {|#1:ml.Data.LoadFromTextFile<Row>("data/train.csv", separatorChar: ',')|};

                            public IDataView Holdout(MLContext ml) => {|#2:ml.Data.LoadFromTextFile<Row>("data/test.csv", separatorChar: ',')|};
                        }
                        """),
                },
                ExpectedDiagnostics =
                {
                    Undeclared(0, "LoadFromTextFile", "data/train.csv"),
                    Undeclared(1, "LoadFromTextFile", "data/train.csv"),
                    Undeclared(2, "LoadFromTextFile", "data/test.csv"),
                },
            },
            BatchFixedState =
            {
                Sources =
                {
                    ("/0/Training.cs", """
                        using Microsoft.ML;
                        using MlOps.Lineage;

                        public partial class ChurnTraining
                        {
                            public ITransformer Train(MLContext ml)
                            {
                                var data = ml.Data.LoadFromTextFile<Row>(Lineage.Datasets.Train.Path, separatorChar: ',');
                                return ml.BinaryClassification.Trainers.SdcaLogisticRegression().Fit(data);
                            }
                        }
                        """ + Row),
                    ("/0/Evaluation.cs", Evaluation),
                },
            },
        };

        // One at a time: after the first fix declares data/train.csv, the other load of it is declared by value and no longer reported.
        test.FixedState.Sources.Add(("/0/Training.cs", """
            using Microsoft.ML;
            using MlOps.Lineage;

            public partial class ChurnTraining
            {
                public ITransformer Train(MLContext ml)
                {
                    var data = ml.Data.LoadFromTextFile<Row>("data/train.csv", separatorChar: ',');
                    return ml.BinaryClassification.Trainers.SdcaLogisticRegression().Fit(data);
                }
            }
            """ + Row));
        test.FixedState.Sources.Add(("/0/Evaluation.cs", Evaluation));
        // Fix All in one document leaves the other document's load as it is: checked at project and solution scope.
        test.CodeFixTestBehaviors |= Microsoft.CodeAnalysis.Testing.CodeFixTestBehaviors.SkipFixAllInDocumentCheck;
        // ChurnTraining is partial across the two files: whether its loads are training code needs both files' code, so they
        // are judged at compilation end (docs/architecture.md), which the test framework counts as non-local. The IDE fixes
        // them in full-solution analysis and `dotnet format` applies the fix, which is what this test checks.
        test.CodeFixTestBehaviors |= Microsoft.CodeAnalysis.Testing.CodeFixTestBehaviors.SkipLocalDiagnosticCheck;
        test.NumberOfIncrementalIterations = 2;
        test.NumberOfFixAllIterations = 1;
        await test.RunAsync();
    }

    [Fact]
    public Task Database_loads_and_caller_passed_paths_offer_no_fix()
    {
        const string source = """
                using Microsoft.ML;
                using Microsoft.ML.Data;

                public static class Program
                {
                    public static void Main() => Train("data/churn.csv");

                    private static ITransformer Train(string dataPath)
                    {
                        var ml = new MLContext(seed: 1);
                        var data = {|#0:ml.Data.LoadFromTextFile<Row>(dataPath, separatorChar: ',')|};
                        return ml.BinaryClassification.Trainers.SdcaLogisticRegression().Fit(data);
                    }

                    private static void Db(MLContext ml, DatabaseSource source) => {|#1:ml.Data.CreateDatabaseLoader<Row>().Load(source)|};
                }
                """ + Row;
        // The call-site diagnostic is reported at compilation end (non-local): let the framework ask the fixer anyway.
        var test = new Verify.Test { TestCode = source, FixedCode = source, CodeFixTestBehaviors = Microsoft.CodeAnalysis.Testing.CodeFixTestBehaviors.SkipLocalDiagnosticCheck };
        test.ExpectedDiagnostics.Add(Verify.Diagnostic(UntrackedDataLoadAnalyzer.CallSiteRule).WithLocation(0).WithArguments("LoadFromTextFile", "data/churn.csv", "'Program.Main' (Test0.cs line 6)"));
        test.ExpectedDiagnostics.Add(Verify.Diagnostic(UntrackedDataLoadAnalyzer.DatabaseRule).WithLocation(1).WithArguments("DatabaseLoader.Load"));
        return test.RunAsync();
    }
}
