using System.Composition;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Formatting;
using Microsoft.CodeAnalysis.Simplification;
using MlOps.Analyzers.CodeFixes.Infrastructure;
using MlOps.Analyzers.Catalog;

namespace MlOps.Analyzers.CodeFixes.Rules.Reproducibility;

/// <summary>MLOPS006 fix: insert <c>torch.manual_seed(&lt;seed&gt;);</c> at the start of the training method.</summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(UnseededTorchSharpFixer)), Shared]
public sealed class UnseededTorchSharpFixer : SyntaxRewriteFixer
{
    public UnseededTorchSharpFixer()
        : base(RuleIds.TorchSharpUnseeded, "Call torch.manual_seed at the start of the training method")
    {
    }

    private protected override SyntaxNode? Rewrite(Document document, SyntaxNode root, SemanticModel model, Diagnostic diagnostic, CancellationToken cancellationToken)
    {
        // The diagnostic sits on the method's identifier; top-level statements (reported at the call) get no fix.
        var span = diagnostic.Location.SourceSpan;
        if (root.FindToken(span.Start).Parent is not MethodDeclarationSyntax method
            || method.Identifier.Span != span
            || (method.Body is null && method.ExpressionBody is null))
            return null;

        var site = (SyntaxNode?)method.Body ?? method.ExpressionBody!.Expression;
        var seed = SeedSuggestion.For(document, model, site, RuleIds.TorchSharpUnseeded);
        // torch.manual_seed returns the generator; the call is a statement and the result is discarded.
        var call = SyntaxFactory.ExpressionStatement(
            SyntaxFactory.InvocationExpression(
                SyntaxFactory.ParseExpression("global::TorchSharp.torch.manual_seed").WithAdditionalAnnotations(Simplifier.Annotation),
                SyntaxFactory.ArgumentList(SyntaxFactory.SingletonSeparatedList(SyntaxFactory.Argument(seed)))))
            .WithAdditionalAnnotations(Formatter.Annotation);

        BlockSyntax body;
        if (method.Body is { } block)
        {
            body = block.WithStatements(block.Statements.Insert(0, call));
        }
        else
        {
            var expression = method.ExpressionBody!.Expression;
            var returnsVoid = method.ReturnType is PredefinedTypeSyntax { Keyword.RawKind: (int)SyntaxKind.VoidKeyword }
                              || (method.Modifiers.Any(SyntaxKind.AsyncKeyword) && model.GetDeclaredSymbol(method, cancellationToken)?.ReturnType is { } returnType
                                  && returnType.Name == "Task" && returnType is INamedTypeSymbol { IsGenericType: false });
            StatementSyntax last = returnsVoid
                ? SyntaxFactory.ExpressionStatement(expression)
                : SyntaxFactory.ReturnStatement(expression);
            body = SyntaxFactory.Block(call, last).WithAdditionalAnnotations(Formatter.Annotation);
        }

        var newMethod = method.WithBody(body).WithExpressionBody(null).WithSemicolonToken(default)
            .WithAdditionalAnnotations(Formatter.Annotation);
        if (method.ExpressionBody is not null)
            newMethod = newMethod.WithParameterList(newMethod.ParameterList.WithTrailingTrivia(SyntaxFactory.ElasticLineFeed));
        return root.ReplaceNode(method, newMethod);
    }
}
