using System;
using System.IO;

namespace MlOps.Lineage.Internal;

/// <summary>
/// Writes a file so that readers only ever see the old content or the complete new content: the bytes go to a
/// temporary file in the same directory (a rename is only atomic within one file system), are flushed to disk,
/// and the temporary file is then renamed over the target. A failure deletes the temporary file.
/// </summary>
internal static class AtomicFile
{
    /// <summary>Writes <paramref name="path"/> atomically.</summary>
    /// <param name="path">The target path.</param>
    /// <param name="write">Writes the content to the stream (it may dispose it).</param>
    /// <param name="overwrite">Whether an existing file is replaced; when false it is left untouched and <paramref name="exists"/> is thrown.</param>
    /// <param name="exists">Makes the exception for an existing target from its full path.</param>
    public static void Write(string path, Action<Stream> write, bool overwrite, Func<string, Exception> exists) =>
        WriteCore(path, overwrite, exists, temp =>
        {
            using var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None);
            write(stream);
            if (stream.CanWrite)
                stream.Flush(flushToDisk: true);
        });

    /// <summary>Like <see cref="Write"/>, for a writer that only accepts a path (e.g. TorchSharp's <c>Module.save</c>).</summary>
    public static void WriteUsingPath(string path, Action<string> writeFile, bool overwrite, Func<string, Exception> exists) =>
        WriteCore(path, overwrite, exists, temp =>
        {
            writeFile(temp);
            if (!File.Exists(temp))
                throw new IOException($"The save callback did not write a file at '{temp}' (the temporary path it was given for '{path}').");

            using var stream = new FileStream(temp, FileMode.Open, FileAccess.ReadWrite, FileShare.None);
            stream.Flush(flushToDisk: true);
        });

    public static string TemporaryPathFor(string fullPath) =>
        Path.Combine(Path.GetDirectoryName(fullPath)!, "." + Path.GetFileName(fullPath) + "." + Guid.NewGuid().ToString("N") + ".tmp");

    private static void WriteCore(string path, bool overwrite, Func<string, Exception> exists, Action<string> writeTemp)
    {
        Guard.NotNull(path);

        var fullPath = Path.GetFullPath(path);
        if (Directory.Exists(fullPath))
            throw new IOException($"'{fullPath}' is a directory; a file cannot be written there.");
        if (!overwrite && File.Exists(fullPath))
            throw exists(fullPath);

        Directory.CreateDirectory(Path.GetDirectoryName(fullPath)!);
        var temp = TemporaryPathFor(fullPath);
        try
        {
            writeTemp(temp);
            Commit(temp, fullPath, overwrite, exists);
        }
        finally
        {
            TryDelete(temp);
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

#if NET
        File.Move(temp, fullPath, overwrite: true);
#else
        // netstandard2.0 has no File.Move overload that replaces; File.Replace does (rename(2) on Unix,
        // ReplaceFile on Windows) but needs an existing target, so a missing one is a plain move.
        if (File.Exists(fullPath))
        {
            File.Replace(temp, fullPath, destinationBackupFileName: null, ignoreMetadataErrors: true);
        }
        else
        {
            try
            {
                File.Move(temp, fullPath);
            }
            catch (IOException) when (File.Exists(fullPath))
            {
                File.Replace(temp, fullPath, destinationBackupFileName: null, ignoreMetadataErrors: true);
            }
        }
#endif
    }

    private static void TryDelete(string temp)
    {
        try
        {
            if (File.Exists(temp))
                File.Delete(temp);
        }
        catch (IOException)
        {
            // The temporary file is only left behind when it cannot be deleted; the target is never affected.
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
