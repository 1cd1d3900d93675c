using System.Threading.Tasks;
using Microsoft.CodeAnalysis.Testing;
using MlOps.Analyzers.Rules.ModelVersioning;
using Verify = MlOps.Analyzers.Tests.Infrastructure.LineageCodeFixVerifier<
    MlOps.Analyzers.Rules.ModelVersioning.ModelSavedWithoutLineageAnalyzer,
    MlOps.Analyzers.CodeFixes.Rules.ModelVersioning.ModelSavedWithoutLineageFixer>;

namespace MlOps.Analyzers.Tests.Rules.ModelVersioning;

/// <summary>
/// The fixed code compiles with the lineage generator in the compilation, so <c>Lineage.Capture()</c> exists. MLOPS021 is
/// decided at compilation end (a non-local diagnostic): the fix is applied by <c>dotnet format</c> and Fix All, which the
/// test framework only allows with its local-diagnostic check skipped.
/// </summary>
public class ModelSavedWithoutLineageFixerTests
{
    private static DiagnosticResult NoRecord(int location, string api)
        => Verify.Diagnostic(ModelSavedWithoutLineageAnalyzer.Rule).WithLocation(location).WithArguments(api);

    private static Task VerifyAsync(string source, string fixedSource, params DiagnosticResult[] expected)
    {
        var test = new Verify.Test { TestCode = source, FixedCode = fixedSource, CodeFixTestBehaviors = CodeFixTestBehaviors.SkipLocalDiagnosticCheck };
        test.ExpectedDiagnostics.AddRange(expected);
        return test.RunAsync();
    }

    [Fact]
    public Task Writes_the_record_after_a_save_to_a_path_held_in_a_local() => VerifyAsync("""
        using Microsoft.ML;
        using MlOps.Lineage;

        [TrainingPipeline("churn", Version = "1.0.0")]
        public partial class ChurnTraining
        {
            public void Train(MLContext ml, IDataView data, string runId)
            {
                var model = ml.BinaryClassification.Trainers.SdcaLogisticRegression().Fit(data);
                var path = $"models/churn-{runId}.zip";
                {|#0:ml.Model.Save(model, data.Schema, path)|};
            }
        }
        """, """
        using Microsoft.ML;
        using MlOps.Lineage;

        [TrainingPipeline("churn", Version = "1.0.0")]
        public partial class ChurnTraining
        {
            public void Train(MLContext ml, IDataView data, string runId)
            {
                var model = ml.BinaryClassification.Trainers.SdcaLogisticRegression().Fit(data);
                var path = $"models/churn-{runId}.zip";
                ml.Model.Save(model, data.Schema, path);
                Lineage.Capture().WriteSidecar(path);
            }
        }
        """, NoRecord(0, "Model.Save"));

    [Fact]
    public Task Uses_the_fallback_lineage_class_name_from_a_nested_type() => VerifyAsync("""
        using System.IO;
        using Microsoft.ML;
        using MlOps.Lineage;

        [TrainingPipeline("churn", Version = "1.0.0")]
        public partial class ChurnTraining
        {
            public static string Lineage => "a member of the user's own called Lineage";

            public sealed class Saver
            {
                private readonly string _path;

                public Saver(string path) => _path = path;

                public void Save(MLContext ml, ITransformer model, DataViewSchema schema)
                {
                    {|#0:ModelArtifact.Save(_path, stream => ml.Model.Save(model, schema, stream))|};
                }
            }
        }
        """, """
        using System.IO;
        using Microsoft.ML;
        using MlOps.Lineage;

        [TrainingPipeline("churn", Version = "1.0.0")]
        public partial class ChurnTraining
        {
            public static string Lineage => "a member of the user's own called Lineage";

            public sealed class Saver
            {
                private readonly string _path;

                public Saver(string path) => _path = path;

                public void Save(MLContext ml, ITransformer model, DataViewSchema schema)
                {
                    ModelArtifact.Save(_path, stream => ml.Model.Save(model, schema, stream));
                    PipelineLineage.Capture().WriteSidecar(_path);
                }
            }
        }
        """, NoRecord(0, "ModelArtifact.Save"));

    [Fact]
    public Task Paths_built_in_place_and_saves_outside_a_pipeline_offer_no_fix()
    {
        // A timestamp evaluated again would name another file; without [TrainingPipeline] there is no Lineage class to call.
        const string source = """
            using System;
            using Microsoft.ML;
            using MlOps.Lineage;

            [TrainingPipeline("churn", Version = "1.0.0")]
            public partial class ChurnTraining
            {
                public void Train(MLContext ml, ITransformer model, IDataView data)
                {
                    {|#0:ml.Model.Save(model, data.Schema, $"models/churn-{DateTime.UtcNow:yyyyMMddHHmmss}.zip")|};
                }
            }

            public class Exporter
            {
                public void Train(MLContext ml, IDataView data)
                {
                    var model = ml.Regression.Trainers.Sdca().Fit(data);
                    var path = $"models/export-{Guid.NewGuid():N}.zip";
                    {|#1:ml.Model.Save(model, data.Schema, path)|};
                }
            }
            """;
        return VerifyAsync(source, source, NoRecord(0, "Model.Save"), NoRecord(1, "Model.Save"));
    }
}
