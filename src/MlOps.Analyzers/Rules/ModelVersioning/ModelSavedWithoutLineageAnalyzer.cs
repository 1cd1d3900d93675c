using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using MlOps.Analyzers.Apis;
using MlOps.Analyzers.Catalog;
using MlOps.Analyzers.Engine;
using MlOps.Analyzers.Facts.CallSites;
using MlOps.Analyzers.Facts.Paths;
using MlOps.Analyzers.Facts.Symbols;

namespace MlOps.Analyzers.Rules.ModelVersioning;

/// <summary>
/// MLOPS021 (Info): training code saves a versioned model, but the run never writes its lineage record
/// (<c>LineageRecord.WriteSidecar</c>, after <c>Lineage.Capture()</c>), so the file cannot be traced back to the
/// data, seed, hyper-parameters and code that produced it. A save is versioned as MLOPS020 decides it
/// (<see cref="PathJudgement"/>), or it goes through <c>ModelArtifact.Save</c> / <c>SaveUsingPath</c> (immutable).
/// </summary>
/// <remarks>
/// "The run" is approximated by the saving type (and the types around it) and the type holding the program's entry
/// point: either writing a sidecar counts. The whole rule runs at compilation end (descriptor tagged CompilationEnd):
/// both facts are only known once the compilation has been seen.
/// </remarks>
public sealed class ModelSavedWithoutLineageAnalyzer : Rule
{
    internal static readonly DiagnosticDescriptor Rule = RuleDescriptors.Create(
        RuleIds.ModelSavedWithoutLineage,
        RuleCategories.ModelVersioning,
        DiagnosticSeverity.Info,
        title: "Model saved without a lineage record",
        messageFormat: "'{0}' saves a versioned model, but the run never writes its lineage record: capture the run with Lineage.Capture() and call WriteSidecar(modelPath) after the save.",
        description: "A versioned model file alone does not say which data, seed, hyper-parameters and code produced it. "
                     + "Capture the run with the generated Lineage.Capture() and write the record next to the model with WriteSidecar.",
        isEnabledByDefault: true,
        WellKnownDiagnosticTags.CompilationEnd);

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(Rule);

    internal override void Start(RuleStart start)
    {
        var symbols = start.Symbols;
        if (symbols.LineageRecord is null || (symbols.ModelOperationsCatalog is null && symbols.TorchModule is null))
            return;

        var evaluator = start.Facts.Paths;
        var callSites = start.Facts.CallSites;
        var scopes = start.Facts.TrainingScopes;
        var saves = new ConcurrentQueue<(string Api, Location Location, PathValue? Value, ISymbol Member)>();
        var writers = new ConcurrentDictionary<INamedTypeSymbol, bool>(SymbolEqualityComparer.Default);

        start.OnInvocation(Calls.Named(ApiOwners.Lineage, "WriteSidecar"), c =>
        {
            var invocation = (IInvocationOperation)c.Operation;
            if (MlSymbols.Is(invocation.TargetMethod.ContainingType, symbols.LineageRecord)
                && (c.ContainingSymbol as INamedTypeSymbol ?? c.ContainingSymbol.ContainingType) is { } writer)
                writers[writer] = true;
        });

        // ModelArtifact never replaces an existing version: its saves are versioned by construction.
        start.OnInvocation(Calls.Named(ApiOwners.Lineage, "Save", "SaveUsingPath"), c =>
        {
            var invocation = (IInvocationOperation)c.Operation;
            if (!MlSymbols.Is(invocation.TargetMethod.ContainingType, symbols.ModelArtifact))
                return;
            saves.Enqueue(("ModelArtifact." + invocation.TargetMethod.Name, invocation.Syntax.GetLocation(), null, c.ContainingSymbol));
        });

        start.OnInvocation(Calls.Named(ModelSaveApis.Owners, ModelSaveApis.Names), c =>
        {
            var invocation = (IInvocationOperation)c.Operation;
            if (!ModelSaveApis.TryGet(invocation, symbols, out var save))
                return;
            saves.Enqueue((save.Api, invocation.Syntax.GetLocation(), evaluator.Evaluate(save.Destination.Value), c.ContainingSymbol));
        });

        start.OnCompilationEnd(c =>
        {
            var entryType = c.Compilation.GetEntryPoint(c.CancellationToken)?.ContainingType;
            if (entryType is not null && writers.ContainsKey(entryType))
                return; // the program's entry point writes the record of its run
            foreach (var (api, location, value, member) in saves)
            {
                var mode = MlOpsOptions.For(c.Options, location.SourceTree!).TrainingScope(RuleIds.ModelSavedWithoutLineage);
                var scope = scopes.AtCompilationEnd(member as INamedTypeSymbol ?? member.ContainingType);
                if (!scope.IsTrainingCode(mode, member) || WritesLineage(scope.Type, writers))
                    continue;
                if (value is not null && !IsVersionedFile(value, callSites))
                    continue;
                c.ReportDiagnostic(Diagnostic.Create(Rule, location, api));
            }
        });
    }

    private static bool WritesLineage(INamedTypeSymbol? type, ConcurrentDictionary<INamedTypeSymbol, bool> writers)
    {
        for (var current = type; current is not null; current = current.ContainingType)
        {
            if (writers.ContainsKey(current))
                return true;
        }

        return false;
    }

    /// <summary>Every value of the path has a versioned component, and none is a non-file stream (MLOPS020 covers the rest).</summary>
    private static bool IsVersionedFile(PathValue value, ParameterCallSites callSites)
    {
        var alternatives = value.HasParameters ? callSites.Resolve(value).Select(r => r.Parts).ToList() : value.Alternatives.ToList();
        return alternatives.Count > 0
               && alternatives.All(parts => parts.Any(p => p.Kind == PathPartKind.Versioned) && parts.All(p => p.Kind != PathPartKind.NonFileStream));
    }
}
