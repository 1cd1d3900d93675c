using System;

namespace MlOps.Lineage;

/// <summary>A model artifact a run produced: where it was written and, once written, its digest and size.</summary>
public sealed class ModelArtifactRecord
{
    internal ModelArtifactRecord(string name, string path, string fullPath, string? sha256, long? sizeBytes)
    {
        Name = name;
        Path = path;
        FullPath = fullPath;
        Sha256 = sha256;
        SizeBytes = sizeBytes;
    }

    /// <summary>The model output's declared name (the file name for an artifact that was not declared).</summary>
    public string Name { get; }

    /// <summary>The path as resolved from the template (possibly relative).</summary>
    public string Path { get; }

    /// <summary>The absolute path.</summary>
    public string FullPath { get; }

    /// <summary>The artifact's SHA-256, once it has been written and recorded; otherwise <see langword="null"/>.</summary>
    public string? Sha256 { get; }

    /// <summary>The artifact's size in bytes, once it has been written and recorded; otherwise <see langword="null"/>.</summary>
    public long? SizeBytes { get; }

    internal ModelArtifactRecord WithContent(string sha256, long sizeBytes) => new(Name, Path, FullPath, sha256, sizeBytes);

    internal bool IsAt(string fullPath) => string.Equals(FullPath, fullPath, StringComparison.Ordinal);

    /// <inheritdoc/>
    public override string ToString() => Name + " (" + FullPath + ")";
}
