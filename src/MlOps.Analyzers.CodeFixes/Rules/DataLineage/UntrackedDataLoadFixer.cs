using System.Composition;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using MlOps.Analyzers.CodeFixes.Infrastructure;
using MlOps.Analyzers.Apis;
using MlOps.Analyzers.Catalog;
using MlOps.Analyzers.Rules.DataLineage;

namespace MlOps.Analyzers.CodeFixes.Rules.DataLineage;

/// <summary>
/// MLOPS010 fix, "Declare dataset in lineage": declares the constant path as a <c>[DatasetInput]</c> of the enclosing
/// type (adding <c>[TrainingPipeline]</c> and <c>partial</c> when missing) and reads it through
/// <c>Lineage.Datasets.X.Path</c>. Offered where the path is a constant the load itself names (also through a local);
/// a path passed by a caller is fixed at the caller's declaration, not here.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(UntrackedDataLoadFixer)), Shared]
public sealed class UntrackedDataLoadFixer : LineageDeclarationFixer
{
    public UntrackedDataLoadFixer()
        : base(RuleIds.UntrackedDataLoad, "Declare dataset in lineage", LineageDeclarationKind.Dataset)
    {
    }

    private protected override LineageEdit? TryGetEdit(LineageFixSite site, IOperation operation)
    {
        if (site.Property(UntrackedDataLoadAnalyzer.PathProperty) is not { } path
            || !DataLoadApis.TryGet(operation, site.Symbols, out var load))
            return null;

        foreach (var source in load.Sources)
        {
            if (site.ConstantPath(source) != path || source.Syntax is not ExpressionSyntax target)
                continue;
            return site.Edit(target, path);
        }

        return null;
    }
}
