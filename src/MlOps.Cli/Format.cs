using System;
using System.Globalization;
using System.IO;

namespace MlOps.Cli;

/// <summary>How values are shown to people (JSON output carries them whole).</summary>
internal static class Format
{
    /// <summary>Digests are shown by their first 12 hex digits, as <c>git</c> shortens commits.</summary>
    public static string Digest(string? sha256) => sha256 is null ? "-" : sha256.Length <= 12 ? sha256 : sha256[..12];

    /// <summary>Run ids (UUIDs) are shown by their first 8 characters.</summary>
    public static string RunId(string runId) => runId.Length <= 8 ? runId : runId[..8];

    public static string Time(DateTimeOffset? time) =>
        time is { } t ? t.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss'Z'", CultureInfo.InvariantCulture) : "-";

    /// <summary>A value whole (round-trip), for show and diff, where a difference in the last digit matters.</summary>
    public static string Number(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    /// <summary>A metric in a list of runs: four significant digits, as a person compares them.</summary>
    public static string ShortNumber(double value) => value.ToString("G4", CultureInfo.InvariantCulture);

    public static string Bytes(long? bytes) => bytes is { } b ? b.ToString("N0", CultureInfo.InvariantCulture) + " bytes" : "-";

    /// <summary>A hyper-parameter value as read back from a sidecar (JSON types), in invariant culture.</summary>
    public static string Value(object? value) => value switch
    {
        null => "null",
        bool b => b ? "true" : "false",
        double d => Number(d),
        float f => f.ToString("R", CultureInfo.InvariantCulture),
        IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };

    /// <summary>A path relative to <paramref name="root"/> when it lies below it, else as recorded.</summary>
    public static string PathUnder(string root, string fullPath)
    {
        var relative = Path.GetRelativePath(root, fullPath);
        return relative.StartsWith("..", StringComparison.Ordinal) || Path.IsPathRooted(relative) ? fullPath : relative;
    }
}
