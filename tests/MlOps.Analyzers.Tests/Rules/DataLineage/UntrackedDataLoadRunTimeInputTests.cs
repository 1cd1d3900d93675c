using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis.Testing;
using MlOps.Analyzers.Rules.DataLineage;
using MlOps.Analyzers.Rules.ModelVersioning;
using MlOps.Analyzers.Tests.Infrastructure;
using Verify = MlOps.Analyzers.Tests.Infrastructure.LineageAnalyzerVerifier<MlOps.Analyzers.Rules.DataLineage.UntrackedDataLoadAnalyzer>;

namespace MlOps.Analyzers.Tests.Rules.DataLineage;

/// <summary>
/// MLOPS010 and values the program reads from outside at run time (RULES.md, "Training code"): the command line,
/// configuration and options, environment variables are not declared sources; a value followed through constants and
/// members, also in another file, that is the declared dataset is.
/// </summary>
public class UntrackedDataLoadRunTimeInputTests
{
    private const string Usings = $$"""
        using System;
        using System.IO;
        using Microsoft.Extensions.Configuration;
        using Microsoft.Extensions.Options;
        using Microsoft.ML;
        using Microsoft.ML.Data;
        using MlOps.Lineage;

        {{TestSources.Row}}

        public class TrainingOptions { public string DataPath { get; set; } = ""; }

        """;

    private static DiagnosticResult FromOutside(int location, string api, string source)
        => Verify.Diagnostic(UntrackedDataLoadAnalyzer.RunTimeInputRule).WithLocation(location).WithArguments(api, source);

    private static Task VerifyFilesAsync(string[] sources, params DiagnosticResult[] expected)
        => VerifyFilesAsync(sources, Microsoft.CodeAnalysis.OutputKind.DynamicallyLinkedLibrary, expected);

    private static Task VerifyFilesAsync(string[] sources, Microsoft.CodeAnalysis.OutputKind outputKind, params DiagnosticResult[] expected)
    {
        var test = new Verify.Test();
        test.TestState.OutputKind = outputKind;
        return VerifyFilesAsync(test, sources, expected);
    }

    private static Task VerifyFilesAsync(AnalyzerTest<DefaultVerifier> test, string[] sources, params DiagnosticResult[] expected)
    {
        foreach (var source in sources)
            test.TestState.Sources.Add(source);
        test.ExpectedDiagnostics.AddRange(expected);
        return test.RunAsync(CancellationToken.None);
    }

    // ---- Not a finding ----

    [Fact]
    public Task Command_line_paths_in_inference_only_code_are_not_reported() => Verify.VerifyAsync(Usings + """
        public static class Program
        {
            public static void Main(string[] args)
            {
                var ml = new MLContext(seed: 1);
                var model = ml.Model.Load(args[0], out _);
                var rows = ml.Data.LoadFromTextFile<Row>(args[1], separatorChar: ',');
                model.Transform(rows);
            }
        }
        """);

    [Fact]
    public Task A_configuration_value_in_an_inference_only_web_host_is_not_reported() => Verify.VerifyAsync(Usings + """
        public sealed class ScoringService
        {
            private readonly IConfiguration _configuration;
            private readonly IOptions<TrainingOptions> _options;
            private readonly MLContext _ml = new(seed: 1);

            public ScoringService(IConfiguration configuration, IOptions<TrainingOptions> options)
            {
                _configuration = configuration;
                _options = options;
            }

            public IDataView ScoreBatch(ITransformer model)
            {
                var batch = _ml.Data.LoadFromTextFile<Row>(_configuration["Scoring:Input"]!, separatorChar: ',');
                var more = _ml.Data.LoadFromTextFile<Row>(_options.Value.DataPath, separatorChar: ',');
                return model.Transform(batch);
            }
        }
        """);

    [Fact]
    public Task A_run_time_path_checked_against_the_declared_dataset_is_not_reported() => Verify.VerifyAsync(Usings + """
        [TrainingPipeline("churn", Version = "1.0.0")]
        [DatasetInput("train", "data/train.csv")]
        public partial class ChurnTraining
        {
            public static ITransformer Main(string[] args)
            {
                var path = args.Length > 0 ? args[0] : Lineage.Datasets.Train.Path;
                if (!string.Equals(Path.GetFullPath(path), Path.GetFullPath(Lineage.Datasets.Train.Path), StringComparison.Ordinal))
                    throw new ArgumentException("Train on the declared dataset.");
                var ml = new MLContext(seed: 1);
                var data = ml.Data.LoadFromTextFile<Row>(path, separatorChar: ',');
                return ml.BinaryClassification.Trainers.SdcaLogisticRegression().Fit(data);
            }
        }
        """);

