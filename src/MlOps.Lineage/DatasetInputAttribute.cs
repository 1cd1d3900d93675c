using System;

namespace MlOps.Lineage;

/// <summary>
/// Declares a dataset that a training pipeline reads. The generated lineage class exposes it as a typed member,
/// and <c>Capture()</c> hashes its content (streaming SHA-256) so a run records exactly which data it used.
/// </summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Struct, AllowMultiple = true, Inherited = false)]
public sealed class DatasetInputAttribute : Attribute
{
    /// <summary>Declares a dataset.</summary>
    /// <param name="name">A name unique within the pipeline (an identifier-like word, e.g. <c>train</c>).</param>
    /// <param name="path">The file or directory the pipeline reads, relative to the working directory or absolute.</param>
    public DatasetInputAttribute(string name, string path)
    {
        Name = name;
        Path = path;
    }

    /// <summary>The dataset's name, unique within the pipeline.</summary>
    public string Name { get; }

    /// <summary>The file or directory the pipeline reads.</summary>
    public string Path { get; }

    /// <summary>
    /// The expected SHA-256 of the content (64 hex digits). When set, <c>Capture()</c> fails if the data on disk
    /// differs, naming the dataset, the path and both digests.
    /// </summary>
    public string? Sha256 { get; set; }

    /// <summary>What the dataset is used for; <see cref="DatasetRole.Train"/> by default.</summary>
    public DatasetRole Role { get; set; } = DatasetRole.Train;
}
