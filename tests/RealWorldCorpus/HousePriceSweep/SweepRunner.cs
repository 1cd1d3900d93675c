using System;
using System.IO;
using System.Linq;
using Microsoft.ML;

namespace HousePriceSweep;

public sealed record SweepResult(string Name, double Rmse, string ModelPath);

/// <summary>Cross-validates every candidate on the same folds, then refits the winner on all rows.</summary>
public sealed class SweepRunner
{
    private const string ReleaseVersion = "1.4.0";

    private readonly int _seed;

    public SweepRunner(int seed) => _seed = seed;

    public SweepResult Run(string dataPath)
    {
        var ml = new MLContext(seed: _seed);
        var data = ml.Data.LoadFromTextFile<HouseRecord>(dataPath, separatorChar: ',', hasHeader: true); // expect: MLOPS010
        var cached = ml.Data.Cache(data);

        var scores = Candidates.All()
            .Select(candidate =>
            {
                var estimator = Candidates.Featurize(ml).Append(candidate.Create(ml));
                var folds = ml.Regression.CrossValidate(cached, estimator, numberOfFolds: 5);
                var rmse = folds.Average(f => f.Metrics.RootMeanSquaredError);
                Console.WriteLine($"{candidate.Name,-12} RMSE {rmse:F0}");
                return (candidate, rmse);
            })
            .OrderBy(s => s.rmse)
            .ToList();

        var best = scores[0].candidate;
        var final = Candidates.Featurize(ml).Append(best.Create(ml)).Fit(cached);

        Directory.CreateDirectory("models");
        const string modelPath = "models/house-price-best.zip";
        ml.Model.Save(final, data.Schema, modelPath); // expect: MLOPS020
        // The release the pricing service pins.
        ml.Model.Save(final, data.Schema, $"models/releases/house-price-{ReleaseVersion}.zip"); // expect: MLOPS021
        return new SweepResult(best.Name, scores[0].rmse, modelPath);
    }

    /// <summary>A quick holdout check the team runs before a sweep: is the data set learnable at all?</summary>
    public double HoldoutCheck(string dataPath)
    {
        var ml = new MLContext(seed: _seed);
        var data = ml.Data.LoadFromTextFile<HouseRecord>(dataPath, separatorChar: ',', hasHeader: true);
        var featurizer = Candidates.Featurize(ml).Fit(data); // expect: MLOPS031
        var featurized = featurizer.Transform(data);
        var split = ml.Data.TrainTestSplit(featurized, testFraction: 0.25);

        var model = ml.Regression.Trainers.FastTree().Fit(split.TrainSet);
        return ml.Regression.Evaluate(model.Transform(split.TestSet)).RootMeanSquaredError;
    }
}
