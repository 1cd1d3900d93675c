using Microsoft.ML.Data;

namespace BillingPlatform.Risk;

public sealed class PaymentRow
{
    [LoadColumn(0)] public string MerchantId { get; set; } = "";
    [LoadColumn(1)] public float Amount { get; set; }
    [LoadColumn(2)] public float HourOfDay { get; set; }
    [LoadColumn(3)] public float CardAgeDays { get; set; }
    [LoadColumn(4)] public float PreviousDeclines { get; set; }
    [LoadColumn(5), ColumnName("Label")] public bool Fraudulent { get; set; }
}

public sealed class RiskPrediction
{
    [ColumnName("PredictedLabel")] public bool Risky { get; set; }
    public float Probability { get; set; }
}
