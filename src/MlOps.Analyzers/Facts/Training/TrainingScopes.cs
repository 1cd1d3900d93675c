using System;
using System.Collections.Concurrent;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using MlOps.Analyzers.Catalog;
using MlOps.Analyzers.Facts.Symbols;
using MlOps.Analyzers.Facts.Types;

namespace MlOps.Analyzers.Facts.Training;

/// <summary>The <see cref="TrainingScope"/> of every type of one compilation, and the judgement rules ask of it.</summary>
internal sealed class TrainingScopes
{
    private readonly TypeFacts<TrainingScope> _scopes;
    private readonly MlSymbols _symbols;
    private readonly ConcurrentDictionary<INamedTypeSymbol, bool> _mayHaveTrainingMembers = new(SymbolEqualityComparer.Default);

    public TrainingScopes(TypeFacts<TrainingScope> scopes, MlSymbols symbols)
    {
        _scopes = scopes;
        _symbols = symbols;
    }

    /// <summary>
    /// Reports <paramref name="diagnostic"/> (raised at the current operation) if its member is training code under the
    /// rule's <c>mlops_analyzers.training_scope</c> (read for the diagnostic's id and syntax tree).
    /// </summary>
    public void ReportIfTrainingCode(OperationAnalysisContext context, Diagnostic diagnostic)
    {
        var tree = diagnostic.Location.SourceTree ?? context.Operation.Syntax.SyntaxTree;
        var mode = MlOpsOptions.For(context.Options, tree).TrainingScope(diagnostic.Id);
        if (mode == TrainingScopeMode.All)
        {
            context.ReportDiagnostic(diagnostic);
            return;
        }

        var member = context.ContainingSymbol;
        if (TypeFacts<TrainingScope>.TypeOf(member) is not { } type || IsPlainCode(type, mode, context.CancellationToken))
            return;
        _scopes.Judge(type, context, (scope, report) =>
        {
            if (scope.IsTrainingCode(mode, member))
                report(diagnostic);
        });
    }

    /// <summary>
    /// True when <paramref name="type"/>'s members are surely not training code under <paramref name="mode"/> (not
    /// <c>all</c>), decided without its code: it is not marked and no member of it can train or build training data
    /// (<see cref="TrainingScope.MayHaveTrainingMembers"/>). Such a candidate needs no walk of its type.
    /// </summary>
    private bool IsPlainCode(INamedTypeSymbol type, TrainingScopeMode mode, CancellationToken cancellationToken)
    {
        if (TrainingScope.IsAttributed(type, _symbols))
            return false;
        if (mode == TrainingScopeMode.Attributed)
            return true;
        return !MlSymbols.IsOrDerivesFrom(type, _symbols.TorchDataset)
               && !_mayHaveTrainingMembers.GetOrAdd(type, t => TrainingScope.MayHaveTrainingMembers(t, cancellationToken));
    }

    /// <summary>
    /// The scope of <paramref name="type"/> as the driver's analysis observed it: for judgements made at compilation end
    /// (then complete), which so need no walk of the type.
    /// </summary>
    public TrainingScope AtCompilationEnd(INamedTypeSymbol type) => _scopes.AccumulatedOf(type);
}
