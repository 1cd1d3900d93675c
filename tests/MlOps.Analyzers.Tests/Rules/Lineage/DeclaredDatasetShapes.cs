using MlOps.Analyzers.Tests.Infrastructure;
using Xunit;

namespace MlOps.Analyzers.Tests.Rules.Lineage;

/// <summary>
/// The shapes of "this expression is the declared dataset" that MLOPS010 (a load of it is declared) and MLOPS104 (the
/// pipeline loads it) must agree on (RULES.md, "Lineage attribute facts"). Both rules' tests run every shape through
/// <see cref="Pipeline"/>, where <c>{|#0:...|}</c> marks the <c>[DatasetInput]</c> and <c>{|#1:...|}</c> the load.
/// </summary>
public static class DeclaredDatasetShapes
{
    /// <summary>Paths built only from the declared <c>data/train.csv</c>.</summary>
    public static TheoryData<string> Declared => new()
    {
        "\"data/train.csv\"",
        "Path.Combine(\"data\", \"train.csv\")",
        "Path.Combine(DataDir, \"train.csv\")",
        "Path.Combine(Root, \"train.csv\")",
        "Path.Join(AppContext.BaseDirectory, Root, \"train.csv\")",
        "Path.Combine(Environment.CurrentDirectory, \"data\", \"train.csv\")",
        "$\"{Root}/train.csv\"",
        "Root + \"/\" + \"train.csv\"",
        "TrainFile",
        "Lineage.Datasets.Train.Path",
        "Path.GetFullPath(Lineage.Datasets.Train.Path)",
    };

    /// <summary>Paths that are not the declared dataset.</summary>
    public static TheoryData<string, string> Undeclared => new()
    {
        { "Path.Combine(\"data\", \"other.csv\")", "data/other.csv" },
        { "Path.Combine(Root, \"other.csv\")", "data/other.csv" },
        { "$\"{Root}/train-2.csv\"", "data/train-2.csv" },
        { "Root + \"/other/train.csv\"", "data/other/train.csv" },
    };

    /// <summary>A pipeline declaring <c>data/train.csv</c> whose training method loads <paramref name="path"/> (through a local).</summary>
    public static string Pipeline(string path, bool withTrainFileMember) => $$"""
        using System;
        using System.IO;
        using Microsoft.ML;
        using Microsoft.ML.Data;
        using MlOps.Lineage;

        [TrainingPipeline("churn", Version = "1.0.0")]
        [{|#0:DatasetInput("train", "data/train.csv")|}]
        public partial class ChurnTraining
        {
            private const string DataDir = "data";
            private static readonly string Root = "data";
            {{(withTrainFileMember ? "private static readonly string TrainFile = Path.Combine(Root, \"train.csv\");" : string.Empty)}}

            public ITransformer Train(MLContext ml)
            {
                var path = {{path}};
                var data = {|#1:ml.Data.LoadFromTextFile<Row>(path, hasHeader: true, separatorChar: ',')|};
                return ml.BinaryClassification.Trainers.SdcaLogisticRegression().Fit(data);
            }
        }

        {{TestSources.Row}}
        """;
}
