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

namespace MlOps.Analyzers.Facts.Paths;

/// <summary>
/// The possible values of a path expression: one or more alternatives (a conditional, a local assigned twice),
/// each a sequence of <see cref="PathPart"/>s. Alternatives are capped; beyond the cap the value is unknown.
/// </summary>
internal sealed class PathValue
{
    public const int MaxAlternatives = 32;

    public static readonly PathValue UnknownValue = Of(PathPart.Opaque("a value computed at run time"));

    public PathValue(ImmutableArray<ImmutableArray<PathPart>> alternatives) => Alternatives = alternatives;

    public ImmutableArray<ImmutableArray<PathPart>> Alternatives { get; }

    public bool HasParameters => Alternatives.Any(a => a.Any(p => p.Kind == PathPartKind.Parameter));

    public static PathValue Of(PathPart part) => new(ImmutableArray.Create(ImmutableArray.Create(part)));

    public static PathValue Unknown(string description) => Of(PathPart.Opaque(description));

    public static PathValue Or(IEnumerable<PathValue> values)
    {
        var builder = ImmutableArray.CreateBuilder<ImmutableArray<PathPart>>();
        foreach (var value in values)
        {
            builder.AddRange(value.Alternatives);
            if (builder.Count > MaxAlternatives)
                return UnknownValue;
        }

        return builder.Count == 0 ? UnknownValue : new PathValue(builder.ToImmutable());
    }

    /// <summary>String concatenation: every alternative of <paramref name="left"/> followed by every alternative of <paramref name="right"/>.</summary>
    public static PathValue Concat(PathValue left, PathValue right)
    {
        if (left.Alternatives.Length * right.Alternatives.Length > MaxAlternatives)
            return UnknownValue;
        var builder = ImmutableArray.CreateBuilder<ImmutableArray<PathPart>>();
        foreach (var l in left.Alternatives)
        {
            foreach (var r in right.Alternatives)
                builder.Add(Join(l, r));
        }

        return new PathValue(builder.ToImmutable());
    }

    /// <summary><c>Path.Combine</c> / <c>Path.Join</c>: a separator between the pieces; a rooted constant piece restarts the path (Combine only).</summary>
    public static PathValue Combine(IReadOnlyList<PathValue> pieces, bool restartOnRooted)
    {
        if (pieces.Count == 0)
            return Of(PathPart.Constant(string.Empty));
        var result = pieces[0];
        for (var i = 1; i < pieces.Count; i++)
        {
            var piece = pieces[i];
            if (result.Alternatives.Length * piece.Alternatives.Length > MaxAlternatives)
                return UnknownValue;
            var builder = ImmutableArray.CreateBuilder<ImmutableArray<PathPart>>();
            foreach (var l in result.Alternatives)
            {
                foreach (var r in piece.Alternatives)
                {
                    if (restartOnRooted && r.Length > 0 && r[0].Kind == PathPartKind.Text && IsRooted(r[0].Text))
                        builder.Add(r);
                    else if (r.Length > 0 && r[0].Kind == PathPartKind.Text && r[0].Text.Length == 0 && r.Length == 1)
                        builder.Add(l);
                    else
                        builder.Add(Join(Join(l, NeedsSeparator(l) ? ImmutableArray.Create(PathPart.Constant("/")) : ImmutableArray<PathPart>.Empty), r));
                }
            }

            result = new PathValue(builder.ToImmutable());
        }

        return result;
    }

    private static bool NeedsSeparator(ImmutableArray<PathPart> parts)
    {
        if (parts.Length == 0)
            return false;
        var last = parts[parts.Length - 1];
        if (last.Kind != PathPartKind.Text)
            return true;
        return last.Text.Length > 0 && last.Text[last.Text.Length - 1] is not ('/' or '\\');
    }

    private static bool IsRooted(string text)
        => text.Length > 0 && (text[0] is '/' or '\\' || (text.Length > 1 && text[1] == ':' && char.IsLetter(text[0])));

    /// <summary>Appends <paramref name="right"/> to <paramref name="left"/>, merging adjacent constant text.</summary>
    public static ImmutableArray<PathPart> Join(ImmutableArray<PathPart> left, ImmutableArray<PathPart> right)
    {
        if (left.IsDefaultOrEmpty)
            return right.IsDefault ? ImmutableArray<PathPart>.Empty : right;
        if (right.IsDefaultOrEmpty)
            return left;
        var builder = ImmutableArray.CreateBuilder<PathPart>(left.Length + right.Length);
        builder.AddRange(left);
        foreach (var part in right)
        {
            if (part.Kind == PathPartKind.Text && builder.Count > 0 && builder[builder.Count - 1].Kind == PathPartKind.Text)
                builder[builder.Count - 1] = PathPart.Constant(builder[builder.Count - 1].Text + part.Text);
            else
                builder.Add(part);
        }

        return builder.ToImmutable();
    }

    public static string Render(ImmutableArray<PathPart> parts)
    {
        var text = new StringBuilder();
        foreach (var part in parts)
            text.Append(part.Render());
        return text.ToString();
    }
}
