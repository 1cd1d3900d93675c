using System.Composition;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Formatting;
using MlOps.Analyzers.CodeFixes.Infrastructure;
using MlOps.Analyzers.Catalog;

namespace MlOps.Analyzers.CodeFixes.Rules.TorchSharp;

/// <summary>
/// MLOPS041 fix: hold the switch in a <c>using</c> declaration, so the grad mode comes back at the end of the block:
/// <c>torch.no_grad();</c> becomes <c>using var noGrad = torch.no_grad();</c>, <c>var off = torch.no_grad();</c> becomes
/// <c>using var off = torch.no_grad();</c>. Not offered for a member (its owner's <c>Dispose</c> should release it), a
/// local that is assigned again (a using variable is read-only), or a statement that is not directly in a block.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(GradModeSwitchNotScopedFixer)), Shared]
public sealed class GradModeSwitchNotScopedFixer : SyntaxRewriteFixer
{
    public GradModeSwitchNotScopedFixer()
        : base(RuleIds.GradModeSwitchNotScoped, "Hold the grad-mode switch in a using declaration")
    {
    }

    private protected override SyntaxNode? Rewrite(Document document, SyntaxNode root, SemanticModel model, Diagnostic diagnostic, CancellationToken cancellationToken)
    {
        if (root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true).FirstAncestorOrSelf<InvocationExpressionSyntax>() is not { } call)
            return null;

        var value = (ExpressionSyntax)call;
        while (value.Parent is ParenthesizedExpressionSyntax parenthesized)
            value = parenthesized;

        switch (value.Parent)
        {
            case ExpressionStatementSyntax statement when InBlock(statement):
                return root.ReplaceNode(statement, UsingDeclaration(model, statement, call, call.WithoutTrivia()));
            case AssignmentExpressionSyntax { Left: IdentifierNameSyntax { Identifier.ValueText: "_" }, Parent: ExpressionStatementSyntax statement } assignment
                when assignment.Right == value && InBlock(statement) && model.GetSymbolInfo(assignment.Left, cancellationToken).Symbol is null or IDiscardSymbol:
                return root.ReplaceNode(statement, UsingDeclaration(model, statement, call, call.WithoutTrivia()));
            case EqualsValueClauseSyntax { Parent: VariableDeclaratorSyntax declarator }
                when declarator.Parent is VariableDeclarationSyntax { Variables.Count: 1, Parent: LocalDeclarationStatementSyntax declaration }
                     && declaration.UsingKeyword.IsKind(SyntaxKind.None) && InBlock(declaration) && !AssignedAgain(declaration, declarator.Identifier.ValueText):
                return root.ReplaceNode(
                    declaration,
                    declaration.WithoutLeadingTrivia()
                        .WithUsingKeyword(SyntaxFactory.Token(SyntaxKind.UsingKeyword).WithTrailingTrivia(SyntaxFactory.Space))
                        .WithLeadingTrivia(declaration.GetLeadingTrivia()));
            default:
                return null;
        }
    }

    /// <summary>A using declaration must sit directly in a block (or top-level statements), not in a switch section or an embedded statement.</summary>
    private static bool InBlock(StatementSyntax statement) => statement.Parent is BlockSyntax or GlobalStatementSyntax;

    private static bool AssignedAgain(LocalDeclarationStatementSyntax declaration, string name)
        => declaration.Parent is { } scope && scope.DescendantNodes().OfType<AssignmentExpressionSyntax>()
            .Any(assignment => assignment.Left is IdentifierNameSyntax identifier && identifier.Identifier.ValueText == name);

    private static LocalDeclarationStatementSyntax UsingDeclaration(SemanticModel model, StatementSyntax statement, InvocationExpressionSyntax call, ExpressionSyntax value)
    {
        var method = call.Expression switch
        {
            MemberAccessExpressionSyntax access => access.Name.Identifier.ValueText,
            SimpleNameSyntax simple => simple.Identifier.ValueText,
            _ => string.Empty,
        };
        var preferred = method switch
        {
            "no_grad" => "noGrad",
            "enable_grad" => "gradEnabled",
            "inference_mode" => "inferenceMode",
            _ => "gradMode",
        };
        var name = StatementInsertion.FreshName(model, statement, statement.Parent!, preferred);
        return SyntaxFactory.LocalDeclarationStatement(
                SyntaxFactory.VariableDeclaration(
                    SyntaxFactory.IdentifierName("var"),
                    SyntaxFactory.SingletonSeparatedList(
                        SyntaxFactory.VariableDeclarator(SyntaxFactory.Identifier(name)).WithInitializer(SyntaxFactory.EqualsValueClause(value)))))
            .WithUsingKeyword(SyntaxFactory.Token(SyntaxKind.UsingKeyword))
            .WithTriviaFrom(statement)
            .WithAdditionalAnnotations(Formatter.Annotation);
    }
}
