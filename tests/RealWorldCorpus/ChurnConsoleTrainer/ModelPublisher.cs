using System.Collections.Generic;
using System.IO;
using Microsoft.ML;

namespace ChurnConsoleTrainer;

/// <summary>Where trained models go: the folder the scoring service watches, and the model registry table.</summary>
public static class ModelPublisher
{
    public const string LatestModelPath = "models/latest/model.zip";

    public static void PublishLatest(MLContext mlContext, ITransformer model, DataViewSchema schema)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(LatestModelPath)!);
        mlContext.Model.Save(model, schema, LatestModelPath); // expect: MLOPS020
    }

    /// <summary>Stores the model bytes in the registry table; the registry assigns the version.</summary>
    public static long Register(MLContext mlContext, ITransformer model, DataViewSchema schema, IModelRegistry registry)
    {
        using var buffer = new MemoryStream();
        mlContext.Model.Save(model, schema, buffer);
        return registry.Insert("churn", buffer.ToArray());
    }
}

public interface IModelRegistry
{
    long Insert(string modelName, byte[] content);
    IReadOnlyList<long> Versions(string modelName);
}
