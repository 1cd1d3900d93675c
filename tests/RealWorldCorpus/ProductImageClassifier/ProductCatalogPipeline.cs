using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Microsoft.ML;
using Microsoft.ML.Data;
using MlOps.Lineage;

namespace ProductImageClassifier;

[TrainingPipeline("product-categories", Version = "3.1.0", Owner = "catalog-ml")]
[DatasetInput("product-photos", "data/product-photos")]
[ModelOutput("classifier", "models/product-categories-{version}.zip")]
public static partial class ProductCatalogPipeline
{
    [TrainingSeed] public const int Seed = 314;
    [Hyperparameter("image_size")] public const int ImageSize = 128;
    [Hyperparameter("test_fraction")] public const double TestFraction = 0.2;

    public static (ITransformer Model, DataViewSchema Schema) Train(LineageRecord run)
    {
        var ml = new MLContext(seed: Seed);
        var photos = Directory.GetFiles(run.DatasetPath(Lineage.Datasets.ProductPhotos), "*.*", SearchOption.AllDirectories)
            .Where(ImageFolderScanner.IsImage)
            .Select(ImageFolderScanner.ToRow)
            .ToList();
        // Hard negatives mined from last sprint's support tickets.
        var hardNegatives = Directory.GetFiles("data/hard-negatives", "*.jpg", SearchOption.AllDirectories) // expect: MLOPS010
            .Select(ImageFolderScanner.ToRow);
        var aliases = LoadLabelAliases();
        var rows = photos.Concat(hardNegatives)
            .Select(r => new ImageRow { ImagePath = r.ImagePath, LabelText = aliases.TryGetValue(r.LabelText, out var a) ? a : r.LabelText })
            .ToList();

        var data = ml.Data.LoadFromEnumerable(rows);
        var split = ml.Data.TrainTestSplit(data, testFraction: TestFraction, seed: Seed);

        var pipeline = ml.Transforms.Conversion.MapValueToKey("Label", nameof(ImageRow.LabelText))
            .Append(ml.Transforms.LoadImages("Image", imageFolder: null, inputColumnName: nameof(ImageRow.ImagePath)))
            .Append(ml.Transforms.ResizeImages("Image", ImageSize, ImageSize))
            .Append(ml.Transforms.ExtractPixels("Features", "Image"))
            .Append(ml.MulticlassClassification.Trainers.LbfgsMaximumEntropy("Label", "Features"))
            .Append(ml.Transforms.Conversion.MapKeyToValue("PredictedLabelText", "PredictedLabel"));

        var model = pipeline.Fit(split.TrainSet);
        var metrics = ml.MulticlassClassification.Evaluate(model.Transform(split.TrainSet)); // expect: MLOPS030
        Console.WriteLine($"micro accuracy {metrics.MicroAccuracy:P1}, log loss {metrics.LogLoss:F3}");
        return (model, data.Schema);
    }

    public static string Save(ITransformer model, DataViewSchema schema, LineageRecord run)
    {
        var ml = new MLContext(seed: Seed);
        var path = run.ModelPath(Lineage.Models.Classifier);
        ModelArtifact.Save(path, stream => ml.Model.Save(model, schema, stream), run);
        return path;
    }

    private static Dictionary<string, string> LoadLabelAliases()
        => File.ReadAllLines("data/label-aliases.txt") // expect: MLOPS010
            .Select(line => line.Split('='))
            .Where(parts => parts.Length == 2)
            .ToDictionary(parts => parts[0].Trim(), parts => parts[1].Trim());
}
