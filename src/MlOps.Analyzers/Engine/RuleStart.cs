using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using MlOps.Analyzers.Facts.Symbols;
using MlOps.Analyzers.Facts.Types;


namespace MlOps.Analyzers.Engine;

/// <summary>
/// What a rule gets once per compilation (<see cref="Rule.Start"/>): the compilation's library symbols, the shared facts,
/// and the subscriptions. The engine turns every rule's subscriptions into one driver action per operation kind, one per
/// symbol kind and at most one compilation-end action; it registers no symbol-start action.
/// </summary>
internal sealed class RuleStart
{
    private readonly CallDispatch _invocations = new();
    private readonly CallDispatch _creations = new();
    private readonly Dictionary<OperationKind, List<Action<OperationAnalysisContext>>> _operations = new();
    private readonly Dictionary<SymbolKind, List<Action<SymbolAnalysisContext>>> _symbols = new();
    private readonly List<Action<SemanticModelAnalysisContext>> _semanticModels = new();
    private readonly List<Action<CompilationAnalysisContext>> _factsComplete = new();
    private readonly List<Action<CompilationAnalysisContext>> _compilationEnds = new();
    private SharedFacts? _facts;
    private MlSymbols? _mlSymbols;
    private LineageSymbols? _lineage;

    internal RuleStart(Compilation compilation, AnalyzerOptions options, MlSymbols? symbols, LineageSymbols? lineage, CancellationToken cancellationToken)
    {
        Compilation = compilation;
        Options = options;
        _mlSymbols = symbols;
        _lineage = lineage;
        CancellationToken = cancellationToken;
        Declarations = new TypeDeclarations(compilation);
    }

    public Compilation Compilation { get; }

    public AnalyzerOptions Options { get; }

    public CancellationToken CancellationToken { get; }

    /// <summary>The ML library types; set for rules gated on <see cref="RuleGate.MachineLearning"/>.</summary>
    public MlSymbols Symbols => _mlSymbols ?? throw new InvalidOperationException("This compilation references no ML library: the rule's gate should have kept it from starting.");

    /// <summary>The MlOps.Lineage attribute types; set for rules gated on <see cref="RuleGate.LineageAttributes"/>.</summary>
    public LineageSymbols Lineage => _lineage ?? throw new InvalidOperationException("This compilation does not reference MlOps.Lineage: the rule's gate should have kept it from starting.");

    /// <summary>The facts several rules ask about (training scope, MLContext seeding, call sites): computed once for all of them.</summary>
    public SharedFacts Facts => _facts ??= new SharedFacts(this);

    internal TypeDeclarations Declarations { get; }

    internal bool Passes(RuleGate gate) => gate switch
    {
        RuleGate.MachineLearning => _mlSymbols is not null,
        RuleGate.LineageAttributes => _lineage is not null,
        _ => false,
    };

    /// <summary>Calls <paramref name="handler"/> for each invocation that <paramref name="calls"/> wants.</summary>
    public void OnInvocation(Calls calls, Action<OperationAnalysisContext> handler) => _invocations.Add(calls, handler);

    /// <summary>Calls <paramref name="handler"/> for each object creation that <paramref name="calls"/> wants (names are the created type's).</summary>
    public void OnCreation(Calls calls, Action<OperationAnalysisContext> handler) => _creations.Add(calls, handler);

    /// <summary>Calls <paramref name="handler"/> for every operation of the <paramref name="kinds"/> (for calls, prefer <see cref="OnInvocation"/> / <see cref="OnCreation"/>).</summary>
    public void OnOperation(Action<OperationAnalysisContext> handler, params OperationKind[] kinds) => OnOperation(handler, kinds.ToImmutableArray());

    /// <inheritdoc cref="OnOperation(Action{OperationAnalysisContext}, OperationKind[])"/>
    public void OnOperation(Action<OperationAnalysisContext> handler, ImmutableArray<OperationKind> kinds)
    {
        foreach (var kind in kinds)
        {
            switch (kind)
            {
                case OperationKind.Invocation:
                    _invocations.Add(Calls.Into(ApiOwners.All), handler);
                    break;
                case OperationKind.ObjectCreation:
                    _creations.Add(Calls.Into(ApiOwners.All), handler);
                    break;
                default:
                    if (!_operations.TryGetValue(kind, out var list))
                        _operations[kind] = list = new();
                    list.Add(handler);
                    break;
            }
        }
    }

    /// <summary>Calls <paramref name="handler"/> for every declared symbol of <paramref name="kind"/>.</summary>
    public void OnSymbol(Action<SymbolAnalysisContext> handler, SymbolKind kind)
    {
        if (!_symbols.TryGetValue(kind, out var list))
            _symbols[kind] = list = new();
        list.Add(handler);
    }

    /// <summary>
    /// Calls <paramref name="handler"/> once per file, with its semantic model: for findings about declarations whose
    /// judgement needs the declaring type's code (a finding reported here is the file's own, shown as you type).
    /// </summary>
    public void OnSemanticModel(Action<SemanticModelAnalysisContext> handler) => _semanticModels.Add(handler);

    /// <summary>Calls <paramref name="handler"/> once the whole compilation has been analyzed (its findings show in builds and full-solution analysis, not as you type).</summary>
    public void OnCompilationEnd(Action<CompilationAnalysisContext> handler) => _compilationEnds.Add(handler);

    /// <summary>For shared facts: runs at compilation end before every rule's <see cref="OnCompilationEnd"/> handler.</summary>
    internal void OnFactsComplete(Action<CompilationAnalysisContext> handler) => _factsComplete.Add(handler);

    /// <summary>Registers what the rules subscribed on the driver's context.</summary>
    internal void Register(CompilationStartAnalysisContext driver, ApiOwnership ownership)
    {
        if (!_invocations.IsEmpty)
        {
            _invocations.Seal();
            driver.RegisterOperationAction(c => _invocations.Dispatch(c, ownership), OperationKind.Invocation);
        }

        if (!_creations.IsEmpty)
        {
            _creations.Seal();
            driver.RegisterOperationAction(c => _creations.Dispatch(c, ownership), OperationKind.ObjectCreation);
        }

        foreach (var pair in _operations)
            driver.RegisterOperationAction(Combine(pair.Value), pair.Key);
        foreach (var pair in _symbols)
            driver.RegisterSymbolAction(Combine(pair.Value), pair.Key);
        if (_semanticModels.Count > 0)
            driver.RegisterSemanticModelAction(Combine(_semanticModels));

        if (_factsComplete.Count + _compilationEnds.Count > 0)
        {
            var ends = new List<Action<CompilationAnalysisContext>>(_factsComplete);
            ends.AddRange(_compilationEnds);
            driver.RegisterCompilationEndAction(Combine(ends));
        }
    }

    private static Action<TContext> Combine<TContext>(List<Action<TContext>> handlers)
    {
        if (handlers.Count == 1)
            return handlers[0];
        var all = handlers.ToArray();
        return context =>
        {
            foreach (var handler in all)
                handler(context);
        };
    }
}
