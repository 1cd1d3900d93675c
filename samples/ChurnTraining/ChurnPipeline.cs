using System;
using System.Collections.Generic;
using Microsoft.ML;
using Microsoft.ML.Data;
using MlOps.Lineage;

namespace ChurnTraining;

/// <summary>The churn model's training pipeline: what it reads, how it is seeded and tuned, and where the model goes.</summary>
[TrainingPipeline("churn", Version = "1.0.0", Description = "Predicts which telecom customers churn.", Owner = "ml-platform")]
[DatasetInput("customers", "data/churn.csv", Role = DatasetRole.Train)]
[ModelOutput("churn", "models/churn-{version}.zip")]
[ModelOutput("churnRun", "models/churn-{version}-{runId}.zip")]
public static partial class ChurnPipeline
{
    [TrainingSeed] public const int Seed = 20261128;
    [Hyperparameter("test_fraction")] public const double TestFraction = 0.2;
    [Hyperparameter("max_iterations")] public const int MaxIterations = 100;
    [Hyperparameter("l2_regularization")] public const float L2Regularization = 0.01f;

    /// <summary>Trains on the captured dataset and returns the model, its input schema and test metrics.</summary>
    public static (ITransformer Model, DataViewSchema Schema, CalibratedBinaryClassificationMetrics Metrics) Train(
        LineageRecord run, Action<string> progress)
    {
        var mlContext = new MLContext(seed: Seed);
        progress("loading data");
        var data = mlContext.Data.LoadFromTextFile<Customer>(run.DatasetPath(Lineage.Datasets.Customers), hasHeader: true, separatorChar: ',');
        var shuffled = mlContext.Data.ShuffleRows(data, seed: Seed);
        var split = mlContext.Data.TrainTestSplit(shuffled, testFraction: TestFraction, seed: Seed);

        var pipeline = mlContext.Transforms.Concatenate("Features",
                nameof(Customer.Tenure), nameof(Customer.MonthlyCharges), nameof(Customer.SupportCalls), nameof(Customer.MonthToMonth))
            .Append(mlContext.Transforms.NormalizeMinMax("Features"))
            .Append(mlContext.BinaryClassification.Trainers.SdcaLogisticRegression(new Microsoft.ML.Trainers.SdcaLogisticRegressionBinaryTrainer.Options
            {
                LabelColumnName = nameof(Customer.Churned),
                MaximumNumberOfIterations = MaxIterations,
                L2Regularization = L2Regularization,
                Shuffle = false,
                NumberOfThreads = 1,
            }));

        progress("fitting SDCA logistic regression");
        var model = pipeline.Fit(split.TrainSet);
        progress("evaluating on the held-out 20 %");
        var metrics = mlContext.BinaryClassification.Evaluate(model.Transform(split.TestSet), labelColumnName: nameof(Customer.Churned));
        return (model, data.Schema, metrics);
    }

    /// <summary>
    /// Saves the model atomically to its versioned path with its lineage record (written first, so the model never
    /// stands without it); refuses to replace an existing version.
    /// </summary>
    public static void Save(ITransformer model, DataViewSchema schema, string modelPath, LineageRecord run)
    {
        var mlContext = new MLContext(seed: Seed);
        ModelArtifact.Save(modelPath, stream => mlContext.Model.Save(model, schema, stream), run);
    }

    public static IReadOnlyDictionary<string, double> MetricsOf(CalibratedBinaryClassificationMetrics metrics) => new Dictionary<string, double>
    {
        ["accuracy"] = metrics.Accuracy,
        ["auc"] = metrics.AreaUnderRocCurve,
        ["f1"] = metrics.F1Score,
        ["log_loss"] = metrics.LogLoss,
    };
}

public sealed class Customer
{
    [LoadColumn(0)] public float Tenure { get; set; }
    [LoadColumn(1)] public float MonthlyCharges { get; set; }
    [LoadColumn(2)] public float SupportCalls { get; set; }
    [LoadColumn(3)] public float MonthToMonth { get; set; }
    [LoadColumn(4)] public bool Churned { get; set; }
}
