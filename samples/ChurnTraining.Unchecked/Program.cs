using System;
using Microsoft.ML;
using Microsoft.ML.Data;
using MlOps.Samples;

namespace ChurnTraining.Unchecked;

public static class Program
{
    public static void Main()
    {
        SyntheticChurnData.EnsureExists("data/churn.csv");
        var model = ChurnTrainer.Train("data/churn.csv");
        ChurnTrainer.SaveModel(model.Model, model.Schema, "model.zip");
        Console.WriteLine("Saved model.zip");
    }
}

public static class ChurnTrainer
{
    public static (ITransformer Model, DataViewSchema Schema) Train(string dataPath)
    {
        var mlContext = new MLContext();
        var data = mlContext.Data.LoadFromTextFile<Customer>(dataPath, hasHeader: true, separatorChar: ',');
        var shuffled = mlContext.Data.ShuffleRows(data);
        var split = mlContext.Data.TrainTestSplit(shuffled, testFraction: 0.2);

        var pipeline = mlContext.Transforms.Concatenate("Features",
                nameof(Customer.Tenure), nameof(Customer.MonthlyCharges), nameof(Customer.SupportCalls), nameof(Customer.MonthToMonth))
            .Append(mlContext.Transforms.NormalizeMinMax("Features"))
            .Append(mlContext.BinaryClassification.Trainers.SdcaLogisticRegression(labelColumnName: nameof(Customer.Churned)));

        var model = pipeline.Fit(split.TrainSet);
        var metrics = mlContext.BinaryClassification.Evaluate(model.Transform(data), labelColumnName: nameof(Customer.Churned));
        Console.WriteLine($"Accuracy {metrics.Accuracy:P1}, AUC {metrics.AreaUnderRocCurve:F3}");
        return (model, data.Schema);
    }

    public static void SaveModel(ITransformer model, DataViewSchema schema, string path)
    {
        var mlContext = new MLContext();
        mlContext.Model.Save(model, schema, path);
    }
}

public sealed class Customer
{
    [LoadColumn(0)] public float Tenure { get; set; }
    [LoadColumn(1)] public float MonthlyCharges { get; set; }
    [LoadColumn(2)] public float SupportCalls { get; set; }
    [LoadColumn(3)] public float MonthToMonth { get; set; }
    [LoadColumn(4)] public bool Churned { get; set; }
}
