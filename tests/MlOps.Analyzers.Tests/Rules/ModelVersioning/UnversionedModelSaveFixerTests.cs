using System.Threading.Tasks;
using Microsoft.CodeAnalysis.Testing;
using MlOps.Analyzers.Rules.ModelVersioning;
using Verify = MlOps.Analyzers.Tests.Infrastructure.LineageCodeFixVerifier<
    MlOps.Analyzers.Rules.ModelVersioning.UnversionedModelSaveAnalyzer,
    MlOps.Analyzers.CodeFixes.Rules.ModelVersioning.UnversionedModelSaveFixer>;

namespace MlOps.Analyzers.Tests.Rules.ModelVersioning;

/// <summary>The fixed code compiles with the lineage generator in the compilation, so <c>Lineage.Models.X.Resolve(Lineage.Version)</c> exists.</summary>
public class UnversionedModelSaveFixerTests
{
    private static DiagnosticResult Fixed(int location, string api, string path)
        => Verify.Diagnostic(UnversionedModelSaveAnalyzer.Rule).WithLocation(location).WithArguments(api, path);

    [Fact]
    public Task Declares_a_versioned_model_output_and_saves_to_its_resolved_path() => Verify.VerifyAsync("""
        using Microsoft.ML;

        public class ChurnTrainer
        {
            public void Save(MLContext ml, ITransformer model, IDataView data)
            {
                {|#0:ml.Model.Save(model, data.Schema, "models/churn.zip")|};
            }
        }
        """, """
        using Microsoft.ML;
        using MlOps.Lineage;

        [TrainingPipeline("churn-trainer", Version = "0.1.0")]
        [ModelOutput("churn", "models/churn-{version}.zip")]
        public partial class ChurnTrainer
        {
            public void Save(MLContext ml, ITransformer model, IDataView data)
            {
                ml.Model.Save(model, data.Schema, Lineage.Models.Churn.Resolve(Lineage.Version));
            }
        }
        """, Fixed(0, "Model.Save", "models/churn.zip"));

    [Fact]
    public Task TorchSharp_save_in_an_existing_pipeline_through_a_local() => Verify.VerifyAsync("""
        using MlOps.Lineage;
        using static TorchSharp.torch;

        [TrainingPipeline("mnist", Version = "2.0.0")]
        [ModelOutput("mnist", "models/mnist-{version}.bin")]
        public partial class MnistTraining
        {
            private const string Checkpoints = "checkpoints";

            public void Save(nn.Module model)
            {
                var path = $"{Checkpoints}/mnist";
                {|#0:model.save(path)|};
            }
        }
        """, """
        using MlOps.Lineage;
        using static TorchSharp.torch;

        [TrainingPipeline("mnist", Version = "2.0.0")]
        [ModelOutput("mnist", "models/mnist-{version}.bin")]
        [ModelOutput("mnist-2", "checkpoints/mnist-{version}")]
        public partial class MnistTraining
        {
            private const string Checkpoints = "checkpoints";

            public void Save(nn.Module model)
            {
                var path = $"{Checkpoints}/mnist";
                model.save(Lineage.Models.Mnist2.Resolve(Lineage.Version));
            }
        }
        """, Fixed(0, "Module.save", "checkpoints/mnist"));

    [Fact]
    public async Task Fix_all_over_two_documents_declares_a_shared_path_once()
    {
        const string program = """
            using Microsoft.ML;

            public static partial class Program
            {
                public static void Save(MLContext ml, ITransformer model, DataViewSchema schema)
                {
                    {|#0:ml.Model.Save(model, schema, "model.zip")|};
                    {|#1:ml.Model.Save(model, schema, "baseline.zip")|};
                }
            }
            """;
        const string backup = """
            using Microsoft.ML;

            public static partial class Program
            {
                public static void Backup(MLContext ml, ITransformer model, DataViewSchema schema) => {|#2:ml.Model.Save(model, schema, "model.zip")|};
            }
            """;
        const string backupFixed = """
            using Microsoft.ML;
            using MlOps.Lineage;

            [TrainingPipeline("program", Version = "0.1.0")]
            [ModelOutput("model", "model-{version}.zip")]
            [ModelOutput("baseline", "baseline-{version}.zip")]
            public static partial class Program
            {
                public static void Backup(MLContext ml, ITransformer model, DataViewSchema schema) => ml.Model.Save(model, schema, Lineage.Models.Model.Resolve(Lineage.Version));
            }
            """;
        var test = new Verify.Test
        {
            TestState =
            {
                Sources = { ("/0/Program.cs", program), ("/0/Backup.cs", backup) },
                ExpectedDiagnostics =
                {
                    Fixed(0, "Model.Save", "model.zip"),
                    Fixed(1, "Model.Save", "baseline.zip"),
                    Fixed(2, "Model.Save", "model.zip"),
                },
            },
            FixedState =
            {
                Sources =
                {
                    ("/0/Program.cs", """
                        using Microsoft.ML;

                        public static partial class Program
                        {
                            public static void Save(MLContext ml, ITransformer model, DataViewSchema schema)
                            {
                                ml.Model.Save(model, schema, Lineage.Models.Model.Resolve(Lineage.Version));
                                ml.Model.Save(model, schema, Lineage.Models.Baseline.Resolve(Lineage.Version));
                            }
                        }
                        """),
                    ("/0/Backup.cs", backupFixed),
                },
            },
            CodeFixTestBehaviors = CodeFixTestBehaviors.SkipFixAllInDocumentCheck,
        };

        // The versioned saves no longer match the fixed path, so one at a time and Fix All end in the same place.
        test.NumberOfIncrementalIterations = 3;
        test.NumberOfFixAllIterations = 1;
        await test.RunAsync();
    }

