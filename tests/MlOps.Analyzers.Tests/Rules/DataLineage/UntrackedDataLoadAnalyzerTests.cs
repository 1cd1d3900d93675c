using System.Threading.Tasks;
using MlOps.Analyzers.Tests.Infrastructure;
using Verify = MlOps.Analyzers.Tests.Infrastructure.AnalyzerVerifier<MlOps.Analyzers.Rules.DataLineage.UntrackedDataLoadAnalyzer>;
using MlOps.Analyzers.Rules.DataLineage;
using MlOps.Analyzers.Tests.Rules.Lineage;
using LineageVerify = MlOps.Analyzers.Tests.Infrastructure.LineageAnalyzerVerifier<MlOps.Analyzers.Rules.DataLineage.UntrackedDataLoadAnalyzer>;

namespace MlOps.Analyzers.Tests.Rules.DataLineage;

public class UntrackedDataLoadAnalyzerTests
{
    private const string Usings = $"""
        using System;
        using System.Collections.Generic;
        using System.Data.Common;
        using System.IO;
        using System.Linq;
        using Microsoft.Data.Analysis;
        using Microsoft.ML;
        using Microsoft.ML.Data;
        using MlOps.Lineage;
        using TorchSharp;
        using static TorchSharp.torch;

        {TestSources.Row}

        """;

    private static Microsoft.CodeAnalysis.Testing.DiagnosticResult Undeclared(int location, string api, string path)
        => Verify.Diagnostic(UntrackedDataLoadAnalyzer.Rule).WithLocation(location).WithArguments(api, path);

    private static Microsoft.CodeAnalysis.Testing.DiagnosticResult UndeclaredByCaller(int location, string api, string path, string caller)
        => Verify.Diagnostic(UntrackedDataLoadAnalyzer.CallSiteRule).WithLocation(location).WithArguments(api, path, caller);

    // ---- Not a finding ----

    [Theory]
    [InlineData("\"data/train.csv\"")]
    [InlineData("\"./data/train.csv\"")]
    [InlineData("\"data\\\\train.csv\"")]
    [InlineData("TrainPath")]
    [InlineData("TrainFile")]
    [InlineData("Path.Combine(DataDir, \"train.csv\")")]
    [InlineData("$\"{DataDir}/train.csv\"")]
    [InlineData("DataDir + \"/\" + \"train.csv\"")]
    [InlineData("Path.Combine(Environment.CurrentDirectory, \"data\", \"train.csv\")")]
    [InlineData("Path.Combine(AppContext.BaseDirectory, DataDir, \"train.csv\")")]
    [InlineData("Train.Path")]
    [InlineData("Path.Combine(Images.Path, \"labels.tsv\")")]
    [InlineData("\"data/images/labels.tsv\"")]
    [InlineData("local")]
    public Task Declared_sources_are_not_reported(string path) => Verify.VerifyAsync(Usings + $$"""
        [TrainingPipeline("churn", Version = "1.0.0")]
        [DatasetInput("train", "data/train.csv")]
        [DatasetInput("images", "data/images")]
        public partial class ChurnTraining
        {
            private const string DataDir = "data";
            private const string TrainPath = DataDir + "/train.csv";
            private static readonly string TrainFile = Path.Combine(DataDir, "train.csv");
            private static readonly DatasetDeclaration Train = new("train", "data/train.csv");
            private static readonly DatasetDeclaration Images = new("images", "data/images");

            public ITransformer Run(MLContext ml)
            {
                var local = Path.Combine(DataDir, "train.csv");
                var data = ml.Data.LoadFromTextFile<Row>({{path}}, hasHeader: true, separatorChar: ',');
                return ml.BinaryClassification.Trainers.SdcaLogisticRegression().Fit(data);
            }
        }
        """);

    [Theory]
    [MemberData(nameof(DeclaredDatasetShapes.Declared), MemberType = typeof(DeclaredDatasetShapes))]
    public Task A_path_built_only_from_the_declared_path_is_declared_as_for_MLOPS104(string path)
        => LineageVerify.VerifyAsync(DeclaredDatasetShapes.Pipeline(path, withTrainFileMember: path == "TrainFile"));

