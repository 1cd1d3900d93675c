using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using MlOps.Analyzers.Catalog;
using MlOps.Analyzers.Engine;
using MlOps.Analyzers.Facts.Pipelines;

namespace MlOps.Analyzers.Rules.Lineage;

/// <summary>
/// MLOPS100: a <c>[TrainingPipeline]</c> type (or a type containing it) is not <c>partial</c>, so the generator cannot
/// add the nested lineage class to it and <c>Lineage.*</c> does not exist.
/// </summary>
public sealed class PipelineTypeNotPartialAnalyzer : Rule
{
    internal static readonly DiagnosticDescriptor Rule = RuleDescriptors.Create(
        RuleIds.PipelineTypeNotPartial,
        RuleCategories.Lineage,
        DiagnosticSeverity.Error,
        title: "Training pipeline type must be partial",
        messageFormat: "Training pipeline '{0}' must be partial so its lineage class can be generated: add 'partial' to {1}",
        description: "The lineage generator adds a nested 'Lineage' class to each [TrainingPipeline] type, which C# only allows when the type and every type containing it are declared 'partial'.");

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(Rule);

    internal override RuleGate Gate => RuleGate.LineageAttributes;

    internal override void Start(RuleStart start)
    {
        var symbols = start.Lineage;
        start.OnSymbol(c =>
        {
            var type = (INamedTypeSymbol)c.Symbol;
            if (PipelineDeclaration.Of(type, symbols, c.CancellationToken) is not { } pipeline
                || pipeline.TypesMissingPartial.IsEmpty)
                return;

            var names = string.Join(" and ", pipeline.TypesMissingPartial.Select(t => "'" + t.Name + "'"));
            c.ReportDiagnostic(Diagnostic.Create(Rule, PipelineLocation(pipeline, c.CancellationToken), type.Name, names));
        }, SymbolKind.NamedType);
    }

    /// <summary>The name of the declaration that carries <c>[TrainingPipeline]</c>.</summary>
    internal static Location? PipelineLocation(PipelineDeclaration pipeline, System.Threading.CancellationToken cancellationToken)
    {
        var declaration = pipeline.Attribute.ApplicationSyntaxReference?.GetSyntax(cancellationToken)
            .FirstAncestorOrSelf<BaseTypeDeclarationSyntax>();
        return declaration?.Identifier.GetLocation() ?? pipeline.Type.Locations.FirstOrDefault();
    }
}