    [Fact]
    public Task A_path_built_from_names_keeps_them_and_gains_the_pipeline_version() => Verify.VerifyAsync("""
        using Microsoft.ML;

        public enum Algorithm { FastTree, Sdca }

        public class ChurnTrainer
        {
            public void Save(MLContext ml, ITransformer model, IDataView data, string[] labels, Algorithm algorithm)
            {
                foreach (var label in labels)
                    {|#0:ml.Model.Save(model, data.Schema, $"Models/{label}-{algorithm}.zip")|};
            }
        }
        """, """
        using Microsoft.ML;
        using MlOps.Lineage;

        public enum Algorithm { FastTree, Sdca }

        [TrainingPipeline("churn-trainer", Version = "0.1.0")]
        public partial class ChurnTrainer
        {
            public void Save(MLContext ml, ITransformer model, IDataView data, string[] labels, Algorithm algorithm)
            {
                foreach (var label in labels)
                    ml.Model.Save(model, data.Schema, $"Models/{label}-{algorithm}-{Lineage.Version}.zip");
            }
        }
        """, Fixed(0, "Model.Save", "Models/{label}-{algorithm}.zip"));

    [Fact]
    public async Task Fix_all_versions_name_paths_and_constant_paths_in_one_pipeline()
    {
        var test = new Verify.Test
        {
            TestCode = """
                using System.IO;
                using MlOps.Lineage;
                using static TorchSharp.torch;

                [TrainingPipeline("detector", Version = "1.0.0")]
                public partial class DetectorTraining
                {
                    public void Save(nn.Module model, string[] datasets)
                    {
                        foreach (var datasetName in datasets)
                        {
                            {|#0:model.save($@"models\{datasetName}")|};
                            {|#1:model.save($"{datasetName}.model.bin")|};
                        }

                        {|#2:model.save("models/detector.bin")|};
                    }
                }
                """,
            FixedCode = """
                using System.IO;
                using MlOps.Lineage;
                using static TorchSharp.torch;

                [TrainingPipeline("detector", Version = "1.0.0")]
                [ModelOutput("detector", "models/detector-{version}.bin")]
                public partial class DetectorTraining
                {
                    public void Save(nn.Module model, string[] datasets)
                    {
                        foreach (var datasetName in datasets)
                        {
                            model.save($@"models\{datasetName}-{Lineage.Version}");
                            model.save($"{datasetName}.model-{Lineage.Version}.bin");
                        }

                        model.save(Lineage.Models.Detector.Resolve(Lineage.Version));
                    }
                }
                """,
        };
        test.ExpectedDiagnostics.Add(Fixed(0, "Module.save", "models\\{datasetName}"));
        test.ExpectedDiagnostics.Add(Fixed(1, "Module.save", "{datasetName}.model.bin"));
        test.ExpectedDiagnostics.Add(Fixed(2, "Module.save", "models/detector.bin"));
        await test.RunAsync();
    }

    [Fact]
    public Task A_name_path_through_a_local_or_in_a_raw_string_offers_no_fix()
    {
        const string source = """"
            using Microsoft.ML;

            public class ChurnTrainer
            {
                public void Save(MLContext ml, ITransformer model, IDataView data, string[] labels)
                {
                    foreach (var label in labels)
                    {
                        var path = $"models/{label}.zip";
                        {|#0:ml.Model.Save(model, data.Schema, path)|};
                        {|#1:ml.Model.Save(model, data.Schema, $"""models/{label}-raw.zip""")|};
                    }
                }
            }
            """";
        var test = new Verify.Test { TestCode = source, FixedCode = source };
        test.ExpectedDiagnostics.Add(Fixed(0, "Model.Save", "models/{label}.zip"));
        test.ExpectedDiagnostics.Add(Fixed(1, "Model.Save", "models/{label}-raw.zip"));
        return test.RunAsync();
    }

    [Fact]
    public Task Streams_and_paths_with_machine_roots_offer_no_fix()
    {
        const string source = """
            using System;
            using System.IO;
            using Microsoft.ML;

            public class Training
            {
                public void Save(MLContext ml, ITransformer model, IDataView data)
                {
                    using var file = File.Create("model.zip");
                    {|#0:ml.Model.Save(model, data.Schema, file)|};
                    {|#1:ml.Model.Save(model, data.Schema, Path.Combine(Environment.CurrentDirectory, "model.zip"))|};
                }
            }
            """;
        var test = new Verify.Test { TestCode = source, FixedCode = source };
        test.ExpectedDiagnostics.Add(Fixed(0, "Model.Save", "model.zip"));
        test.ExpectedDiagnostics.Add(Fixed(1, "Model.Save", "<the current directory>/model.zip"));
        return test.RunAsync();
    }
}