    [Fact]
    public Task Reads_through_the_lineage_run_time_api_are_not_reported() => Verify.VerifyAsync(Usings + """
        public class ChurnTraining
        {
            private static readonly DatasetDeclaration Train = new("train", "data/train.csv");

            public ITransformer Run(MLContext ml, LineageRecord run)
            {
                var data = ml.Data.LoadFromTextFile<Row>(run.DatasetPath(Train), hasHeader: true, separatorChar: ',');
                return ml.BinaryClassification.Trainers.SdcaLogisticRegression().Fit(data);
            }
        }
        """);

    [Fact]
    public Task Files_under_a_declared_folder_are_not_reported() => Verify.VerifyAsync(Usings + """
        [TrainingPipeline("images", Version = "1.0.0")]
        [DatasetInput("images", "data/images")]
        public partial class ImageTraining
        {
            public void Train(Tensor labels, optim.Optimizer optimizer)
            {
                foreach (var file in Directory.GetFiles("data/images", "*.png"))
                    File.ReadAllBytes(file);
                foreach (var file in Directory.EnumerateFiles(Path.Combine("data", "images")))
                    File.ReadAllBytes(file);
                labels.backward();
                optimizer.step();
            }
        }
        """);

    [Fact]
    public Task Inference_only_code_is_not_training_code() => Verify.VerifyAsync(Usings + """
        public class Scorer
        {
            public IEnumerable<bool> Score(MLContext ml)
            {
                var model = ml.Model.Load("model.zip", out _);
                var input = ml.Data.LoadFromTextFile<Row>("incoming.csv", separatorChar: ',');
                var lines = File.ReadAllLines("incoming.csv");
                return ml.Data.CreateEnumerable<Row>(model.Transform(input), reuseRowObject: false).Select(r => r.Label);
            }
        }
        """);

    [Fact]
    public Task Reads_in_a_predict_method_beside_the_training_method_are_not_reported() => Verify.VerifyAsync(Usings + """
        public static class ModelHelper
        {
            public static void Train(MLContext ml, IDataView data, string version)
            {
                var model = ml.Regression.Trainers.FastTree().Fit(data);
                ml.Model.Save(model, data.Schema, $"models/price-{version}.zip");
            }

            public static IEnumerable<float> Predict(MLContext ml, string version)
            {
                using var stream = File.OpenRead($"models/price-{version}.zip");
                var model = ml.Model.Load(stream, out _);
                var incoming = ml.Data.LoadFromTextFile<Row>("incoming.csv", separatorChar: ',');
                return ml.Data.CreateEnumerable<Row>(model.Transform(incoming), reuseRowObject: false).Select(r => r.Feature);
            }
        }
        """);

    [Fact]
    public Task In_memory_rows_and_non_training_file_reads_are_not_reported() => Verify.VerifyAsync(Usings + """
        public class Training
        {
            public ITransformer Train(MLContext ml, List<Row> rows)
            {
                var data = ml.Data.LoadFromEnumerable(rows);
                var frame = DataFrame.LoadCsvFromString("a,b\n1,2");
                return ml.BinaryClassification.Trainers.SdcaLogisticRegression().Fit(data);
            }
        }

        public class ReportPage
        {
            public string Render() => File.ReadAllText("templates/report.html");
        }
        """);

    [Fact]
    public Task Folders_listed_only_to_count_their_files_are_not_reported() => Verify.VerifyAsync(Usings + """
        public class Training
        {
            public ITransformer Train(MLContext ml)
            {
                if (Directory.GetFiles("data/prepared").Length == 0 || !Directory.EnumerateFiles("data/raw", "*.csv").Any())
                    throw new InvalidOperationException("Prepare the data first.");
                Console.WriteLine($"{Directory.GetFiles("data/prepared").Count(f => f.EndsWith(".csv"))} prepared files");
                var data = ml.Data.LoadFromEnumerable(new List<Row>());
                return ml.BinaryClassification.Trainers.SdcaLogisticRegression().Fit(data);
            }
        }
        """);

