using Microsoft.ML.Data;

namespace ChurnConsoleTrainer;

public sealed class ChurnRecord
{
    [LoadColumn(0)] public string CustomerId { get; set; } = "";
    [LoadColumn(1)] public float TenureMonths { get; set; }
    [LoadColumn(2)] public float MonthlyCharges { get; set; }
    [LoadColumn(3)] public float TotalCharges { get; set; }
    [LoadColumn(4)] public float SupportTickets { get; set; }
    [LoadColumn(5)] public string Contract { get; set; } = "";
    [LoadColumn(6)] public bool Churned { get; set; }
}

public sealed record TrainingResult(double Auc, double F1, string ModelPath);
