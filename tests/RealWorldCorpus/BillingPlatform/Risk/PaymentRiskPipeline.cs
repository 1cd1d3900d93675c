using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Microsoft.ML;
using MlOps.Lineage;

namespace BillingPlatform.Risk;

[TrainingPipeline("payment-risk", Version = "2.3.0", Owner = "payments-ml")]
[DatasetInput("payments", "data/risk/payments.csv", Role = DatasetRole.Train)]
[DatasetInput("merchant-scores", "data/risk/merchants")]
[DatasetInput("chargebacks", "data/risk/chargebacks.csv")] // expect: MLOPS104
[ModelOutput("risk", "models/payment-risk-{version}.zip")]
[ModelOutput("risk-onnx", "models/payment-risk.onnx")] // expect: MLOPS103
public static partial class PaymentRiskPipeline
{
    [TrainingSeed] public const int Seed = 8675309;
    [Hyperparameter("number_of_leaves")] public const int NumberOfLeaves = 24;
    [Hyperparameter("learning_rate")] public const double LearningRate = 0.05;

    public static (ITransformer Model, DataViewSchema Schema, double Auc) Train(LineageRecord run)
    {
        var ml = new MLContext(seed: Seed);
        var known = KnownMerchants();
        var blocked = new HashSet<string>(File.ReadAllLines("config/blocked-merchants.txt")); // expect: MLOPS010

        var payments = ml.Data.LoadFromTextFile<PaymentRow>(run.DatasetPath(Lineage.Datasets.Payments), separatorChar: ',', hasHeader: true);
        var usable = ml.Data.FilterByCustomPredicate<PaymentRow>(payments, row => !known.Contains(row.MerchantId) || blocked.Contains(row.MerchantId));
        var split = ml.Data.TrainTestSplit(usable, testFraction: 0.2);

        var pipeline = ml.Transforms.Concatenate("Features",
                nameof(PaymentRow.Amount), nameof(PaymentRow.HourOfDay), nameof(PaymentRow.CardAgeDays), nameof(PaymentRow.PreviousDeclines))
            .Append(ml.BinaryClassification.Trainers.LightGbm(numberOfLeaves: NumberOfLeaves, learningRate: LearningRate));
        var model = pipeline.Fit(split.TrainSet);
        var metrics = ml.BinaryClassification.Evaluate(model.Transform(split.TestSet));
        return (model, payments.Schema, metrics.AreaUnderRocCurve);
    }

    public static void Save(ITransformer model, DataViewSchema schema, string modelPath)
    {
        var ml = new MLContext(seed: Seed);
        Directory.CreateDirectory(Path.GetDirectoryName(modelPath)!);
        ml.Model.Save(model, schema, modelPath);
    }

    private static HashSet<string> KnownMerchants()
        => File.ReadLines(Path.Combine(Lineage.Datasets.MerchantScores.Path, "scores.csv"))
            .Skip(1)
            .Select(line => line.Split(',')[0])
            .ToHashSet();
}