    [Fact]
    public Task Values_the_analysis_cannot_see_are_not_reported() => Verify.VerifyAsync(Usings + """
        public class Training
        {
            private string _path = "data/train.csv";

            public void UseData(string path) => _path = path;

            public ITransformer Train(MLContext ml, string[] args, Func<string> locate)
            {
                var a = ml.Data.LoadFromTextFile<Row>(args[0], separatorChar: ','); // an array handed in, not the command line
                var c = ml.Data.LoadFromTextFile<Row>(locate(), separatorChar: ',');
                var d = ml.Data.LoadFromTextFile<Row>(_path, separatorChar: ',');
                return ml.BinaryClassification.Trainers.SdcaLogisticRegression().Fit(a);
            }
        }
        """);

    [Fact]
    public Task Images_loaded_by_full_path_from_a_column_are_not_reported() => Verify.VerifyAsync(Usings + """
        public class Training
        {
            public ITransformer Train(MLContext ml, IDataView data)
                => ml.Transforms.LoadRawImageBytes("Image", null, "ImagePath")
                    .Append(ml.MulticlassClassification.Trainers.SdcaMaximumEntropy())
                    .Fit(data);
        }
        """);

    [Fact]
    public Task Parameter_whose_callers_pass_declared_paths_is_not_reported() => Verify.VerifyAsync(Usings + """
        [TrainingPipeline("churn", Version = "1.0.0")]
        [DatasetInput("train", "data/train.csv")]
        public partial class ChurnTraining
        {
            private static readonly DatasetDeclaration Train = new("train", "data/train.csv");

            public void Run(MLContext ml)
            {
                Fit(ml, "data/train.csv");
                Fit(ml, Train.Path);
            }

            private static ITransformer Fit(MLContext ml, string dataPath)
            {
                var data = ml.Data.LoadFromTextFile<Row>(dataPath, separatorChar: ',');
                return ml.BinaryClassification.Trainers.SdcaLogisticRegression().Fit(data);
            }
        }
        """);

    [Fact]
    public Task Attributed_scope_ignores_unattributed_trainers() => Verify.VerifyAsync(Usings + """
        public class Training
        {
            public ITransformer Train(MLContext ml)
            {
                var data = ml.Data.LoadFromTextFile<Row>("data/other.csv", separatorChar: ',');
                return ml.BinaryClassification.Trainers.SdcaLogisticRegression().Fit(data);
            }
        }
        """, "mlops_analyzers.training_scope = attributed\n");

    [Fact]
    public Task Test_fixtures_are_not_training_code() => Verify.VerifyAsync(Usings + """
        public class TrainingTests
        {
            [Xunit.Fact]
            public void Trains()
            {
                var ml = new MLContext(seed: 1);
                var data = ml.Data.LoadFromTextFile<Row>("testdata/rows.csv", separatorChar: ',');
                ml.BinaryClassification.Trainers.SdcaLogisticRegression().Fit(data);
            }
        }

        // The test compilation does not reference xunit: declare the attribute the scope recognises by name.
        namespace Xunit { public sealed class FactAttribute : Attribute { } }
        """);

    [Fact]
    public Task Non_ml_compilation_is_ignored() => Verify.VerifyAsync("""
        public static class Importer { public static string[] Read() => System.IO.File.ReadAllLines("data.csv"); }
        """);

    // ---- Findings ----

    [Theory]
    [MemberData(nameof(DeclaredDatasetShapes.Undeclared), MemberType = typeof(DeclaredDatasetShapes))]
    public Task A_path_that_is_not_the_declared_one_is_reported_as_MLOPS104_reports_the_dataset(string path, string folded)
        => LineageVerify.VerifyAsync(
            DeclaredDatasetShapes.Pipeline(path, withTrainFileMember: false),
            LineageVerify.Diagnostic(UntrackedDataLoadAnalyzer.Rule).WithLocation(1).WithArguments("LoadFromTextFile", folded));

    [Fact]
    public Task Undeclared_constant_path_in_a_trainer_is_reported() => Verify.VerifyAsync(Usings + """
        public class Training
        {
            public ITransformer Train(MLContext ml)
            {
                var data = {|#0:ml.Data.LoadFromTextFile<Row>("data/churn.csv", hasHeader: true, separatorChar: ',')|};
                return ml.BinaryClassification.Trainers.SdcaLogisticRegression().Fit(data);
            }
        }
        """, Undeclared(0, "LoadFromTextFile", "data/churn.csv"));

