using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace MlOps.Analyzers.Facts.TorchSharp;

/// <summary>
/// Where the text of each file of a compilation spells one of a few names: a call names its method, so code whose text
/// spells none of them cannot call <c>backward()</c> / <c>step()</c> (MLOPS043's loops), <c>eval()</c> / <c>train()</c>
/// or a grad-mode switch (MLOPS044), and a rule passes over it without walking its operations. Each file's text is read
/// once, on first request. A mention may be part of a longer word or a comment: it only means "look closer".
/// </summary>
internal sealed class TextMentions
{
    /// <summary><c>backward</c> and <c>step</c>: what a training loop calls.</summary>
    public static readonly string[] TrainingStep = { "backward", "step" };

    /// <summary><c>eval</c> and <c>train</c>: what switches a module's mode.</summary>
    public static readonly string[] ModeSwitch = { "eval", "train" };

    private readonly string[] _names;
    private readonly ConcurrentDictionary<SyntaxTree, int[]> _positions = new();

    public TextMentions(IReadOnlyCollection<string> names)
    {
        _names = new string[names.Count];
        var i = 0;
        foreach (var name in names)
            _names[i++] = name;
    }

    /// <summary>True when the text of <paramref name="node"/> spells one of the names.</summary>
    public bool In(SyntaxNode node, CancellationToken cancellationToken)
        => In(node.SyntaxTree, node.Span, cancellationToken);

    /// <summary>True when the text of <paramref name="tree"/> spells one of the names within <paramref name="span"/>.</summary>
    public bool In(SyntaxTree tree, TextSpan span, CancellationToken cancellationToken)
    {
        if (!_positions.TryGetValue(tree, out var positions))
            positions = _positions.GetOrAdd(tree, Find(tree.GetText(cancellationToken)));

        // The first mention at or after the span's start, if any, must lie before its end.
        var index = Array.BinarySearch(positions, span.Start);
        if (index < 0)
            index = ~index;
        return index < positions.Length && positions[index] < span.End;
    }

    /// <summary>The sorted start positions of every mention in <paramref name="text"/>.</summary>
    private int[] Find(SourceText text)
    {
        var content = text.ToString();
        var positions = new List<int>();
        foreach (var name in _names)
        {
            for (var at = content.IndexOf(name, StringComparison.Ordinal); at >= 0; at = content.IndexOf(name, at + name.Length, StringComparison.Ordinal))
                positions.Add(at);
        }

        positions.Sort();
        return positions.ToArray();
    }
}
