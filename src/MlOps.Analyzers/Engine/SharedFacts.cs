using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using MlOps.Analyzers.Facts.CallSites;
using MlOps.Analyzers.Facts.Contexts;
using MlOps.Analyzers.Facts.Paths;
using MlOps.Analyzers.Facts.Symbols;
using MlOps.Analyzers.Facts.Training;
using MlOps.Analyzers.Facts.Types;

namespace MlOps.Analyzers.Engine;

/// <summary>
/// The facts of one compilation that several rules ask about, each created by the first rule that asks (in its
/// <see cref="Rule.Start"/>) and subscribed once, whatever the number of rules that use it.
/// </summary>
internal sealed class SharedFacts
{
    private readonly RuleStart _start;
    private TrainingScopes? _trainingScopes;
    private TypeFacts<MLContextSeeding>? _contextSeeding;
    private PathEvaluator? _paths;
    private ParameterCallSites? _callSites;
    private bool? _anyTypeAcrossFiles;

    internal SharedFacts(RuleStart start) => _start = start;

    /// <summary>RULES.md's "training code", per type (<see cref="TrainingScope"/>).</summary>
    public TrainingScopes TrainingScopes => _trainingScopes ??= new TrainingScopes(
        PerType(TrainingScope.ObservedKinds, includeNestedTypes: false, type => new TrainingScope(type, _start.Symbols), TrainingScope.MayClassify, accumulateEveryType: true, TrainingScope.ClassifiedNames),
        _start.Symbols);

    /// <summary>What each type stores into its <c>MLContext</c> variables and hands on (<see cref="MLContextSeeding"/>); a nested type's code counts for the types around it.</summary>
    public TypeFacts<MLContextSeeding> ContextSeeding
        => _contextSeeding ??= PerType(MLContextSeeding.ObservedKinds, includeNestedTypes: true, type => new MLContextSeeding(type, _start.Symbols.MLContext!, _start.Symbols.Owners));

    /// <summary>Folds path, URL and stream expressions within a method, and into other files at compilation end (<see cref="PathEvaluator"/>).</summary>
    public PathEvaluator Paths
    {
        get
        {
            if (_paths is null)
            {
                var paths = _paths = new PathEvaluator(_start.Symbols);
                _start.OnFactsComplete(c => paths.FollowOtherFiles(c.Compilation));
            }

            return _paths;
        }
    }

    /// <summary>What the calls of the compilation pass for path, stream and URL parameters, resolved at compilation end (<see cref="ParameterCallSites"/>).</summary>
    public ParameterCallSites CallSites
    {
        get
        {
            if (_callSites is null)
            {
                _callSites = new ParameterCallSites(Paths);
                var callSites = _callSites;
                _start.OnInvocation(Calls.Into(ApiOwners.Source), c => callSites.Record(c.Operation, c.ContainingSymbol));
                _start.OnCreation(Calls.Into(ApiOwners.Source), c => callSites.Record(c.Operation, c.ContainingSymbol));
                _start.OnOperation(c => callSites.Record(c.Operation, c.ContainingSymbol), OperationKind.MethodReference);
            }

            return _callSites;
        }
    }

    private bool AnyTypeAcrossFiles => _anyTypeAcrossFiles ??= _start.Declarations.AnyTypeAcrossFiles(_start.CancellationToken);

    /// <summary>
    /// Facts of a rule's own that need a type's whole code (<see cref="TypeFacts{T}"/>): complete at once for a type
    /// written in one file, at compilation end for a partial type.
    /// </summary>
    /// <remarks>See <see cref="TypeFacts{T}"/>'s constructor for <paramref name="mayHold"/> and <paramref name="accumulateEveryType"/>.</remarks>
    /// <param name="invokedNames">When <typeparamref name="T"/> observes only the invocations of some method names: those names
    /// (the engine then hands it no other invocation).</param>
    public TypeFacts<T> PerType<T>(ImmutableArray<OperationKind> kinds, bool includeNestedTypes, Func<INamedTypeSymbol, T> create, Func<SyntaxNode, bool>? mayHold = null, bool accumulateEveryType = false, IEnumerable<string>? invokedNames = null)
        where T : TypeObserver
    {
        var facts = new TypeFacts<T>(_start.Declarations, kinds, includeNestedTypes, create, mayHold, accumulateEveryType);
        // Without a type partial across files, every type is judged from a walk of its one file: the driver need not hand
        // over any operation of these kinds (for kinds as frequent as Literal, that is most of what the facts would cost).
        var observed = accumulateEveryType || AnyTypeAcrossFiles ? kinds : ImmutableArray<OperationKind>.Empty;
        foreach (var kind in observed)
        {
            if (kind == OperationKind.Invocation && invokedNames is not null)
                _start.OnInvocation(Calls.Named(ApiOwners.All, invokedNames), facts.Accumulate);
            else
                _start.OnOperation(facts.Accumulate, kind);
        }

        _start.OnFactsComplete(facts.JudgeDeferred);
        return facts;
    }
}