    /// <summary>The message reads right in a type that declares no pipeline (most first findings are there).</summary>
    [Fact]
    public Task Message_outside_a_pipeline_names_the_missing_declaration() => Verify.VerifyAsync(Usings + """
        public class Training
        {
            public ITransformer Train(MLContext ml)
            {
                var data = {|#0:ml.Data.LoadFromTextFile<Row>("data/churn.csv")|};
                return ml.BinaryClassification.Trainers.SdcaLogisticRegression().Fit(data);
            }
        }
        """, Undeclared(0, "LoadFromTextFile", "data/churn.csv").WithMessage(
        "'LoadFromTextFile' reads 'data/churn.csv', which no [DatasetInput] declares, so no lineage record says which data trained the model. "
        + "Declare it with [DatasetInput] and read it through the generated Lineage.Datasets member."));

    [Fact]
    public Task Private_field_only_its_initializer_sets_is_reported() => Verify.VerifyAsync(Usings + """
        // The shape of ML.NET Model Builder's generated ModelBuilder.cs.
        public static class ModelBuilder
        {
            private static string TRAIN_DATA_FILEPATH = @"data/train.tsv";

            public static ITransformer CreateModel(MLContext ml)
            {
                var data = {|#0:ml.Data.LoadFromTextFile<Row>(TRAIN_DATA_FILEPATH, hasHeader: true)|};
                return ml.BinaryClassification.Trainers.SdcaLogisticRegression().Fit(data);
            }
        }
        """, Undeclared(0, "LoadFromTextFile", "data/train.tsv"));

    [Fact]
    public Task Paths_built_by_a_helper_in_the_same_file_are_followed_through_it() => Verify.VerifyAsync(Usings + """
        // The shape of the ML.NET samples: every path goes through GetAbsolutePath, next to the program.
        public static class Program
        {
            private static readonly string BaseDatasetsRelativePath = @"../../../Data";
            private static readonly string TrainDataPath = GetAbsolutePath($"{BaseDatasetsRelativePath}/taxi-fare-train.csv");

            public static ITransformer Train(MLContext ml)
            {
                var train = {|#0:ml.Data.LoadFromTextFile<Row>(TrainDataPath, hasHeader: true, separatorChar: ',')|};
                var test = {|#1:ml.Data.LoadFromTextFile<Row>(Resolve("test.csv"), hasHeader: true)|};
                return ml.BinaryClassification.Trainers.SdcaLogisticRegression().Fit(train);

                static string Resolve(string file) => Path.Combine(AppContext.BaseDirectory, "Data", file);
            }

            public static string GetAbsolutePath(string relativePath)
            {
                FileInfo dataRoot = new FileInfo(typeof(Program).Assembly.Location);
                string assemblyFolderPath = dataRoot.Directory!.FullName;
                string fullPath = Path.Combine(assemblyFolderPath, relativePath);
                return fullPath;
            }
        }
        """,
        Undeclared(0, "LoadFromTextFile", "<the application folder>/../../../Data/taxi-fare-train.csv"),
        Undeclared(1, "LoadFromTextFile", "<the application folder>/Data/test.csv"));

    [Fact]
    public Task A_helper_that_reads_a_declared_dataset_or_an_unseen_value_is_not_reported() => Verify.VerifyAsync(Usings + """
        [TrainingPipeline("taxi", Version = "1.0.0")]
        [DatasetInput("train", "data/train.csv")]
        public partial class TaxiTraining
        {
            private static readonly DatasetDeclaration Train = new("train", "data/train.csv");

            public ITransformer Fit(MLContext ml)
            {
                var declared = ml.Data.LoadFromTextFile<Row>(GetAbsolutePath(Train.Path), hasHeader: true);
                var overridable = ml.Data.LoadFromTextFile<Row>(Locate("train.csv"), hasHeader: true);
                return ml.BinaryClassification.Trainers.SdcaLogisticRegression().Fit(declared);
            }

            private static string GetAbsolutePath(string relativePath)
                => Path.Combine(Path.GetDirectoryName(typeof(TaxiTraining).Assembly.Location)!, relativePath);

            protected virtual string Locate(string file) => Path.Combine("data", file);
        }
        """);

