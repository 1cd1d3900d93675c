using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using MlOps.Lineage;
using TorchSharp;
using static TorchSharp.torch;

namespace TorchSharpTrainer;

/// <summary>A two-spiral classifier: a small MLP trained with Adam on synthetic points.</summary>
[TrainingPipeline("spiral-mlp", Version = "1.0.0", Description = "Two-spiral MLP classifier (TorchSharp).")]
[DatasetInput("spirals", "data/spirals.csv")]
[ModelOutput("mlp", "models/spiral-mlp-{version}.bin")]
public static partial class SpiralPipeline
{
    [TrainingSeed] public const int Seed = 1234;
    [Hyperparameter("epochs")] public const int Epochs = 30;
    [Hyperparameter("batch_size")] public const int BatchSize = 64;
    [Hyperparameter("learning_rate")] public const double LearningRate = 0.01;
    [Hyperparameter("hidden")] public const int Hidden = 32;

    /// <summary>Reads the captured dataset: the path the run hashed, refused if the file changed since.</summary>
    public static IReadOnlyList<(float X, float Y, long Label)> LoadPoints(LineageRecord run)
        => File.ReadLines(run.DatasetPath(Lineage.Datasets.Spirals)).Skip(1)
            .Select(line => line.Split(','))
            .Select(f => (float.Parse(f[0], CultureInfo.InvariantCulture), float.Parse(f[1], CultureInfo.InvariantCulture), long.Parse(f[2], CultureInfo.InvariantCulture)))
            .ToList();

    public static nn.Module<Tensor, Tensor> Train(IReadOnlyList<(float X, float Y, long Label)> points)
    {
        // Module construction, dropout and rand* draw from torch's global generator: seed it first.
        manual_seed(Seed);

        var model = nn.Sequential(
            nn.Linear(2, Hidden), nn.ReLU(),
            nn.Linear(Hidden, Hidden), nn.ReLU(),
            nn.Linear(Hidden, 2));
        var optimizer = optim.Adam(model.parameters(), lr: LearningRate);
        var loss = nn.CrossEntropyLoss();

        using var dataset = new SpiralDataset(points);
        // The DataLoader shuffles with its own System.Random: torch.manual_seed does not reach it, so seed it too.
        using var loader = new TorchSharp.Modules.DataLoader(dataset, BatchSize, shuffle: true, seed: Seed);

        model.train();
        for (var epoch = 0; epoch < Epochs; epoch++)
        {
            foreach (var batch in loader)
            {
                using var scope = NewDisposeScope();
                optimizer.zero_grad();
                var output = loss.forward(model.forward(batch["input"]), batch["label"]);
                output.backward();
                optimizer.step();
            }
        }

        return model;
    }

    public static void Save(nn.Module<Tensor, Tensor> model, string modelPath)
        => ModelArtifact.SaveUsingPath(modelPath, temporaryPath => model.save(temporaryPath));
}

/// <summary>Points as tensors: "input" (2 floats) and "label" (class 0 or 1).</summary>
public sealed class SpiralDataset(IReadOnlyList<(float X, float Y, long Label)> points) : utils.data.Dataset
{
    public override long Count => points.Count;

    public override Dictionary<string, Tensor> GetTensor(long index)
    {
        var (x, y, label) = points[(int)index];
        return new Dictionary<string, Tensor>
        {
            ["input"] = tensor(new[] { x, y }),
            ["label"] = tensor(label),
        };
    }
}
