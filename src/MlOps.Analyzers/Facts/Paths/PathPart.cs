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

/// <summary>One piece of a path. <see cref="Text"/> is the text for <see cref="PathPartKind.Text"/>, else a short description.</summary>
internal readonly struct PathPart
{
    private PathPart(PathPartKind kind, string text, IParameterSymbol? parameter, string? constantText)
    {
        Kind = kind;
        Text = text;
        Parameter = parameter;
        ConstantText = constantText;
    }

    public PathPartKind Kind { get; }

    public string Text { get; }

    public IParameterSymbol? Parameter { get; }

    /// <summary>For a versioned symbol that is also a constant (e.g. <c>const string ModelVersion = "3"</c>): its text, used when matching declared dataset paths.</summary>
    public string? ConstantText { get; }

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

    /// <summary>How the part reads in a message: the text itself, or the description in angle brackets.</summary>
    public string Render() => Kind switch
    {
        PathPartKind.Text => Text,
        PathPartKind.Versioned when ConstantText is not null => ConstantText,
        _ => "<" + Text + ">",
    };
}
