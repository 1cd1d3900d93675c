using System;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Microsoft.ML;
using StorefrontWeb.Services;

namespace StorefrontWeb.Training;

/// <summary>Retrains the intent model every night from the purchase feedback the checkout service appends.</summary>
public sealed class FeedbackRetrainer : BackgroundService
{
    private readonly MLContext _ml;
    private readonly IConfiguration _configuration;
    private readonly ModelOptions _options;
    private readonly ModelPool _pool;

    public FeedbackRetrainer(MLContext ml, IConfiguration configuration, IOptions<ModelOptions> options, ModelPool pool)
    {
        _ml = ml;
        _configuration = configuration;
        _options = options.Value;
        _pool = pool;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            await Task.Delay(UntilTwoAm(), stoppingToken);
            Retrain();
            _pool.Reload();
        }
    }

    private void Retrain()
    {
        var feedbackPath = _configuration["Training:FeedbackCsv"] ?? "feedback/purchases.csv";
        var data = _ml.Data.LoadFromTextFile<FeedbackRow>(feedbackPath, separatorChar: ',', hasHeader: true); // expect: MLOPS010
        var split = _ml.Data.TrainTestSplit(data, testFraction: 0.1);

        var pipeline = _ml.Transforms.Conversion.ConvertType("Returning", nameof(FeedbackRow.ReturningVisitor), Microsoft.ML.Data.DataKind.Single)
            .Append(_ml.Transforms.Concatenate("Features",
                nameof(FeedbackRow.PagesViewed), nameof(FeedbackRow.SecondsOnSite), nameof(FeedbackRow.CartValue), "Returning"))
            .Append(_ml.Transforms.NormalizeMinMax("Features"))
            .Append(_ml.BinaryClassification.Trainers.AveragedPerceptron())
            .Append(_ml.BinaryClassification.Calibrators.Platt());

        var model = pipeline.Fit(split.TrainSet);
        var metrics = _ml.BinaryClassification.Evaluate(model.Transform(split.TestSet));
        Console.WriteLine($"retrained: AUC {metrics.AreaUnderRocCurve:F3}");

        // Keep the previous model next to the new one, then overwrite the deployed path.
        if (File.Exists(_options.ModelPath))
            File.Copy(_options.ModelPath, $"{_options.ModelPath}.{DateTime.UtcNow:yyyyMMddHHmmss}.bak");
        _ml.Model.Save(model, data.Schema, _options.ModelPath);
    }

    private static TimeSpan UntilTwoAm()
    {
        var now = DateTime.Now;
        var next = now.Date.AddDays(now.Hour >= 2 ? 1 : 0).AddHours(2);
        return next - now;
    }
}
