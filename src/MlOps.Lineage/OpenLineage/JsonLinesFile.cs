using System;
using System.Collections.Generic;
using System.IO;
using System.Text;
using Polly;
using Polly.Retry;
using Polly.Timeout;

namespace MlOps.Lineage;

/// <summary>
/// A JSON-lines file that several processes append to: the events file of <see cref="OpenLineageFileTransport"/> and the
/// spool of <see cref="OpenLineageHttpTransport"/>. Every access holds the file exclusively (<see cref="FileShare.None"/>,
/// which .NET enforces on Unix with <c>flock(LOCK_EX)</c> and on Windows with the share mode), so two appends never
/// write at the same offset: .NET's <see cref="FileMode.Append"/> is not <c>O_APPEND</c>, it writes at the length it saw
/// when it opened the file, and two processes overwrite each other's lines.
/// </summary>
internal sealed class JsonLinesFile
{
    /// <summary>How long an access waits for another process to release the file before it gives up.</summary>
    public static readonly TimeSpan DefaultLockTimeout = TimeSpan.FromSeconds(30);

    private static readonly Encoding Utf8NoBom = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false);
    private readonly ResiliencePipeline _whileLocked;

    public JsonLinesFile(string path, TimeSpan lockTimeout)
    {
        Path = path;
        LockTimeout = lockTimeout;

        // Another process holding the file shows as an IOException on open; wait for it with growing pauses, bounded
        // by the lock timeout. Missing folders and bad paths are not waited for.
        _whileLocked = new ResiliencePipelineBuilder()
            .AddTimeout(lockTimeout)
            .AddRetry(new RetryStrategyOptions
            {
                ShouldHandle = new PredicateBuilder().Handle<IOException>(IsPossiblyLocked),
                MaxRetryAttempts = int.MaxValue,
                BackoffType = DelayBackoffType.Exponential,
                Delay = TimeSpan.FromMilliseconds(2),
                MaxDelay = TimeSpan.FromMilliseconds(20),
                UseJitter = true,
            })
            .Build();
    }

    public string Path { get; }

    public TimeSpan LockTimeout { get; }

    /// <summary>
    /// Appends each line (compact JSON, no line break inside) with one write while holding the file. A file whose last
    /// line was cut short (a writer killed mid-write) gets a line break first, so the new lines parse.
    /// </summary>
    public void Append(IReadOnlyList<string> lines)
    {
        if (lines.Count == 0)
            return;

        var text = new StringBuilder();
        foreach (var line in lines)
            text.Append(line).Append('\n');
        var bytes = Utf8NoBom.GetBytes(text.ToString());

        using var stream = OpenExclusive(FileMode.OpenOrCreate);
        if (stream.Length > 0)
        {
            stream.Seek(-1, SeekOrigin.End);
            if (stream.ReadByte() != '\n')
                stream.WriteByte((byte)'\n');
        }

        stream.Seek(0, SeekOrigin.End);
        stream.Write(bytes, 0, bytes.Length);
        stream.Flush(flushToDisk: true);
    }

    /// <summary>
    /// Holds the file while <paramref name="update"/> turns its lines into the lines to keep; the file is then rewritten
    /// with them in place (truncated when none are left). Blank lines are skipped. Returns what update returned.
    /// </summary>
    public T Update<T>(Func<IReadOnlyList<string>, (IReadOnlyList<string> Keep, T Result)> update)
    {
        if (!File.Exists(Path))
            return update(Array.Empty<string>()).Result;

        using var stream = OpenExclusive(FileMode.OpenOrCreate);
        var lines = new List<string>();
        using (var reader = new StreamReader(stream, Utf8NoBom, detectEncodingFromByteOrderMarks: false, bufferSize: 4096, leaveOpen: true))
        {
            while (reader.ReadLine() is { } line)
            {
                if (line.Trim().Length > 0)
                    lines.Add(line);
            }
        }

        var (keep, result) = update(lines);
        if (keep.Count == lines.Count)
            return result;

        // Rewritten in place, not through a temporary file and a rename: a process that opened the old file just before
        // a rename would take its lock after us and append to a deleted file. The kept lines are a tail of the file, so
        // a crash mid-rewrite leaves each of them still whole somewhere in it (at worst beside a torn line and a copy).
        var text = new StringBuilder();
        foreach (var line in keep)
            text.Append(line).Append('\n');
        var bytes = Utf8NoBom.GetBytes(text.ToString());
        stream.Seek(0, SeekOrigin.Begin);
        stream.Write(bytes, 0, bytes.Length);
        stream.SetLength(bytes.Length);
        stream.Flush(flushToDisk: true);
        return result;
    }

    private FileStream OpenExclusive(FileMode mode)
    {
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(Path)!);
        try
        {
            return _whileLocked.Execute(
                static state => new FileStream(state.Path, state.mode, FileAccess.ReadWrite, FileShare.None, bufferSize: 1),
                (Path, mode));
        }
        catch (TimeoutRejectedException ex)
        {
            throw new IOException($"'{Path}' stayed locked by another process for {LockTimeout.TotalSeconds:0.#} s; nothing was written to it.", ex);
        }
    }

    private static bool IsPossiblyLocked(IOException exception) =>
        exception is not (FileNotFoundException or DirectoryNotFoundException or PathTooLongException or DriveNotFoundException);
}