    [Fact]
    public Task Path_that_differs_from_the_declared_one_is_reported() => Verify.VerifyAsync(Usings + """
        [TrainingPipeline("churn", Version = "1.0.0")]
        [DatasetInput("train", "data/train.csv")]
        public partial class ChurnTraining
        {
            public ITransformer Train(MLContext ml, bool full)
            {
                var data = {|#0:ml.Data.LoadFromTextFile<Row>(full ? "data/train.csv" : "data/train-small.csv", separatorChar: ',')|};
                return ml.BinaryClassification.Trainers.SdcaLogisticRegression().Fit(data);
            }
        }
        """, Undeclared(0, "LoadFromTextFile", "data/train-small.csv"));

    [Fact]
    public Task Every_ml_load_api_is_reported_in_a_pipeline() => Verify.VerifyAsync(Usings + """
        [TrainingPipeline("all", Version = "1.0.0")]
        public partial class AllLoads
        {
            public void Load(MLContext ml, DbDataReader reader, DatabaseSource source)
            {
                {|#0:ml.Data.LoadFromTextFile("a.tsv", new[] { new TextLoader.Column("Label", DataKind.Boolean, 0) })|};
                {|#1:ml.Data.LoadFromTextFile<Row>("b.csv", new TextLoader.Options { Separators = new[] { ',' } })|};
                {|#2:ml.Data.LoadFromBinary("c.idv")|};
                {|#3:ml.Data.LoadFromSvmLightFile("d.svm")|};
                {|#4:ml.Data.LoadFromSvmLightFileWithFeatureNames("e.svm")|};
                {|#5:ml.Data.CreateTextLoader<Row>(separatorChar: ',').Load("f.csv")|};
                ml.Data.LoadFromBinary({|#6:new MultiFileSource("g.idv", "h.idv")|});
                {|#7:ml.Data.CreateDatabaseLoader<Row>().Load(source)|};
                {|#8:ml.Transforms.LoadImages("Image", "images", "ImagePath")|};
                {|#9:ml.Transforms.LoadRawImageBytes("Bytes", "raw-images", "ImagePath")|};
                {|#10:DataFrame.LoadCsv("k.csv")|};
                {|#11:DataFrame.LoadFrom(reader)|};
                {|#12:torch.load("l.pt")|};
                {|#13:Tensor.Load("m.pt")|};
            }
        }
        """,
        Undeclared(0, "LoadFromTextFile", "a.tsv"),
        Undeclared(1, "LoadFromTextFile", "b.csv"),
        Undeclared(2, "LoadFromBinary", "c.idv"),
        Undeclared(3, "LoadFromSvmLightFile", "d.svm"),
        Undeclared(4, "LoadFromSvmLightFileWithFeatureNames", "e.svm"),
        Undeclared(5, "Load", "f.csv"),
        Undeclared(6, "new MultiFileSource", "g.idv"),
        Verify.Diagnostic(UntrackedDataLoadAnalyzer.DatabaseRule).WithLocation(7).WithArguments("DatabaseLoader.Load"),
        Undeclared(8, "LoadImages", "images"),
        Undeclared(9, "LoadRawImageBytes", "raw-images"),
        Undeclared(10, "DataFrame.LoadCsv", "k.csv"),
        Verify.Diagnostic(UntrackedDataLoadAnalyzer.DatabaseRule).WithLocation(11).WithArguments("DataFrame.LoadFrom"),
        Undeclared(12, "torch.load", "l.pt"),
        Undeclared(13, "Tensor.Load", "m.pt"));

    [Fact]
    public Task TorchVision_datasets_and_image_reads_are_reported_and_declared_ones_are_not() => Verify.VerifyAsync(Usings + """
        [TrainingPipeline("vision", Version = "1.0.0")]
        [DatasetInput("mnist", "data/mnist")]
        public partial class VisionTraining
        {
            public void Load()
            {
                {|#0:torchvision.datasets.MNIST("data/fashion", true)|};
                {|#1:torchvision.datasets.CIFAR10(root: "data/cifar", train: false)|};
                {|#2:torchvision.io.read_image("images/cat.png")|};
                torchvision.datasets.MNIST("data/mnist", true);
                torchvision.datasets.MNIST("./data/mnist", false);
            }
        }
        """,
        Undeclared(0, "torchvision.datasets.MNIST", "data/fashion"),
        Undeclared(1, "torchvision.datasets.CIFAR10", "data/cifar"),
        Undeclared(2, "torchvision.io.read_image", "images/cat.png"));

