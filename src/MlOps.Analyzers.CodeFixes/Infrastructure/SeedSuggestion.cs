using System.Globalization;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using MlOps.Analyzers.Catalog;
using MlOps.Analyzers.Facts.Symbols;

namespace MlOps.Analyzers.CodeFixes.Infrastructure;

/// <summary>
/// The seed every "add a seed" fix inserts: the pipeline's <c>[TrainingSeed]</c> member when one is in scope
/// (declared on the enclosing type or a type that contains it), else <c>mlops_analyzers.default_seed</c>.
/// </summary>
internal static class SeedSuggestion
{
    /// <param name="requireStatic">The seed goes into a static context (e.g. a static field initializer): an instance <c>[TrainingSeed]</c> member cannot be used there.</param>
    public static ExpressionSyntax For(Document document, SemanticModel model, SyntaxNode site, string ruleId, bool requireStatic = false)
    {
        if (FindTrainingSeed(model, site) is { } seedMember
            && (!requireStatic || seedMember.IsStatic || seedMember is IFieldSymbol { IsConst: true }))
            return SyntaxFactory.IdentifierName(seedMember.Name);

        var options = MlOpsOptions.For(document.Project.AnalyzerOptions.AnalyzerConfigOptionsProvider, model.SyntaxTree);
        var seed = options.DefaultSeed(ruleId);
        return SyntaxFactory.LiteralExpression(
            SyntaxKind.NumericLiteralExpression,
            SyntaxFactory.Literal(seed.ToString(CultureInfo.InvariantCulture), seed));
    }

    /// <summary>The <c>[TrainingSeed]</c> field or property visible from <paramref name="site"/> by its simple name.</summary>
    public static ISymbol? FindTrainingSeed(SemanticModel model, SyntaxNode site)
    {
        var attribute = model.Compilation.GetTypeByMetadataName(LineageSymbols.TrainingSeedAttributeName);
        var enclosing = model.GetEnclosingSymbol(site.SpanStart);
        if (attribute is null || enclosing is null)
            return null;

        var inStaticContext = enclosing.IsStatic || enclosing is IFieldSymbol { IsConst: true };
        for (var type = enclosing as INamedTypeSymbol ?? enclosing.ContainingType; type is not null; type = type.ContainingType)
        {
            var seed = type.GetMembers().FirstOrDefault(member =>
                member is IFieldSymbol or IPropertySymbol
                && member.GetAttributes().Any(a => SymbolEqualityComparer.Default.Equals(a.AttributeClass, attribute)));
            if (seed is null)
                continue;

            // An instance member is only usable from an instance member of the same type.
            var usable = seed.IsStatic || seed is IFieldSymbol { IsConst: true }
                         || (!inStaticContext && SymbolEqualityComparer.Default.Equals(type, enclosing.ContainingType));
            var shadowed = model.LookupSymbols(site.SpanStart, name: seed.Name).FirstOrDefault() is { } visible
                           && !SymbolEqualityComparer.Default.Equals(visible, seed);
            return usable && !shadowed ? seed : null;
        }

        return null;
    }
}
