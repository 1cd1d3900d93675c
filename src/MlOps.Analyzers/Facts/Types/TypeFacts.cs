using System;
using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace MlOps.Analyzers.Facts.Types;

/// <summary>
/// Per-type facts (<typeparamref name="T"/>) without a symbol-start pass per type, which is what a build pays most for
/// (docs/architecture.md, "Cost"). A rule that finds a candidate asks <see cref="Judge(OperationAnalysisContext, Action{T, Action{Diagnostic}})"/>:
/// <list type="bullet">
/// <item>a type written in one file (the usual case) is observed on first request, by walking its code in the semantic
/// model the driver is analyzing (<see cref="TypeWalk"/>), and judged at once: the finding shows as you type;</item>
/// <item>a type partial across several files is observed as the driver analyzes its code, and judged at compilation end,
/// when all of it has been seen (another file's semantic model is not available to an analyzer).</item>
/// </list>
/// </summary>
internal sealed class TypeFacts<T>
    where T : TypeObserver
{
    private readonly Func<INamedTypeSymbol, T> _create;
    private readonly bool[] _observed;
    private readonly bool _includeNestedTypes;
    private readonly bool _accumulateEveryType;
    private readonly Func<SyntaxNode, bool>? _mayHold;
    private readonly TypeDeclarations _declarations;
    private readonly ConcurrentDictionary<INamedTypeSymbol, Lazy<T>> _walked = new(SymbolEqualityComparer.Default);
    private readonly ConcurrentDictionary<INamedTypeSymbol, T> _accumulated = new(SymbolEqualityComparer.Default);
    private readonly ConcurrentQueue<(T Facts, Action<T, Action<Diagnostic>> Judge)> _deferred = new();

    /// <param name="declarations">Where the compilation's types are written.</param>
    /// <param name="kinds">The operations <typeparamref name="T"/> observes.</param>
    /// <param name="includeNestedTypes">Whether the code of nested types belongs to the type's facts (a nested type can write the outer type's private fields).</param>
    /// <param name="create">Makes the empty facts of a type.</param>
    /// <param name="mayHold">
    /// A syntactic test of a member's code: false when it cannot hold an observed operation that changes the facts. A walk
    /// binds the members it visits (work the driver would do later for its own callbacks, but charged to the rule), so
    /// a cheap exact test here keeps a rule's cost its own.
    /// </param>
    /// <param name="accumulateEveryType">
    /// Also observe, as the driver analyzes it, the code of every type, not only of types partial across files: for facts
    /// a rule reads at compilation end for every type (<see cref="Accumulated"/>) without walking any.
    /// </param>
    public TypeFacts(TypeDeclarations declarations, ImmutableArray<OperationKind> kinds, bool includeNestedTypes, Func<INamedTypeSymbol, T> create, Func<SyntaxNode, bool>? mayHold = null, bool accumulateEveryType = false)
    {
        _create = create;
        _includeNestedTypes = includeNestedTypes;
        _mayHold = mayHold;
        _accumulateEveryType = accumulateEveryType;
        _declarations = declarations;
        Kinds = kinds;
        var max = 0;
        foreach (var kind in kinds)
            max = Math.Max(max, (int)kind);
        _observed = new bool[max + 1];
        foreach (var kind in kinds)
            _observed[(int)kind] = true;
    }

    /// <summary>
    /// The facts observed as the driver analyzed the code: of the types partial across files, and of every type with
    /// <c>accumulateEveryType</c>. Complete at compilation end.
    /// </summary>
    public System.Collections.Generic.ICollection<T> Accumulated => _accumulated.Values;

    /// <summary>The observed facts of <paramref name="type"/> (empty when none of its code was observed); complete at compilation end.</summary>
    public T AccumulatedOf(INamedTypeSymbol type) => _accumulated.GetOrAdd(type, _create);

    /// <summary>The operations the facts observe: the engine subscribes <see cref="Accumulate"/> to them.</summary>
    public ImmutableArray<OperationKind> Kinds { get; }

    /// <summary>The type an operation's member belongs to (the innermost one).</summary>
    public static INamedTypeSymbol? TypeOf(ISymbol containingSymbol) => containingSymbol as INamedTypeSymbol ?? containingSymbol.ContainingType;

    /// <summary>
    /// Runs <paramref name="judge"/> with the complete facts of the type of the operation's member, and the way to
    /// report: now when the type is written in the file being analyzed, else at compilation end.
    /// </summary>
    public void Judge(OperationAnalysisContext context, Action<T, Action<Diagnostic>> judge)
    {
        if (TypeOf(context.ContainingSymbol) is { } type)
            Judge(type, context, judge);
    }

    /// <inheritdoc cref="Judge(OperationAnalysisContext, Action{T, Action{Diagnostic}})"/>
    public void Judge(INamedTypeSymbol type, OperationAnalysisContext context, Action<T, Action<Diagnostic>> judge)
        => Judge(type, context.Operation.SemanticModel, context.ReportDiagnostic, judge, context.CancellationToken);

    /// <summary>
    /// Runs <paramref name="judge"/> with the complete facts of <paramref name="type"/>: now, reporting through
    /// <paramref name="report"/>, when the type is written in <paramref name="model"/>'s file only; else at compilation end.
    /// </summary>
    /// <remarks>
    /// The driver counts a finding as the code's own (shown as you type, fixable one at a time) only when it is reported
    /// by the callback analyzing the code that holds it: judge a candidate from its own operation, or report from a
    /// semantic-model action of its file.
    /// </remarks>
    public void Judge(INamedTypeSymbol type, SemanticModel? model, Action<Diagnostic> report, Action<T, Action<Diagnostic>> judge, CancellationToken cancellationToken)
    {
        if (Walked(type, model, cancellationToken) is { } facts)
            judge(facts, report);
        else
            _deferred.Enqueue((_accumulated.GetOrAdd(type, _create), judge));
    }

    private T? Walked(INamedTypeSymbol type, SemanticModel? model, CancellationToken cancellationToken)
    {
        if (model is null || _declarations.SingleTree(type, cancellationToken) != model.SyntaxTree)
            return null;
        // Publication only: a walk cancelled on one thread is not remembered, and two threads racing each walk the type
        // once (only one result is kept).
        return _walked.GetOrAdd(type, t => new Lazy<T>(() => Walk(t, model, cancellationToken), LazyThreadSafetyMode.PublicationOnly)).Value;
    }

    private T Walk(INamedTypeSymbol type, SemanticModel model, CancellationToken cancellationToken)
    {
        var facts = _create(type);
        foreach (var reference in type.DeclaringSyntaxReferences)
        {
            if (reference.SyntaxTree != model.SyntaxTree)
                continue;
            foreach (var (root, member) in TypeWalk.Bodies(reference.GetSyntax(cancellationToken), model, _includeNestedTypes, _mayHold, cancellationToken))
            {
                foreach (var operation in root.DescendantsAndSelf())
                {
                    if (IsObserved(operation.Kind))
                        facts.Observe(operation, member);
                }
            }
        }

        return facts;
    }

    private bool IsObserved(OperationKind kind) => (uint)kind < (uint)_observed.Length && _observed[(int)kind];

    /// <summary>The code of a type that is partial across files is observed as the driver analyzes it (subscribed by the engine to <see cref="Kinds"/>).</summary>
    public void Accumulate(OperationAnalysisContext context)
    {
        for (var type = TypeOf(context.ContainingSymbol); type is not null; type = _includeNestedTypes ? type.ContainingType : null)
        {
            if (_accumulateEveryType || _declarations.SingleTree(type, context.CancellationToken) is null)
                Accumulate(type, context.Operation, context.ContainingSymbol);
        }
    }

    /// <remarks>
    /// A type's entry is made by the first operation that records something, so that the types whose code records
    /// nothing cost no entry (<see cref="TypeObserver.IsEmpty"/>): the driver analyzes a code base's types on many threads
    /// at once, and they would all meet in the dictionary's locks to add them.
    /// </remarks>
    internal void Accumulate(INamedTypeSymbol type, IOperation operation, ISymbol member)
    {
        if (_accumulated.TryGetValue(type, out var known))
        {
            known.Observe(operation, member);
            return;
        }

        var fresh = _create(type);
        fresh.Observe(operation, member);
        if (fresh.IsEmpty)
            return;
        var kept = _accumulated.GetOrAdd(type, fresh);
        if (!ReferenceEquals(kept, fresh))
            kept.Observe(operation, member); // another thread made the entry first: record into it
    }

    /// <summary>Judges the candidates of partial types; the engine calls it at compilation end, before the rules' own compilation-end handlers.</summary>
    public void JudgeDeferred(CompilationAnalysisContext context)
    {
        foreach (var (facts, judge) in _deferred)
            judge(facts, context.ReportDiagnostic);
    }
}
