using System.Collections.Concurrent;
using System.Collections.Generic;
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
using MlOps.Analyzers.Facts.Training;

namespace MlOps.Analyzers.Rules.ModelVersioning;

/// <summary>
/// MLOPS021 (Info): training code saves a versioned model, but the run never writes its lineage record
/// (<c>LineageRecord.WriteSidecar</c>, after <c>Lineage.Capture()</c>), so the file cannot be traced back to the
/// data, seed, hyper-parameters and code that produced it. A save is versioned as MLOPS020 decides it
/// (<see cref="PathJudgement"/>), or it goes through <c>ModelArtifact.Save</c> / <c>SaveUsingPath</c> (immutable).
/// </summary>
/// <remarks>
/// "The run" is the compilation (RULES.md): a sidecar written by the saving type (or the types around it), by the type
/// holding the program's entry point, or by a method that calls the saving type (an orchestrator that runs the trainer and
/// then records the run) counts. A model fitted on an empty view carries no training data and is not a run's model
/// (<see cref="SchemaOnlyModels"/>). The whole rule runs at compilation end (descriptor tagged CompilationEnd): these facts
/// are only known once the compilation has been seen.
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

        var writers = new ConcurrentDictionary<INamedTypeSymbol, bool>(SymbolEqualityComparer.Default);

        // The types an orchestrator calls in the method that writes the record: their saves are part of the recorded run.
        var recordedRuns = new ConcurrentDictionary<INamedTypeSymbol, bool>(SymbolEqualityComparer.Default);
        var paths = new PathChecks(start, RuleIds.ModelSavedWithoutLineage, trainingCodeOnly: true, (site, values) =>
            !WritesLineage(site.Type, writers) && !IsRecordedByCaller(site.Type, recordedRuns) && IsVersionedFile(values)
                ? Diagnostic.Create(Rule, site.Location, site.Api)
                : null);

        start.OnInvocation(Calls.Named(ApiOwners.Lineage, "WriteSidecar"), c =>
        {
            var invocation = (IInvocationOperation)c.Operation;
            if (!MlSymbols.Is(invocation.TargetMethod.ContainingType, symbols.LineageRecord)
                || (c.ContainingSymbol as INamedTypeSymbol ?? c.ContainingSymbol.ContainingType) is not { } writer)
                return;
            writers[writer] = true;
            foreach (var called in TypesCalledBy(invocation))
                recordedRuns[called] = true;
        });

        // ModelArtifact never replaces an existing version: its saves are versioned by construction.
        start.OnInvocation(Calls.Named(ApiOwners.Lineage, "Save", "SaveUsingPath"), c =>
        {
            var invocation = (IInvocationOperation)c.Operation;
            if (MlSymbols.Is(invocation.TargetMethod.ContainingType, symbols.ModelArtifact))
                paths.Defer(c, "ModelArtifact." + invocation.TargetMethod.Name, PathValue.Of(PathPart.Versioned("a ModelArtifact version")));
        });

        // Whether the run writes its record is known only once the whole compilation was seen: every save waits for it.
        start.OnInvocation(Calls.Named(ModelSaveApis.Owners, ModelSaveApis.Names), c =>
        {
            if (ModelSaveApis.TryGet((IInvocationOperation)c.Operation, symbols, out var save) && !SchemaOnlyModels.Is(save.Model?.Value, symbols))
                paths.Defer(c, save.Api, save.Destination.Value);
        });

        start.OnCompilationEnd(c =>
        {
            var entryType = c.Compilation.GetEntryPoint(c.CancellationToken)?.ContainingType;
            if (entryType is not null && writers.ContainsKey(entryType))
                return; // the program's entry point writes the record of its run
            paths.JudgeQueued(c);
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

    /// <summary>
    /// The types of the project's own code that the method around <paramref name="sidecarWrite"/> calls or creates (the trainer
    /// an orchestrator runs before it records the run), and the types around them (<c>ChurnTraining.Lineage.Capture()</c>
    /// names <c>ChurnTraining</c>).
    /// </summary>
    private static IEnumerable<INamedTypeSymbol> TypesCalledBy(IOperation sidecarWrite)
    {
        var body = sidecarWrite;
        while (body.Parent is not null)
            body = body.Parent;
        foreach (var operation in body.DescendantsAndSelf())
        {
            var method = operation switch
            {
                IInvocationOperation invocation => invocation.TargetMethod,
                IObjectCreationOperation creation => creation.Constructor,
                _ => null,
            };
            if (method is null || method.DeclaringSyntaxReferences.IsEmpty)
                continue;
            for (var type = method.ContainingType; type is not null; type = type.ContainingType)
                yield return type;
        }
    }

    /// <summary>The saving type, a type around it, a base type or an interface of it is called where a run is recorded.</summary>
    private static bool IsRecordedByCaller(INamedTypeSymbol? type, ConcurrentDictionary<INamedTypeSymbol, bool> recordedRuns)
    {
        if (recordedRuns.IsEmpty)
            return false;
        for (var current = type; current is not null; current = current.ContainingType)
        {
            for (var baseType = current; baseType is not null; baseType = baseType.BaseType)
            {
                if (recordedRuns.ContainsKey(baseType))
                    return true;
            }

            if (current.AllInterfaces.Any(recordedRuns.ContainsKey))
                return true;
        }

        return false;
    }

    /// <summary>Every value of the path has a versioned component, and none is a non-file stream (MLOPS020 covers the rest).</summary>
    private static bool IsVersionedFile(IReadOnlyList<ResolvedPath> values)
        => values.Count > 0
           && values.All(value => value.Parts.Any(p => p.Kind == PathPartKind.Versioned) && value.Parts.All(p => p.Kind != PathPartKind.NonFileStream));
}
