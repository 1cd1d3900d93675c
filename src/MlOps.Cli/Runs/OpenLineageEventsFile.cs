using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text.Json;

namespace MlOps.Cli.Runs;

/// <summary>
/// Reads the runs in an OpenLineage JSON-lines file (<c>OpenLineageFileTransport</c>: one RunEvent per line). What a
/// run is comes from the standard fields (run id, job name, event type and time, inputs and outputs with their
/// <c>version</c> facets) and, when our producer wrote it, the <c>mlops_training</c> run facet (version, metrics).
/// </summary>
internal static class OpenLineageEventsFile
{
    public static IReadOnlyList<RunSummary> Read(string path, List<string> problems)
    {
        string[] lines;
        try
        {
            lines = File.ReadAllLines(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            problems.Add($"cannot read the OpenLineage events '{path}': {ex.Message}");
            return [];
        }

        var runs = new Dictionary<string, RunBuilder>(StringComparer.Ordinal);
        var order = new List<string>();
        for (var i = 0; i < lines.Length; i++)
        {
            if (string.IsNullOrWhiteSpace(lines[i]))
                continue;

            try
            {
                using var document = JsonDocument.Parse(lines[i]);
                var runEvent = document.RootElement;
                var runId = RequiredString(runEvent, "run", "runId");
                if (!runs.TryGetValue(runId, out var run))
                {
                    runs[runId] = run = new RunBuilder(runId);
                    order.Add(runId);
                }

                run.Add(runEvent);
            }
            catch (Exception ex) when (ex is JsonException or InvalidOperationException or FormatException)
            {
                problems.Add($"{path}({(i + 1).ToString(CultureInfo.InvariantCulture)}): not an OpenLineage RunEvent: {ex.Message}");
            }
        }

        return order.Select(id => runs[id].Build(path)).ToList();
    }

    private static string RequiredString(JsonElement element, params string[] names)
    {
        foreach (var name in names)
        {
            if (element.ValueKind != JsonValueKind.Object || !element.TryGetProperty(name, out element))
                throw new FormatException($"'{string.Join('.', names)}' is missing");
        }

        return element.ValueKind == JsonValueKind.String && element.GetString() is { Length: > 0 } value
            ? value
            : throw new FormatException($"'{string.Join('.', names)}' is not a non-empty string");
    }

    private static bool TryGet(JsonElement element, out JsonElement found, params string[] names)
    {
        found = element;
        foreach (var name in names)
        {
            if (found.ValueKind != JsonValueKind.Object || !found.TryGetProperty(name, out found))
                return false;
        }

        return true;
    }

    private sealed class RunBuilder(string runId)
    {
        private readonly Dictionary<string, double> _metrics = new(StringComparer.Ordinal);
        private readonly List<DatasetVersion> _datasets = [];
        private readonly List<ModelVersion> _models = [];
        private string _pipeline = "";
        private string _version = "";
        private string _status = "running";
        private DateTimeOffset? _startedAt;
        private DateTimeOffset? _finishedAt;
        private string? _failure;

        public void Add(JsonElement runEvent)
        {
            var type = RequiredString(runEvent, "eventType");
            var time = DateTimeOffset.Parse(RequiredString(runEvent, "eventTime"), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);
            _pipeline = RequiredString(runEvent, "job", "name");

            switch (type)
            {
                case "START":
                    _startedAt = time;
                    break;
                case "COMPLETE":
                    (_status, _finishedAt) = ("completed", time);
                    break;
                case "FAIL":
                    (_status, _finishedAt) = ("failed", time);
                    break;
                case "ABORT":
                    (_status, _finishedAt) = ("aborted", time);
                    break;
            }

            if (TryGet(runEvent, out var training, "run", "facets", "mlops_training"))
                ReadTrainingFacet(training);

            if (TryGet(runEvent, out var inputs, "inputs") && inputs.ValueKind == JsonValueKind.Array)
            {
                foreach (var input in inputs.EnumerateArray())
                {
                    var name = RequiredString(input, "name");
                    if (!TryGet(input, out var version, "facets", "version", "datasetVersion") || version.GetString() is not { } sha
                        || _datasets.Any(d => d.FullPath == name && d.Sha256 == sha))
                        continue;
                    long? size = TryGet(input, out var s, "inputFacets", "inputStatistics", "size") && s.TryGetInt64(out var bytes) ? bytes : null;
                    _datasets.Add(new DatasetVersion(null, name, sha, size));
                }
            }

            if (TryGet(runEvent, out var outputs, "outputs") && outputs.ValueKind == JsonValueKind.Array)
            {
                foreach (var output in outputs.EnumerateArray())
                {
                    var name = RequiredString(output, "name");
                    if (_models.Any(m => m.FullPath == name))
                        continue;
                    var sha = TryGet(output, out var version, "facets", "version", "datasetVersion") ? version.GetString() : null;
                    long? size = TryGet(output, out var s, "outputFacets", "outputStatistics", "size") && s.TryGetInt64(out var bytes) ? bytes : null;
                    _models.Add(new ModelVersion(Path.GetFileName(name), name, sha, size));
                }
            }
        }

        private void ReadTrainingFacet(JsonElement training)
        {
            if (TryGet(training, out var version, "pipelineVersion") && version.ValueKind == JsonValueKind.String)
                _version = version.GetString()!;
            if (TryGet(training, out var metrics, "metrics") && metrics.ValueKind == JsonValueKind.Object)
            {
                foreach (var metric in metrics.EnumerateObject())
                {
                    // Our facet writes NaN and infinities as their names ("NaN"), since JSON has no such numbers.
                    _metrics[metric.Name] = metric.Value.ValueKind == JsonValueKind.String
                        ? double.Parse(metric.Value.GetString()!, NumberStyles.Float, CultureInfo.InvariantCulture)
                        : metric.Value.GetDouble();
                }
            }

            if (TryGet(training, out var message, "failure", "message") && message.ValueKind == JsonValueKind.String)
                _failure = message.GetString();
        }

        public RunSummary Build(string eventsPath) => new()
        {
            RunId = runId,
            Pipeline = _pipeline,
            Version = _version,
            Status = _status,
            StartedAt = _startedAt,
            FinishedAt = _finishedAt,
            Metrics = new SortedDictionary<string, double>(_metrics, StringComparer.Ordinal),
            Datasets = _datasets,
            Models = _models,
            EventsPath = Path.GetFullPath(eventsPath),
            FailureMessage = _failure,
        };
    }
}
