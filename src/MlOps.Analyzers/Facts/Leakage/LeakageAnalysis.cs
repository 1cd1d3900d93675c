using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;
using MlOps.Analyzers.Facts.Symbols;

namespace MlOps.Analyzers.Facts.Leakage;

/// <summary>
/// The leakage facts of one compilation: its symbols and the data flow of each member body that holds a candidate
/// call, built on first use and kept until the compilation ends (compilation-end judgements at call sites reuse them).
/// </summary>
internal sealed class LeakageAnalysis
{
    private readonly ConcurrentDictionary<IOperation, LeakageFlow> _flows = new();
    private readonly ConcurrentDictionary<IOperation, bool> _splits = new();

    private static readonly ConditionalWeakTable<Compilation, LeakageAnalysis> PerCompilation = new();

    private LeakageAnalysis(MlSymbols symbols)
    {
        MlSymbols = symbols;
    }

    /// <summary>The analysis of <paramref name="symbols"/>' compilation, shared by the leakage rules.</summary>
    public static LeakageAnalysis For(MlSymbols symbols)
        => PerCompilation.GetValue(symbols.Compilation, _ => new LeakageAnalysis(symbols));

    public MlSymbols MlSymbols { get; }

    public LeakageSymbols Symbols => LeakageSymbols.For(MlSymbols);

    /// <summary>
    /// True when the member body that holds <paramref name="operation"/> calls a method named like a split
    /// (<c>TrainTestSplit</c>, <c>CrossValidationSplit</c>, <c>CrossValidate*</c>): a walk of the tree by name, so that
    /// a <c>Fit</c> in a method that never splits costs no control-flow graph.
    /// </summary>
    public bool MaySplit(IOperation operation)
    {
        return _splits.GetOrAdd(RootOf(operation), static root =>
        {
            foreach (var descendant in root.Descendants())
            {
                if (descendant is IInvocationOperation { TargetMethod.Name: var name }
                    && (name == "TrainTestSplit" || name.StartsWith("CrossValidat", System.StringComparison.Ordinal)))
                    return true;
            }

            return false;
        });
    }

    /// <summary>The data flow of the member body that holds <paramref name="operation"/>.</summary>
    public LeakageFlow FlowOf(IOperation operation)
        => _flows.GetOrAdd(RootOf(operation), body => new LeakageFlow(Symbols, body));

    private static IOperation RootOf(IOperation operation)
    {
        while (operation.Parent is not null)
            operation = operation.Parent;
        return operation;
    }
}
