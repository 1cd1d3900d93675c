using Microsoft.ML.Data;
using Microsoft.ML.Transforms.Image;

namespace ProductImageClassifier;

public sealed class ImageRow
{
    public string ImagePath { get; set; } = "";
    public string LabelText { get; set; } = "";
}

public sealed class ImagePrediction
{
    [ColumnName("PredictedLabelText")] public string Category { get; set; } = "";
    public float[] Score { get; set; } = [];
}

public sealed class EmbeddingInput
{
    [ImageType(224, 224)] public MLImage? Image { get; set; }
}
