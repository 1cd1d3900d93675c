using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Json;
using MlOps.Lineage.Internal;

namespace MlOps.Lineage;

/// <summary>
/// What one training run used and produced: captured by the generated <c>Lineage.Capture()</c> when a run starts
/// (datasets hashed, environment recorded), completed when it ends, and written beside the model
/// (<see cref="WriteSidecar"/>) and as OpenLineage events (<see cref="StartEvent"/>, <see cref="CompleteEvent"/>,
/// <see cref="FailEvent"/>).
/// </summary>
/// <example>
/// <code>
/// var run = ChurnTraining.Lineage.Capture();
/// var events = new OpenLineageFileTransport("lineage/");
/// events.Emit(run.StartEvent());
/// var data = mlContext.Data.LoadFromTextFile&lt;Row&gt;(run.DatasetPath(ChurnTraining.Lineage.Datasets.Train), hasHeader: true);
/// // ... train ...
/// var modelPath = run.ModelPath(ChurnTraining.Lineage.Models.Churn);
/// ModelArtifact.Save(modelPath, stream => mlContext.Model.Save(model, data.Schema, stream), run);
/// run.Complete(new Dictionary&lt;string, double&gt; { ["auc"] = metrics.AreaUnderRocCurve });
/// run.WriteSidecar(modelPath);
/// events.Emit(run.CompleteEvent());
/// </code>
/// </example>
public sealed class LineageRecord
{
    /// <summary>The version of the sidecar's JSON format.</summary>
    public const int FormatVersion = 1;

    /// <summary>The suffix appended to a model's path to name its sidecar.</summary>
    public const string SidecarSuffix = ".lineage.json";

    private readonly object _gate = new();
    private readonly List<ModelArtifactRecord> _models = [];
    private readonly SortedDictionary<string, double> _metrics = new(StringComparer.Ordinal);

