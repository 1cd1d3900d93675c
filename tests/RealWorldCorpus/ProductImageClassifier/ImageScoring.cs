using System.Collections.Generic;
using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Transforms.Image;

namespace ProductImageClassifier;

/// <summary>Scores uploaded photos with the deployed model; the photos arrive at prediction time.</summary>
public sealed class ImageScoring
{
    private readonly MLContext _ml = new();
    private readonly PredictionEngine<ImageRow, ImagePrediction> _engine;

    public ImageScoring(string modelPath)
    {
        var model = _ml.Model.Load(modelPath, out _);
        _engine = _ml.Model.CreatePredictionEngine<ImageRow, ImagePrediction>(model);
    }

    public string Classify(string imagePath) => _engine.Predict(new ImageRow { ImagePath = imagePath }).Category;

    /// <summary>A thumbnail pipeline for the review UI: the images are read when rows are scored, not now.</summary>
    public ITransformer BuildThumbnailer()
    {
        var pipeline = _ml.Transforms.LoadImages("Image", imageFolder: "", inputColumnName: nameof(ImageRow.ImagePath))
            .Append(_ml.Transforms.ResizeImages("Thumbnail", 64, 64, "Image"));
        return pipeline.Fit(_ml.Data.LoadFromEnumerable(new List<ImageRow>()));
    }

    /// <summary>Wraps the pretrained embedding network; fitting on an empty view only fixes the schema.</summary>
    public static ITransformer EmbeddingModel(string onnxPath)
    {
        var ml = new MLContext();
        var pipeline = ml.Transforms.ResizeImages("Image", 224, 224, nameof(EmbeddingInput.Image))
            .Append(ml.Transforms.ExtractPixels("input", "Image", interleavePixelColors: true))
            .Append(ml.Transforms.ApplyOnnxModel(outputColumnName: "embedding", inputColumnName: "input", modelFile: onnxPath));
        return pipeline.Fit(ml.Data.LoadFromEnumerable(new List<EmbeddingInput>()));
    }
}
