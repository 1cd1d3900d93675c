using System;
using System.Collections.Generic;
using System.IO;
using System.Text;

namespace MlOps.Lineage.Internal;

/// <summary>
/// Writes a file so that readers only ever see the old content or the complete new content: the bytes go to a
/// temporary file in the same directory (a rename is only atomic within one file system), are flushed to disk,
/// and the temporary file is then renamed over the target. A failure deletes the temporary file; a process killed
/// mid-write leaves it, and the next write of the same target removes it.
/// </summary>
/// <remarks>
/// Every attempt owns hidden files named <c>.&lt;name&gt;.&lt;32 hex&gt;</c> plus a suffix: <c>.lock</c>, held open
/// exclusively for the whole attempt, <c>.tmp</c> (the content) and <c>&lt;companion suffix&gt;.tmp</c> (a staged
/// companion file). .NET takes the exclusive hold with <c>flock</c> on Unix and a share mode on Windows; the kernel
/// drops both when the process dies, even by SIGKILL, so an attempt whose lock can be taken is dead.
/// </remarks>
internal static class AtomicFile
{
    private const string TempSuffix = ".tmp";
    private const string LockSuffix = ".lock";
    private const int IdLength = 32;

    // File names are limited to 255 bytes (Linux NAME_MAX, the usual Windows and macOS limits): the target's name is
    // shortened inside the hidden names so that a target with a long name can still be written.
    private const int MaxNameBytes = 255;
    private const int MaxSuffixBytes = 40;

    /// <summary>A file written with the target and put in place right after it (a model's lineage sidecar).</summary>
    /// <param name="Suffix">Appended to the target's path to name the companion (e.g. <c>.lineage.json</c>).</param>
    /// <param name="Content">The companion's bytes, from the target's complete temporary file (its path is given), before the target is in place.</param>
    internal sealed record Companion(string Suffix, Func<string, byte[]> Content);

