using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;

namespace MlOps.Analyzers.Facts.Pipelines;

/// <summary>One locked pipeline: its name, its version and the code fingerprint the build generated for it (<paramref name="Line"/> counts from 1).</summary>
internal sealed record LockEntry(string Name, string Version, string CodeFingerprint, int Line);

/// <summary>A line of the lock that is neither a comment nor a pipeline: where it is (<paramref name="Start"/>, <paramref name="Length"/> in the text) and what is wrong.</summary>
internal sealed record MalformedLockLine(int Line, int Start, int Length, string Problem)
{
    /// <summary>The message both MLOPS105 and <c>mlops lock</c> give: <c>&lt;file&gt;(&lt;line&gt;): malformed lock line: &lt;problem&gt;</c>.</summary>
    public string Message(string path) => $"{path}({Line.ToString(CultureInfo.InvariantCulture)}): malformed lock line: {Problem}";
}

/// <summary>
/// The reading of <c>mlops.lineage.lock</c> (format in docs/lineage-lock.md), the one implementation shared by MLOPS105
/// and the <c>mlops lock</c> command (src/MlOps.Cli compiles this file). It never throws on bad input: every malformed
/// line is listed, and the well-formed lines are read all the same.
/// </summary>
internal sealed class LineageLock
{
    public const string FileName = "mlops.lineage.lock";

    private static readonly char[] FieldSeparators = { ' ', '\t' };

    private LineageLock(IReadOnlyList<LockEntry> entries, IReadOnlyList<MalformedLockLine> malformed)
    {
        Entries = entries;
        Malformed = malformed;
    }

    /// <summary>The well-formed pipeline lines, in file order.</summary>
    public IReadOnlyList<LockEntry> Entries { get; }

    /// <summary>The malformed lines, in file order.</summary>
    public IReadOnlyList<MalformedLockLine> Malformed { get; }

    public static LineageLock Parse(string text)
    {
        var entries = new List<LockEntry>();
        var malformed = new List<MalformedLockLine>();
        var start = text.Length > 0 && text[0] == '\uFEFF' ? 1 : 0;
        for (var number = 1; start <= text.Length; number++)
        {
            var end = text.IndexOf('\n', start);
            if (end < 0)
                end = text.Length;
            var raw = text.Substring(start, end - start);
            var lineStart = start;
            start = end + 1;

            var line = raw.Trim(' ', '\t', '\r');
            if (line.Length == 0 || line[0] == '#')
                continue;

            var problem = ReadLine(line, number, entries, out var entry);
            if (problem is null)
                entries.Add(entry!);
            else
                malformed.Add(new MalformedLockLine(number, lineStart, raw.TrimEnd('\r').Length, problem));
        }

        return new LineageLock(entries, malformed);
    }

    private static string? ReadLine(string line, int number, List<LockEntry> entries, out LockEntry? entry)
    {
        entry = null;
        var fields = line.Split(FieldSeparators, StringSplitOptions.RemoveEmptyEntries);
        if (fields.Length != 3)
            return $"expected '<name> <version> <code fingerprint>' (3 fields separated by spaces), found {fields.Length.ToString(CultureInfo.InvariantCulture)}";

        var name = Decode(fields[0]);
        if (name is null)
            return $"the name '{fields[0]}' has a '%' that is not followed by two hex digits";
        var version = Decode(fields[1]);
        if (version is null)
            return $"the version '{fields[1]}' has a '%' that is not followed by two hex digits";
        var fingerprint = fields[2];
        if (!IsSha256(fingerprint))
            return $"the code fingerprint '{fingerprint}' is not 64 lower-case hex digits (a SHA-256)";
        foreach (var earlier in entries)
        {
            if (earlier.Name == name)
                return $"pipeline '{name}' is already locked on line {earlier.Line.ToString(CultureInfo.InvariantCulture)}";
        }

        entry = new LockEntry(name, version, fingerprint, number);
        return null;
    }

    private static bool IsSha256(string text)
    {
        if (text.Length != 64)
            return false;
        foreach (var c in text)
        {
            if (c is not (>= '0' and <= '9' or >= 'a' and <= 'f'))
                return false;
        }

        return true;
    }

    /// <summary>
    /// Percent-encodes what would break a line into the wrong fields or make it a comment: '%', '#', space and
    /// control characters (as UTF-8 bytes <c>%XX</c>). Ordinary names and SemVer versions are written as they are.
    /// </summary>
    public static string Encode(string value)
    {
        var text = new StringBuilder(value.Length);
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            if (c is '%' or '#' or ' ' || char.IsControl(c))
            {
                foreach (var b in Encoding.UTF8.GetBytes(value.Substring(i, 1)))
                    text.Append('%').Append(b.ToString("X2", CultureInfo.InvariantCulture));
            }
            else
            {
                text.Append(c);
            }
        }

        return text.ToString();
    }

    /// <summary>The reverse of <see cref="Encode"/>: every <c>%XX</c> (either case) is a UTF-8 byte; null when a '%' is not followed by two hex digits.</summary>
    private static string? Decode(string field)
    {
        if (field.IndexOf('%') < 0)
            return field;

        var bytes = new List<byte>(field.Length);
        var characters = new char[2];
        for (var i = 0; i < field.Length; i++)
        {
            if (field[i] != '%')
            {
                var length = char.IsHighSurrogate(field[i]) && i + 1 < field.Length ? 2 : 1;
                field.CopyTo(i, characters, 0, length);
                bytes.AddRange(Encoding.UTF8.GetBytes(characters, 0, length));
                i += length - 1;
                continue;
            }

            if (i + 2 >= field.Length || HexValue(field[i + 1]) is not { } high || HexValue(field[i + 2]) is not { } low)
                return null;
            bytes.Add((byte)((high << 4) | low));
            i += 2;
        }

        return Encoding.UTF8.GetString(bytes.ToArray());
    }

    private static int? HexValue(char c) => c switch
    {
        >= '0' and <= '9' => c - '0',
        >= 'a' and <= 'f' => c - 'a' + 10,
        >= 'A' and <= 'F' => c - 'A' + 10,
        _ => null,
    };
}
