using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Net.Http;
using System.Threading.Tasks;
using Microsoft.ML;

namespace ChurnConsoleTrainer;

/// <summary>Downloads the churn export, trains a FastTree classifier and writes the models the scoring service reads.</summary>
public sealed class ChurnTrainingJob
{
    // The data team pushes a fresh export to main every night.
    private const string ExportUrl = "https://raw.githubusercontent.com/contoso-analytics/churn-exports/main/latest/churn.zip";
    // Public holidays for the "holiday month" feature, pinned to the release the finance team signed off.
    private const string HolidaysUrl = "https://github.com/contoso-analytics/calendars/releases/download/v2024.2/holidays.csv";
    private const string ModelName = "churn";

    private readonly TrainingOptions _options;
    private readonly HttpClient _http;

    public ChurnTrainingJob(TrainingOptions options, HttpClient http)
    {
        _options = options;
        _http = http;
    }

    public async Task<TrainingResult> RunAsync()
    {
        Directory.CreateDirectory(_options.WorkDirectory);
        var archivePath = Path.Combine(_options.WorkDirectory, "churn.zip");
        var archive = await _http.GetByteArrayAsync(ExportUrl); // expect: MLOPS011
        await File.WriteAllBytesAsync(archivePath, archive);
        if (!ArchiveExtractor.LooksLikeZip(archivePath))
            throw new InvalidDataException($"{ExportUrl} did not return a zip archive");
        var csvPath = ArchiveExtractor.ExtractSingleCsv(archivePath, Path.Combine(_options.WorkDirectory, "extracted"));

        var holidays = ParseHolidayMonths(await DownloadRetry.GetBytesAsync(_http, HolidaysUrl));
        Console.WriteLine($"{holidays.Count} holiday months");

        // A different seed every run "so the model doesn't overfit to one shuffle".
        var mlContext = new MLContext(seed: Environment.TickCount); // expect: MLOPS001
        var data = mlContext.Data.LoadFromTextFile<ChurnRecord>(csvPath, separatorChar: ',', hasHeader: true); // expect: MLOPS010
        var split = mlContext.Data.TrainTestSplit(data, testFraction: 0.2);

        var pipeline = mlContext.Transforms.Categorical.OneHotEncoding("ContractEncoded", nameof(ChurnRecord.Contract))
            .Append(mlContext.Transforms.Concatenate("Features",
                nameof(ChurnRecord.TenureMonths), nameof(ChurnRecord.MonthlyCharges), nameof(ChurnRecord.TotalCharges),
                nameof(ChurnRecord.SupportTickets), "ContractEncoded"))
            .Append(mlContext.BinaryClassification.Trainers.FastTree(
                labelColumnName: nameof(ChurnRecord.Churned), numberOfTrees: _options.NumberOfTrees));

        var model = pipeline.Fit(split.TrainSet);
        var metrics = mlContext.BinaryClassification.Evaluate(model.Transform(split.TestSet), labelColumnName: nameof(ChurnRecord.Churned));

        // Champion / challenger: only publish when the new model beats the one in production.
        var beatsChampion = true;
        if (File.Exists(ModelPublisher.LatestModelPath))
        {
            var champion = mlContext.Model.Load(ModelPublisher.LatestModelPath, out _); // expect: MLOPS022
            var championAuc = mlContext.BinaryClassification.Evaluate(champion.Transform(split.TestSet), labelColumnName: nameof(ChurnRecord.Churned)).AreaUnderRocCurve;
            beatsChampion = metrics.AreaUnderRocCurve > championAuc;
        }

        const string algorithm = "fasttree";
        Directory.CreateDirectory("models");
        var modelPath = $"models/{ModelName}-{algorithm}.zip";
        mlContext.Model.Save(model, data.Schema, modelPath); // expect: MLOPS020

        // Keep every run's model for the audit trail.
        var stamp = DateTime.UtcNow.ToString("yyyyMMdd-HHmmss");
        Directory.CreateDirectory("models/archive");
        mlContext.Model.Save(model, data.Schema, $"models/archive/{ModelName}-{stamp}.zip"); // expect: MLOPS021

        if (_options.PublishAsLatest && beatsChampion)
            ModelPublisher.PublishLatest(mlContext, model, data.Schema);

        ArchiveExtractor.CleanUp(_options.WorkDirectory);
        return new TrainingResult(metrics.AreaUnderRocCurve, metrics.F1Score, modelPath);
    }

    private static HashSet<int> ParseHolidayMonths(byte[] csv)
        => System.Text.Encoding.UTF8.GetString(csv)
            .Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Skip(1)
            .Select(line => DateTime.Parse(line.Split(',')[0], System.Globalization.CultureInfo.InvariantCulture).Month)
            .ToHashSet();
}
