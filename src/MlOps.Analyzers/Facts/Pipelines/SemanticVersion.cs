namespace MlOps.Analyzers.Facts.Pipelines;

/// <summary>
/// SemVer 2.0 validation (https://semver.org), for the pipeline versions MLOPS103 checks. Hand-written rather than the
/// regular expression semver.org suggests: the rule runs for every pipeline of every build, and this scan is cheaper
/// than running the regex. The tests check it against that regular expression.
/// </summary>
internal static class SemanticVersion
{
    /// <summary>MAJOR.MINOR.PATCH, then an optional <c>-</c>pre-release and an optional <c>+</c>build.</summary>
    public static bool IsValid(string version)
    {
        var plus = version.IndexOf('+');
        var withoutBuild = plus < 0 ? version.Length : plus;
        if (plus >= 0 && !AreIdentifiers(version, plus + 1, version.Length, numericNeedsNoLeadingZero: false))
            return false;

        // The first '-' ends the core: MAJOR.MINOR.PATCH hold only digits and dots, while a pre-release may itself contain '-'.
        var dash = version.IndexOf('-', 0, withoutBuild);
        var coreEnd = dash < 0 ? withoutBuild : dash;
        if (dash >= 0 && !AreIdentifiers(version, dash + 1, withoutBuild, numericNeedsNoLeadingZero: true))
            return false;

        var start = 0;
        for (var part = 0; part < 3; part++)
        {
            var end = part < 2 ? version.IndexOf('.', start, coreEnd - start) : coreEnd;
            if (end < 0 || !IsNumber(version, start, end))
                return false;
            start = end + 1;
        }

        return true;
    }

    /// <summary>Non-empty dot-separated identifiers of <c>[0-9A-Za-z-]</c>; pre-release numbers have no leading zero.</summary>
    private static bool AreIdentifiers(string text, int start, int end, bool numericNeedsNoLeadingZero)
    {
        if (start >= end)
            return false;
        var identifierStart = start;
        for (var i = start; i <= end; i++)
        {
            if (i < end && text[i] != '.')
            {
                if (!IsIdentifierChar(text[i]))
                    return false;
                continue;
            }

            if (i == identifierStart)
                return false; // empty identifier
            if (numericNeedsNoLeadingZero && IsDigits(text, identifierStart, i) && !IsNumber(text, identifierStart, i))
                return false;
            identifierStart = i + 1;
        }

        return true;
    }

    private static readonly char[] CoreEnds = { '-', '+' };

    /// <summary>
    /// The SemVer version <paramref name="version"/> evidently means, or null when that is not evident: a leading
    /// <c>v</c> dropped (<c>v1.2.0</c>) and a missing minor or patch number taken as 0 (<c>1.0</c> → <c>1.0.0</c>,
    /// <c>2</c> → <c>2.0.0</c>, <c>v1.2-rc.1</c> → <c>1.2.0-rc.1</c>). A fourth number or a leading zero is not guessed.
    /// </summary>
    public static string? Completed(string version)
    {
        var text = version.Length > 1 && version[0] is 'v' or 'V' && version[1] is >= '0' and <= '9' ? version.Substring(1) : version;
        var coreEnd = text.IndexOfAny(CoreEnds);
        var core = coreEnd < 0 ? text : text.Substring(0, coreEnd);
        var parts = core.Split('.').Length;
        var completed = parts is 1 or 2
            ? core + string.Concat(System.Linq.Enumerable.Repeat(".0", 3 - parts)) + text.Substring(core.Length)
            : text;
        return completed != version && IsValid(completed) ? completed : null;
    }

    /// <summary>
    /// The next version after <paramref name="version"/> at <paramref name="part"/>, by SemVer precedence: a pre-release is
    /// released by the bump that reaches it (<c>1.2.0-rc.1</c> → patch <c>1.2.0</c>, <c>2.0.0-rc.1</c> → major <c>2.0.0</c>),
    /// otherwise the part is incremented and the lower parts reset (<c>1.2.3</c> → minor <c>1.3.0</c>); build metadata is
    /// dropped. Null when <paramref name="version"/> is not SemVer or a number would overflow.
    /// </summary>
    public static string? Bumped(string version, VersionPart part)
    {
        if (!IsValid(version))
            return null;
        var coreEnd = version.IndexOfAny(CoreEnds);
        var isPreRelease = coreEnd >= 0 && version[coreEnd] == '-';
        var numbers = (coreEnd < 0 ? version : version.Substring(0, coreEnd)).Split('.');
        if (!long.TryParse(numbers[0], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var major)
            || !long.TryParse(numbers[1], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var minor)
            || !long.TryParse(numbers[2], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var patch))
            return null;

        var releasesPreRelease = isPreRelease && part switch
        {
            VersionPart.Major => minor == 0 && patch == 0,
            VersionPart.Minor => patch == 0,
            _ => true,
        };
        if (!releasesPreRelease)
        {
            if ((part == VersionPart.Major ? major : part == VersionPart.Minor ? minor : patch) == long.MaxValue)
                return null;
            (major, minor, patch) = part switch
            {
                VersionPart.Major => (major + 1, 0L, 0L),
                VersionPart.Minor => (major, minor + 1, 0L),
                _ => (major, minor, patch + 1),
            };
        }

        return string.Join(".", major.ToString(System.Globalization.CultureInfo.InvariantCulture), minor.ToString(System.Globalization.CultureInfo.InvariantCulture), patch.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    /// <summary>Digits without a leading zero (<c>0</c> itself is a number).</summary>
    private static bool IsNumber(string text, int start, int end)
        => start < end && IsDigits(text, start, end) && (text[start] != '0' || end - start == 1);

    private static bool IsDigits(string text, int start, int end)
    {
        for (var i = start; i < end; i++)
        {
            if (text[i] is < '0' or > '9')
                return false;
        }

        return true;
    }

    private static bool IsIdentifierChar(char c) => c is >= '0' and <= '9' or >= 'a' and <= 'z' or >= 'A' and <= 'Z' or '-';
}
