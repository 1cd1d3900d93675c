using System;
using System.Collections.Generic;
using System.IO;
using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;

namespace MlOps.Lineage.Internal;

/// <summary>
/// The content digest of a zip archive: what it holds, not how it was packed. ML.NET's <c>Model.Save</c> writes a zip
/// whose entries carry the time of the save, so two saves of the same model differ byte for byte; their entry names
/// and entry bytes do not.
/// </summary>
/// <remarks>
/// The digest is the SHA-256 of the manifest <c>"&lt;sha256 of entry&gt;  &lt;entry name&gt;\n"</c> over the file
/// entries (directory entries, whose names end in <c>/</c>, hold nothing), sorted ordinally — the same manifest
/// <see cref="DatasetHasher"/> hashes for a directory, so it equals the directory digest of the extracted archive.
/// Timestamps, compression method and level, comments and entry order do not change it. Entries are streamed.
/// </remarks>
internal static class ArchiveContentHasher
{
    private static readonly byte[] LocalFileHeader = [(byte)'P', (byte)'K', 3, 4];

    /// <summary>The content digest of the zip archive at <paramref name="fullPath"/>, or null when the file is not a readable zip archive.</summary>
    public static string? ContentSha256(string fullPath)
    {
        using var file = new FileStream(fullPath, FileMode.Open, FileAccess.Read, FileShare.Read, 4096, FileOptions.RandomAccess);
        if (!StartsWithZipHeader(file))
            return null;

        try
        {
            file.Position = 0;
            using var archive = new ZipArchive(file, ZipArchiveMode.Read, leaveOpen: true);
            var lines = new List<string>();
            var buffer = new byte[1 << 16];
            foreach (var entry in archive.Entries)
            {
                if (entry.FullName.Length > 0 && entry.FullName[entry.FullName.Length - 1] == '/')
                    continue;

                using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
                using var content = entry.Open();
                int read;
                while ((read = content.Read(buffer, 0, buffer.Length)) > 0)
                    hash.AppendData(buffer, 0, read);
                lines.Add(DatasetHasher.ToHex(hash.GetHashAndReset()) + "  " + entry.FullName + "\n");
            }

            // Ordinal on the entry name first (the sha prefix only orders entries that share a name).
            lines.Sort((a, b) =>
            {
                var byName = string.CompareOrdinal(a.Substring(66), b.Substring(66));
                return byName != 0 ? byName : string.CompareOrdinal(a, b);
            });

            using var manifest = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
            foreach (var line in lines)
                manifest.AppendData(Encoding.UTF8.GetBytes(line));
            return DatasetHasher.ToHex(manifest.GetHashAndReset());
        }
        catch (InvalidDataException)
        {
            return null; // starts like a zip, but is not one that can be read: only the file digest describes it
        }
    }

    private static bool StartsWithZipHeader(Stream stream)
    {
        var header = new byte[LocalFileHeader.Length];
        var read = 0;
        int count;
        while (read < header.Length && (count = stream.Read(header, read, header.Length - read)) > 0)
            read += count;
        if (read < header.Length)
            return false;

        for (var i = 0; i < header.Length; i++)
        {
            if (header[i] != LocalFileHeader[i])
                return false;
        }

        return true;
    }
}
