using System;
using System.Globalization;
using System.Text.Json.Nodes;

namespace MlOps.Lineage;

/// <summary>
/// Builds RunEvents that validate against OpenLineage 2-0-2 and the facet schemas named in the design: run facets
/// <c>executionParameters</c> (seed, hyper-parameters) and <c>processing_engine</c> (.NET), dataset facets
/// <c>version</c> (the SHA-256) and <c>inputStatistics</c> / <c>outputStatistics</c> (size, file count), job facets
/// <c>jobType</c>, <c>ownership</c> (the pipeline's owner, when declared) and, when a repository is configured,
/// <c>sourceCodeLocation</c>; on FAIL the standard <c>errorMessage</c> run facet; plus the custom run facet
/// <c>mlops_training</c> (code fingerprint, environment, metrics, failure).
/// </summary>
internal static class OpenLineageEventFactory
{
    internal const string EventSchemaUrl = "https://openlineage.io/spec/2-0-2/OpenLineage.json#/$defs/RunEvent";
    internal const string ExecutionParametersSchemaUrl = "https://openlineage.io/spec/facets/1-0-0/ExecutionParametersRunFacet.json#/$defs/ExecutionParametersRunFacet";
    internal const string ProcessingEngineSchemaUrl = "https://openlineage.io/spec/facets/1-1-1/ProcessingEngineRunFacet.json#/$defs/ProcessingEngineRunFacet";
    internal const string DatasetVersionSchemaUrl = "https://openlineage.io/spec/facets/1-0-1/DatasetVersionDatasetFacet.json#/$defs/DatasetVersionDatasetFacet";
    internal const string InputStatisticsSchemaUrl = "https://openlineage.io/spec/facets/1-0-0/InputStatisticsInputDatasetFacet.json#/$defs/InputStatisticsInputDatasetFacet";
    internal const string OutputStatisticsSchemaUrl = "https://openlineage.io/spec/facets/1-0-2/OutputStatisticsOutputDatasetFacet.json#/$defs/OutputStatisticsOutputDatasetFacet";
    internal const string SourceCodeLocationSchemaUrl = "https://openlineage.io/spec/facets/1-1-0/SourceCodeLocationJobFacet.json#/$defs/SourceCodeLocationJobFacet";
    internal const string JobTypeSchemaUrl = "https://openlineage.io/spec/facets/2-0-4/JobTypeJobFacet.json#/$defs/JobTypeJobFacet";
    internal const string ErrorMessageSchemaUrl = "https://openlineage.io/spec/facets/1-0-1/ErrorMessageRunFacet.json#/$defs/ErrorMessageRunFacet";
    internal const string OwnershipSchemaUrl = "https://openlineage.io/spec/facets/1-0-1/OwnershipJobFacet.json#/$defs/OwnershipJobFacet";
    internal const string TrainingFacetSchemaUrl = "https://github.com/mlopsanalyzers/MlOpsAnalyzers/blob/main/src/MlOps.Lineage/Schemas/MlOpsTrainingRunFacet.json#/$defs/MlOpsTrainingRunFacet";

    /// <summary>The key of the custom run facet.</summary>
    internal const string TrainingFacetName = "mlops_training";

    public static OpenLineageRunEvent Create(LineageRecord run, OpenLineageEventType type, DateTimeOffset eventTime, OpenLineageOptions options)
    {
        var producer = options.Producer.AbsoluteUri;
        var json = new JsonObject
        {
            ["eventType"] = type switch
            {
                OpenLineageEventType.Start => "START",
                OpenLineageEventType.Complete => "COMPLETE",
                _ => "FAIL",
            },
            ["eventTime"] = FormatTime(eventTime),
            ["producer"] = producer,
            ["schemaURL"] = EventSchemaUrl,
            ["run"] = new JsonObject
            {
                ["runId"] = run.RunId,
                ["facets"] = RunFacets(run, type, producer),
            },
            ["job"] = new JsonObject
            {
                ["namespace"] = options.JobNamespace,
                ["name"] = run.PipelineName,
                ["facets"] = JobFacets(run, producer, options),
            },
            ["inputs"] = Inputs(run, producer, options),
            ["outputs"] = type == OpenLineageEventType.Complete ? Outputs(run, producer, options) : new JsonArray(),
        };

        return new OpenLineageRunEvent(type, eventTime, run.RunId, run.PipelineName, json);
    }

    // OpenLineage's date-time is RFC 3339; milliseconds and 'Z' are what every consumer parses.
    private static string FormatTime(DateTimeOffset time) =>
        time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    private static JsonObject Facet(string producer, string schemaUrl) => new()
    {
        ["_producer"] = producer,
        ["_schemaURL"] = schemaUrl,
    };

