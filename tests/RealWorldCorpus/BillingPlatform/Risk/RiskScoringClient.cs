using System;
using Microsoft.ML;

namespace BillingPlatform.Risk;

/// <summary>The checkout's view of the risk model: load once, score each payment.</summary>
public sealed class RiskScoringClient : IDisposable
{
    private readonly MLContext _ml = new();
    private readonly PredictionEngine<PaymentRow, RiskPrediction> _engine;

    public RiskScoringClient(string modelPath)
    {
        var model = _ml.Model.Load(modelPath, out _);
        _engine = _ml.Model.CreatePredictionEngine<PaymentRow, RiskPrediction>(model);
    }

    public bool IsRisky(PaymentRow payment) => _engine.Predict(payment).Probability > 0.7f;

    public void Dispose() => _engine.Dispose();
}
