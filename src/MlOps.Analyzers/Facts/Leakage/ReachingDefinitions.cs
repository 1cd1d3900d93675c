using System.Collections;
using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.FlowAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace MlOps.Analyzers.Facts.Leakage;

/// <summary>
/// Which assignments of a local reach a use of it, on one control-flow graph (a method body, a lambda or a local
/// function): the classic forward may-analysis over the graph's blocks. A local reassigned to a freshly loaded file
/// before its use is that file there, whatever it held before; one assigned on two branches holds either value.
/// </summary>
/// <remarks>
/// A write whose value is not followed (<c>ref</c> / <c>out</c>, compound assignment, deconstruction, a pattern) is a
/// definition with an unknown value, so a use it reaches is unknown. Uses are looked up by syntax: the graph's
/// operations are rewritten copies of the operation tree, and the syntax is what the two share.
/// </remarks>
internal sealed class ReachingDefinitions
{
    private readonly List<Definition> _definitions = new();
    private readonly Dictionary<SyntaxNode, List<(int Block, int Statement, IOperation Operation)>> _bySyntax = new();
    private readonly Dictionary<CaptureId, List<IOperation>> _captures = new();
    private readonly List<int>[][] _definitionsByStatement;
    private readonly BitArray[] _in;
    private readonly ControlFlowGraph _graph;

    public ReachingDefinitions(ControlFlowGraph graph)
    {
        _graph = graph;
        var blocks = graph.Blocks;
        _definitionsByStatement = new List<int>[blocks.Length][];
        for (var b = 0; b < blocks.Length; b++)
        {
            var statements = Statements(blocks[b]);
            _definitionsByStatement[b] = new List<int>[statements.Count];
            for (var s = 0; s < statements.Count; s++)
            {
                var defined = new List<int>();
                _definitionsByStatement[b][s] = defined;
                foreach (var operation in statements[s].DescendantsAndSelf())
                {
                    if (operation.Syntax is { } syntax)
                    {
                        if (!_bySyntax.TryGetValue(syntax, out var list))
                            _bySyntax[syntax] = list = new List<(int, int, IOperation)>(1);
                        list.Add((b, s, operation));
                    }

                    if (operation is IFlowCaptureOperation capture)
                    {
                        if (!_captures.TryGetValue(capture.Id, out var values))
                            _captures[capture.Id] = values = new List<IOperation>(1);
                        values.Add(capture.Value);
                    }

                    foreach (var (local, value) in Writes(operation))
                    {
                        defined.Add(_definitions.Count);
                        _definitions.Add(new Definition(local, value));
                    }
                }
            }
        }

        _in = Solve(blocks);
    }

    /// <summary>The graph this analysis ran on.</summary>
    public ControlFlowGraph Graph => _graph;

    /// <summary>The graph's copy of <paramref name="original"/> (same syntax, same kind), or null.</summary>
    public IOperation? Find(IOperation original)
    {
        if (!_bySyntax.TryGetValue(original.Syntax, out var candidates))
            return null;
        foreach (var candidate in candidates)
        {
            if (candidate.Operation.Kind == original.Kind)
                return candidate.Operation;
        }

        return null;
    }

    /// <summary>
    /// The values the local read by <paramref name="use"/> (an operation of this graph) can hold there, or null when one
    /// of them is unknown (a write not followed, or no write at all).
    /// </summary>
    public IReadOnlyList<IOperation>? ValuesAt(ILocalReferenceOperation use)
    {
        if (!_bySyntax.TryGetValue(use.Syntax, out var places))
            return null;
        var place = places.Find(p => ReferenceEquals(p.Operation, use));
        if (place.Operation is null)
            return null;

        var reaching = (BitArray)_in[place.Block].Clone();
        for (var s = 0; s < place.Statement; s++)
            Apply(reaching, _definitionsByStatement[place.Block][s]);

        var values = new List<IOperation>();
        for (var d = 0; d < _definitions.Count; d++)
        {
            if (!reaching[d] || !SymbolEqualityComparer.Default.Equals(_definitions[d].Local, use.Local))
                continue;
            if (_definitions[d].Value is not { } value)
                return null;
            values.Add(value);
        }

        return values.Count == 0 ? null : values;
    }

