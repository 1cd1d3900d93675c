using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using MlOps.Analyzers.Infrastructure;
using MlOps.Analyzers.Lineage;

namespace MlOps.Analyzers.Rules.Lineage;

/// <summary>
/// MLOPS100: a <c>[TrainingPipeline]</c> type (or a type containing it) is not <c>partial</c>, so the generator cannot
/// add the nested lineage class to it and <c>Lineage.*</c> does not exist.
/// </summary>
public sealed class PipelineTypeNotPartialAnalyzer : DiagnosticAnalyzer
{
    internal static readonly DiagnosticDescriptor Rule = RuleDescriptors.Create(
        RuleIds.PipelineTypeNotPartial,
        RuleCategories.Lineage,
        DiagnosticSeverity.Error,
        title: "Training pipeline type must be partial",
        messageFormat: "Training pipeline '{0}' must be partial so its lineage class can be generated: add 'partial' to {1}",
        description: "The lineage generator adds a nested 'Lineage' class to each [TrainingPipeline] type, which C# only allows when the type and every type containing it are declared 'partial'.");

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(Rule);

    public override void Initialize(AnalysisContext context)
    {
        context.EnableConcurrentExecution();
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.RegisterCompilationStartAction(start =>
        {
            if (LineageSymbols.TryCreate(start.Compilation) is not { } symbols)
                return;

            start.RegisterSymbolAction(c =>
            {
                var type = (INamedTypeSymbol)c.Symbol;
                if (symbols.GetPipeline(type, c.CancellationToken) is not { } pipeline
                    || pipeline.TypesMissingPartial.IsEmpty)
                    return;

                var names = string.Join(" and ", pipeline.TypesMissingPartial.Select(t => "'" + t.Name + "'"));
                c.ReportDiagnostic(Diagnostic.Create(Rule, PipelineLocation(pipeline, c.CancellationToken), type.Name, names));
            }, SymbolKind.NamedType);
        });
    }

    /// <summary>The name of the declaration that carries <c>[TrainingPipeline]</c>.</summary>
    internal static Location? PipelineLocation(PipelineDeclaration pipeline, System.Threading.CancellationToken cancellationToken)
    {
        var declaration = pipeline.Attribute.ApplicationSyntaxReference?.GetSyntax(cancellationToken)
            .FirstAncestorOrSelf<BaseTypeDeclarationSyntax>();
        return declaration?.Identifier.GetLocation() ?? pipeline.Type.Locations.FirstOrDefault();
    }
}