    /// <summary>Writes <paramref name="path"/> atomically.</summary>
    /// <param name="path">The target path.</param>
    /// <param name="write">Writes the content to the stream (it may dispose it).</param>
    /// <param name="overwrite">Whether an existing file is replaced; when false it is left untouched and <paramref name="exists"/> is thrown.</param>
    /// <param name="exists">Makes the exception for an existing target from its full path.</param>
    /// <param name="companion">A file to write before the target and put in place right after it, or null.</param>
    /// <param name="recovers">Whether a dead attempt's staged companion describes the target it left in place (so it is moved beside it, not deleted).</param>
    public static void Write(string path, Action<Stream> write, bool overwrite, Func<string, Exception> exists, Companion? companion = null, Func<string, string, bool>? recovers = null) =>
        WriteCore(path, overwrite, exists, companion, recovers, temp =>
        {
            using var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None);
            write(stream);
            if (stream.CanWrite)
                stream.Flush(flushToDisk: true);
        });

    /// <summary>Like <see cref="Write"/>, for a writer that only accepts a path (e.g. TorchSharp's <c>Module.save</c>).</summary>
    public static void WriteUsingPath(string path, Action<string> writeFile, bool overwrite, Func<string, Exception> exists, Companion? companion = null, Func<string, string, bool>? recovers = null) =>
        WriteCore(path, overwrite, exists, companion, recovers, temp =>
        {
            writeFile(temp);
            if (!File.Exists(temp))
                throw new IOException("the save callback wrote no file at the temporary path it was given");

            using var stream = new FileStream(temp, FileMode.Open, FileAccess.ReadWrite, FileShare.None);
            stream.Flush(flushToDisk: true);
        });

    private static void WriteCore(string path, bool overwrite, Func<string, Exception> exists, Companion? companion, Func<string, string, bool>? recovers, Action<string> writeTemp)
    {
        Guard.NotNull(path);

        var fullPath = Path.GetFullPath(path);
        if (Directory.Exists(fullPath))
            throw new IOException($"'{fullPath}' is a directory; a file cannot be written there.");

        RemoveDeadAttempts(fullPath, recovers);
        if (!overwrite && File.Exists(fullPath))
            throw exists(fullPath);

        var companionPath = companion is null ? null : fullPath + companion.Suffix;
        if (companionPath is not null && Directory.Exists(companionPath))
            throw new IOException($"'{companionPath}' is a directory, so the file that goes with '{fullPath}' cannot be written there; nothing was saved.");

        using var attempt = new Attempt(fullPath);
        try
        {
            Directory.CreateDirectory(Path.GetDirectoryName(fullPath)!);
            attempt.Begin();
            writeTemp(attempt.TempPath);
            var staged = companion is null ? null : attempt.StagedPath(companion.Suffix);
            if (staged is not null)
            {
                var bytes = companion!.Content(attempt.TempPath);
                using var stream = new FileStream(staged, FileMode.CreateNew, FileAccess.Write, FileShare.None);
                stream.Write(bytes, 0, bytes.Length);
                stream.Flush(flushToDisk: true);
            }

            Commit(attempt.TempPath, fullPath, overwrite, exists);
            if (staged is not null)
                CommitCompanion(staged, companionPath!, attempt.TempPath, fullPath, overwrite);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // The errors of the hidden files name those files; the caller knows the target.
            var message = $"Could not save '{fullPath}': {attempt.Scrub(ex.Message, companionPath)}";
            if (ex is UnauthorizedAccessException)
                throw new UnauthorizedAccessException(message, ex);
            throw new IOException(message, ex);
        }
    }

    private static void Commit(string temp, string fullPath, bool overwrite, Func<string, Exception> exists)
    {
        if (!overwrite)
        {
            // File.Move without overwrite fails when the target exists (on Unix .NET links then unlinks, on
            // Windows MoveFile refuses): no check-then-act window in which another writer's file is replaced.
            try
            {
                File.Move(temp, fullPath);
            }
            catch (IOException) when (File.Exists(fullPath))
            {
                throw exists(fullPath);
            }

            return;
        }

        Replace(temp, fullPath);
    }

    /// <summary>Puts the staged companion in place; when that fails, a new target is taken back so it never stands without it.</summary>
    private static void CommitCompanion(string staged, string companionPath, string temp, string fullPath, bool overwrite)
    {
        try
        {
            Replace(staged, companionPath);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            if (!overwrite)
                TryMove(fullPath, temp); // deleted with the attempt; the error to report is the companion's
            throw;
        }
    }

    private static void Replace(string source, string destination)
    {
#if NET
        File.Move(source, destination, overwrite: true);
#else
        // netstandard2.0 has no File.Move overload that replaces; File.Replace does (rename(2) on Unix,
        // ReplaceFile on Windows) but needs an existing target, so a missing one is a plain move.
        if (File.Exists(destination))
        {
            File.Replace(source, destination, destinationBackupFileName: null, ignoreMetadataErrors: true);
        }
        else
        {
            try
            {
                File.Move(source, destination);
            }
            catch (IOException) when (File.Exists(destination))
            {
                File.Replace(source, destination, destinationBackupFileName: null, ignoreMetadataErrors: true);
            }
        }
#endif
    }

    /// <summary>
    /// Deletes the hidden files of earlier attempts on <paramref name="fullPath"/> whose process has died (their lock is
    /// free). A dead attempt that had already put its target in place leaves a staged companion that describes it: that
    /// one is moved beside the target instead, so the target does not stay without it.
    /// </summary>
    private static void RemoveDeadAttempts(string fullPath, Func<string, string, bool>? recovers)
    {
        var directory = Path.GetDirectoryName(fullPath)!;
        if (!Directory.Exists(directory))
            return;

        var prefix = "." + ShortName(Path.GetFileName(fullPath)) + ".";
        var attempts = new Dictionary<string, List<(string Path, string Suffix)>>(StringComparer.Ordinal);
        try
        {
            foreach (var file in Directory.EnumerateFiles(directory))
            {
                var name = Path.GetFileName(file);
                if (!name.StartsWith(prefix, StringComparison.Ordinal) || name.Length < prefix.Length + IdLength + TempSuffix.Length)
                    continue;

                var id = name.Substring(prefix.Length, IdLength);
                var suffix = name.Substring(prefix.Length + IdLength);
                if (!IsId(id) || !(suffix == LockSuffix || (suffix[0] == '.' && suffix.EndsWith(TempSuffix, StringComparison.Ordinal))))
                    continue;

                if (!attempts.TryGetValue(id, out var files))
                    attempts[id] = files = [];
                files.Add((file, suffix));
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return; // an unreadable directory fails the write itself, with its own message
        }

        foreach (var attempt in attempts)
        {
            using var held = TakeOverLock(Path.Combine(directory, prefix + attempt.Key + LockSuffix), out var alive);
            if (alive)
                continue;

            foreach (var (file, suffix) in attempt.Value)
            {
                if (suffix == LockSuffix)
                    continue; // deleted when `held` is disposed

                if (suffix != TempSuffix && recovers is not null)
                {
                    var companionPath = fullPath + suffix.Remove(suffix.Length - TempSuffix.Length);
                    if (File.Exists(fullPath) && !File.Exists(companionPath) && SafeRecovers(recovers, file, fullPath) && TryMove(file, companionPath))
                        continue;
                }

                TryDelete(file);
            }
        }
    }

    /// <summary>Takes the lock of an attempt if its process is gone; <paramref name="alive"/> tells that it is still held.</summary>
    private static FileStream? TakeOverLock(string lockPath, out bool alive)
    {
        alive = false;
        try
        {
            return new FileStream(lockPath, FileMode.Open, FileAccess.ReadWrite, FileShare.None, 1, FileOptions.DeleteOnClose);
        }
        catch (FileNotFoundException)
        {
            return null; // an attempt creates its lock first and deletes it last: its other files without it are dead
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            alive = true; // held by a live process, or not ours to judge: leave it
            return null;
        }
    }

    private static bool SafeRecovers(Func<string, string, bool> recovers, string staged, string fullPath)
    {
        try
        {
            return recovers(staged, fullPath);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    private static bool TryMove(string source, string destination)
    {
        try
        {
            File.Move(source, destination);
            return true;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // Only left behind when it cannot be deleted; the target is never affected, and the next write tries again.
        }
    }

    private static bool IsId(string text)
    {
        foreach (var c in text)
        {
            if (!(c is >= '0' and <= '9' or >= 'a' and <= 'f'))
                return false;
        }

        return true;
    }

    /// <summary>The target's name as it appears in the hidden names: cut (at a character boundary) to leave room for the id and suffix.</summary>
    private static string ShortName(string name)
    {
        var room = MaxNameBytes - 2 - IdLength - MaxSuffixBytes;
        var chars = name.ToCharArray();
        var end = chars.Length;
        while (Encoding.UTF8.GetByteCount(chars, 0, end) > room)
            end -= char.IsLowSurrogate(name[end - 1]) && end >= 2 ? 2 : 1;
        return new string(chars, 0, end);
    }

    /// <summary>One write of a target: its exclusive lock and the names of its hidden files.</summary>
    private sealed class Attempt : IDisposable
    {
        private readonly string _prefix;
        private readonly string _fullPath;
        private readonly List<string> _staged = [];
        private FileStream? _lock;

        public Attempt(string fullPath)
        {
            _fullPath = fullPath;
            _prefix = Path.Combine(Path.GetDirectoryName(fullPath)!, "." + ShortName(Path.GetFileName(fullPath)) + "." + Guid.NewGuid().ToString("N"));
            TempPath = _prefix + TempSuffix;
        }

        /// <summary>Takes the attempt's lock, before any of its other files exist (so they are never seen without it).</summary>
        public void Begin() => _lock = new FileStream(_prefix + LockSuffix, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1, FileOptions.DeleteOnClose);

        public string TempPath { get; }

        public string StagedPath(string companionSuffix)
        {
            var staged = _prefix + companionSuffix + TempSuffix;
            _staged.Add(staged);
            return staged;
        }

        /// <summary>An error message with the hidden names replaced by the files they stand for.</summary>
        public string Scrub(string message, string? companionPath)
        {
            foreach (var staged in _staged)
                message = message.Replace(staged, companionPath ?? _fullPath);
            return message.Replace(TempPath, _fullPath).Replace(_prefix + LockSuffix, _fullPath);
        }

        public void Dispose()
        {
            if (_lock is null)
                return;

            TryDelete(TempPath);
            foreach (var staged in _staged)
                TryDelete(staged);
            _lock.Dispose();
        }
    }
}
