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
using MlOps.Analyzers.Facts.Pipelines;
using MlOps.Analyzers.Facts.Symbols;

namespace MlOps.Analyzers.Facts.Paths;

/// <summary>The verdicts the rules draw from a <see cref="PathValue"/> alternative.</summary>
internal static class PathJudgement
{
    /// <summary>Where a model is saved: fixed (every part constant or a machine location), versioned (a version part, or not a file), or unknown.</summary>
    public static SaveVerdict JudgeSave(ImmutableArray<PathPart> parts)
    {
        var verdict = SaveVerdict.Fixed;
        foreach (var part in parts)
        {
            switch (part.Kind)
            {
                case PathPartKind.Versioned:
                case PathPartKind.NonFileStream:
                    return SaveVerdict.Versioned;
                case PathPartKind.Unknown:
                case PathPartKind.Parameter:
                case PathPartKind.RunTimeInput:
                case PathPartKind.Member:
                    verdict = SaveVerdict.Unknown;
                    break;
            }
        }

        return verdict;
    }

    /// <summary>Fixed when every alternative is fixed, versioned when every one is versioned, else unknown.</summary>
    public static SaveVerdict JudgeSave(IEnumerable<ImmutableArray<PathPart>> alternatives)
    {
        var all = alternatives.Select(JudgeSave).ToList();
        if (all.Count == 0)
            return SaveVerdict.Unknown;
        if (all.All(v => v == SaveVerdict.Fixed))
            return SaveVerdict.Fixed;
        return all.All(v => v == SaveVerdict.Versioned) ? SaveVerdict.Versioned : SaveVerdict.Unknown;
    }

    /// <summary>
    /// Where data is read from: declared (a <c>DatasetDeclaration.Path</c> part, or a path built only from a declared
    /// path: <see cref="NamesDeclaredPath(ImmutableArray{PathPart}, string)"/>), undeclared (fully constant and matching
    /// none), or unknown.
    /// </summary>
    public static LoadVerdict JudgeLoad(ImmutableArray<PathPart> parts, IEnumerable<string> declaredPaths)
    {
        if (parts.Any(p => p.Kind == PathPartKind.Dataset))
            return LoadVerdict.Declared;

        var known = KnownText(parts);
        foreach (var declared in declaredPaths)
        {
            if (known.Names(declared))
                return LoadVerdict.Declared;
        }

        if (known.Complete)
            return LoadVerdict.Undeclared;
        return IsRunTimeInput(parts) ? LoadVerdict.RunTimeInput : LoadVerdict.Unknown;
    }

    /// <summary>
    /// The path is read from outside the program: a run-time input and otherwise only known pieces (text, a machine
    /// location, a version); an unseen piece (a helper in another file, a parameter nobody visibly passes) may be the
    /// declared dataset, so it leaves the path unknown.
    /// </summary>
    private static bool IsRunTimeInput(ImmutableArray<PathPart> parts)
    {
        var fromOutside = false;
        foreach (var part in parts)
        {
            switch (part.Kind)
            {
                case PathPartKind.RunTimeInput:
                    fromOutside = true;
                    break;
                case PathPartKind.Unknown:
                case PathPartKind.Parameter:
                case PathPartKind.Member:
                case PathPartKind.NonFileStream:
                    return false;
            }
        }

        return fromOutside;
    }

    /// <summary>True when a value of the path is code in another file, read only at compilation end (<see cref="PathPartKind.Member"/>).</summary>
    public static bool HasMembers(PathValue value)
    {
        foreach (var alternative in value.Alternatives)
        {
            foreach (var part in alternative)
            {
                if (part.Kind == PathPartKind.Member)
                    return true;
            }
        }

        return false;
    }

    /// <summary>Where a path read from outside the program comes from (the first run-time input of <paramref name="parts"/>), or null.</summary>
    public static string? RunTimeSource(ImmutableArray<PathPart> parts)
    {
        foreach (var part in parts)
        {
            if (part.Kind == PathPartKind.RunTimeInput)
                return part.Text;
        }

        return null;
    }

