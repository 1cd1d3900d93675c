using System;

namespace MlOps.Lineage;

/// <summary>A model artifact a run produced: where it was written and, once written, its digest and size.</summary>
public sealed class ModelArtifactRecord
{
    internal ModelArtifactRecord(string name, string path, string fullPath, string? sha256, long? sizeBytes, string? contentSha256 = null)
    {
        ContentSha256 = contentSha256;
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

    /// <summary>
    /// For a zip archive (every ML.NET model), the digest of what it holds — entry names and bytes, not timestamps or
    /// packing — so two saves of the same model have the same content digest while their <see cref="Sha256"/> differ;
    /// <see langword="null"/> for other files and before the artifact is recorded. See <see cref="ModelArtifact.ComputeContentSha256"/>.
    /// </summary>
    public string? ContentSha256 { get; }

    internal ModelArtifactRecord WithContent(string sha256, long sizeBytes, string? contentSha256) => new(Name, Path, FullPath, sha256, sizeBytes, contentSha256);

    internal bool IsAt(string fullPath) => string.Equals(FullPath, fullPath, StringComparison.Ordinal);

    /// <inheritdoc/>
    public override string ToString() => Name + " (" + FullPath + ")";
}
