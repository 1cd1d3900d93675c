using System;
using System.Collections.Generic;
using Microsoft.ML;
using Microsoft.ML.Trainers;

namespace HousePriceSweep;

public sealed record Candidate(string Name, Func<MLContext, IEstimator<ITransformer>> Create);

/// <summary>The trainers the sweep tries, each behind the same featurization.</summary>
public static class Candidates
{
    public static IReadOnlyList<Candidate> All() =>
    [
        new("fasttree", ml => ml.Regression.Trainers.FastTree(numberOfLeaves: 31, numberOfTrees: 200)),
        new("lightgbm", ml => ml.Regression.Trainers.LightGbm(numberOfLeaves: 31, numberOfIterations: 200)),
        new("sdca", ml => ml.Regression.Trainers.Sdca(maximumNumberOfIterations: 50)), // expect: MLOPS003
        new("sdca-pinned", ml => ml.Regression.Trainers.Sdca(new SdcaRegressionTrainer.Options
        {
            MaximumNumberOfIterations = 50,
            NumberOfThreads = 1,
            Shuffle = false,
        })),
    ];

    public static IEstimator<ITransformer> Featurize(MLContext ml) =>
        ml.Transforms.Concatenate("Features",
                nameof(HouseRecord.Rooms), nameof(HouseRecord.SquareMeters), nameof(HouseRecord.YearBuilt), nameof(HouseRecord.DistanceToCenterKm))
            .Append(ml.Transforms.NormalizeMeanVariance("Features"));
}
