using System;
using System.Collections.Generic;

namespace BillingPlatform.Risk;

/// <summary>The nightly job: records the run's lineage around the payment-risk training and writes it beside the model.</summary>
public static class RiskModelOrchestrator
{
    public static string TrainAndRecord()
    {
        var run = PaymentRiskPipeline.Lineage.Capture();
        try
        {
            var (model, schema, auc) = PaymentRiskPipeline.Train(run);
            var modelPath = run.ModelPath(PaymentRiskPipeline.Lineage.Models.Risk);
            PaymentRiskPipeline.Save(model, schema, modelPath);
            run.Complete(new Dictionary<string, double> { ["auc"] = auc });
            run.WriteSidecar(modelPath);
            return modelPath;
        }
        catch (Exception ex)
        {
            run.Fail(ex);
            throw;
        }
    }
}
