using System.Composition;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using MlOps.Analyzers.CodeFixes.Infrastructure;
using MlOps.Analyzers.Catalog;

namespace MlOps.Analyzers.CodeFixes.Rules.Leakage;

/// <summary>
/// MLOPS032 fix: pass <c>maxRows: -1</c> (every row) to <c>ToDataFrame</c>. With columns, the argument goes before them,
/// where the overload <c>ToDataFrame(IDataView, long maxRows, params string[] selectColumns)</c> expects it; after a
/// <c>selectColumns:</c> named argument, at the end.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(ToDataFrameTruncatesFixer)), Shared]
public sealed class ToDataFrameTruncatesFixer : SyntaxRewriteFixer
{
    public ToDataFrameTruncatesFixer()
        : base(RuleIds.ToDataFrameTruncates, "Convert every row (maxRows: -1)")
    {
    }

    private protected override SyntaxNode? Rewrite(Document document, SyntaxNode root, SemanticModel model, Diagnostic diagnostic, CancellationToken cancellationToken)
    {
        var name = root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true);
        if (name.FirstAncestorOrSelf<InvocationExpressionSyntax>() is not { } call
            || model.GetSymbolInfo(call, cancellationToken).Symbol is not IMethodSymbol method
            || method.Name != "ToDataFrame")
            return null;

        var arguments = call.ArgumentList.Arguments;
        if (arguments.Any(a => a.NameColon?.Name.Identifier.ValueText == "maxRows"))
            return null;

        // In the static form (IDataViewExtensions.ToDataFrame(view, ...)) the first argument is the view.
        var firstColumn = method.MethodKind == MethodKind.ReducedExtension ? 0 : 1;
        var maxRows = SyntaxFactory.Argument(
            SyntaxFactory.NameColon("maxRows"),
            default,
            SyntaxFactory.PrefixUnaryExpression(SyntaxKind.UnaryMinusExpression, SyntaxFactory.LiteralExpression(SyntaxKind.NumericLiteralExpression, SyntaxFactory.Literal(1))));
        var columnsNamed = arguments.Skip(firstColumn).Any(a => a.NameColon is not null);
        var updated = arguments.Count <= firstColumn || columnsNamed
            ? arguments.Add(maxRows)
            : arguments.Insert(firstColumn, maxRows);
        return root.ReplaceNode(call.ArgumentList, call.ArgumentList.WithArguments(updated));
    }
}
