using System;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using MlOps.Analyzers.Tests.Infrastructure;
using MlOps.Analyzers.Tests.Lineage;
using MlOps.Analyzers.Engine;
using MlOps.Analyzers.Rules.DataLineage;
using MlOps.Analyzers.Rules.ModelVersioning;

namespace MlOps.Analyzers.Tests.Rules.DataLineage;

/// <summary>
/// MLOPS010, MLOPS011, MLOPS020 and MLOPS021 over code that uses the members the lineage generator really emits
/// (the generator runs first): <c>Lineage.Datasets.X.Path</c> is declared, <c>Lineage.Models.X.Resolve(Lineage.Version)</c>
/// is versioned, and the run-time API (<c>run.DatasetPath</c>, <c>run.ModelPath</c>, <c>ModelArtifact</c>,
/// <c>WriteSidecar</c>) is recognised.
/// </summary>
public class GeneratedLineageMembersTests
{
    private static readonly ImmutableArray<Rule> Rules = ImmutableArray.Create<Rule>(
        new UntrackedDataLoadAnalyzer(),
        new MutableDatasetDownloadAnalyzer(),
        new UnversionedModelSaveAnalyzer(),
        new ModelSavedWithoutLineageAnalyzer());

    private static async Task<ImmutableArray<Diagnostic>> AnalyzeWithGeneratorAsync(string source)
    {
        var (result, output, _) = GeneratorHarness.Run(GeneratorHarness.Compile(source));
        Assert.Single(result.Results.Single().GeneratedSources);
        Assert.Empty(output.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).Select(d => d.ToString()));
        var analysis = await AnalyzerRunner.RunAsync(output, Rules);
        Assert.Empty(analysis.Exceptions);
        return analysis.Diagnostics;
    }

    private const string Pipeline = """
        using System.Net.Http;
        using System.Threading.Tasks;
        using Microsoft.ML;
        using Microsoft.ML.Data;
        using MlOps.Lineage;

        namespace Churn;

        [TrainingPipeline("churn", Version = "1.2.0")]
        [DatasetInput("train", "data/churn-train.csv")]
        [DatasetInput("images", "data/images")]
        [DatasetInput("iris", "data/iris.csv", Sha256 = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08")]
        [ModelOutput("churn", "models/churn-{version}.zip")]
        [ModelOutput("run", "runs/{runId}/churn-{version}.zip")]
        public partial class ChurnTraining
        {
            [TrainingSeed] public const int Seed = 42;

            public static void Train()
            {
                var run = Lineage.Capture();
                var ml = new MLContext(seed: Lineage.Seed);
                var train = ml.Data.LoadFromTextFile<Row>(Lineage.Datasets.Train.Path, hasHeader: true, separatorChar: ',');
                var again = ml.Data.LoadFromTextFile<Row>(run.DatasetPath(Lineage.Datasets.Train), hasHeader: true, separatorChar: ',');
                var labels = System.IO.File.ReadAllLines(System.IO.Path.Combine(Lineage.Datasets.Images.Path, "labels.txt"));
                var model = ml.BinaryClassification.Trainers.SdcaLogisticRegression().Fit(train);

                var path = Lineage.Models.Churn.Resolve(Lineage.Version);
                ml.Model.Save(model, train.Schema, path);
                ModelArtifact.Save(run.ModelPath(Lineage.Models.Run), stream => ml.Model.Save(model, train.Schema, stream));
                SAVE_HERE
                run.WriteSidecar(path);
            }

            public static async Task DownloadAsync(HttpClient http)
            {
                System.IO.File.WriteAllBytes(Lineage.Datasets.Iris.Path, await http.GetByteArrayAsync("https://example.com/iris.csv"));
                DatasetFingerprint.Compute(Lineage.Datasets.Iris);
            }
        }

        public class Row { [LoadColumn(0)] public float Tenure { get; set; } [LoadColumn(1)] public bool Label { get; set; } }
        """;

    [Fact]
    public async Task Code_on_the_generated_lineage_members_is_clean()
        => Assert.Empty((await AnalyzeWithGeneratorAsync(Pipeline.Replace("SAVE_HERE", ""))).Select(d => d.ToString()));

    [Fact]
    public async Task Code_around_the_lineage_is_still_reported()
    {
        var source = Pipeline.Replace("SAVE_HERE", """
            ml.Model.Save(model, train.Schema, "models/latest.zip");
                            ml.Data.LoadFromTextFile<Row>("data/extra.csv", separatorChar: ',');
            """);
        var ids = (await AnalyzeWithGeneratorAsync(source)).Select(d => d.Id).OrderBy(id => id, StringComparer.Ordinal);
        Assert.Equal(new[] { "MLOPS010", "MLOPS020" }, ids);
    }

    [Fact]
    public async Task Readme_lineage_example_is_clean()
    {
        var readme = File.ReadAllText(RepoPaths.Combine("README.md"));
        var section = readme.Substring(readme.IndexOf("## Lineage", StringComparison.Ordinal));
        var start = section.IndexOf("```csharp\n", StringComparison.Ordinal) + "```csharp\n".Length;
        var example = section.Substring(start, section.IndexOf("```", start, StringComparison.Ordinal) - start);
        Assert.Empty((await AnalyzeWithGeneratorAsync(example)).Select(d => d.ToString()));
    }
}