    [Fact]
    public Task A_run_time_path_passed_through_the_lineage_api_is_not_reported() => Verify.VerifyAsync(Usings + """
        public static class Program
        {
            public static ITransformer Main(string[] args)
            {
                var dataset = new DatasetDeclaration("train", args[0]);
                DatasetFingerprint.Compute(dataset);
                var ml = new MLContext(seed: 1);
                var data = ml.Data.LoadFromTextFile<Row>(args[0], separatorChar: ',');
                var same = ml.Data.LoadFromTextFile<Row>(dataset.Path, separatorChar: ',');
                return ml.BinaryClassification.Trainers.SdcaLogisticRegression().Fit(data);
            }
        }
        """);

    [Fact]
    public Task A_file_chosen_at_run_time_under_a_declared_folder_is_not_reported() => Verify.VerifyAsync(Usings + """
        [TrainingPipeline("images", Version = "1.0.0")]
        [DatasetInput("images", "data/images")]
        public partial class ImageTraining
        {
            private const string ImagesDir = "data/images";

            public static ITransformer Main(string[] args)
            {
                var ml = new MLContext(seed: 1);
                var data = ml.Data.LoadFromTextFile<Row>(Path.Combine(ImagesDir, args[0]), separatorChar: ',');
                return ml.BinaryClassification.Trainers.SdcaLogisticRegression().Fit(data);
            }
        }
        """);

    [Fact]
    public Task A_run_time_piece_beside_a_value_the_analysis_cannot_see_is_not_reported() => Verify.VerifyAsync(Usings + """
        public class Trainer
        {
            protected virtual string Root() => "data";

            public ITransformer Train(MLContext ml)
            {
                var data = ml.Data.LoadFromTextFile<Row>(Path.Combine(Root(), Environment.GetEnvironmentVariable("TRAIN_FILE")!), separatorChar: ',');
                return ml.BinaryClassification.Trainers.SdcaLogisticRegression().Fit(data);
            }
        }
        """);

    [Fact]
    public Task The_declared_path_through_a_generated_member_read_in_another_file_is_not_reported() => VerifyFilesAsync(new[]
    {
        Usings + """
        [TrainingPipeline("churn", Version = "1.0.0")]
        [DatasetInput("train", "data/train.csv")]
        public partial class ChurnTraining
        {
            public ITransformer Train(MLContext ml)
            {
                var data = ml.Data.LoadFromTextFile<Row>(DataPaths.Train, separatorChar: ',');
                var same = ml.Data.LoadFromTextFile<Row>(DataPaths.TrainDeclaration.Path, separatorChar: ',');
                return ml.BinaryClassification.Trainers.SdcaLogisticRegression().Fit(data);
            }
        }
        """,
        """
        public static class DataPaths
        {
            public static string Train => ChurnTraining.Lineage.Datasets.Train.Path;
            public static MlOps.Lineage.DatasetDeclaration TrainDeclaration => ChurnTraining.Lineage.Datasets.Train;
        }
        """,
    });

    [Fact]
    public Task Constants_in_another_file_that_equal_the_declared_path_are_not_reported() => VerifyFilesAsync(new[]
    {
        Usings + """
        [TrainingPipeline("churn", Version = "1.0.0")]
        [DatasetInput("train", "data/train.csv")]
        public partial class ChurnTraining
        {
            public ITransformer Train(MLContext ml)
            {
                var a = ml.Data.LoadFromTextFile<Row>(DataPaths.Train, separatorChar: ',');
                var b = ml.Data.LoadFromTextFile<Row>(DataPaths.TrainCopy, separatorChar: ',');
                var c = ml.Data.LoadFromTextFile<Row>(Path.Combine(DataPaths.Folder, "train.csv"), separatorChar: ',');
                return ml.BinaryClassification.Trainers.SdcaLogisticRegression().Fit(a);
            }
        }
        """,
        """
        public static class DataPaths
        {
            public const string Folder = "data";
            public const string Train = Folder + "/train.csv";
            public static readonly string TrainCopy = "data/train.csv";
        }
        """,
    });

