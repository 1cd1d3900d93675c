using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using MlOps.Analyzers.Catalog;
using MlOps.Analyzers.Engine;
using MlOps.Analyzers.Facts.Paths;
using MlOps.Analyzers.Facts.Pipelines;
using MlOps.Analyzers.Facts.Symbols;
using MlOps.Analyzers.Facts.Types;

namespace MlOps.Analyzers.Rules.Lineage;

/// <summary>
/// MLOPS104: a <c>[DatasetInput]</c> that the pipeline's code never uses: no reference to its generated member
/// (<c>Lineage.Datasets.X</c>) and no constant naming its path (a path constant or literal, judged as MLOPS010 judges a
/// load: <see cref="PathJudgement.NamesDeclaredPath"/>) anywhere in the pipeline type. The lineage then records (and <c>Capture()</c> hashes) data the model may not have been trained on.
/// </summary>
/// <remarks>
/// Info, not Warning: a dataset loaded by another type, or through <c>Lineage.Pipeline.Datasets</c>, is not seen.
/// </remarks>
public sealed class DeclaredDatasetNeverLoadedAnalyzer : Rule
{
    internal static readonly DiagnosticDescriptor Rule = RuleDescriptors.Create(
        RuleIds.DeclaredDatasetNeverLoaded,
        RuleCategories.Lineage,
        DiagnosticSeverity.Info,
        title: "Declared dataset is never loaded by the pipeline",
        messageFormat: "Pipeline '{0}' declares the dataset '{1}' ('{2}') but its code never loads it: read it through '{3}.Datasets.{4}', or remove the declaration",
        description: "A declared dataset is recorded in every run's lineage and hashed by Capture(); if the pipeline's code never reads it, the lineage claims an input the model was not trained on (or the code reads the data from somewhere else).");

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(Rule);

    internal override RuleGate Gate => RuleGate.LineageAttributes;

    internal override void Start(RuleStart start)
    {
        var symbols = start.Lineage;
        var uses = start.Facts.PerType(DatasetUses.Kinds, includeNestedTypes: false, type => new DatasetUses(type, symbols));
        // Each pipeline is judged once per analysis of its file, from the file that carries its [TrainingPipeline] (its findings are that file's
        // own), with the dataset members and constants its code uses (TypeFacts walks the type).
        start.OnSemanticModel(c =>
        {
            var judged = new HashSet<INamedTypeSymbol>(SymbolEqualityComparer.Default);
            foreach (var type in PipelineDeclaration.DeclaredIn(c.SemanticModel, symbols, c.CancellationToken))
            {
                if (!judged.Add(type))
                    continue;
                var cancellationToken = c.CancellationToken;
                uses.Judge(type, c.SemanticModel, c.ReportDiagnostic, (facts, report) => Judge(type, facts, symbols, report, cancellationToken), cancellationToken);
            }
        });
    }

    private static void Judge(INamedTypeSymbol type, DatasetUses used, LineageSymbols symbols, System.Action<Diagnostic> report, System.Threading.CancellationToken cancellationToken)
    {
        if (PipelineDeclaration.Of(type, symbols, cancellationToken) is not { } pipeline)
            return;
        foreach (var dataset in pipeline.Datasets)
        {
            if (!dataset.IsUsable || used.Members.ContainsKey(dataset.Identifier!) || IsPathUsed(dataset.Path!, used.Constants))
                continue;
            report(Diagnostic.Create(
                Rule,
                dataset.GetLocation(),
                pipeline.Name ?? type.Name,
                dataset.Name,
                dataset.Path,
                pipeline.LineageClassName,
                dataset.Identifier));
        }
    }

    /// <summary>The generated dataset members and the string constants a pipeline's code uses.</summary>
    private sealed class DatasetUses : TypeObserver
    {
        private readonly LineageSymbols _symbols;

        public DatasetUses(INamedTypeSymbol type, LineageSymbols symbols)
            : base(type)
            => _symbols = symbols;

        public static ImmutableArray<OperationKind> Kinds { get; } = ImmutableArray.Create(
            OperationKind.FieldReference, OperationKind.Literal, OperationKind.Binary, OperationKind.InterpolatedString);

        public ConcurrentDictionary<string, bool> Members { get; } = new();

        public ConcurrentDictionary<string, bool> Constants { get; } = new();

        public override void Observe(IOperation operation, ISymbol member)
        {
            var used = operation is IFieldReferenceOperation { Field: var field } && IsDatasetMember(field, Type, _symbols) ? field.Name : null;
            var text = operation.ConstantValue is { HasValue: true, Value: string constant } ? constant : null;

            // The ancestor walk (to the root of the tree) only for the few operations that would be recorded.
            if ((used is null && text is null) || IsInAttribute(operation.Syntax))
                return; // nothing to record, or the declaration itself (not a use)

            if (used is not null)
                Members[used] = true;
            if (text is not null)
                Constants[text] = true;
        }
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
