using System;
using System.Collections.Generic;

namespace MlOps.Lineage;

/// <summary>
/// Everything known about a training pipeline at compile time. The generated lineage class builds one from the
/// pipeline's attributes; <c>Capture()</c> adds what is only known at run time.
/// </summary>
public sealed class PipelineInfo
{
    /// <summary>Creates the pipeline description; the generated lineage class calls this once.</summary>
    public PipelineInfo(
        string name,
        string version,
        int? seed,
        IReadOnlyList<DatasetDeclaration> datasets,
        IReadOnlyList<ModelOutputDeclaration> modelOutputs,
        IReadOnlyDictionary<string, object?> hyperparameters,
        string codeFingerprint,
        string sourceRevision)
        : this(name, version, seed, datasets, modelOutputs, hyperparameters, codeFingerprint, sourceRevision, owner: null)
    {
    }

    /// <summary>Creates the pipeline description with its <c>[TrainingPipeline(Owner = ...)]</c>; the generated lineage class calls this once.</summary>
    public PipelineInfo(
        string name,
        string version,
        int? seed,
        IReadOnlyList<DatasetDeclaration> datasets,
        IReadOnlyList<ModelOutputDeclaration> modelOutputs,
        IReadOnlyDictionary<string, object?> hyperparameters,
        string codeFingerprint,
        string sourceRevision,
        string? owner)
    {
        Name = name ?? throw new ArgumentNullException(nameof(name));
        Version = version ?? throw new ArgumentNullException(nameof(version));
        Seed = seed;
        Datasets = datasets ?? throw new ArgumentNullException(nameof(datasets));
        ModelOutputs = modelOutputs ?? throw new ArgumentNullException(nameof(modelOutputs));
        Hyperparameters = hyperparameters ?? throw new ArgumentNullException(nameof(hyperparameters));
        CodeFingerprint = codeFingerprint ?? throw new ArgumentNullException(nameof(codeFingerprint));
        SourceRevision = sourceRevision ?? throw new ArgumentNullException(nameof(sourceRevision));
        Owner = string.IsNullOrWhiteSpace(owner) ? null : owner;
    }

    /// <summary>The team or person who owns the pipeline (<c>[TrainingPipeline(Owner = ...)]</c>), when declared; the OpenLineage <c>ownership</c> job facet.</summary>
    public string? Owner { get; }

    /// <summary>The pipeline's name (the OpenLineage job name).</summary>
    public string Name { get; }

    /// <summary>The pipeline's version.</summary>
    public string Version { get; }

    /// <summary>The <c>[TrainingSeed]</c> value, when declared.</summary>
    public int? Seed { get; }

    /// <summary>The declared datasets.</summary>
    public IReadOnlyList<DatasetDeclaration> Datasets { get; }

    /// <summary>The declared model outputs.</summary>
    public IReadOnlyList<ModelOutputDeclaration> ModelOutputs { get; }

    /// <summary>The hyper-parameters by recorded name.</summary>
    public IReadOnlyDictionary<string, object?> Hyperparameters { get; }

    /// <summary>A SHA-256 over the pipeline's normalized source (whitespace and comments do not change it).</summary>
    public string CodeFingerprint { get; }

    /// <summary>The source revision the build saw (e.g. a git commit), or <c>"unknown"</c>.</summary>
    public string SourceRevision { get; }

    /// <summary>
    /// Starts a run of this pipeline: a new run id (UUID) and the start time, every declared dataset hashed
    /// (streaming SHA-256, size, last-write time; checked against its pinned <see cref="DatasetDeclaration.Sha256"/>),
    /// and the environment (.NET runtime, OS, loaded ML.NET / TorchSharp versions). Relative dataset paths are
    /// resolved against the current directory.
    /// </summary>
    /// <exception cref="DatasetUnavailableException">A dataset does not exist or cannot be read (the message names it and its path).</exception>
    /// <exception cref="DatasetHashMismatchException">A dataset differs from its pinned SHA-256 (the message names both digests).</exception>
    public LineageRecord Capture() => Capture(baseDirectory: null);

    /// <summary>Like <see cref="Capture()"/>, resolving relative dataset paths against <paramref name="baseDirectory"/>.</summary>
    /// <param name="baseDirectory">The directory relative dataset paths are resolved against; the current directory when <see langword="null"/>.</param>
    /// <exception cref="DatasetUnavailableException">A dataset does not exist or cannot be read.</exception>
    /// <exception cref="DatasetHashMismatchException">A dataset differs from its pinned SHA-256.</exception>
    public LineageRecord Capture(string? baseDirectory)
    {
        var startedAt = DateTimeOffset.UtcNow;
        var datasets = new List<DatasetFingerprint>(Datasets.Count);
        foreach (var dataset in Datasets)
            datasets.Add(DatasetFingerprint.Compute(dataset, baseDirectory));

        return new LineageRecord(this, Guid.NewGuid().ToString("D"), startedAt, datasets, RunEnvironment.Capture());
    }
}
