using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using MlOps.Analyzers.Facts.Pipelines;

namespace MlOps.Cli.Lock;

/// <summary>
/// <c>mlops.lineage.lock</c>: one line per pipeline, <c>&lt;name&gt; &lt;version&gt; &lt;code fingerprint&gt;</c>, sorted by
/// name, so a change to one pipeline is a one-line diff. The format is specified in docs/lineage-lock.md; this
/// command and MLOPS105 read it with the same code (<see cref="LineageLock"/>, compiled into both).
/// </summary>
internal static class LineageLockFile
{
    public const string FileName = LineageLock.FileName;

    private const string Header =
        "# mlops.lineage.lock: the code fingerprint of each training pipeline at its version (docs/lineage-lock.md).\n" +
        "# Written by `mlops lock`, checked by MLOPS105 and `mlops lock --check`. Commit it; do not edit by hand.\n" +
        "# <name> <version> <code fingerprint>\n";

    /// <summary>The file's text for <paramref name="entries"/>: the header, then one line per pipeline sorted ordinally by name.</summary>
    public static string Format(IEnumerable<LockEntry> entries)
    {
        var text = new StringBuilder(Header);
        foreach (var entry in entries.OrderBy(e => e.Name, StringComparer.Ordinal))
            text.Append(LineageLock.Encode(entry.Name)).Append(' ').Append(LineageLock.Encode(entry.Version)).Append(' ').Append(entry.CodeFingerprint).Append('\n');
        return text.ToString();
    }

    /// <summary>Reads a lock file.</summary>
    /// <exception cref="CliException">The file cannot be read, or a line is malformed (the message names the file and line).</exception>
    public static IReadOnlyList<LockEntry> Read(string path)
    {
        string text;
        try
        {
            text = File.ReadAllText(path, Encoding.UTF8);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new CliException($"cannot read '{path}': {ex.Message}", ex);
        }

        return Parse(text, path);
    }

    /// <inheritdoc cref="Read"/>
    public static IReadOnlyList<LockEntry> Parse(string text, string path)
    {
        var parsed = LineageLock.Parse(text);
        if (parsed.Malformed.Count > 0)
            throw new CliException(parsed.Malformed[0].Message(path));
        return parsed.Entries;
    }
}