    /// <summary>
    /// True when the path <paramref name="parts"/> is <paramref name="declaredPath"/> (or a file under that folder) by the
    /// text it is built from: separators, a leading <c>./</c>, the current directory or application folder in front, and
    /// case do not matter; an unknown part may only follow a declared folder. MLOPS010 (a load) and MLOPS104 (the paths a
    /// pipeline builds) both ask this, so they agree on what the declared dataset is.
    /// </summary>
    public static bool NamesDeclaredPath(ImmutableArray<PathPart> parts, string declaredPath) => KnownText(parts).Names(declaredPath);

    /// <summary><see cref="NamesDeclaredPath(ImmutableArray{PathPart}, string)"/> for constant text.</summary>
    public static bool NamesDeclaredPath(string text, string declaredPath)
        => NamesDeclaredPath(ImmutableArray.Create(PathPart.Constant(text)), declaredPath);

    /// <summary>The known text at the start of a path.</summary>
    private static KnownPath KnownText(ImmutableArray<PathPart> parts)
    {
        var text = new StringBuilder();
        var complete = true;
        var relativeToLocation = false;
        foreach (var part in parts)
        {
            if (part.Kind == PathPartKind.Text)
            {
                text.Append(part.Text);
            }
            else if (part.Kind == PathPartKind.Versioned && part.ConstantText is not null)
            {
                text.Append(part.ConstantText);
            }
            else if (part.Kind == PathPartKind.Location && text.Length == 0)
            {
                // Data copied next to the program or read from the working directory: compare what follows the root.
                relativeToLocation = true;
            }
            else
            {
                complete = false;
                break;
            }
        }

        var raw = text.ToString().Replace('\\', '/');
        return new KnownPath(raw, Normalize(raw, relativeToLocation), complete);
    }

    /// <summary>The known text at the start of a path, as written and normalized; complete when nothing unknown follows.</summary>
    private readonly struct KnownPath
    {
        private readonly string _raw;
        private readonly string _normalized;

        public KnownPath(string raw, string normalized, bool complete)
        {
            _raw = raw;
            _normalized = normalized;
            Complete = complete;
        }

        public bool Complete { get; }

        public bool Names(string declaredPath)
        {
            var path = Normalize(declaredPath.Replace('\\', '/'), trimLeadingSeparator: false);
            if (path.Length == 0)
                return false;
            if (Complete && string.Equals(_normalized, path, StringComparison.OrdinalIgnoreCase))
                return true;
            if (_normalized.StartsWith(path + "/", StringComparison.OrdinalIgnoreCase))
                return true;
            return !Complete && _raw.EndsWith("/", StringComparison.Ordinal) && string.Equals(_normalized, path, StringComparison.OrdinalIgnoreCase);
        }
    }

    private static string Normalize(string path, bool trimLeadingSeparator)
    {
        while (path.StartsWith("./", StringComparison.Ordinal))
            path = path.Substring(2);
        while (path.Contains("//"))
            path = path.Replace("//", "/");
        path = path.Replace("/./", "/");
        if (trimLeadingSeparator)
            path = path.TrimStart('/');
        while (path.StartsWith("./", StringComparison.Ordinal))
            path = path.Substring(2);
        return path.TrimEnd('/');
    }

    /// <summary>The paths of the <c>[DatasetInput]</c> attributes on <paramref name="type"/> and the types that contain it.</summary>
    public static ImmutableArray<string> DeclaredDatasetPaths(INamedTypeSymbol? type, MlSymbols symbols)
    {
        if (symbols.Lineage is not { } lineage)
            return ImmutableArray<string>.Empty;
        var builder = ImmutableArray.CreateBuilder<string>();
        for (var current = type; current is not null; current = current.ContainingType)
        {
            foreach (var dataset in PipelineDeclaration.DatasetInputsOf(current, lineage))
            {
                if (dataset.Path is { } path)
                    builder.Add(path);
            }
        }

        return builder.ToImmutable();
    }
}
