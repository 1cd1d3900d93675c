using System;
using System.Collections.Generic;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace MlOps.Lineage.Internal;

/// <summary>The sidecar's JSON shape (<c>&lt;model&gt;.lineage.json</c>), kept apart from the public types so it can stay stable.</summary>
internal sealed class LineageDocument
{
    public int FormatVersion { get; set; }

    public string RunId { get; set; } = "";

    public string PipelineName { get; set; } = "";

    public string PipelineVersion { get; set; } = "";

    public RunStatus Status { get; set; }

    public DateTimeOffset StartedAt { get; set; }

    public DateTimeOffset? EndedAt { get; set; }

    public int? Seed { get; set; }

    public Dictionary<string, JsonElement> Hyperparameters { get; set; } = new(StringComparer.Ordinal);

    public Dictionary<string, double> Metrics { get; set; } = new(StringComparer.Ordinal);

    public List<DatasetDocument> Datasets { get; set; } = [];

    public List<ModelDocument> Models { get; set; } = [];

    public List<ModelOutputDocument> ModelOutputs { get; set; } = [];

    public string CodeFingerprint { get; set; } = "";

    public string SourceRevision { get; set; } = "";

    public EnvironmentDocument Environment { get; set; } = new();

    public FailureDocument? Failure { get; set; }

    internal static readonly JsonSerializerOptions Options = CreateOptions();

    private static JsonSerializerOptions CreateOptions()
    {
        var options = new JsonSerializerOptions
        {
            PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
            DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
            WriteIndented = true,
            // Metrics such as AUC are NaN when a test set has one class; the record must still be written.
            NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
        };
        options.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.CamelCase));
        return options;
    }
}

internal sealed class DatasetDocument
{
    public string Name { get; set; } = "";

    public string Path { get; set; } = "";

    public string FullPath { get; set; } = "";

    public DatasetRole Role { get; set; }

    public bool IsDirectory { get; set; }

    public string Sha256 { get; set; } = "";

    public string? PinnedSha256 { get; set; }

    public long SizeBytes { get; set; }

    public int FileCount { get; set; }

    public DateTimeOffset LastWriteTime { get; set; }
}

internal sealed class ModelDocument
{
    public string Name { get; set; } = "";

    public string Path { get; set; } = "";

    public string FullPath { get; set; } = "";

    public string? Sha256 { get; set; }

    public long? SizeBytes { get; set; }

    public string? ContentSha256 { get; set; }
}

internal sealed class ModelOutputDocument
{
    public string Name { get; set; } = "";

    public string PathTemplate { get; set; } = "";
}

internal sealed class EnvironmentDocument
{
    public string DotNetRuntime { get; set; } = "";

    public string OperatingSystem { get; set; } = "";

    public string ProcessArchitecture { get; set; } = "";

    public string LineageVersion { get; set; } = "";

    public Dictionary<string, string> Libraries { get; set; } = new(StringComparer.Ordinal);
}

internal sealed class FailureDocument
{
    public string Type { get; set; } = "";

    public string Message { get; set; } = "";
}
