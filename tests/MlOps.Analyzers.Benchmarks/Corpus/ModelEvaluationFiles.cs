using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;

namespace MlOps.Analyzers.Benchmarks.Corpus;

/// <summary>
/// The corpus's model-evaluation files: the shapes the leakage rules (MLOPS030-032) judge, each written the correct way
/// unless a finding is planted in it. A file holds four methods on a seeded context, with the data arriving as a
/// parameter (the caller loads it through the run's lineage):
/// <list type="bullet">
/// <item>split, fit on the training part, evaluate on the test part (planted MLOPS030: evaluate on the training part);</item>
/// <item>split, fit a normalizer on the training part, apply it to both parts (planted MLOPS031: fit it on all rows, then split);</item>
/// <item>convert the scored rows to a <c>DataFrame</c> with <c>maxRows: -1</c> (planted MLOPS032: no <c>maxRows</c>);</item>
/// <item>a helper <c>Score(model, data)</c> called with the test part (judged at its call site, clean).</item>
/// </list>
/// </summary>
internal static class ModelEvaluationFiles
{
    /// <summary>The findings <see cref="Write"/> can plant, one per file.</summary>
    public static readonly string[] Findings = { "MLOPS030", "MLOPS031", "MLOPS032" };

    private static readonly string[] Domains = { "Churn", "Fraud", "Credit", "Spam", "Claims", "Retention" };
    private static readonly string[] Features = { "Tenure", "MonthlySpend", "Age", "Visits", "Balance", "Clicks", "Latency", "Returns" };

    public static string Write(int index, Random random, string? finding)
    {
        var domain = Domains[random.Next(Domains.Length)];
        var features = string.Join(", ", Features.OrderBy(_ => random.Next()).Take(3 + random.Next(4)).Select(f => $"\"{f}\""));
        var seed = 1 + random.Next(1000);
        var testFraction = random.Next(2) == 0 ? "0.2" : "0.25";
        var normalizer = random.Next(2) == 0 ? "NormalizeMinMax" : "NormalizeMeanVariance";
        var sb = new StringBuilder();
        sb.AppendLine("using System;");
        sb.AppendLine("using Microsoft.Data.Analysis;");
        sb.AppendLine("using Microsoft.ML;");
        sb.AppendLine();
        sb.AppendLine($"namespace Corpus.Evaluation.{domain};");
        sb.AppendLine();
        sb.AppendLine($"/// <summary>Measures the {domain.ToLowerInvariant()} model on rows held out from its training.</summary>");
        sb.AppendLine($"public sealed class {domain}Evaluation{index}");
        sb.AppendLine("{");
        sb.AppendLine($"    private const int Seed = {seed};");
        sb.AppendLine("    private readonly MLContext _ml = new(seed: Seed);");
        sb.AppendLine();
        sb.AppendLine("    public double HoldOutAccuracy(IDataView data)");
        sb.AppendLine("    {");
        sb.AppendLine($"        var split = _ml.Data.TrainTestSplit(data, testFraction: {testFraction}, seed: Seed);");
        sb.AppendLine($"        var pipeline = _ml.Transforms.Concatenate(\"Features\", {features})");
        sb.AppendLine($"            .Append(_ml.Transforms.{normalizer}(\"Features\"))");
        sb.AppendLine("            .Append(_ml.BinaryClassification.Trainers.LbfgsLogisticRegression());");
        sb.AppendLine("        var model = pipeline.Fit(split.TrainSet);");
        sb.AppendLine(finding == "MLOPS030"
            ? "        var metrics = _ml.BinaryClassification.Evaluate(model.Transform(split.TrainSet));"
            : "        var metrics = _ml.BinaryClassification.Evaluate(model.Transform(split.TestSet));");
        sb.AppendLine("        Console.WriteLine($\"accuracy {metrics.Accuracy:F3} auc {metrics.AreaUnderRocCurve:F3}\");");
        sb.AppendLine("        return metrics.Accuracy;");
        sb.AppendLine("    }");
        sb.AppendLine();
        sb.AppendLine("    public double ScaledAccuracy(IDataView data)");
        sb.AppendLine("    {");
        sb.AppendLine($"        var preprocessing = _ml.Transforms.Concatenate(\"Features\", {features})");
        sb.AppendLine($"            .Append(_ml.Transforms.{normalizer}(\"Features\"));");
        sb.AppendLine("        var trainer = _ml.BinaryClassification.Trainers.LbfgsLogisticRegression();");
        if (finding == "MLOPS031")
        {
            sb.AppendLine("        var scaler = preprocessing.Fit(data);");
            sb.AppendLine($"        var split = _ml.Data.TrainTestSplit(scaler.Transform(data), testFraction: {testFraction}, seed: Seed);");
            sb.AppendLine("        var model = trainer.Fit(split.TrainSet);");
            sb.AppendLine("        var metrics = _ml.BinaryClassification.Evaluate(model.Transform(split.TestSet));");
        }
        else
        {
            sb.AppendLine($"        var split = _ml.Data.TrainTestSplit(data, testFraction: {testFraction}, seed: Seed);");
            sb.AppendLine("        var scaler = preprocessing.Fit(split.TrainSet);");
            sb.AppendLine("        var model = trainer.Fit(scaler.Transform(split.TrainSet));");
            sb.AppendLine("        var metrics = _ml.BinaryClassification.Evaluate(model.Transform(scaler.Transform(split.TestSet)));");
        }

        sb.AppendLine("        return metrics.F1Score;");
        sb.AppendLine("    }");
        sb.AppendLine();
        sb.AppendLine("    public DataFrame Predictions(ITransformer model, IDataView data)");
        sb.AppendLine("    {");
        sb.AppendLine("        var scored = model.Transform(data);");
        sb.AppendLine(finding == "MLOPS032"
            ? "        return scored.ToDataFrame();"
            : "        return scored.ToDataFrame(maxRows: -1);");
        sb.AppendLine("    }");
        sb.AppendLine();
        sb.AppendLine("    public double TestScore(IDataView data)");
        sb.AppendLine("    {");
        sb.AppendLine($"        var split = _ml.Data.TrainTestSplit(data, testFraction: {testFraction}, seed: Seed);");
        sb.AppendLine($"        var pipeline = _ml.Transforms.Concatenate(\"Features\", {features})");
        sb.AppendLine("            .Append(_ml.BinaryClassification.Trainers.LbfgsLogisticRegression());");
        sb.AppendLine("        return Score(pipeline.Fit(split.TrainSet), split.TestSet);");
        sb.AppendLine("    }");
        sb.AppendLine();
        sb.AppendLine("    private double Score(ITransformer model, IDataView data)");
        sb.AppendLine("        => _ml.BinaryClassification.Evaluate(model.Transform(data)).AreaUnderRocCurve;");
        sb.AppendLine("}");
        return sb.ToString();
    }
}
