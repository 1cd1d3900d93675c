using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using MlOps.Analyzers.Catalog;
using MlOps.Analyzers.Engine;
using MlOps.Analyzers.Facts.Pipelines;

namespace MlOps.Analyzers.Rules.Lineage;

/// <summary>
/// MLOPS101: two datasets, model outputs or hyper-parameters of one pipeline map to the same generated member (the same
/// name, or names with the same PascalCase form such as <c>learning_rate</c> and <c>LearningRate</c>), or the pipeline
/// has more than one <c>[TrainingSeed]</c>. The lineage record could not tell them apart; the generator keeps the first.
/// </summary>
public sealed class DuplicateLineageNameAnalyzer : Rule
{
    internal static readonly DiagnosticDescriptor Rule = RuleDescriptors.Create(
        RuleIds.DuplicateLineageName,
        RuleCategories.Lineage,
        DiagnosticSeverity.Error,
        title: "Duplicate dataset, model or hyper-parameter name in one pipeline",
        messageFormat: "The {0} '{1}' of pipeline '{2}' clashes with '{3}': both would be '{4}.{5}'. Give each a distinct name.",
        description: "Each dataset, model output and hyper-parameter of a pipeline becomes a member of the generated lineage class and a key of its lineage record, so names must be unique after conversion to PascalCase; a pipeline has one training seed.");

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(Rule);

    internal override RuleGate Gate => RuleGate.LineageAttributes;

    internal override void Start(RuleStart start)
    {
        var symbols = start.Lineage;
        start.OnSymbol(c =>
        {
            var type = (INamedTypeSymbol)c.Symbol;
            if (PipelineDeclaration.Of(type, symbols, c.CancellationToken) is not { } pipeline)
                return;

            foreach (var duplicate in pipeline.Duplicates)
            {
                c.ReportDiagnostic(Diagnostic.Create(
                    Rule,
                    duplicate.Location,
                    duplicate.Kind,
                    duplicate.Name,
                    pipeline.Name ?? type.Name,
                    duplicate.FirstName,
                    pipeline.LineageClassName,
                    duplicate.Member));
            }
        }, SymbolKind.NamedType);
    }
}