    internal LineageRecord(PipelineInfo pipeline, string runId, DateTimeOffset startedAt, IReadOnlyList<DatasetFingerprint> datasets, RunEnvironment environment)
    {
        Pipeline = pipeline;
        RunId = runId;
        Hyperparameters = new SortedDictionary<string, object?>(pipeline.Hyperparameters.ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal), StringComparer.Ordinal);
        Datasets = datasets;
        Environment = environment;
        StartedAt = startedAt;
    }

    private LineageRecord(LineageDocument document)
    {
        RunId = document.RunId;
        Hyperparameters = new SortedDictionary<string, object?>(
            document.Hyperparameters.ToDictionary(p => p.Key, p => FromJson(p.Value), StringComparer.Ordinal), StringComparer.Ordinal);
        Pipeline = new PipelineInfo(
            document.PipelineName,
            document.PipelineVersion,
            document.Seed,
            document.Datasets.Select(d => new DatasetDeclaration(d.Name, d.Path, d.Role, d.PinnedSha256)).ToList(),
            document.ModelOutputs.Select(m => new ModelOutputDeclaration(m.Name, m.PathTemplate)).ToList(),
            Hyperparameters,
            document.CodeFingerprint,
            document.SourceRevision);
        Datasets = document.Datasets
            .Select(d => new DatasetFingerprint(d.Name, d.Path, d.FullPath, d.Role, d.IsDirectory, d.Sha256, d.SizeBytes, d.FileCount, d.LastWriteTime))
            .ToList();
        var env = document.Environment;
        Environment = new RunEnvironment(
            env.DotNetRuntime, env.OperatingSystem, env.ProcessArchitecture, env.LineageVersion,
            new SortedDictionary<string, string>(env.Libraries, StringComparer.Ordinal));
        StartedAt = document.StartedAt;
        EndedAt = document.EndedAt;
        Status = document.Status;
        FailureType = document.Failure?.Type;
        FailureMessage = document.Failure?.Message;
        foreach (var metric in document.Metrics)
            _metrics[metric.Key] = metric.Value;
        _models.AddRange(document.Models.Select(m => new ModelArtifactRecord(m.Name, m.Path, m.FullPath, m.Sha256, m.SizeBytes, m.ContentSha256)));
    }

    /// <summary>
    /// The pipeline the run belongs to, with its declared datasets and model outputs (for a record read from a
    /// sidecar, rebuilt from it).
    /// </summary>
    public PipelineInfo Pipeline { get; }

    /// <summary>The run's unique id (a UUID, as OpenLineage requires).</summary>
    public string RunId { get; }

    /// <summary>The pipeline's name (the OpenLineage job name).</summary>
    public string PipelineName => Pipeline.Name;

    /// <summary>The pipeline's version; it fills <c>{version}</c> in model paths.</summary>
    public string PipelineVersion => Pipeline.Version;

    /// <summary>The pipeline's <c>[TrainingSeed]</c>, when declared.</summary>
    public int? Seed => Pipeline.Seed;

    /// <summary>The hyper-parameters by recorded name, in ordinal order.</summary>
    public IReadOnlyDictionary<string, object?> Hyperparameters { get; }

    /// <summary>The declared datasets as hashed when the run was captured.</summary>
    public IReadOnlyList<DatasetFingerprint> Datasets { get; }

    /// <summary>The model artifacts of the run: each path handed out by <see cref="ModelPath"/> and each recorded model.</summary>
    public IReadOnlyList<ModelArtifactRecord> Models
    {
        get
        {
            lock (_gate)
                return _models.ToArray();
        }
    }

    /// <summary>The fingerprint of the pipeline's source, computed at build time.</summary>
    public string CodeFingerprint => Pipeline.CodeFingerprint;

    /// <summary>The source revision the build saw, or <c>"unknown"</c>.</summary>
    public string SourceRevision => Pipeline.SourceRevision;

    /// <summary>The runtime, operating system and ML library versions of the run.</summary>
    public RunEnvironment Environment { get; private set; }

    /// <summary>When the run was captured (UTC).</summary>
    public DateTimeOffset StartedAt { get; }

    /// <summary>When the run completed or failed (UTC); <see langword="null"/> while it runs.</summary>
    public DateTimeOffset? EndedAt { get; private set; }

    /// <summary>Whether the run is running, completed or failed.</summary>
    public RunStatus Status { get; private set; }

    /// <summary>The metrics recorded with <see cref="RecordMetric"/> or <see cref="Complete"/>, by name.</summary>
    public IReadOnlyDictionary<string, double> Metrics
    {
        get
        {
            lock (_gate)
                return new SortedDictionary<string, double>(_metrics, StringComparer.Ordinal);
        }
    }

    /// <summary>The full name of the exception type a failed run ended with.</summary>
    public string? FailureType { get; private set; }

    /// <summary>The message of the exception a failed run ended with.</summary>
    public string? FailureMessage { get; private set; }

    /// <summary>The path of the sidecar for the model at <paramref name="modelPath"/>: <c>&lt;modelPath&gt;.lineage.json</c>.</summary>
    public static string SidecarPathFor(string modelPath) =>
        (modelPath ?? throw new ArgumentNullException(nameof(modelPath))) + SidecarSuffix;

    /// <summary>
    /// The path of a declared dataset as this run hashed it: read the data through this path so the data the model
    /// is trained on is the data the record describes.
    /// </summary>
    /// <param name="dataset">A dataset declared by the run's pipeline (e.g. <c>ChurnTraining.Lineage.Datasets.Train</c>).</param>
    /// <returns>The absolute path that was hashed.</returns>
    /// <exception cref="ArgumentException">The dataset is not one of the run's datasets.</exception>
    /// <exception cref="DatasetUnavailableException">The file has disappeared, or its size or last-write time changed since it was hashed.</exception>
    public string DatasetPath(DatasetDeclaration dataset)
    {
        var fingerprint = Fingerprint(dataset);
        if (!fingerprint.IsDirectory)
        {
            var file = new FileInfo(fingerprint.FullPath);
            if (!file.Exists)
                throw new DatasetUnavailableException(fingerprint.Name, fingerprint.FullPath, "no longer exists (it was hashed when the run started)");
            if (file.Length != fingerprint.SizeBytes || file.LastWriteTimeUtc != fingerprint.LastWriteTime.UtcDateTime)
                throw new DatasetUnavailableException(fingerprint.Name, fingerprint.FullPath, "changed after the run hashed it (size or last-write time differs); capture a new run");
        }
        else if (!Directory.Exists(fingerprint.FullPath))
        {
            throw new DatasetUnavailableException(fingerprint.Name, fingerprint.FullPath, "no longer exists (it was hashed when the run started)");
        }

        return fingerprint.FullPath;
    }

    /// <summary>The fingerprint this run took of a declared dataset.</summary>
    /// <exception cref="ArgumentException">The dataset is not one of the run's datasets.</exception>
    public DatasetFingerprint Fingerprint(DatasetDeclaration dataset)
    {
        Guard.NotNull(dataset);

        foreach (var fingerprint in Datasets)
        {
            if (string.Equals(fingerprint.Name, dataset.Name, StringComparison.Ordinal)
                && string.Equals(fingerprint.Path, dataset.Path, StringComparison.Ordinal))
                return fingerprint;
        }

        throw new ArgumentException($"Dataset '{dataset.Name}' ({dataset.Path}) is not declared by pipeline '{PipelineName}'.", nameof(dataset));
    }

    /// <summary>
    /// The path to save a declared model output to in this run: its template with <c>{version}</c> and <c>{runId}</c>
    /// filled in. The path is recorded as one of the run's <see cref="Models"/>.
    /// </summary>
    /// <param name="output">A model output declared by the run's pipeline (e.g. <c>ChurnTraining.Lineage.Models.Churn</c>).</param>
    /// <exception cref="ArgumentException">The output is not declared by the run's pipeline.</exception>
    public string ModelPath(ModelOutputDeclaration output)
    {
        Guard.NotNull(output);
        if (!Pipeline.ModelOutputs.Any(d => d.Name == output.Name && d.PathTemplate == output.PathTemplate))
            throw new ArgumentException($"Model output '{output.Name}' ({output.PathTemplate}) is not declared by pipeline '{PipelineName}'.", nameof(output));

        var path = output.Resolve(PipelineVersion, RunId);
        var fullPath = Path.GetFullPath(path);
        lock (_gate)
        {
            if (!_models.Any(m => m.IsAt(fullPath)))
                _models.Add(new ModelArtifactRecord(output.Name, path, fullPath, null, null));
        }

        return path;
    }

    /// <summary>
    /// Records the model written at <paramref name="modelPath"/>: its SHA-256 and size (streamed), so the record
    /// names the exact bytes, and for a zip archive its content digest (<see cref="ModelArtifactRecord.ContentSha256"/>).
    /// <see cref="WriteSidecar"/> calls this.
    /// </summary>
    /// <exception cref="FileNotFoundException">No model exists at <paramref name="modelPath"/>.</exception>
    public ModelArtifactRecord RecordModel(string modelPath)
    {
        Guard.NotNull(modelPath);

        var fullPath = Path.GetFullPath(modelPath);
        if (!File.Exists(fullPath))
            throw new FileNotFoundException($"Run {RunId} of '{PipelineName}': no model exists at '{fullPath}' to record; save it first (ModelArtifact.Save).", fullPath);

        return RecordModelFrom(modelPath, fullPath, fullPath);
    }

    /// <summary>Records the model that will be at <paramref name="fullPath"/> from the file that holds its bytes now.</summary>
    private ModelArtifactRecord RecordModelFrom(string modelPath, string fullPath, string contentPath)
    {
        var digest = DatasetHasher.Digest(contentPath);
        var contentSha256 = ArchiveContentHasher.ContentSha256(contentPath);
        lock (_gate)
        {
            var index = _models.FindIndex(m => m.IsAt(fullPath));
            var record = index >= 0
                ? _models[index].WithContent(digest.Sha256, digest.Size, contentSha256)
                : new ModelArtifactRecord(Path.GetFileName(fullPath), modelPath, fullPath, digest.Sha256, digest.Size, contentSha256);
            if (index >= 0)
                _models[index] = record;
            else
                _models.Add(record);
            return record;
        }
    }

    /// <summary>
    /// The sidecar as the companion of a recorded save (<see cref="ModelArtifact.Save(string, Action{Stream}, LineageRecord, bool)"/>):
    /// once the model's bytes are complete, the datasets are checked and the model recorded from its temporary file,
    /// and the record is written before the model is renamed into place.
    /// </summary>
    internal AtomicFile.Companion SidecarCompanion(string modelPath) => new(SidecarSuffix, temporaryPath =>
    {
        VerifyDatasetsUnchanged();
        RecordModelFrom(modelPath, Path.GetFullPath(modelPath), temporaryPath);
        return Encoding.UTF8.GetBytes(ToJson());
    });

    /// <summary>
    /// Whether the sidecar at <paramref name="sidecarPath"/> records the model now at <paramref name="modelFullPath"/>,
    /// byte for byte: a staged sidecar left by a save killed between putting the model and its sidecar in place.
    /// </summary>
    internal static bool DescribesModel(string sidecarPath, string modelFullPath)
    {
        LineageRecord record;
        try
        {
            record = ReadSidecar(sidecarPath);
        }
        catch (JsonException)
        {
            return false;
        }

        var sha256 = DatasetHasher.Digest(modelFullPath).Sha256;
        return record.Models.Any(m => m.IsAt(modelFullPath) && m.Sha256 == sha256);
    }

    /// <summary>
    /// Hashes every dataset again (streaming) and fails when one differs from what the run captured: ML.NET reads
    /// lazily, while training, so a file changed after <see cref="DatasetPath"/> handed it out may be what the model
    /// learned from.
    /// </summary>
    private void VerifyDatasetsUnchanged()
    {
        foreach (var dataset in Datasets)
        {
            string current;
            try
            {
                current = DatasetHasher.Digest(dataset.FullPath).Sha256;
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                throw new DatasetChangedException(dataset.Name, dataset.FullPath, dataset.Sha256, null, "can no longer be read (" + ex.Message + ")");
            }

            if (!string.Equals(current, dataset.Sha256, StringComparison.Ordinal))
                throw new DatasetChangedException(dataset.Name, dataset.FullPath, dataset.Sha256, current, "changed while the run was training");
        }
    }

    /// <summary>Records an evaluation metric (e.g. <c>auc</c>); a later value for the same name replaces the earlier one.</summary>
    public void RecordMetric(string name, double value)
    {
        if (string.IsNullOrWhiteSpace(name))
            throw new ArgumentException("A metric needs a name.", nameof(name));

        lock (_gate)
            _metrics[name] = value;
    }

    /// <summary>
    /// Ends the run successfully, with optional metrics (merged into <see cref="Metrics"/>). Ending a running run first
    /// hashes every dataset again (streaming): the run only completes when the data is still what it captured.
    /// </summary>
    /// <exception cref="InvalidOperationException">The run has already failed.</exception>
    /// <exception cref="DatasetChangedException">A dataset changed (or disappeared) since the run hashed it; the run is still running, so <see cref="Fail"/> records the error.</exception>
    public void Complete(IReadOnlyDictionary<string, double>? metrics = null)
    {
        // Hashing takes as long as reading the data: not under the lock.
        if (Status == RunStatus.Running)
            VerifyDatasetsUnchanged();

        lock (_gate)
        {
            if (Status == RunStatus.Failed)
                throw new InvalidOperationException($"Run {RunId} of '{PipelineName}' has already failed; it cannot also complete.");

            if (metrics is not null)
            {
                foreach (var metric in metrics)
                    _metrics[metric.Key] = metric.Value;
            }

            if (Status == RunStatus.Running)
                End(RunStatus.Completed);
        }
    }

    /// <summary>
    /// Ends the run as failed with <paramref name="exception"/>. A run that already failed keeps its first error; a run
    /// that completed and then fails (recording its model, writing its events) ends failed with this error, so the
    /// error that stopped the program is the one the record and the events report.
    /// </summary>
    public void Fail(Exception exception)
    {
        Guard.NotNull(exception);

        lock (_gate)
        {
            if (Status == RunStatus.Failed)
                return;

            FailureType = exception.GetType().FullName;
            FailureMessage = exception.Message;
            End(RunStatus.Failed);
        }
    }

    private void End(RunStatus status)
    {
        Status = status;
        EndedAt = DateTimeOffset.UtcNow;
        Environment = Environment.WithLibrariesLoadedSince();
    }

    /// <summary>
    /// Records the model at <paramref name="modelPath"/> (<see cref="RecordModel"/>) and writes this record beside it
    /// as <c>&lt;modelPath&gt;.lineage.json</c>, atomically (a reader sees the old record or the new one, never half).
    /// </summary>
    /// <returns>The sidecar's path.</returns>
    /// <exception cref="FileNotFoundException">No model exists at <paramref name="modelPath"/>.</exception>
    public string WriteSidecar(string modelPath)
    {
        RecordModel(modelPath);
        var sidecar = SidecarPathFor(modelPath);
        var bytes = Encoding.UTF8.GetBytes(ToJson());
        AtomicFile.Write(sidecar, stream => stream.Write(bytes, 0, bytes.Length), overwrite: true, path => new IOException("Unreachable: " + path));
        return sidecar;
    }

    /// <summary>Reads a record written by <see cref="WriteSidecar"/>.</summary>
    /// <param name="sidecarPath">The sidecar's path (see <see cref="SidecarPathFor"/>).</param>
    /// <exception cref="JsonException">The file is not a complete lineage record of a known format version; the message names the file and what is wrong.</exception>
    /// <exception cref="IOException">The file cannot be read.</exception>
    public static LineageRecord ReadSidecar(string sidecarPath)
    {
        Guard.NotNull(sidecarPath);

        var json = File.ReadAllText(sidecarPath, Encoding.UTF8);
        try
        {
            return FromJson(json);
        }
        catch (JsonException ex)
        {
            throw new JsonException($"'{Path.GetFullPath(sidecarPath)}' is not a readable lineage record: {ex.Message}", ex.Path, ex.LineNumber, ex.BytePositionInLine, ex);
        }
    }

    /// <summary>This record as the sidecar's JSON (indented, camelCase).</summary>
    public string ToJson()
    {
        LineageDocument document;
        lock (_gate)
            document = ToDocument();
        return JsonSerializer.Serialize(document, LineageDocument.Options);
    }

    /// <summary>Parses a record from the sidecar's JSON.</summary>
    /// <exception cref="JsonException">The text is not a complete lineage record of a known format version; the message names what is wrong.</exception>
    public static LineageRecord FromJson(string json)
    {
        Guard.NotNull(json);

        using var parsed = ParseJson(json);
        var root = parsed.RootElement;
        if (root.ValueKind == JsonValueKind.Object && root.TryGetProperty("formatVersion", out var version)
            && version.ValueKind == JsonValueKind.Number && (!version.TryGetInt32(out var number) || number != FormatVersion))
            throw new JsonException($"Lineage record format version {version.GetRawText()} is not supported (expected {FormatVersion}).");
        if (LineageDocumentSchema.FindProblem(root) is { } problem)
            throw new JsonException($"The JSON is not a complete lineage record: {problem}.");

        LineageDocument document;
        try
        {
            document = root.Deserialize<LineageDocument>(LineageDocument.Options)!;
        }
        catch (Exception ex) when (ex is JsonException or FormatException or InvalidOperationException)
        {
            var where = ex is JsonException { Path: { } path } ? $"'{path.TrimStart('$', '.')}' " : "";
            throw new JsonException($"The lineage record has a field of the wrong form: {where}{ex.Message}", ex);
        }

        return new LineageRecord(document);
    }

    private static JsonDocument ParseJson(string json)
    {
        try
        {
            return JsonDocument.Parse(json);
        }
        catch (JsonException ex)
        {
            throw new JsonException($"The text is not JSON: {ex.Message}", ex.Path, ex.LineNumber, ex.BytePositionInLine, ex);
        }
    }

    /// <summary>The OpenLineage <c>START</c> RunEvent of this run: the job, the input datasets and the run facets.</summary>
    /// <param name="options">Namespaces, producer and source location; <see cref="OpenLineageOptions.Default"/> when <see langword="null"/>.</param>
    public OpenLineageRunEvent StartEvent(OpenLineageOptions? options = null)
    {
        lock (_gate)
            return OpenLineageEventFactory.Create(this, OpenLineageEventType.Start, StartedAt, options ?? OpenLineageOptions.Default);
    }

    /// <summary>
    /// The OpenLineage <c>COMPLETE</c> RunEvent of this run, with the recorded models as outputs. Completes the run
    /// first if it is still running.
    /// </summary>
    /// <exception cref="InvalidOperationException">The run has failed.</exception>
    public OpenLineageRunEvent CompleteEvent(OpenLineageOptions? options = null)
    {
        Complete();
        lock (_gate)
            return OpenLineageEventFactory.Create(this, OpenLineageEventType.Complete, EndedAt!.Value, options ?? OpenLineageOptions.Default);
    }

    /// <summary>
    /// The OpenLineage <c>FAIL</c> RunEvent of this run. Marks the run as failed with <paramref name="exception"/>
    /// first (see <see cref="Fail"/>: also after <see cref="Complete"/>), so <c>catch (Exception ex) { events.Emit(run.FailEvent(ex)); throw; }</c>
    /// always rethrows the original error.
    /// </summary>
    /// <exception cref="InvalidOperationException">No exception was given and the run has not failed.</exception>
    public OpenLineageRunEvent FailEvent(Exception? exception = null, OpenLineageOptions? options = null)
    {
        if (exception is not null)
            Fail(exception);

        lock (_gate)
        {
            if (Status != RunStatus.Failed)
                throw new InvalidOperationException($"Run {RunId} of '{PipelineName}' has not failed; pass the exception to FailEvent or call Fail first.");
            return OpenLineageEventFactory.Create(this, OpenLineageEventType.Fail, EndedAt!.Value, options ?? OpenLineageOptions.Default);
        }
    }

    /// <inheritdoc/>
    public override string ToString() => PipelineName + " " + PipelineVersion + " run " + RunId + " (" + Status.ToString().ToLowerInvariant() + ")";

    internal IReadOnlyList<ModelArtifactRecord> ModelsUnlocked => _models;

    internal IReadOnlyDictionary<string, double> MetricsUnlocked => _metrics;

    private LineageDocument ToDocument()
    {
        var document = new LineageDocument
        {
            FormatVersion = FormatVersion,
            RunId = RunId,
            PipelineName = PipelineName,
            PipelineVersion = PipelineVersion,
            Status = Status,
            StartedAt = StartedAt,
            EndedAt = EndedAt,
            Seed = Seed,
            CodeFingerprint = CodeFingerprint,
            SourceRevision = SourceRevision,
            Environment = new EnvironmentDocument
            {
                DotNetRuntime = Environment.DotNetRuntime,
                OperatingSystem = Environment.OperatingSystem,
                ProcessArchitecture = Environment.ProcessArchitecture,
                LineageVersion = Environment.LineageVersion,
                Libraries = Environment.Libraries.ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal),
            },
            Failure = FailureType is null ? null : new FailureDocument { Type = FailureType, Message = FailureMessage ?? "" },
        };

        foreach (var parameter in Hyperparameters)
            document.Hyperparameters[parameter.Key] = JsonSerializer.SerializeToElement(parameter.Value, LineageDocument.Options);
        foreach (var metric in _metrics)
            document.Metrics[metric.Key] = metric.Value;
        foreach (var d in Datasets)
        {
            document.Datasets.Add(new DatasetDocument
            {
                Name = d.Name, Path = d.Path, FullPath = d.FullPath, Role = d.Role, IsDirectory = d.IsDirectory,
                Sha256 = d.Sha256, SizeBytes = d.SizeBytes, FileCount = d.FileCount, LastWriteTime = d.LastWriteTime,
                PinnedSha256 = Pipeline.Datasets.FirstOrDefault(p => p.Name == d.Name && p.Path == d.Path)?.Sha256,
            });
        }

        foreach (var output in Pipeline.ModelOutputs)
            document.ModelOutputs.Add(new ModelOutputDocument { Name = output.Name, PathTemplate = output.PathTemplate });

        foreach (var m in _models)
            document.Models.Add(new ModelDocument { Name = m.Name, Path = m.Path, FullPath = m.FullPath, Sha256 = m.Sha256, SizeBytes = m.SizeBytes, ContentSha256 = m.ContentSha256 });

        return document;
    }

    private static object? FromJson(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => value.GetString(),
        JsonValueKind.True => true,
        JsonValueKind.False => false,
        JsonValueKind.Null or JsonValueKind.Undefined => null,
        JsonValueKind.Number when value.TryGetInt64(out var integer) => integer,
        JsonValueKind.Number => value.GetDouble(),
        _ => value.GetRawText(),
    };

    /// <summary>A hyper-parameter or seed value as OpenLineage's string-valued execution parameter (invariant culture).</summary>
    internal static string FormatValue(object? value) => value switch
    {
        null => "null",
        bool b => b ? "true" : "false",
        float f => f.ToString("R", CultureInfo.InvariantCulture),
        double d => d.ToString("R", CultureInfo.InvariantCulture),
        IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };
}
