using System.Collections.Concurrent;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using MlOps.Analyzers.Infrastructure;

namespace MlOps.Analyzers.Facts.Leakage;

/// <summary>
/// The leakage facts of one compilation: its symbols and the data flow of each member body that holds a candidate
/// call, built on first use and kept until the compilation ends (compilation-end judgements at call sites reuse them).
/// </summary>
internal sealed class LeakageAnalysis
{
    private readonly ConcurrentDictionary<IOperation, MethodGraphs?> _graphs = new();
    private readonly ConcurrentDictionary<MethodGraphs, LeakageFlow> _flows = new();

    private LeakageAnalysis(MlSymbols symbols)
    {
        MlSymbols = symbols;
    }

    /// <summary>The analysis of the compilation in <paramref name="context"/>; the rules hosted by <see cref="Hosting.MlOpsAnalyzer"/> share one.</summary>
    public static LeakageAnalysis Start(CompilationStartAnalysisContext context, MlSymbols symbols)
        => Hosting.SharedAnalysisState.GetOrAdd(context, symbols, static s => new LeakageAnalysis(s));

    public MlSymbols MlSymbols { get; }

    public LeakageSymbols Symbols => LeakageSymbols.For(MlSymbols);

    /// <summary>The data flow of the member body that holds <paramref name="operation"/>, or null when no graph can be built for it.</summary>
    public LeakageFlow? FlowOf(IOperation operation)
        => MethodGraphs.For(operation, _graphs) is { } graphs
            ? _flows.GetOrAdd(graphs, g => new LeakageFlow(Symbols, g))
            : null;
}
