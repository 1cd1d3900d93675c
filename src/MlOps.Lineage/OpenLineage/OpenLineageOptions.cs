using System;

namespace MlOps.Lineage;

/// <summary>How a run's OpenLineage events name things: namespaces, the producer, and where the source code lives.</summary>
public sealed class OpenLineageOptions
{
    /// <summary>The producer URI used when none is set: this library's repository.</summary>
    public static readonly Uri DefaultProducer = new("https://github.com/mlopsanalyzers/MlOpsAnalyzers");

    /// <summary>The options used when none are passed.</summary>
    public static OpenLineageOptions Default { get; } = new();

    /// <summary>The job namespace (OpenLineage <c>job.namespace</c>); <c>mlops</c> by default.</summary>
    public string JobNamespace { get; init; } = "mlops";

    /// <summary>
    /// The namespace of dataset and model files; <c>file</c> by default (OpenLineage's naming for a local file
    /// system, with the absolute path as the dataset name).
    /// </summary>
    public string DatasetNamespace { get; init; } = "file";

    /// <summary>The producer URI written in every event and facet.</summary>
    public Uri Producer { get; init; } = DefaultProducer;

    /// <summary>
    /// The repository of the training code (e.g. <c>https://github.com/org/repo</c>). When set, events carry the
    /// <c>sourceCodeLocation</c> job facet with the pipeline's source revision; when <see langword="null"/>, they do not.
    /// </summary>
    public Uri? SourceRepositoryUrl { get; init; }

    /// <summary>The URL of the pipeline's source file or folder; <see cref="SourceRepositoryUrl"/> when <see langword="null"/>.</summary>
    public Uri? SourceCodeUrl { get; init; }

    /// <summary>The path of the pipeline's code inside the repository, when known.</summary>
    public string? SourceCodePath { get; init; }
}