    [Fact]
    public Task Fields_properties_and_helpers_in_another_file_that_hold_the_declared_path_are_not_reported() => VerifyFilesAsync(new[]
    {
        Usings + """
        [TrainingPipeline("churn", Version = "1.0.0")]
        [DatasetInput("train", "data/train.csv")]
        [DatasetInput("images", "data/images")]
        public partial class ChurnTraining
        {
            public ITransformer Train(MLContext ml)
            {
                var a = ml.Data.LoadFromTextFile<Row>(DataPaths.TrainFile, separatorChar: ',');
                var b = ml.Data.LoadFromTextFile<Row>(DataPaths.Train, separatorChar: ',');
                var c = ml.Data.LoadFromTextFile<Row>(DataPaths.TrainPath(), separatorChar: ',');
                var d = ml.Data.LoadFromTextFile<Row>(DataPaths.Image("cat.tsv"), separatorChar: ',');
                var e = ml.Data.LoadFromTextFile<Row>(new DataPaths().Declared, separatorChar: ',');
                return ml.BinaryClassification.Trainers.SdcaLogisticRegression().Fit(a);
            }
        }
        """,
        """
        using System.IO;

        public sealed class DataPaths
        {
            private static readonly string Root = Path.Combine("data");
            public static readonly string TrainFile = Path.Combine(Root, "train.csv");
            public static string Train => TrainFile;
            public static string TrainPath() => $"{Root}/train.csv";
            public static string Image(string file) => Path.Combine(Root, "images", file);
            public string Declared { get; } = ChurnTraining.Lineage.Datasets.Train.Path;
        }
        """,
    });

    [Fact]
    public Task Values_in_another_file_that_are_not_the_declared_path_are_reported_at_compilation_end() => VerifyFilesAsync(new[]
    {
        Usings + """
        [TrainingPipeline("churn", Version = "1.0.0")]
        [DatasetInput("train", "data/train.csv")]
        public partial class ChurnTraining
        {
            public ITransformer Train(MLContext ml)
            {
                var a = {|#0:ml.Data.LoadFromTextFile<Row>(DataPaths.Other, separatorChar: ',')|};
                var b = {|#1:ml.Data.LoadFromTextFile<Row>(DataPaths.FromEnvironment, separatorChar: ',')|};
                var c = {|#2:ml.Data.LoadFromTextFile<Row>(DataPaths.Validation(), separatorChar: ',')|};
                return ml.BinaryClassification.Trainers.SdcaLogisticRegression().Fit(a);
            }
        }
        """,
        """
        using System;
        using System.IO;

        public static class DataPaths
        {
            public static readonly string Other = Path.Combine("data", "other.csv");
            public static string FromEnvironment => Environment.GetEnvironmentVariable("TRAIN_DATA")!;
            public static string Validation() => Path.Combine("data", "validation.csv");
        }
        """,
    },
        Verify.Diagnostic(UntrackedDataLoadAnalyzer.Rule).WithLocation(0).WithArguments("LoadFromTextFile", "data/other.csv"),
        FromOutside(1, "LoadFromTextFile", "the environment variable 'TRAIN_DATA'"),
        Verify.Diagnostic(UntrackedDataLoadAnalyzer.Rule).WithLocation(2).WithArguments("LoadFromTextFile", "data/validation.csv"));

    [Fact]
    public Task A_model_path_held_in_another_file_is_judged_at_compilation_end() => VerifyFilesAsync(
        new LineageAnalyzerVerifier<UnversionedModelSaveAnalyzer>.Test(),
        new[]
        {
            Usings + """
            public class Trainer
            {
                public void Train(MLContext ml, IDataView data)
                {
                    var model = ml.BinaryClassification.Trainers.SdcaLogisticRegression().Fit(data);
                    {|#0:ml.Model.Save(model, data.Schema, ModelPaths.Fixed)|};
                    ml.Model.Save(model, data.Schema, ModelPaths.Stamped);
                }
            }
            """,
            """
            using System;
            using System.IO;

            public static class ModelPaths
            {
                public static readonly string Fixed = Path.Combine("models", "churn.zip");
                public static string Stamped => Path.Combine("models", $"churn-{DateTime.UtcNow:yyyyMMddHHmmss}.zip");
            }
            """,
        },
        LineageAnalyzerVerifier<UnversionedModelSaveAnalyzer>.Diagnostic(UnversionedModelSaveAnalyzer.Rule).WithLocation(0).WithArguments("Model.Save", "models/churn.zip"));

