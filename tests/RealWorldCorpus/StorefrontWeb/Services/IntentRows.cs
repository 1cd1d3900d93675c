using Microsoft.ML.Data;

namespace StorefrontWeb.Services;

public sealed class SessionFeatures
{
    public float PagesViewed { get; set; }
    public float SecondsOnSite { get; set; }
    public float CartValue { get; set; }
    public bool ReturningVisitor { get; set; }
}

public sealed class IntentPrediction
{
    [ColumnName("PredictedLabel")] public bool WillBuy { get; set; }
    public float Probability { get; set; }
}

public sealed class FeedbackRow
{
    [LoadColumn(0)] public float PagesViewed { get; set; }
    [LoadColumn(1)] public float SecondsOnSite { get; set; }
    [LoadColumn(2)] public float CartValue { get; set; }
    [LoadColumn(3)] public bool ReturningVisitor { get; set; }
    [LoadColumn(4), ColumnName("Label")] public bool Purchased { get; set; }
}
