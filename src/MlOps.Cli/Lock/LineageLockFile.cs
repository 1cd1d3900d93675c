using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;

namespace MlOps.Cli.Lock;

/// <summary>One locked pipeline: its name, its version and the code fingerprint the build generated for it.</summary>
internal sealed record LockEntry(string Name, string Version, string CodeFingerprint, int Line);

/// <summary>
/// <c>mlops.lineage.lock</c>: one line per pipeline, <c>&lt;name&gt; &lt;version&gt; &lt;code fingerprint&gt;</c>, sorted by
/// name, so a change to one pipeline is a one-line diff. The format is specified in docs/lineage-lock.md, which
/// MLOPS105 follows when it reads the file.
/// </summary>
internal static class LineageLockFile
{
    public const string FileName = "mlops.lineage.lock";

    private const string Header =
        "# mlops.lineage.lock: the code fingerprint of each training pipeline at its version (docs/lineage-lock.md).\n" +
        "# Written by `mlops lock`, checked by MLOPS105 and `mlops lock --check`. Commit it; do not edit by hand.\n" +
        "# <name> <version> <code fingerprint>\n";

    /// <summary>The file's text for <paramref name="entries"/>: the header, then one line per pipeline sorted ordinally by name.</summary>
    public static string Format(IEnumerable<LockEntry> entries)
    {
        var text = new StringBuilder(Header);
        foreach (var entry in entries.OrderBy(e => e.Name, StringComparer.Ordinal))
            text.Append(Encode(entry.Name)).Append(' ').Append(Encode(entry.Version)).Append(' ').Append(entry.CodeFingerprint).Append('\n');
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
        var entries = new List<LockEntry>();
        var lines = text.TrimStart('\uFEFF').Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var number = i + 1;
            var line = lines[i].Trim(' ', '\t', '\r');
            if (line.Length == 0 || line[0] == '#')
                continue;

            var fields = line.Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries);
            if (fields.Length != 3)
                throw Malformed(path, number, $"expected '<name> <version> <code fingerprint>' (3 fields separated by spaces), found {fields.Length}");

            var name = Decode(fields[0], path, number, "name");
            var version = Decode(fields[1], path, number, "version");
            var fingerprint = fields[2];
            if (fingerprint.Length != 64 || !fingerprint.All(c => c is >= '0' and <= '9' or >= 'a' and <= 'f'))
                throw Malformed(path, number, $"the code fingerprint '{fingerprint}' is not 64 lower-case hex digits (a SHA-256)");
            if (entries.FirstOrDefault(e => e.Name == name) is { } first)
                throw Malformed(path, number, $"pipeline '{name}' is already locked on line {first.Line.ToString(CultureInfo.InvariantCulture)}");

            entries.Add(new LockEntry(name, version, fingerprint, number));
        }

        return entries;
    }

    private static CliException Malformed(string path, int line, string problem) =>
        new($"{path}({line.ToString(CultureInfo.InvariantCulture)}): malformed lock line: {problem}");

    /// <summary>
    /// Percent-encodes what would break a line into the wrong fields or make it a comment: '%', '#', space and
    /// control characters (as UTF-8 bytes <c>%XX</c>). Ordinary names and SemVer versions are written as they are.
    /// </summary>
    public static string Encode(string value)
    {
        var text = new StringBuilder(value.Length);
        foreach (var c in value)
        {
            if (c is '%' or '#' or ' ' || char.IsControl(c))
            {
                foreach (var b in Encoding.UTF8.GetBytes(c.ToString()))
                    text.Append('%').Append(b.ToString("X2", CultureInfo.InvariantCulture));
            }
            else
            {
                text.Append(c);
            }
        }

        return text.ToString();
    }

    private static string Decode(string field, string path, int line, string what)
    {
        for (var i = field.IndexOf('%', StringComparison.Ordinal); i >= 0; i = field.IndexOf('%', i + 1))
        {
            if (i + 2 >= field.Length || !Uri.IsHexDigit(field[i + 1]) || !Uri.IsHexDigit(field[i + 2]))
                throw Malformed(path, line, $"the {what} '{field}' has a '%' that is not followed by two hex digits");
        }

        // Every escape is valid, so this is exactly the reverse of Encode (UTF-8 bytes).
        return Uri.UnescapeDataString(field);
    }
}