    [Fact]
    public Task A_model_saved_to_or_loaded_from_a_configured_path_is_not_judged_as_fixed() => LineageAnalyzerVerifier<UnversionedModelSaveAnalyzer>.VerifyAsync(Usings + """
        public class Trainer
        {
            public void Train(MLContext ml, IDataView data, IConfiguration configuration, string[] args)
            {
                var model = ml.BinaryClassification.Trainers.SdcaLogisticRegression().Fit(data);
                ml.Model.Save(model, data.Schema, configuration["Model:Path"]!);
                ml.Model.Save(model, data.Schema, Environment.GetEnvironmentVariable("MODEL_PATH")!);
            }
        }
        """);

    // ---- Findings ----

    [Fact]
    public Task A_path_from_the_command_line_is_reported_with_its_source() => Verify.VerifyAsync(Usings + """
        public static class Program
        {
            public static void Main(string[] args)
            {
                var ml = new MLContext(seed: 1);
                var data = {|#0:ml.Data.LoadFromTextFile<Row>(args[0], separatorChar: ',')|};
                var more = {|#1:ml.Data.LoadFromTextFile<Row>(Path.Combine(Environment.GetCommandLineArgs()[1], "train.csv"), separatorChar: ',')|};
                ml.BinaryClassification.Trainers.SdcaLogisticRegression().Fit(data);
            }
        }
        """,
        FromOutside(0, "LoadFromTextFile", "the command line (args[0])"),
        FromOutside(1, "LoadFromTextFile", "the command line (Environment.GetCommandLineArgs()[1])"));

    [Fact]
    public Task A_path_from_top_level_statements_args_is_reported() => VerifyFilesAsync(new[] { """
        using Microsoft.ML;
        using Microsoft.ML.Data;

        var ml = new MLContext(seed: 1);
        var path = args[0];
        var data = {|#0:ml.Data.LoadFromTextFile<Row>(path, separatorChar: ',')|};
        ml.BinaryClassification.Trainers.SdcaLogisticRegression().Fit(data);

        """ + TestSources.Row },
        Microsoft.CodeAnalysis.OutputKind.ConsoleApplication,
        FromOutside(0, "LoadFromTextFile", "the command line (args[0])"));

    [Fact]
    public Task Paths_from_configuration_options_and_the_environment_are_reported_with_their_source() => Verify.VerifyAsync(Usings + """
        public sealed class Trainer
        {
            private readonly IConfiguration _configuration;
            private readonly IOptions<TrainingOptions> _options;

            public Trainer(IConfiguration configuration, IOptions<TrainingOptions> options)
            {
                _configuration = configuration;
                _options = options;
            }

            public ITransformer Train(MLContext ml)
            {
                var a = {|#0:ml.Data.LoadFromTextFile<Row>(_configuration["Data:Train"]!, separatorChar: ',')|};
                var b = {|#1:ml.Data.LoadFromTextFile<Row>(_configuration.GetValue<string>("Data:Train")!, separatorChar: ',')|};
                var c = {|#2:ml.Data.LoadFromTextFile<Row>(_configuration.GetSection("Data:Train").Value!, separatorChar: ',')|};
                var d = {|#3:ml.Data.LoadFromTextFile<Row>(_options.Value.DataPath, separatorChar: ',')|};
                var e = {|#4:ml.Data.LoadFromTextFile<Row>(Environment.GetEnvironmentVariable("TRAIN_DATA") ?? "data/train.csv", separatorChar: ',')|};
                return ml.BinaryClassification.Trainers.SdcaLogisticRegression().Fit(a);
            }
        }
        """,
        FromOutside(0, "LoadFromTextFile", "the configuration 'Data:Train'"),
        FromOutside(1, "LoadFromTextFile", "the configuration 'Data:Train'"),
        FromOutside(2, "LoadFromTextFile", "the configuration 'Data:Train'"),
        FromOutside(3, "LoadFromTextFile", "the options 'TrainingOptions.DataPath' bound from configuration"),
        FromOutside(4, "LoadFromTextFile", "the environment variable 'TRAIN_DATA'"));

