using System;
using System.IO;
using MlOps.Lineage.Internal;

namespace MlOps.Lineage;

/// <summary>
/// What a run read for one declared dataset: its content digest, size, file count and last-write time, taken when
/// the run was captured.
/// </summary>
public sealed class DatasetFingerprint
{
    internal DatasetFingerprint(
        string name,
        string path,
        string fullPath,
        DatasetRole role,
        bool isDirectory,
        string sha256,
        long sizeBytes,
        int fileCount,
        DateTimeOffset lastWriteTime)
    {
        Name = name;
        Path = path;
        FullPath = fullPath;
        Role = role;
        IsDirectory = isDirectory;
        Sha256 = sha256;
        SizeBytes = sizeBytes;
        FileCount = fileCount;
        LastWriteTime = lastWriteTime;
    }

    /// <summary>The dataset's declared name.</summary>
    public string Name { get; }

    /// <summary>The path as declared (possibly relative).</summary>
    public string Path { get; }

    /// <summary>The absolute path that was hashed.</summary>
    public string FullPath { get; }

    /// <summary>What the dataset is used for.</summary>
    public DatasetRole Role { get; }

    /// <summary>True when the dataset is a directory (e.g. an image folder) rather than one file.</summary>
    public bool IsDirectory { get; }

    /// <summary>The content's SHA-256, 64 lower-case hex digits (for a directory, see <see cref="DatasetHasher"/>).</summary>
    public string Sha256 { get; }

    /// <summary>The number of bytes hashed (for a directory, of all its files).</summary>
    public long SizeBytes { get; }

    /// <summary>The number of files hashed: 1 for a file.</summary>
    public int FileCount { get; }

    /// <summary>The last-write time (UTC) of the file, or of the newest file in the directory.</summary>
    public DateTimeOffset LastWriteTime { get; }

    /// <summary>
    /// Hashes a declared dataset (streaming SHA-256) and checks it against its pinned <see cref="DatasetDeclaration.Sha256"/>.
    /// </summary>
    /// <param name="dataset">The declaration.</param>
    /// <param name="baseDirectory">The directory a relative path is resolved against; the current directory when <see langword="null"/>.</param>
    /// <exception cref="DatasetUnavailableException">The dataset does not exist or cannot be read.</exception>
    /// <exception cref="DatasetHashMismatchException">The content differs from the pinned digest.</exception>
    public static DatasetFingerprint Compute(DatasetDeclaration dataset, string? baseDirectory = null)
    {
        Guard.NotNull(dataset);

        var fullPath = ResolvePath(dataset.Path, baseDirectory);
        bool isDirectory;
        DatasetHasher.ContentDigest digest;
        try
        {
            isDirectory = Directory.Exists(fullPath);
            if (!isDirectory && !File.Exists(fullPath))
                throw new DatasetUnavailableException(dataset.Name, fullPath, "does not exist (declared path '" + dataset.Path + "')");

            digest = DatasetHasher.Digest(fullPath);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or System.Security.SecurityException)
        {
            throw new DatasetUnavailableException(dataset.Name, fullPath, "cannot be read: " + ex.Message, ex);
        }

        if (dataset.Sha256 is { } expected && !string.Equals(expected.Trim(), digest.Sha256, StringComparison.OrdinalIgnoreCase))
            throw new DatasetHashMismatchException(dataset.Name, fullPath, expected.Trim(), digest.Sha256);

        return new DatasetFingerprint(
            dataset.Name, dataset.Path, fullPath, dataset.Role, isDirectory, digest.Sha256, digest.Size, digest.FileCount, digest.LastWriteTime);
    }

    internal static string ResolvePath(string path, string? baseDirectory) =>
        System.IO.Path.GetFullPath(baseDirectory is null ? path : System.IO.Path.Combine(baseDirectory, path));

    /// <inheritdoc/>
    public override string ToString() => Name + " (" + FullPath + ", sha256 " + Sha256 + ")";
}
