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
    public Task Folders_listed_only_to_clean_them_are_not_reported() => Verify.VerifyAsync(Usings + """
        public class Training
        {
            public ITransformer Train(MLContext ml, IDataView data)
            {
                foreach (var stale in Directory.GetFiles("checkpoints", "*.tmp"))
                    File.Delete(stale);
                Directory.GetFiles("logs").ToList().ForEach(File.Delete);
                Array.ForEach(Directory.GetFiles("cache"), file => File.Move(file, Path.Combine("archive", Path.GetFileName(file))));
                new DirectoryInfo("scratch").GetFiles("*.bin").ToList().ForEach(f => f.Delete());
                foreach (var old in new DirectoryInfo("exports").EnumerateFiles())
                {
                    if (old.LastWriteTime < DateTime.Now.AddDays(-7) && !old.Name.EndsWith(".keep"))
                        old.Delete();
                }

                return ml.BinaryClassification.Trainers.SdcaLogisticRegression().Fit(data);
            }
        }
        """);

    [Fact]
    public Task Folders_listed_to_find_a_model_file_are_not_reported() => Verify.VerifyAsync(Usings + """
        public class FineTuning
        {
            public ITransformer Train(MLContext ml, IDataView data)
            {
                var latest = Directory.GetFiles("models", "*.zip").OrderByDescending(f => f).First();
                var baseline = ml.Model.Load(latest, out _);
                foreach (var checkpoint in Directory.EnumerateFiles("checkpoints", "*.zip"))
                    ml.Model.Load(checkpoint, out _);
                return ml.BinaryClassification.Trainers.SdcaLogisticRegression().Fit(baseline.Transform(data));
            }
        }
        """);

    [Fact]
    public Task Archives_read_only_to_unpack_them_to_disk_are_not_reported() => Verify.VerifyAsync(Usings + """
        public class Training
        {
            public ITransformer Train(MLContext ml)
            {
                using (var archive = File.OpenRead("downloads/churn.zip"))
                    System.IO.Compression.ZipFileExtensions.ExtractToDirectory(new System.IO.Compression.ZipArchive(archive), "data/churn");
                using (var tar = File.OpenRead("downloads/images.tar"))
                    System.Formats.Tar.TarFile.ExtractToDirectory(tar, "data/images", overwriteFiles: true);
                using (var input = File.OpenRead("downloads/labels.csv.gz"))
                using (var gzip = new System.IO.Compression.GZipStream(input, System.IO.Compression.CompressionMode.Decompress))
                using (var output = File.Create("data/labels.csv"))
                    gzip.CopyTo(output);
                var data = ml.Data.LoadFromEnumerable(new List<Row> { new() });
                return ml.BinaryClassification.Trainers.SdcaLogisticRegression().Fit(data);
            }
        }
        """);

    /// <summary>
    /// The ML.NET object detection sample: an ONNX model wrapped by a pipeline fitted on an empty view, whose images arrive at
    /// prediction time as full paths (ML.NET joins <c>imageFolder</c> only when it is not null or white space).
    /// </summary>
    [Fact]
    public Task Image_loads_with_an_empty_folder_are_not_reported() => Verify.VerifyAsync(Usings + """
        public class ImageNetData { public string ImagePath { get; set; } = ""; }

        public class OnnxModelScorer
        {
            public ITransformer LoadModel(MLContext ml, string modelLocation)
            {
                var data = ml.Data.LoadFromEnumerable(new List<ImageNetData>());
                var pipeline = ml.Transforms.LoadImages(outputColumnName: "image", imageFolder: "", inputColumnName: nameof(ImageNetData.ImagePath))
                    .Append(ml.Transforms.ResizeImages(outputColumnName: "image", imageWidth: 416, imageHeight: 416, inputColumnName: "image"))
                    .Append(ml.Transforms.ExtractPixels(outputColumnName: "image"));
                return pipeline.Fit(data);
            }
        }

        public class Training
        {
            public ITransformer Train(MLContext ml, IDataView data)
                => ml.Transforms.LoadRawImageBytes("Image", string.Empty, "ImagePath")
                    .Append(ml.Transforms.LoadImages("Bitmap", " ", "ImagePath"))
                    .Append(ml.MulticlassClassification.Trainers.SdcaMaximumEntropy())
                    .Fit(data);
        }
        """);

    /// <summary>The ML.NET object detection sample's image list, read by a program that only scores.</summary>
    [Fact]
    public Task Image_folders_listed_outside_training_code_are_not_reported() => Verify.VerifyAsync(Usings + """
        public class ImageNetData
        {
            public string ImagePath { get; set; } = "";
            public string Label { get; set; } = "";

            public static IEnumerable<ImageNetData> ReadFromFile(string imageFolder)
                => Directory.GetFiles(imageFolder)
                    .Where(filePath => Path.GetExtension(filePath) != ".md")
                    .Select(filePath => new ImageNetData { ImagePath = filePath, Label = Path.GetFileName(filePath) });
        }

        public static class Program
        {
            public static void Main()
            {
                var ml = new MLContext();
                var images = ml.Data.LoadFromEnumerable(ImageNetData.ReadFromFile("assets/images"));
                var model = ml.Model.Load("TinyYolo2.zip", out _);
                var scored = model.Transform(images);
            }
        }
        """);

    /// <summary>A listing helper outside training code whose training callers only clean up or pick a model file with what it lists.</summary>
    [Fact]
    public Task Files_a_helper_lists_for_training_code_to_clean_up_or_find_a_model_are_not_reported() => Verify.VerifyAsync(Usings + """
        public static class Storage
        {
            public static string[] ListFiles(string folder, string pattern) => Directory.GetFiles(folder, pattern);
        }

        public class FineTuning
        {
            public ITransformer Train(MLContext ml, IDataView data)
            {
                foreach (var stale in Storage.ListFiles("checkpoints", "*.tmp"))
                    File.Delete(stale);
                var latest = Storage.ListFiles("models", "*.zip").OrderBy(f => f).Last();
                var baseline = ml.Model.Load(latest, out _);
                if (Storage.ListFiles("exports", "*.onnx").Length > 10)
                    Console.WriteLine("Too many exports.");
                return ml.BinaryClassification.Trainers.SdcaLogisticRegression().Fit(baseline.Transform(data));
            }
        }
        """);

    [Fact]
    public Task Declared_image_folders_listed_for_training_are_not_reported() => Verify.VerifyAsync(Usings + """
        [TrainingPipeline("flowers", Version = "1.0.0")]
        [DatasetInput("flowers", "data/flowers")]
        public partial class FlowerTraining
        {
            public ITransformer Train(MLContext ml)
            {
                var images = new DirectoryInfo("data/flowers").GetFiles("*.jpg", SearchOption.AllDirectories)
                    .Select(f => new ImageRow { ImagePath = f.FullName, Label = f.Directory!.Name });
                var folder = new DirectoryInfo(Path.Combine("data", "flowers"));
                var more = folder.EnumerateFiles().Select(f => new ImageRow { ImagePath = f.FullName, Label = "x" }).ToList();
                foreach (var classDir in Directory.GetDirectories("data/flowers"))
                    foreach (var file in Directory.GetFiles(classDir, "*.jpg"))
                        more.Add(new ImageRow { ImagePath = file, Label = Path.GetFileName(classDir) });
                var data = ml.Data.LoadFromEnumerable(images.Concat(more));
                return ml.Transforms.LoadRawImageBytes("Image", null, "ImagePath")
                    .Append(ml.MulticlassClassification.Trainers.SdcaMaximumEntropy())
                    .Fit(data);
            }
        }

        public class ImageRow { public string ImagePath { get; set; } = ""; public string Label { get; set; } = ""; }
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
    public Task Image_folders_listed_into_training_samples_are_reported() => Verify.VerifyAsync(Usings + """
        public class ImageRow { public string ImagePath { get; set; } = ""; public string Label { get; set; } = ""; }

        public class FlowerTraining
        {
            public ITransformer Train(MLContext ml)
            {
                var images = {|#0:new DirectoryInfo("data/flowers").GetFiles("*.jpg", SearchOption.AllDirectories)|}
                    .Select(f => new ImageRow { ImagePath = f.FullName, Label = f.Directory!.Name });
                var folder = new DirectoryInfo(Path.Combine("data", "tulips"));
                var more = new List<ImageRow>();
                foreach (var file in {|#1:folder.EnumerateFiles("*.jpg")|})
                    more.Add(new ImageRow { ImagePath = file.FullName, Label = "tulip" });
                foreach (var stale in {|#2:Directory.GetFiles("data/roses")|})
                {
                    if (stale.EndsWith(".tmp"))
                        File.Delete(stale);
                    else
                        more.Add(new ImageRow { ImagePath = stale, Label = "rose" });
                }

                var data = ml.Data.LoadFromEnumerable(images.Concat(more));
                return ml.Transforms.LoadRawImageBytes("Image", null, "ImagePath")
                    .Append(ml.MulticlassClassification.Trainers.SdcaMaximumEntropy())
                    .Fit(data);
            }
        }
        """,
        Undeclared(0, "DirectoryInfo.GetFiles", "data/flowers"),
        Undeclared(1, "DirectoryInfo.EnumerateFiles", "data/tulips"),
        Undeclared(2, "Directory.GetFiles", "data/roses"));

    /// <summary>
    /// The ML.NET image classification samples: a helper outside training code lists the image folder and returns the
    /// samples; the training code that calls it with the folder is what makes the listing a data load.
    /// </summary>
    [Fact]
    public Task Image_folders_listed_by_a_helper_for_training_code_are_reported_at_the_listing() => Verify.VerifyAsync(Usings + """
        public class ImageRow { public string ImagePath { get; set; } = ""; public string Label { get; set; } = ""; }

        public static class Gallery
        {
            public static int Thumbnails() => FileUtils.LoadImagesFromDirectory("wwwroot/thumbnails").Count();
        }

        public static class FileUtils
        {
            public static IEnumerable<ImageRow> LoadImagesFromDirectory(string folder, bool useFolderNameAsLabel = true)
            {
                foreach (var file in {|#0:Directory.GetFiles(folder, "*", SearchOption.AllDirectories)|})
                {
                    if (Path.GetExtension(file) is not (".jpg" or ".png"))
                        continue;
                    var label = useFolderNameAsLabel ? Directory.GetParent(file)!.Name : Path.GetFileNameWithoutExtension(file);
                    yield return new ImageRow { ImagePath = file, Label = label };
                }
            }

            public static void CleanUp(string folder)
            {
                foreach (var file in Directory.GetFiles(folder, "*.tmp"))
                    File.Delete(file);
            }
        }

        public static class Program
        {
            public static ITransformer Train(MLContext ml)
            {
                FileUtils.CleanUp("assets/flowers");
                var data = ml.Data.LoadFromEnumerable(FileUtils.LoadImagesFromDirectory("assets/flowers"));
                return ml.Transforms.LoadRawImageBytes("Image", null, "ImagePath")
                    .Append(ml.MulticlassClassification.Trainers.SdcaMaximumEntropy())
                    .Fit(data);
            }
        }
        """, UndeclaredByCaller(0, "Directory.GetFiles", "assets/flowers", "'Program.Train' (Test0.cs line 46)"));

    [Fact]
    public Task Files_a_helper_lists_for_training_samples_are_reported_at_the_listing() => Verify.VerifyAsync(Usings + """
        public static class Storage
        {
            public static string[] ListFiles(string folder, string pattern) => {|#0:Directory.GetFiles(folder, pattern)|};
        }

        public class Training
        {
            public ITransformer Train(MLContext ml)
            {
                foreach (var stale in Storage.ListFiles("checkpoints", "*.tmp"))
                    File.Delete(stale);
                var rows = Storage.ListFiles("data/images", "*.png").Select(f => new Row { Feature = new FileInfo(f).Length });
                return ml.BinaryClassification.Trainers.SdcaLogisticRegression().Fit(ml.Data.LoadFromEnumerable(rows));
            }
        }
        """, UndeclaredByCaller(0, "Directory.GetFiles", "data/images", "'Training.Train' (Test0.cs line 25)"));

    /// <summary>A helper that lists the folder the training code then loads with LoadImages: one dataset, one finding (at the image load).</summary>
    [Fact]
    public Task A_listing_of_the_folder_an_image_load_reads_is_not_a_second_finding() => Verify.VerifyAsync(Usings + """
        public class ImageRow { public string ImagePath { get; set; } = ""; public string Label { get; set; } = ""; }

        public static class Program
        {
            private static readonly string ImagesFolder = Path.Combine("assets", "flowers");

            public static ITransformer Train(MLContext ml)
            {
                var data = ml.Data.LoadFromEnumerable(LoadImagesFromDirectory(ImagesFolder));
                var relative = Directory.GetFiles(ImagesFolder, "*.jpg").Select(f => new ImageRow { ImagePath = Path.GetFileName(f) });
                return {|#0:ml.Transforms.LoadImages("Image", ImagesFolder, "ImagePath")|}
                    .Append(ml.MulticlassClassification.Trainers.SdcaMaximumEntropy())
                    .Fit(data);
            }

            private static IEnumerable<ImageRow> LoadImagesFromDirectory(string folder)
                => Directory.EnumerateFiles(folder, "*.jpg", SearchOption.AllDirectories)
                    .Select(file => new ImageRow { ImagePath = file, Label = Path.GetFileName(Path.GetDirectoryName(file))! });
        }
        """, Undeclared(0, "LoadImages", "assets/flowers"));

    /// <summary>The one-folder-per-class layout of image datasets: listing each class folder lists the root's dataset.</summary>
    [Fact]
    public Task Class_folders_listed_by_a_TorchSharp_dataset_are_reported_as_their_root() => Verify.VerifyAsync(Usings + """
        public sealed class ImageFolderDataset : torch.utils.data.Dataset
        {
            private readonly List<(string Path, long Label)> _samples = new();

            public ImageFolderDataset(string root)
            {
                var classes = Directory.GetDirectories(root).OrderBy(d => d).ToArray();
                for (var label = 0; label < classes.Length; label++)
                {
                    foreach (var file in Directory.GetFiles(classes[label], "*.png"))
                        _samples.Add((file, label));
                }

                foreach (var classDir in Directory.GetDirectories(root))
                    foreach (var file in {|#1:Directory.EnumerateFiles(classDir)|})
                        _samples.Add((file, 0));
                foreach (var classDir in new DirectoryInfo(Path.Combine(root, "extra")).GetDirectories())
                    foreach (var file in {|#2:classDir.GetFiles("*.jpg")|})
                        _samples.Add((file.FullName, 1));
            }

            public override long Count => _samples.Count;

            public override Dictionary<string, Tensor> GetTensor(long index)
                => new() { ["data"] = torchvision.io.read_image(_samples[(int)index].Path), ["label"] = tensor(_samples[(int)index].Label) };
        }

        public static class Program
        {
            public static void Main()
            {
                using var train = new ImageFolderDataset("data/train");
            }
        }
        """,
        UndeclaredByCaller(1, "Directory.EnumerateFiles", "data/train", "'Program.Main' (Test0.cs line 45)"),
        UndeclaredByCaller(2, "DirectoryInfo.GetFiles", "data/train/extra", "'Program.Main' (Test0.cs line 45)"));

    /// <summary>MNIST's gzipped idx files read straight into tensors: the archive is the data, not a transport.</summary>
    [Fact]
    public Task Archives_read_into_memory_are_reported() => Verify.VerifyAsync(Usings + """
        public class MnistReader
        {
            public void Train(Tensor loss, optim.Optimizer optimizer)
            {
                using var file = {|#0:File.OpenRead("data/train-images-idx3-ubyte.gz")|};
                using var gzip = new System.IO.Compression.GZipStream(file, System.IO.Compression.CompressionMode.Decompress);
                var buffer = new byte[28 * 28];
                gzip.ReadExactly(buffer);
                loss.backward();
                optimizer.step();
            }
        }
        """, Undeclared(0, "File.OpenRead", "data/train-images-idx3-ubyte.gz"));

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
    [InlineData("foreach (var f in Directory.GetFiles(\"x\")) File.Delete(; Array.ForEach(Directory.GetFiles(\"y\"), ); Directory.GetFiles(\"z\").ToList().ForEach(); ml.Regression.Trainers.Sdca().Fit(null!);")]
    [InlineData("new DirectoryInfo().GetFiles(); new DirectoryInfo(paths).EnumerateFiles().Select(f => f.); var d = new DirectoryInfo(\"a\"); d = null; d.GetFiles().First(); ml.Regression.Trainers.Sdca().Fit(null!);")]
    [InlineData("using var s = File.OpenRead(\"a.zip\"); new System.IO.Compression.ZipArchive(s).ExtractToDirectory(; new System.IO.Compression.GZipStream(File.OpenRead(), ).CopyTo(File.Create()); ml.Regression.Trainers.Sdca().Fit(null!);")]
    [InlineData("var files = Directory.GetFiles(\"a\"); files = files; foreach (var f in files) foreach (var g in f) { } ml.Transforms.LoadImages(\"i\", files[0], \"p\"); ml.Transforms.LoadImages(\"i\", string.Empty, ); ml.Regression.Trainers.Sdca().Fit(null!);")]
    public async Task Broken_code_does_not_throw(string body)
    {
        var compilation = AnalyzerRunner.Compile(Usings + "[TrainingPipeline(\"b\")] public static partial class Broken { public static void M(MLContext ml, string[] paths) { " + body + " } }");
        var result = await AnalyzerRunner.RunAsync(compilation, [new UntrackedDataLoadAnalyzer()]);
        Assert.Empty(result.Exceptions);
    }
}
