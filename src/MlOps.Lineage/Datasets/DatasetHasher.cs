using System;
using System.Collections.Generic;
using System.IO;
using System.Security.Cryptography;
using System.Text;
using MlOps.Lineage.Internal;

namespace MlOps.Lineage;

/// <summary>
/// Streaming SHA-256 of a dataset: a file's content, or a directory's files in a fixed order. Use it to compute
/// the value to pin in <see cref="DatasetInputAttribute.Sha256"/>; <see cref="PipelineInfo.Capture()"/> uses it for
/// every declared dataset.
/// </summary>
/// <remarks>
/// Files are read in blocks, never whole, so a multi-gigabyte dataset costs one buffer of memory.
/// A directory's digest is the SHA-256 of its manifest: one line <c>"&lt;sha256 of file&gt;  &lt;relative path&gt;\n"</c>
/// per file below it (all depths, hidden files included), relative paths with <c>/</c> separators, sorted
/// ordinally. That is what <c>find . -type f -printf '%P\n' | LC_ALL=C sort | xargs -d '\n' sha256sum | sha256sum</c>
/// prints for ASCII file names, so it depends only on names and contents, never on creation order or timestamps.
/// </remarks>
public static class DatasetHasher
{
    private const int BufferSize = 1 << 20;

    /// <summary>The SHA-256 (64 lower-case hex digits) of the file or directory at <paramref name="path"/>.</summary>
    /// <exception cref="FileNotFoundException">Nothing exists at <paramref name="path"/>.</exception>
    /// <exception cref="IOException">A file could not be read.</exception>
    /// <exception cref="UnauthorizedAccessException">A file or directory may not be read.</exception>
    public static string ComputeSha256(string path) => ComputeSha256(path, bytesHashed: null);

    /// <summary>
    /// Like <see cref="ComputeSha256(string)"/>, reporting the number of bytes hashed so far (all files of a directory
    /// together) after each block, so a caller can show progress on a large dataset.
    /// </summary>
    /// <param name="path">A file or directory.</param>
    /// <param name="bytesHashed">Receives the running total of bytes hashed; <see langword="null"/> for none.</param>
    /// <exception cref="FileNotFoundException">Nothing exists at <paramref name="path"/>.</exception>
    /// <exception cref="IOException">A file could not be read.</exception>
    /// <exception cref="UnauthorizedAccessException">A file or directory may not be read.</exception>
    public static string ComputeSha256(string path, IProgress<long>? bytesHashed)
    {
        Guard.NotNull(path);

        return Digest(Path.GetFullPath(path), bytesHashed).Sha256;
    }

    /// <summary>Hashes a file or a directory; throws <see cref="FileNotFoundException"/> when neither exists.</summary>
    internal static ContentDigest Digest(string fullPath, IProgress<long>? bytesHashed = null)
    {
        var counter = new ByteCounter(bytesHashed);
        if (File.Exists(fullPath))
            return DigestFile(fullPath, counter);
        if (Directory.Exists(fullPath))
            return DigestDirectory(fullPath, counter);
        throw new FileNotFoundException($"No file or directory exists at '{fullPath}'.", fullPath);
    }

    private static ContentDigest DigestFile(string fullPath, ByteCounter counter)
    {
        var lastWrite = File.GetLastWriteTimeUtc(fullPath);
        var buffer = new byte[BufferSize];
        var (sha, size) = HashFile(fullPath, buffer, counter);
        return new ContentDigest(sha, size, 1, new DateTimeOffset(lastWrite, TimeSpan.Zero));
    }

    private static ContentDigest DigestDirectory(string fullPath, ByteCounter counter)
    {
        var root = fullPath.TrimEnd(Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar);
        var files = new List<KeyValuePair<string, string>>();
        foreach (var file in Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories))
        {
            var relative = file.Substring(root.Length + 1).Replace(Path.DirectorySeparatorChar, '/');
            files.Add(new KeyValuePair<string, string>(relative, file));
        }

        files.Sort((a, b) => string.CompareOrdinal(a.Key, b.Key));

        var buffer = new byte[BufferSize];
        long size = 0;
        var lastWrite = Directory.GetLastWriteTimeUtc(root);
        using var manifest = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var entry in files)
        {
            var written = File.GetLastWriteTimeUtc(entry.Value);
            if (written > lastWrite)
                lastWrite = written;

            var (sha, fileSize) = HashFile(entry.Value, buffer, counter);
            size += fileSize;
            var line = Encoding.UTF8.GetBytes(sha + "  " + entry.Key + "\n");
            manifest.AppendData(line);
        }

        return new ContentDigest(ToHex(manifest.GetHashAndReset()), size, files.Count, new DateTimeOffset(lastWrite, TimeSpan.Zero));
    }

    private static (string Sha256, long Size) HashFile(string fullPath, byte[] buffer, ByteCounter counter)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        using var stream = new FileStream(fullPath, FileMode.Open, FileAccess.Read, FileShare.Read, 4096, FileOptions.SequentialScan);
        long size = 0;
        int read;
        while ((read = stream.Read(buffer, 0, buffer.Length)) > 0)
        {
            hash.AppendData(buffer, 0, read);
            size += read;
            counter.Add(read);
        }

        return (ToHex(hash.GetHashAndReset()), size);
    }

    internal static string ToHex(byte[] bytes)
    {
        const string Digits = "0123456789abcdef";
        var chars = new char[bytes.Length * 2];
        for (var i = 0; i < bytes.Length; i++)
        {
            chars[2 * i] = Digits[bytes[i] >> 4];
            chars[(2 * i) + 1] = Digits[bytes[i] & 0xF];
        }

        return new string(chars);
    }

    private sealed class ByteCounter
    {
        private readonly IProgress<long>? _progress;
        private long _total;

        public ByteCounter(IProgress<long>? progress) => _progress = progress;

        public void Add(int bytes)
        {
            if (_progress is null)
                return;
            _total += bytes;
            _progress.Report(_total);
        }
    }

    internal readonly struct ContentDigest
    {
        public ContentDigest(string sha256, long size, int fileCount, DateTimeOffset lastWriteTime)
        {
            Sha256 = sha256;
            Size = size;
            FileCount = fileCount;
            LastWriteTime = lastWriteTime;
        }

        public string Sha256 { get; }

        public long Size { get; }

        public int FileCount { get; }

        public DateTimeOffset LastWriteTime { get; }
    }
}