    /// <summary>What a flow capture (the graph's spill of a value across a branch) holds, or null when it is set on several paths.</summary>
    public IOperation? CapturedValue(IFlowCaptureReferenceOperation reference)
        => _captures.TryGetValue(reference.Id, out var values) && values.Count == 1 ? values[0] : null;

    private static List<IOperation> Statements(BasicBlock block)
    {
        var statements = new List<IOperation>(block.Operations.Length + 1);
        statements.AddRange(block.Operations);
        if (block.BranchValue is { } branch)
            statements.Add(branch);
        return statements;
    }

    /// <summary>The locals <paramref name="operation"/> itself writes, with the value written (null when not followed).</summary>
    private static IEnumerable<(ILocalSymbol Local, IOperation? Value)> Writes(IOperation operation)
    {
        switch (operation)
        {
            case ISimpleAssignmentOperation { Target: ILocalReferenceOperation target } assignment:
                yield return (target.Local, assignment.IsRef ? null : assignment.Value);
                break;
            case ICompoundAssignmentOperation { Target: ILocalReferenceOperation target }:
                yield return (target.Local, null);
                break;
            case ICoalesceAssignmentOperation { Target: ILocalReferenceOperation target }:
                yield return (target.Local, null);
                break;
            case IIncrementOrDecrementOperation { Target: ILocalReferenceOperation target }:
                yield return (target.Local, null);
                break;
            case IDeconstructionAssignmentOperation deconstruction:
                foreach (var element in deconstruction.Target.DescendantsAndSelf())
                {
                    if (element is ILocalReferenceOperation local)
                        yield return (local.Local, null);
                }

                break;
            case IArgumentOperation { Parameter.RefKind: RefKind.Out or RefKind.Ref, Value: ILocalReferenceOperation local }:
                yield return (local.Local, null);
                break;
            case IDeclarationPatternOperation { DeclaredSymbol: ILocalSymbol patternLocal }:
                yield return (patternLocal, null);
                break;
            case IRecursivePatternOperation { DeclaredSymbol: ILocalSymbol recursiveLocal }:
                yield return (recursiveLocal, null);
                break;
        }
    }

    private void Apply(BitArray reaching, List<int> statementDefinitions)
    {
        foreach (var d in statementDefinitions)
        {
            var local = _definitions[d].Local;
            for (var other = 0; other < _definitions.Count; other++)
            {
                if (reaching[other] && SymbolEqualityComparer.Default.Equals(_definitions[other].Local, local))
                    reaching[other] = false;
            }

            reaching[d] = true;
        }
    }

    private BitArray[] Solve(System.Collections.Immutable.ImmutableArray<BasicBlock> blocks)
    {
        var count = _definitions.Count;
        var @in = new BitArray[blocks.Length];
        var @out = new BitArray[blocks.Length];
        for (var b = 0; b < blocks.Length; b++)
        {
            @in[b] = new BitArray(count);
            @out[b] = new BitArray(count);
        }

        var changed = true;
        while (changed)
        {
            changed = false;
            for (var b = 0; b < blocks.Length; b++)
            {
                var entry = new BitArray(count);
                foreach (var predecessor in blocks[b].Predecessors)
                    entry.Or(@out[predecessor.Source.Ordinal]);
                @in[b] = entry;
                var exit = (BitArray)entry.Clone();
                foreach (var statement in _definitionsByStatement[b])
                    Apply(exit, statement);
                if (!SameBits(exit, @out[b]))
                {
                    @out[b] = exit;
                    changed = true;
                }
            }
        }

        return @in;
    }

    private static bool SameBits(BitArray a, BitArray b)
    {
        for (var i = 0; i < a.Length; i++)
        {
            if (a[i] != b[i])
                return false;
        }

        return true;
    }

    private readonly struct Definition
    {
        public Definition(ILocalSymbol local, IOperation? value)
        {
            Local = local;
            Value = value;
        }

        public ILocalSymbol Local { get; }

        public IOperation? Value { get; }
    }
}
