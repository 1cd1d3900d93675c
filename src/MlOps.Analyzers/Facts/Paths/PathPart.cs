using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Globalization;
using System.Linq;
using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;
using MlOps.Analyzers.Facts.Symbols;

namespace MlOps.Analyzers.Facts.Paths;

/// <summary>
/// One piece of a path. <see cref="Text"/> is the text for <see cref="PathPartKind.Text"/>, else a short description.
/// Whether a value read from a symbol is a version or a name is decided here, and only here (<see cref="OfSymbol"/>).
/// </summary>
internal readonly struct PathPart
{
    private PathPart(PathPartKind kind, string text, IParameterSymbol? parameter, string? constantText, bool computedByProjectCode = false)
    {
        Kind = kind;
        Text = text;
        Parameter = parameter;
        ConstantText = constantText;
        ComputedByProjectCode = computedByProjectCode;
    }

    public PathPartKind Kind { get; }

    public string Text { get; }

    public IParameterSymbol? Parameter { get; }

    /// <summary>For a versioned symbol that is also a constant (e.g. <c>const string ModelVersion = "3"</c>): its text, used when matching declared dataset paths.</summary>
    public string? ConstantText { get; }

    /// <summary>
    /// An unknown value returned by the project's own code that the reasoning could not follow (a helper in another file, a
    /// virtual method): it may well build a version in, so the symbol holding it is never taken for a name.
    /// </summary>
    public bool ComputedByProjectCode { get; }

    public static PathPart Constant(string text) => new(PathPartKind.Text, text, null, null);

    public static PathPart Location(string description) => new(PathPartKind.Location, description, null, null);

    public static PathPart Versioned(string reason, string? constantText = null) => new(PathPartKind.Versioned, reason, null, constantText);

    public static PathPart Dataset(string description) => new(PathPartKind.Dataset, description, null, null);

    public static PathPart NonFile(string description) => new(PathPartKind.NonFileStream, description, null, null);

    public static PathPart FromParameter(IParameterSymbol parameter) => new(PathPartKind.Parameter, parameter.Name, parameter, null);

    /// <summary>A value read from outside the program at run time; <paramref name="source"/> says where from (<c>the command line (args[0])</c>).</summary>
    public static PathPart RunTimeInput(string source) => new(PathPartKind.RunTimeInput, source, null, null);

    /// <summary>A value held or returned by <paramref name="member"/>, declared in another file: followed at compilation end.</summary>
    public static PathPart FromMember(ISymbol member) => new(PathPartKind.Member, $"'{member.Name}'", member);

    private PathPart(PathPartKind kind, string text, ISymbol member)
        : this(kind, text, null, null)
        => Member = member;

    /// <summary>For <see cref="PathPartKind.Member"/>: the field, property or method in another file.</summary>
    public ISymbol? Member { get; }

    public static PathPart Opaque(string description) => new(PathPartKind.Unknown, description, null, null);

    /// <summary>An unknown value returned by a method of the project (see <see cref="ComputedByProjectCode"/>).</summary>
    public static PathPart ComputedByProject(string description) => new(PathPartKind.Unknown, description, null, null, computedByProjectCode: true);

    public static PathPart Name(string description) => new(PathPartKind.Name, description, null, null);

    /// <summary>How the part reads in a message: the text itself, or the description in angle brackets.</summary>
    public string Render() => Kind switch
    {
        PathPartKind.Text => Text,
        PathPartKind.Versioned when ConstantText is not null => ConstantText,
        PathPartKind.Name => "{" + Text + "}",
        _ => "<" + Text + ">",
    };

    // ---- Version or name: the one heuristic (docs/rules/MLOPS020.md, "Version or name") ----

    /// <summary>Words that make an identifier a version, run id, revision, hash or timestamp (any word of the identifier).</summary>
    private static readonly ImmutableHashSet<string> VersionWords = ImmutableHashSet.Create(
        StringComparer.Ordinal,
        "version", "versions", "versioned", "ver", "revision", "rev", "commit", "hash", "checksum", "digest",
        "sha", "sha1", "sha256", "sha512", "md5", "fingerprint", "timestamp", "stamp", "guid", "uuid", "runid", "build", "date");

    /// <summary>Words that make an identifier an epoch or step counter: a version of the model only while the value changes at run time.</summary>
    private static readonly ImmutableHashSet<string> CounterWords = ImmutableHashSet.Create(
        StringComparer.Ordinal, "epoch", "step", "iteration", "iter");

    /// <summary>Last words that make an identifier a name (<c>label</c>, <c>algorithm</c>, <c>datasetName</c>, <c>modelName</c>, <c>task</c>).</summary>
    private static readonly ImmutableHashSet<string> NameWords = ImmutableHashSet.Create(
        StringComparer.Ordinal,
        "name", "label", "algorithm", "algo", "trainer", "task", "dataset", "category", "kind", "language", "lang", "scenario",
        "architecture", "arch", "backbone", "customer", "tenant", "region", "market", "product", "sku");

    /// <summary>
    /// Words that make a name-like identifier a file or folder (<c>fileName</c>, <c>outputDirName</c>) or the name of one run
    /// (<c>run.Name</c>, <c>trialName</c>, <c>jobName</c>): a run may version those.
    /// </summary>
    private static readonly ImmutableHashSet<string> NotNameWords = ImmutableHashSet.Create(
        StringComparer.Ordinal, "file", "filename", "path", "dir", "directory", "folder", "output", "out", "target", "destination", "dest",
        "run", "trial", "experiment", "job", "session", "unique", "temp", "tmp");

    /// <summary>
    /// Values that name a moving pointer, not a version: a path built from one is the same file on every run
    /// (<c>models/latest/model.zip</c>, <c>const string Version = "prod"</c>).
    /// </summary>
    private static readonly ImmutableHashSet<string> Aliases = ImmutableHashSet.Create(
        StringComparer.OrdinalIgnoreCase,
        "latest", "current", "prod", "production", "final", "best", "stable", "last", "newest", "live", "staging");

    /// <summary>
    /// The parts a value read from a symbol (a local, parameter, field, property or method named <paramref name="symbolName"/>)
    /// stands for in a path. A value known at compile time is judged by the value: an alias (<c>"latest"</c>) is fixed text,
    /// a version string (<c>"1.4.0"</c>, <c>"v2"</c>) is a version, and so is any text with a digit held by a symbol whose
    /// name says version (<c>const string ModelVersion = "3"</c>); other text (<c>"churn"</c>) is a name, fixed. A value
    /// known only at run time is judged by the symbol: its name says version, run id, timestamp, hash (or epoch / step
    /// counter), or it is a loop counter: a version; its type is an enum, or its name says name (<see cref="NameWords"/>, not
    /// a file or folder) and the value is not computed by project code the reasoning could not follow: a name. Anything
    /// else keeps <paramref name="value"/> (unknown stays unknown: precision first).
    /// </summary>
    public static PathValue OfSymbol(string symbolName, ITypeSymbol? type, bool isLoopCounter, PathValue value, string? constantText)
    {
        var words = SplitWords(symbolName);
        var saysVersion = words.Any(VersionWords.Contains) || SaysRunId(words);
        if (value.Alternatives.All(a => a.All(p => p.Kind == PathPartKind.Text)))
        {
            return new PathValue(value.Alternatives
                .Select(a => ImmutableArray.Create(OfKnownText(symbolName, saysVersion, string.Concat(a.Select(p => p.Text)))))
                .ToImmutableArray());
        }

        if (saysVersion || isLoopCounter || words.Any(CounterWords.Contains))
        {
            // A part that says more than "unknown" (where a run-time value comes from, code to read later) is kept as it is.
            if (value.Alternatives.All(a => a.Any(p => p.Kind == PathPartKind.Versioned))
                || value.Alternatives.Any(a => a.Any(p => p.Kind is not (PathPartKind.Text or PathPartKind.Location or PathPartKind.Versioned
                    or PathPartKind.Name or PathPartKind.Parameter or PathPartKind.Unknown))))
                return value;
            return PathValue.Of(Versioned(isLoopCounter && !saysVersion ? $"the loop counter '{symbolName}'" : $"'{symbolName}'", constantText));
        }

        // An enum value is one of its members' names, whoever passes it.
        if (type?.TypeKind == TypeKind.Enum && value.Alternatives.All(a => a.All(p => p.Kind is PathPartKind.Unknown or PathPartKind.Parameter or PathPartKind.Name)))
            return PathValue.Of(Name(symbolName));
        if (words.Count > 0 && NameWords.Contains(words[words.Count - 1]) && !words.Any(NotNameWords.Contains)
            && value.Alternatives is [[{ Kind: PathPartKind.Unknown or PathPartKind.Name, ComputedByProjectCode: false }]])
            return PathValue.Of(Name(symbolName));
        return value;
    }

    private static PathPart OfKnownText(string symbolName, bool saysVersion, string text)
    {
        if (Aliases.Contains(text.Trim()))
            return Constant(text);
        if (IsVersionString(text) || (saysVersion && text.Any(char.IsDigit)))
            return Versioned($"'{symbolName}'", text);
        return Constant(text);
    }

    /// <summary><c>1.4</c>, <c>1.4.0</c>, <c>v2</c>, <c>v1.4.0-rc.1</c>: a version string by its value alone.</summary>
    public static bool IsVersionString(string text)
    {
        text = text.Trim();
        var start = text.Length > 1 && text[0] is 'v' or 'V' ? 1 : 0;
        var digits = 0;
        var dots = 0;
        int i;
        for (i = start; i < text.Length && (char.IsDigit(text[i]) || text[i] == '.'); i++)
        {
            if (text[i] == '.')
            {
                if (i == start || text[i - 1] == '.')
                    return false;
                dots++;
            }
            else
            {
                digits++;
            }
        }

        if (digits == 0 || text[i - 1] == '.' || (i < text.Length && text[i] is not ('-' or '+')))
            return false;
        return dots > 0 || start == 1;
    }

    /// <summary>True when an identifier names a version, run id, revision, hash or timestamp (split into camelCase / snake_case words).</summary>
    public static bool NameSaysVersion(string name)
    {
        var words = SplitWords(name);
        return words.Any(VersionWords.Contains) || SaysRunId(words);
    }

    /// <summary>Why a type's values version a path (a timestamp, a Guid, a content hash), or null.</summary>
    public static string? VersionReasonForType(ITypeSymbol? type, MlSymbols symbols)
    {
        if (type is null)
            return null;
        if (type is INamedTypeSymbol { OriginalDefinition.SpecialType: SpecialType.System_Nullable_T } nullable && nullable.TypeArguments.Length == 1)
            type = nullable.TypeArguments[0];
        if (MlSymbols.Is(type, symbols.DateTime) || MlSymbols.Is(type, symbols.DateTimeOffset))
            return "a timestamp";
        if (MlSymbols.Is(type, symbols.Guid))
            return "a Guid";
        if (MlSymbols.IsOrDerivesFrom(type, symbols.HashAlgorithm) || MlSymbols.Is(type, symbols.IncrementalHash))
            return "a content hash";
        return null;
    }

    private static bool SaysRunId(List<string> words)
    {
        for (var i = 0; i + 1 < words.Count; i++)
        {
            if (words[i] == "run" && words[i + 1] == "id")
                return true;
        }

        return false;
    }

    private static List<string> SplitWords(string name)
    {
        var words = new List<string>();
        var current = new StringBuilder();
        for (var i = 0; i < name.Length; i++)
        {
            var c = name[i];
            if (!char.IsLetterOrDigit(c))
            {
                Flush();
                continue;
            }

            var startsWord = current.Length > 0 && char.IsUpper(c)
                             && (char.IsLower(name[i - 1]) || char.IsDigit(name[i - 1]) || (i + 1 < name.Length && char.IsLower(name[i + 1])));
            if (startsWord)
                Flush();
            current.Append(char.ToLowerInvariant(c));
        }

        Flush();
        return words;

        void Flush()
        {
            if (current.Length > 0)
                words.Add(current.ToString());
            current.Clear();
        }
    }
}
