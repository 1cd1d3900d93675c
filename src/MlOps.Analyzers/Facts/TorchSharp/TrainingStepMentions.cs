using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace MlOps.Analyzers.Facts.TorchSharp;

/// <summary>
/// Where the text of each file of a compilation spells <c>backward</c> or <c>step</c>: a loop whose text spells neither
/// cannot call <c>Tensor.backward()</c> or <c>Optimizer.step()</c> itself (a call names its method), so a rule about the
/// loops that do (MLOPS043) skips the others without walking their operations. Each file's text is read once, on first
/// request; most loops of an ML code base are in files that train nothing with TorchSharp.
/// </summary>
internal sealed class TrainingStepMentions
{
    private static readonly string[] Names = { "backward", "step" };

    private readonly ConcurrentDictionary<SyntaxTree, int[]> _positions = new();

    /// <summary>True when the text of <paramref name="node"/> contains <c>backward</c> or <c>step</c> (also inside a longer word or a comment).</summary>
    public bool MayCallTrainingStep(SyntaxNode node, CancellationToken cancellationToken)
    {
        if (!_positions.TryGetValue(node.SyntaxTree, out var positions))
            positions = _positions.GetOrAdd(node.SyntaxTree, Find(node.SyntaxTree.GetText(cancellationToken)));

        // The first mention at or after the node's start, if any, must lie before its end.
        var index = Array.BinarySearch(positions, node.SpanStart);
        if (index < 0)
            index = ~index;
        return index < positions.Length && positions[index] < node.Span.End;
    }

    /// <summary>The sorted start positions of every mention in <paramref name="text"/>.</summary>
    private static int[] Find(SourceText text)
    {
        var content = text.ToString();
        var positions = new List<int>();
        foreach (var name in Names)
        {
            for (var at = content.IndexOf(name, StringComparison.Ordinal); at >= 0; at = content.IndexOf(name, at + name.Length, StringComparison.Ordinal))
                positions.Add(at);
        }

        positions.Sort();
        return positions.ToArray();
    }
}
