using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace MlOps.Analyzers.Tests.Robustness;

/// <summary>One mutated source: what it was made from and how, so that a failure names a reproducible input.</summary>
public sealed record Variant(SourceSample Source, string Mutation, string Text)
{
    public override string ToString() => $"{Source.Origin} [{Mutation}]";
}

/// <summary>
/// The IDE's half-typed code, made from real sources: truncations at many points (spread over the whole file, at token
/// boundaries and inside tokens) and single-token deletions. Seeded and bounded: the same inputs give the same variants,
/// and the total stays near <c>budget</c> however many sources the repository grows.
/// </summary>
public static class SourceMutator
{
    public static ImmutableArray<Variant> Create(IReadOnlyList<SourceSample> sources, int budget, int seed)
    {
        var random = new Random(seed);
        var chosen = sources.Count * 2 <= budget ? sources : sources.OrderBy(_ => random.Next()).Take(budget / 2).ToList();
        var perSource = Math.Max(2, (int)Math.Ceiling(budget / (double)Math.Max(1, chosen.Count)));
        var variants = new List<Variant>();
        foreach (var source in chosen)
        {
            var tokens = CSharpSyntaxTree.ParseText(source.Text, new CSharpParseOptions(LanguageVersion.Latest))
                .GetRoot().DescendantTokens().Where(t => !t.IsKind(SyntaxKind.EndOfFileToken)).ToArray();
            if (tokens.Length == 0)
                continue;
            var truncations = (perSource + 1) / 2;
            for (var i = 0; i < truncations; i++)
            {
                // Evenly spread over the file, jittered; every other cut falls inside a token (a half-typed name).
                var token = tokens[Math.Min(tokens.Length - 1, (int)((i + random.NextDouble()) * tokens.Length / truncations))];
                var cut = i % 2 == 0 ? token.Span.End : token.SpanStart + random.Next(Math.Max(1, token.Span.Length));
                variants.Add(new Variant(source, $"truncate at {cut}", source.Text[..cut]));
            }

            for (var i = 0; i < perSource - truncations; i++)
            {
                var token = tokens[random.Next(tokens.Length)];
                variants.Add(new Variant(source, $"delete token '{token.Text}' at {token.SpanStart}", source.Text.Remove(token.SpanStart, token.Span.Length)));
            }
        }

        return variants.ToImmutableArray();
    }
}