    private static JsonObject RunFacets(LineageRecord run, OpenLineageEventType type, string producer)
    {
        // ExecutionParameter.value is a string in the schema, so numbers are written in invariant culture.
        var parameters = new JsonArray();
        if (run.Seed is { } seed)
        {
            parameters.Add(new JsonObject
            {
                ["key"] = "seed",
                ["name"] = "Training seed",
                ["value"] = seed.ToString(CultureInfo.InvariantCulture),
            });
        }

        foreach (var parameter in run.Hyperparameters)
        {
            parameters.Add(new JsonObject
            {
                ["key"] = parameter.Key,
                ["description"] = "Hyper-parameter",
                ["value"] = LineageRecord.FormatValue(parameter.Value),
            });
        }

        var executionParameters = Facet(producer, ExecutionParametersSchemaUrl);
        executionParameters["parameters"] = parameters;

        var engine = Facet(producer, ProcessingEngineSchemaUrl);
        engine["name"] = ".NET";
        engine["version"] = Environment.Version.ToString();
        engine["openlineageAdapterVersion"] = run.Environment.LineageVersion;

        var facets = new JsonObject
        {
            ["executionParameters"] = executionParameters,
            ["processing_engine"] = engine,
            [TrainingFacetName] = TrainingFacet(run, producer),
        };

        // The standard failure facet, which lineage servers show for a failed run; the message reads like the facet
        // schema's example ("<exception type>: <message>"). Only the type and message are recorded, not the stack trace.
        if (type == OpenLineageEventType.Fail && run.FailureType is { } failureType)
        {
            var error = Facet(producer, ErrorMessageSchemaUrl);
            error["message"] = string.IsNullOrEmpty(run.FailureMessage) ? failureType : failureType + ": " + run.FailureMessage;
            error["programmingLanguage"] = "C#";
            facets["errorMessage"] = error;
        }

        return facets;
    }

    private static JsonObject TrainingFacet(LineageRecord run, string producer)
    {
        var facet = Facet(producer, TrainingFacetSchemaUrl);
        facet["pipelineVersion"] = run.PipelineVersion;
        facet["codeFingerprint"] = run.CodeFingerprint;
        facet["sourceRevision"] = run.SourceRevision;
        if (run.Seed is { } seed)
            facet["seed"] = seed;
        facet["status"] = run.Status.ToString().ToLowerInvariant();

        var libraries = new JsonObject();
        foreach (var library in run.Environment.Libraries)
            libraries[library.Key] = library.Value;
        facet["environment"] = new JsonObject
        {
            ["dotNetRuntime"] = run.Environment.DotNetRuntime,
            ["operatingSystem"] = run.Environment.OperatingSystem,
            ["processArchitecture"] = run.Environment.ProcessArchitecture,
            ["libraries"] = libraries,
        };

        var metrics = new JsonObject();
        foreach (var metric in run.MetricsUnlocked)
        {
            // JSON has no NaN or infinity: such a metric is written as its name ("NaN"), which the facet schema allows.
            metrics[metric.Key] = double.IsNaN(metric.Value) || double.IsInfinity(metric.Value)
                ? JsonValue.Create(metric.Value.ToString(CultureInfo.InvariantCulture))
                : JsonValue.Create(metric.Value);
        }

        facet["metrics"] = metrics;
        if (run.FailureType is not null)
        {
            facet["failure"] = new JsonObject
            {
                ["type"] = run.FailureType,
                ["message"] = run.FailureMessage ?? "",
            };
        }

        return facet;
    }

    private static JsonObject JobFacets(LineageRecord run, string producer, OpenLineageOptions options)
    {
        var jobType = Facet(producer, JobTypeSchemaUrl);
        jobType["processingType"] = "BATCH";
        jobType["integration"] = "MLOPSANALYZERS";
        jobType["jobType"] = "TRAINING";
        var facets = new JsonObject { ["jobType"] = jobType };

        if (run.Pipeline.Owner is { } owner)
        {
            var ownership = Facet(producer, OwnershipSchemaUrl);
            ownership["owners"] = new JsonArray { new JsonObject { ["name"] = owner } };
            facets["ownership"] = ownership;
        }

        if (options.SourceRepositoryUrl is { } repository)
        {
            var location = Facet(producer, SourceCodeLocationSchemaUrl);
            location["type"] = "git";
            location["url"] = (options.SourceCodeUrl ?? repository).AbsoluteUri;
            location["repoUrl"] = repository.AbsoluteUri;
            if (options.SourceCodePath is { } path)
                location["path"] = path;
            if (!string.Equals(run.SourceRevision, "unknown", StringComparison.Ordinal) && run.SourceRevision.Length > 0)
                location["version"] = run.SourceRevision;
            facets["sourceCodeLocation"] = location;
        }

        return facets;
    }

    private static JsonArray Inputs(LineageRecord run, string producer, OpenLineageOptions options)
    {
        var inputs = new JsonArray();
        foreach (var dataset in run.Datasets)
        {
            var version = Facet(producer, DatasetVersionSchemaUrl);
            version["datasetVersion"] = dataset.Sha256;
            var statistics = Facet(producer, InputStatisticsSchemaUrl);
            statistics["size"] = dataset.SizeBytes;
            statistics["fileCount"] = dataset.FileCount;
            inputs.Add(new JsonObject
            {
                ["namespace"] = options.DatasetNamespace,
                ["name"] = dataset.FullPath,
                ["facets"] = new JsonObject { ["version"] = version },
                ["inputFacets"] = new JsonObject { ["inputStatistics"] = statistics },
            });
        }

        return inputs;
    }

    private static JsonArray Outputs(LineageRecord run, string producer, OpenLineageOptions options)
    {
        var outputs = new JsonArray();
        foreach (var model in run.ModelsUnlocked)
        {
            var output = new JsonObject
            {
                ["namespace"] = options.DatasetNamespace,
                ["name"] = model.FullPath,
            };
            if (model.Sha256 is { } sha && model.SizeBytes is { } size)
            {
                var version = Facet(producer, DatasetVersionSchemaUrl);
                version["datasetVersion"] = sha;
                output["facets"] = new JsonObject { ["version"] = version };
                var statistics = Facet(producer, OutputStatisticsSchemaUrl);
                statistics["size"] = size;
                statistics["fileCount"] = 1;
                output["outputFacets"] = new JsonObject { ["outputStatistics"] = statistics };
            }

            outputs.Add(output);
        }

        return outputs;
    }
}
