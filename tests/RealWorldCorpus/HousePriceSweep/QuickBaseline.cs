using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Microsoft.ML;

namespace HousePriceSweep;

/// <summary>The first model anyone tried on this data, kept as the number a sweep has to beat.</summary>
public static class QuickBaseline
{
    public static double Run(string dataPath)
    {
        var ml = new MLContext(); // expect: MLOPS001
        var data = ml.Data.LoadFromTextFile<HouseRecord>(dataPath, separatorChar: ',', hasHeader: true); // expect: MLOPS010
        var shuffled = ml.Data.ShuffleRows(data); // expect: MLOPS002
        var split = ml.Data.TrainTestSplit(shuffled, testFraction: 0.2);

        var pipeline = Candidates.Featurize(ml)
            .Append(ml.Regression.Trainers.Sdca()); // expect: MLOPS003
        var model = pipeline.Fit(split.TrainSet);
        var trainRmse = ml.Regression.Evaluate(model.Transform(split.TrainSet)).RootMeanSquaredError;
        var testRmse = ml.Regression.Evaluate(model.Transform(split.TestSet)).RootMeanSquaredError;
        Console.WriteLine($"train RMSE {trainRmse:F0}, test RMSE {testRmse:F0}");

        var runId = Guid.NewGuid().ToString("N")[..8];
        Directory.CreateDirectory($"runs/{runId}");
        ml.Model.Save(model, data.Schema, $"runs/{runId}/baseline.zip"); // expect: MLOPS021
        return testRmse;
    }

    /// <summary>Manual 5-fold CV: each row gets a random fold.</summary>
    public static double ManualCrossValidation(MLContext ml, IDataView data)
    {
        var rows = ml.Data.CreateEnumerable<HouseRecord>(data, reuseRowObject: false).ToList();
        var assigned = rows.Select(row => (Row: row, Fold: Math.Abs(Guid.NewGuid().GetHashCode()) % 5)).ToList(); // expect: MLOPS004
        var errors = new List<double>();
        for (var fold = 0; fold < 5; fold++)
        {
            var train = ml.Data.LoadFromEnumerable(assigned.Where(a => a.Fold != fold).Select(a => a.Row));
            var test = ml.Data.LoadFromEnumerable(assigned.Where(a => a.Fold == fold).Select(a => a.Row));
            var model = Candidates.Featurize(ml).Append(ml.Regression.Trainers.FastTree()).Fit(train);
            errors.Add(ml.Regression.Evaluate(model.Transform(test)).RootMeanSquaredError);
        }

        return errors.Average();
    }
}
