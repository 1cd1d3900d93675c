using System;
using System.IO;
using MlOps.Lineage.Internal;

namespace MlOps.Lineage;

/// <summary>
/// Writes OpenLineage events to a JSON-lines file (one compact JSON object per line, UTF-8) in a directory the caller
/// chooses; the file is appended to, so the events of many runs collect in one place.
/// </summary>
/// <remarks>
/// Several processes can append to the same file: each append holds the file exclusively (on Unix an advisory
/// <c>flock</c> that every writer using this library takes; on Windows the share mode), waiting up to
/// <see cref="LockTimeout"/> for another writer. Across machines this holds as far as the shared file system honours
/// those locks: NFS with a working lock service (not mounted <c>nolock</c>), SMB from Windows; not on file systems
/// without locking (some FUSE and object-store mounts), and not against writers that do not take the lock.
/// </remarks>
public sealed class OpenLineageFileTransport : IOpenLineageTransport
{
    /// <summary>The file name used when none is given.</summary>
    public const string DefaultFileName = "openlineage.jsonl";

    private readonly JsonLinesFile _file;

    /// <summary>Writes events to <paramref name="fileName"/> in <paramref name="directory"/> (created when missing).</summary>
    /// <param name="directory">The directory of the events file, e.g. <c>lineage/</c>.</param>
    /// <param name="fileName">The events file's name; <see cref="DefaultFileName"/> by default.</param>
    public OpenLineageFileTransport(string directory, string fileName = DefaultFileName)
        : this(directory, fileName, JsonLinesFile.DefaultLockTimeout)
    {
    }

    /// <summary>Like <see cref="OpenLineageFileTransport(string, string)"/>, waiting at most <paramref name="lockTimeout"/> for other writers.</summary>
    public OpenLineageFileTransport(string directory, string fileName, TimeSpan lockTimeout)
    {
        if (string.IsNullOrWhiteSpace(directory))
            throw new ArgumentException("A directory for the OpenLineage events is needed.", nameof(directory));
        if (string.IsNullOrWhiteSpace(fileName) || fileName.IndexOfAny(Path.GetInvalidFileNameChars()) >= 0)
            throw new ArgumentException($"'{fileName}' is not a valid file name.", nameof(fileName));

        if (lockTimeout <= TimeSpan.Zero || lockTimeout > TimeSpan.FromDays(1))
            throw new ArgumentOutOfRangeException(nameof(lockTimeout), lockTimeout, "The lock timeout must be positive and at most a day.");

        FilePath = Path.Combine(Path.GetFullPath(directory), fileName);
        _file = new JsonLinesFile(FilePath, lockTimeout);
    }

    /// <summary>Writes events to the file at <paramref name="filePath"/> (its directory is created when missing).</summary>
    public static OpenLineageFileTransport ForFile(string filePath)
    {
        if (string.IsNullOrWhiteSpace(filePath))
            throw new ArgumentException("A path for the OpenLineage events file is needed.", nameof(filePath));

        var fullPath = Path.GetFullPath(filePath);
        return new OpenLineageFileTransport(Path.GetDirectoryName(fullPath)!, Path.GetFileName(fullPath));
    }

    /// <summary>How long an append waits for another process that is writing the file.</summary>
    public TimeSpan LockTimeout => _file.LockTimeout;

    /// <summary>The absolute path of the events file.</summary>
    public string FilePath { get; }

    /// <summary>Appends the event as one line, holding the file so that no other writer's line lands on it.</summary>
    /// <exception cref="IOException">The file cannot be written, or another process held it for longer than <see cref="LockTimeout"/>.</exception>
    public void Emit(OpenLineageRunEvent runEvent)
    {
        Guard.NotNull(runEvent);
        _file.Append([runEvent.ToJson()]);
    }

    /// <inheritdoc/>
    public override string ToString() => FilePath;
}
