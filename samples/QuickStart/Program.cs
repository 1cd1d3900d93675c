using System;
using System.Linq;
using Microsoft.ML;
using Microsoft.ML.Data;

// A training program as the ML.NET tutorials write it. Build it to see MLOPS001:
// the context has no seed, so every run trains a different model.
var mlContext = new MLContext();

// Synthetic, learnable data: the label is 1 when a noisy linear score is positive.
var random = new Random(7);
var rows = Enumerable.Range(0, 2000).Select(_ =>
{
    var tenure = (float)random.NextDouble() * 60f;
    var charges = (float)random.NextDouble() * 120f;
    var score = 0.05f * charges - 0.08f * tenure + (float)(random.NextDouble() - 0.5);
    return new Customer { Tenure = tenure, MonthlyCharges = charges, Churned = score > 0 };
}).ToList();

var data = mlContext.Data.LoadFromEnumerable(rows);
var split = mlContext.Data.TrainTestSplit(data, testFraction: 0.2);

var pipeline = mlContext.Transforms.Concatenate("Features", nameof(Customer.Tenure), nameof(Customer.MonthlyCharges))
    .Append(mlContext.BinaryClassification.Trainers.SdcaLogisticRegression(labelColumnName: nameof(Customer.Churned)));

var model = pipeline.Fit(split.TrainSet);
var metrics = mlContext.BinaryClassification.Evaluate(model.Transform(split.TestSet), labelColumnName: nameof(Customer.Churned));
Console.WriteLine($"Accuracy: {metrics.Accuracy:P1}  AUC: {metrics.AreaUnderRocCurve:F3}");

public sealed class Customer
{
    public float Tenure { get; set; }
    public float MonthlyCharges { get; set; }
    public bool Churned { get; set; }
}
