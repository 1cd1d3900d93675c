using System;
using System.IO;
using System.Text;
using MlOps.Lineage.Internal;

namespace MlOps.Lineage;

/// <summary>
/// Writes OpenLineage events to a JSON-lines file (one compact JSON object per line, UTF-8) in a directory the caller
/// chooses; the file is appended to, so the events of many runs collect in one place.
/// </summary>
public sealed class OpenLineageFileTransport : IOpenLineageTransport
{
    /// <summary>The file name used when none is given.</summary>
    public const string DefaultFileName = "openlineage.jsonl";

    private static readonly Encoding Utf8NoBom = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false);
    private readonly object _gate = new();

    /// <summary>Writes events to <paramref name="fileName"/> in <paramref name="directory"/> (created when missing).</summary>
    /// <param name="directory">The directory of the events file, e.g. <c>lineage/</c>.</param>
    /// <param name="fileName">The events file's name; <see cref="DefaultFileName"/> by default.</param>
    public OpenLineageFileTransport(string directory, string fileName = DefaultFileName)
    {
        if (string.IsNullOrWhiteSpace(directory))
            throw new ArgumentException("A directory for the OpenLineage events is needed.", nameof(directory));
        if (string.IsNullOrWhiteSpace(fileName) || fileName.IndexOfAny(Path.GetInvalidFileNameChars()) >= 0)
            throw new ArgumentException($"'{fileName}' is not a valid file name.", nameof(fileName));

        FilePath = Path.Combine(Path.GetFullPath(directory), fileName);
    }

    /// <summary>The absolute path of the events file.</summary>
    public string FilePath { get; }

    /// <summary>Appends the event as one line. The line is written with a single write, so concurrent writers do not interleave within it.</summary>
    public void Emit(OpenLineageRunEvent runEvent)
    {
        Guard.NotNull(runEvent);

        var line = Utf8NoBom.GetBytes(runEvent.ToJson() + "\n");
        lock (_gate)
        {
            Directory.CreateDirectory(Path.GetDirectoryName(FilePath)!);
            using var stream = new FileStream(FilePath, FileMode.Append, FileAccess.Write, FileShare.ReadWrite);
            stream.Write(line, 0, line.Length);
        }
    }
}
