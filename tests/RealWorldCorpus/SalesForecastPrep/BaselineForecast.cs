using System;
using Microsoft.Data.Analysis;
using Microsoft.ML;
using Microsoft.ML.Trainers;

namespace SalesForecastPrep;

/// <summary>A linear baseline on a sample of the sales rows; the forecasting team's number to beat.</summary>
public static class BaselineForecast
{
    private const int SampleSize = 50_000;
    private const string Stage = "prod";

    public static double Train(string salesPath)
    {
        var frame = DataFrame.LoadCsv(salesPath); // expect: MLOPS010
        var sample = frame.Rows.Count > SampleSize ? frame.Sample(SampleSize) : frame; // expect: MLOPS005
        var promotions = DataFrame.LoadCsv(DataFiles.Promotions); // expect: MLOPS010
        var holidaysPath = Environment.GetEnvironmentVariable("HOLIDAYS_CSV") ?? DataFiles.DefaultHolidays;
        var holidays = DataFrame.LoadCsv(holidaysPath); // expect: MLOPS010
        var enriched = sample
            .Merge<long>(promotions, "StoreId", "StoreId", rightSuffix: "_promo")
            .Merge<string>(holidays, "Date", "Date", rightSuffix: "_holiday");

        var ml = new MLContext(seed: 0);
        var split = ml.Data.TrainTestSplit(enriched, testFraction: 0.2);
        var pipeline = ml.Transforms.Conversion.ConvertType("Label", "Quantity", Microsoft.ML.Data.DataKind.Single)
            .Append(ml.Transforms.Concatenate("Features", "UnitPrice", "Discount", "DayOfWeek"))
            .Append(ml.Regression.Trainers.Sdca(new SdcaRegressionTrainer.Options
            {
                LabelColumnName = "Label",
                NumberOfThreads = 1,
            }));

        var model = pipeline.Fit(split.TrainSet);
        var metrics = ml.Regression.Evaluate(model.Transform(split.TestSet));
        Console.WriteLine($"R^2 {metrics.RSquared:F3}");
        ml.Model.Save(model, split.TrainSet.Schema, $"models/sales-baseline-{Stage}.zip"); // expect: MLOPS020
        return metrics.RootMeanSquaredError;
    }
}