    [Fact]
    public Task Every_dotnet_file_api_is_reported_in_training_code() => Verify.VerifyAsync(Usings + """
        public class BatchReader
        {
            public void Train(Tensor loss, optim.Optimizer optimizer)
            {
                {|#0:File.ReadAllLines("a.txt")|};
                {|#1:File.ReadAllText("b.txt")|};
                {|#2:File.ReadAllBytes("c.bin")|};
                {|#3:File.ReadLines("d.txt")|};
                using var stream = {|#4:File.OpenRead("e.bin")|};
                {|#5:Directory.GetFiles("frames")|};
                {|#6:Directory.EnumerateFiles("frames-2", "*.png")|};
                {|#7:File.ReadAllTextAsync("f.txt")|};
                var first = {|#8:Directory.GetFiles("frames-3")|}.Where(f => f.EndsWith(".png")).First(); // listed to be read
                loss.backward();
                optimizer.step();
            }
        }
        """,
        Undeclared(0, "File.ReadAllLines", "a.txt"),
        Undeclared(1, "File.ReadAllText", "b.txt"),
        Undeclared(2, "File.ReadAllBytes", "c.bin"),
        Undeclared(3, "File.ReadLines", "d.txt"),
        Undeclared(4, "File.OpenRead", "e.bin"),
        Undeclared(5, "Directory.GetFiles", "frames"),
        Undeclared(6, "Directory.EnumerateFiles", "frames-2"),
        Undeclared(7, "File.ReadAllTextAsync", "f.txt"),
        Undeclared(8, "Directory.GetFiles", "frames-3"));

    [Fact]
    public Task Parameter_whose_caller_passes_an_undeclared_path_is_reported_at_the_load() => Verify.VerifyAsync(Usings + """
        public static class Program
        {
            public static void Main()
            {
                Train("data/churn.csv");
            }

            private static ITransformer Train(string dataPath)
            {
                var ml = new MLContext(seed: 1);
                var data = {|#0:ml.Data.LoadFromTextFile<Row>(dataPath, hasHeader: true, separatorChar: ',')|};
                return ml.BinaryClassification.Trainers.SdcaLogisticRegression().Fit(data);
            }
        }
        """, UndeclaredByCaller(0, "LoadFromTextFile", "data/churn.csv", "'Program.Main' (Test0.cs line 18)").WithMessage(
        "'LoadFromTextFile' reads 'data/churn.csv' (passed by 'Program.Main' (Test0.cs line 18)), which no [DatasetInput] declares, "
        + "so no lineage record says which data trained the model. Declare it with [DatasetInput] and pass the generated Lineage.Datasets member."));

    [Fact]
    public Task Training_scope_all_reports_everywhere() => Verify.VerifyAsync(Usings + """
        public class Importer
        {
            public string[] Read() => {|#0:File.ReadAllLines("data.csv")|};
        }
        """, "mlops_analyzers.training_scope = all\n", Undeclared(0, "File.ReadAllLines", "data.csv"));

    [Theory]
    [InlineData("ml.Data.LoadFromTextFile<Row>(")]
    [InlineData("ml.Data.LoadFromTextFile<Row>($\"{Undefined}/x.csv\").Fit")]
    [InlineData("new MultiFileSource(null); new MultiFileSource(); new MultiFileSource(paths: null!)")]
    [InlineData("foreach (var f in Directory.GetFiles()) File.ReadAllText(f); ml.Regression.Trainers.Sdca().Fit(null!);")]
    [InlineData("DataFrame.LoadCsv(filename: ); DataFrame.LoadFrom(); ml.Transforms.LoadImages(\"a\", imageFolder: , \"b\")")]
    [InlineData("Helper(\"a\"); ITransformer Helper(string s) => ml.Regression.Trainers.Sdca().Fit(ml.Data.LoadFromTextFile<Row>(s + Helper(s)));")]
    public async Task Broken_code_does_not_throw(string body)
    {
        var compilation = AnalyzerRunner.Compile(Usings + "[TrainingPipeline(\"b\")] public static partial class Broken { public static void M(MLContext ml, string[] paths) { " + body + " } }");
        var result = await AnalyzerRunner.RunAsync(compilation, [new UntrackedDataLoadAnalyzer()]);
        Assert.Empty(result.Exceptions);
    }
}
