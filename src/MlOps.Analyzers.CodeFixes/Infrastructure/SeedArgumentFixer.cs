using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace MlOps.Analyzers.CodeFixes.Infrastructure;

/// <summary>
/// The fix shared by rules whose flagged call or creation takes an optional <c>seed</c> parameter (MLOPS002, MLOPS007:
/// <c>ShuffleRows</c>, <c>BootstrapSample</c>, TorchSharp's <c>DataLoader</c>): an explicit <c>null</c> seed is replaced,
/// otherwise <c>seed: &lt;seed&gt;</c> is appended (a trailing named argument is valid after any arguments). A rule says
/// only its id and title.
/// </summary>
public abstract class SeedArgumentFixer : SyntaxRewriteFixer
{
    private protected SeedArgumentFixer(string ruleId, string title)
        : base(ruleId, title)
    {
    }

    private protected override SyntaxNode? Rewrite(Document document, SyntaxNode root, SemanticModel model, Diagnostic diagnostic, CancellationToken cancellationToken)
    {
        // The creation itself, or the invocation whose name is reported.
        if (root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true).AncestorsAndSelf()
                .FirstOrDefault(n => n is InvocationExpressionSyntax or BaseObjectCreationExpressionSyntax) is not ExpressionSyntax target)
            return null;

        var argumentList = target switch
        {
            InvocationExpressionSyntax invocation => invocation.ArgumentList,
            BaseObjectCreationExpressionSyntax creation => creation.ArgumentList,
            _ => null,
        };
        if (argumentList is null)
            return null;

        var seed = SeedSuggestion.For(document, model, target, RuleId);
        var arguments = model.GetOperation(target, cancellationToken) switch
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
        return root.ReplaceNode(target, newTarget);
    }
}