    [Fact]
    public Task Options_kept_in_a_readonly_field_are_reported_with_their_source() => Verify.VerifyAsync(Usings + """
        public sealed class Trainer
        {
            private readonly TrainingOptions _options;
            private readonly TrainingOptions _current;
            private readonly TrainingOptions _bound;

            public Trainer(IOptions<TrainingOptions> options, IOptionsMonitor<TrainingOptions> monitor, IConfiguration configuration)
            {
                _options = options.Value;
                this._current = monitor.CurrentValue;
                _bound = configuration.GetSection("Training").Get<TrainingOptions>()!;
            }

            public ITransformer Train(MLContext ml)
            {
                var a = {|#0:ml.Data.LoadFromTextFile<Row>(_options.DataPath, separatorChar: ',')|};
                var b = {|#1:ml.Data.LoadFromTextFile<Row>(_current.DataPath, separatorChar: ',')|};
                var c = {|#2:ml.Data.LoadFromTextFile<Row>(_bound.DataPath, separatorChar: ',')|};
                return ml.BinaryClassification.Trainers.SdcaLogisticRegression().Fit(a);
            }
        }
        """,
        FromOutside(0, "LoadFromTextFile", "the options 'TrainingOptions.DataPath' bound from configuration"),
        FromOutside(1, "LoadFromTextFile", "the options 'TrainingOptions.DataPath' bound from configuration"),
        FromOutside(2, "LoadFromTextFile", "the options 'TrainingOptions.DataPath' bound from configuration"));

    [Fact]
    public Task Options_bound_in_place_are_reported_with_their_source() => Verify.VerifyAsync(Usings + """
        public static class Trainer
        {
            public static ITransformer Train(MLContext ml, IConfiguration configuration)
            {
                var options = new TrainingOptions { DataPath = "data/train.csv" };
                configuration.Bind("Training", options);
                var all = new TrainingOptions();
                configuration.GetSection("Training").Bind(all);
                var a = {|#0:ml.Data.LoadFromTextFile<Row>(options.DataPath, separatorChar: ',')|};
                var b = {|#1:ml.Data.LoadFromTextFile<Row>(all.DataPath, separatorChar: ',')|};
                return ml.BinaryClassification.Trainers.SdcaLogisticRegression().Fit(a);
            }

            public static ITransformer TrainUnbound(MLContext ml, IConfiguration configuration)
            {
                var defaults = new TrainingOptions { DataPath = "data/train.csv" };
                var other = new TrainingOptions();
                configuration.Bind("Training", other);
                var data = ml.Data.LoadFromTextFile<Row>(defaults.DataPath, separatorChar: ',');
                return ml.BinaryClassification.Trainers.SdcaLogisticRegression().Fit(data);
            }
        }
        """,
        FromOutside(0, "LoadFromTextFile", "the options 'TrainingOptions.DataPath' bound from configuration"),
        FromOutside(1, "LoadFromTextFile", "the options 'TrainingOptions.DataPath' bound from configuration"));

    [Fact]
    public Task Options_fields_that_may_hold_other_values_are_not_taken_as_configuration() => Verify.VerifyAsync(Usings + """
        public sealed class Trainer
        {
            private readonly TrainingOptions _options;
            private TrainingOptions _mutable;
            private readonly TrainingOptions _replaced;

            public Trainer(IOptions<TrainingOptions> options)
            {
                _options = options.Value;
                _mutable = options.Value;
                _replaced = options.Value;
            }

            public Trainer() => _options = new TrainingOptions { DataPath = "data/train.csv" };

            public Trainer(bool fallback, IOptions<TrainingOptions> options) : this(options) => Replace(out _replaced);

            private static void Replace(out TrainingOptions options) => options = new TrainingOptions();

            public ITransformer Train(MLContext ml)
            {
                var a = ml.Data.LoadFromTextFile<Row>(_options.DataPath, separatorChar: ',');
                var b = ml.Data.LoadFromTextFile<Row>(_mutable.DataPath, separatorChar: ',');
                var c = ml.Data.LoadFromTextFile<Row>(_replaced.DataPath, separatorChar: ',');
                return ml.BinaryClassification.Trainers.SdcaLogisticRegression().Fit(a);
            }
        }
        """);

    [Fact]
    public Task A_command_line_path_passed_to_a_training_helper_is_reported_at_the_load() => Verify.VerifyAsync(Usings + """
        public static class Program
        {
            public static void Main(string[] args) => Train(new MLContext(seed: 1), args[0]);

            private static ITransformer Train(MLContext ml, string path)
            {
                var data = {|#0:ml.Data.LoadFromTextFile<Row>(path, separatorChar: ',')|};
                return ml.BinaryClassification.Trainers.SdcaLogisticRegression().Fit(data);
            }
        }
        """,
        Verify.Diagnostic(UntrackedDataLoadAnalyzer.RunTimeInputCallSiteRule).WithLocation(0)
            .WithArguments("LoadFromTextFile", "the command line (args[0])", "'Program.Main' (Test0.cs line 14)"));
}
