using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using MlOps.Analyzers.Infrastructure;
using MlOps.Analyzers.Lineage;

namespace MlOps.Analyzers.Rules.Lineage;

/// <summary>
/// MLOPS104: a <c>[DatasetInput]</c> that the pipeline's code never uses: no reference to its generated member
/// (<c>Lineage.Datasets.X</c>) and no constant naming its path (a path constant or literal, judged as MLOPS010 judges a
/// load: <see cref="PathJudgement.NamesDeclaredPath"/>) anywhere in the pipeline type. The lineage then records (and <c>Capture()</c> hashes) data the model may not have been trained on.
/// </summary>
/// <remarks>
/// Info, not Warning: a dataset loaded by another type, or through <c>Lineage.Pipeline.Datasets</c>, is not seen.
/// </remarks>
public sealed class DeclaredDatasetNeverLoadedAnalyzer : DiagnosticAnalyzer
{
    internal static readonly DiagnosticDescriptor Rule = RuleDescriptors.Create(
        RuleIds.DeclaredDatasetNeverLoaded,
        RuleCategories.Lineage,
        DiagnosticSeverity.Info,
        title: "Declared dataset is never loaded by the pipeline",
        messageFormat: "Pipeline '{0}' declares the dataset '{1}' ('{2}') but its code never loads it: read it through '{3}.Datasets.{4}', or remove the declaration",
        description: "A declared dataset is recorded in every run's lineage and hashed by Capture(); if the pipeline's code never reads it, the lineage claims an input the model was not trained on (or the code reads the data from somewhere else).");

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(Rule);

    public override void Initialize(AnalysisContext context)
    {
        context.EnableConcurrentExecution();
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.RegisterCompilationStartAction(start =>
        {
            if (LineageSymbols.TryCreate(start.Compilation) is not { } symbols)
                return;

            start.RegisterSymbolStartAction(typeStart =>
            {
                var type = (INamedTypeSymbol)typeStart.Symbol;
                if (symbols.GetPipelineAttribute(type) is null)
                    return;

                var usedMembers = new ConcurrentDictionary<string, bool>();
                var usedConstants = new ConcurrentDictionary<string, bool>();
                typeStart.RegisterOperationAction(c =>
                {
                    var operation = c.Operation;
                    var member = operation is IFieldReferenceOperation { Field: var field } && IsDatasetMember(field, type, symbols) ? field.Name : null;
                    var text = operation.ConstantValue is { HasValue: true, Value: string constant } ? constant : null;

                    // The ancestor walk (to the root of the tree) only for the few operations that would be recorded.
                    if ((member is null && text is null) || IsInAttribute(operation.Syntax))
                        return; // nothing to record, or the declaration itself (not a use)

                    if (member is not null)
                        usedMembers[member] = true;
                    if (text is not null)
                        usedConstants[text] = true;
                }, OperationKind.FieldReference, OperationKind.Literal, OperationKind.Binary, OperationKind.InterpolatedString);

                typeStart.RegisterSymbolEndAction(c =>
                {
                    var pipeline = symbols.GetPipeline(type, c.CancellationToken);
                    if (pipeline is null)
                        return;
                    foreach (var dataset in pipeline.Datasets)
                    {
                        if (!dataset.IsUsable || usedMembers.ContainsKey(dataset.Identifier!) || IsPathUsed(dataset.Path!, usedConstants))
                            continue;
                        c.ReportDiagnostic(Diagnostic.Create(
                            Rule,
                            dataset.GetLocation(),
                            pipeline.Name ?? type.Name,
                            dataset.Name,
                            dataset.Path,
                            pipeline.LineageClassName,
                            dataset.Identifier));
                    }
                });
            }, SymbolKind.NamedType);
        });
    }

    /// <summary>
    /// The node is part of an attribute (e.g. the path of a <c>[DatasetInput]</c>). An attribute argument is an
    /// expression, and no expression contains a member declaration (local functions are statements), so the walk up can
    /// stop at the first member declaration instead of going to the root of the tree. Not at a statement: a lambda in a
    /// (broken) attribute argument has statements.
    /// </summary>
    private static bool IsInAttribute(SyntaxNode node)
    {
        for (SyntaxNode? current = node; current is not null; current = current.Parent)
        {
            switch (current)
            {
                case AttributeSyntax:
                    return true;
                case MemberDeclarationSyntax:
                    return false;
            }
        }

        return false;
    }

    /// <summary>A constant of the pipeline names the dataset's path: the text itself, or the same path written differently.</summary>
    private static bool IsPathUsed(string path, ConcurrentDictionary<string, bool> usedConstants)
        => usedConstants.ContainsKey(path) || usedConstants.Keys.Any(text => PathJudgement.NamesDeclaredPath(text, path));

    /// <summary>A field of the generated <c>Lineage.Datasets</c> class of <paramref name="pipeline"/>.</summary>
    private static bool IsDatasetMember(IFieldSymbol field, INamedTypeSymbol pipeline, LineageSymbols symbols)
        => field.ContainingType is { Name: LineageNaming.DatasetsClassName, ContainingType: { } lineage }
           && symbols.IsGeneratedLineageClass(lineage)
           && SymbolEqualityComparer.Default.Equals(lineage.ContainingType?.OriginalDefinition, pipeline.OriginalDefinition);
}
