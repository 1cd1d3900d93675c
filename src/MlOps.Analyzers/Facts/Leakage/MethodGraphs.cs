using System.Collections.Concurrent;
using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.FlowAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace MlOps.Analyzers.Facts.Leakage;

/// <summary>
/// The control-flow graphs of one member body (the body itself and each lambda and local function in it), each with
/// its reaching definitions, built on first use: only for a local assigned more than once (<see cref="LeakageFlow"/>).
/// </summary>
internal sealed class MethodGraphs
{
    private readonly ControlFlowGraph _root;
    private readonly ConcurrentDictionary<ControlFlowGraph, ReachingDefinitions> _analyses = new();
    private Dictionary<SyntaxNode, IOperation>? _originals;

    private MethodGraphs(IOperation body, ControlFlowGraph root)
    {
        Body = body;
        _root = root;
    }

    /// <summary>The root of the member's operation tree.</summary>
    public IOperation Body { get; }

    /// <summary>The graphs of <paramref name="body"/> (the root of a member's operation tree); null for code the compiler cannot make a graph of (e.g. an attribute argument).</summary>
    public static MethodGraphs? Create(IOperation body)
    {
        var graph = body switch
        {
            IMethodBodyOperation method => ControlFlowGraph.Create(method),
            IConstructorBodyOperation constructor => ControlFlowGraph.Create(constructor),
            IBlockOperation block => ControlFlowGraph.Create(block),
            IFieldInitializerOperation field => ControlFlowGraph.Create(field),
            IPropertyInitializerOperation property => ControlFlowGraph.Create(property),
            _ => null,
        };
        return graph is null ? null : new MethodGraphs(body, graph);
    }

    /// <summary>The reaching definitions of the graph that evaluates <paramref name="original"/> (an operation of <see cref="Body"/>), and its copy there.</summary>
    public (ReachingDefinitions Analysis, IOperation Operation)? Locate(IOperation original)
    {
        var graph = GraphOf(original);
        if (graph is null)
            return null;
        var analysis = _analyses.GetOrAdd(graph, static g => new ReachingDefinitions(g));
        return analysis.Find(original) is { } copy ? (analysis, copy) : null;
    }

    /// <summary>
    /// The body's own operation for a graph operation (same syntax, same kind): the graph lowers some constructs, e.g.
    /// an object initializer becomes assignments after the creation, and the tree keeps them in one piece.
    /// </summary>
    public IOperation? OriginalOf(IOperation flowOperation)
    {
        if (_originals is null)
        {
            var originals = new Dictionary<SyntaxNode, IOperation>();
            foreach (var operation in Body.DescendantsAndSelf())
            {
                if (!originals.ContainsKey(operation.Syntax))
                    originals[operation.Syntax] = operation;
            }

            _originals = originals;
        }

        return _originals.TryGetValue(flowOperation.Syntax, out var original) && original.Kind == flowOperation.Kind ? original : null;
    }

    private ControlFlowGraph? GraphOf(IOperation original)
    {
        // The functions that enclose the operation, innermost first; the graphs are reached outermost first.
        var functions = new List<IOperation>();
        for (var current = original.Parent; current is not null; current = current.Parent)
        {
            if (current is IAnonymousFunctionOperation or ILocalFunctionOperation)
                functions.Add(current);
        }

        var graph = _root;
        for (var i = functions.Count - 1; i >= 0 && graph is not null; i--)
            graph = functions[i] is ILocalFunctionOperation localFunction
                ? LocalFunctionGraph(graph, localFunction.Symbol)
                : LambdaGraph(graph, ((IAnonymousFunctionOperation)functions[i]).Symbol);
        return graph;
    }

    private static ControlFlowGraph? LocalFunctionGraph(ControlFlowGraph graph, IMethodSymbol function)
    {
        foreach (var declared in graph.LocalFunctions)
        {
            if (SymbolEqualityComparer.Default.Equals(declared, function))
                return graph.GetLocalFunctionControlFlowGraph(declared);
        }

        return null;
    }

    private static ControlFlowGraph? LambdaGraph(ControlFlowGraph graph, IMethodSymbol lambda)
    {
        foreach (var block in graph.Blocks)
        {
            foreach (var statement in block.Operations)
            {
                foreach (var operation in statement.DescendantsAndSelf())
                {
                    if (operation is IFlowAnonymousFunctionOperation flow && SymbolEqualityComparer.Default.Equals(flow.Symbol, lambda))
                        return graph.GetAnonymousFunctionControlFlowGraph(flow);
                }
            }

            if (block.BranchValue is { } branch)
            {
                foreach (var operation in branch.DescendantsAndSelf())
                {
                    if (operation is IFlowAnonymousFunctionOperation flow && SymbolEqualityComparer.Default.Equals(flow.Symbol, lambda))
                        return graph.GetAnonymousFunctionControlFlowGraph(flow);
                }
            }
        }

        return null;
    }
}
