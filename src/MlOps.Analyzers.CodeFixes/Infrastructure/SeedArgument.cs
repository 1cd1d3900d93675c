using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace MlOps.Analyzers.CodeFixes.Infrastructure;

/// <summary>
/// The "add <c>seed:</c>" edit shared by the fixes of calls and creations that take an optional seed parameter
/// (<c>ShuffleRows</c>, <c>BootstrapSample</c>, TorchSharp's <c>DataLoader</c>): an explicit <c>null</c> seed is replaced,
/// otherwise <c>seed: &lt;seed&gt;</c> is appended (a trailing named argument is valid after any arguments).
/// </summary>
internal static class SeedArgument
{
    /// <summary>The call or creation whose diagnostic covers <paramref name="span"/>: the creation itself, or the invocation whose name is reported.</summary>
    public static ExpressionSyntax? FindTarget(SyntaxNode root, Microsoft.CodeAnalysis.Text.TextSpan span)
    {
        var node = root.FindNode(span, getInnermostNodeForTie: true);
        return node.AncestorsAndSelf().FirstOrDefault(n => n is InvocationExpressionSyntax or BaseObjectCreationExpressionSyntax) as ExpressionSyntax;
    }

    public static async Task<Document> AddAsync(Document document, ExpressionSyntax target, string ruleId, CancellationToken cancellationToken)
    {
        var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
        var model = await document.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false);
        if (root is null || model is null)
            return document;

        var argumentList = target switch
        {
            InvocationExpressionSyntax invocation => invocation.ArgumentList,
            BaseObjectCreationExpressionSyntax creation => creation.ArgumentList,
            _ => null,
        };
        if (argumentList is null)
            return document;

        var seed = SeedSuggestion.For(document, model, target, ruleId);
        var operation = model.GetOperation(target, cancellationToken);
        var arguments = operation switch
        {
            IInvocationOperation invocation => invocation.Arguments,
            IObjectCreationOperation creation => creation.Arguments,
            _ => default,
        };
        var existing = arguments.IsDefault
            ? null
            : arguments.FirstOrDefault(a => a.Parameter?.Name == "seed" && a.ArgumentKind == ArgumentKind.Explicit)?.Syntax as ArgumentSyntax;

        SyntaxNode newTarget = existing is not null
            ? target.ReplaceNode(existing, existing.WithExpression(seed.WithTriviaFrom(existing.Expression)))
            : target.ReplaceNode(argumentList, argumentList.AddArguments(
                SyntaxFactory.Argument(seed).WithNameColon(SyntaxFactory.NameColon("seed"))));

        return document.WithSyntaxRoot(root.ReplaceNode(target, newTarget));
    }
}
