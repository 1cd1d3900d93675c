using System.Composition;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Simplification;
using MlOps.Analyzers.CodeFixes.Infrastructure;
using MlOps.Analyzers.Catalog;
using MlOps.Analyzers.Rules.TorchSharp;

namespace MlOps.Analyzers.CodeFixes.Rules.TorchSharp;

/// <summary>MLOPS043 fix: <c>using var scope = torch.NewDisposeScope();</c> first in the loop body.</summary>
/// <remarks>
/// Not offered when the iteration keeps a tensor beyond itself (assigns it outside the loop, adds it to an outside
/// list): the new scope would dispose it under its later reader; that needs <c>MoveToOuterDisposeScope()</c> or
/// <c>DisposeEverythingBut</c>, a person's decision.
/// </remarks>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(TrainingLoopWithoutDisposeScopeFixer)), Shared]
public sealed class TrainingLoopWithoutDisposeScopeFixer : SyntaxRewriteFixer
{
    public TrainingLoopWithoutDisposeScopeFixer()
        : base(RuleIds.TrainingLoopWithoutDisposeScope, "Open a dispose scope in each iteration")
    {
    }

    private protected override SyntaxNode? Rewrite(Document document, SyntaxNode root, SemanticModel model, Diagnostic diagnostic, CancellationToken cancellationToken)
    {
        if (diagnostic.Properties.ContainsKey(TrainingLoopWithoutDisposeScopeAnalyzer.KeepsTensorsProperty)
            || StatementInsertion.LoopOfKeyword(root, diagnostic.Location.SourceSpan) is not { } loop)
            return null;

        var name = StatementInsertion.FreshName(model, loop, loop, "scope");
        var scope = SyntaxFactory.LocalDeclarationStatement(
                SyntaxFactory.VariableDeclaration(
                    SyntaxFactory.IdentifierName("var"),
                    SyntaxFactory.SingletonSeparatedList(
                        SyntaxFactory.VariableDeclarator(SyntaxFactory.Identifier(name))
                            .WithInitializer(SyntaxFactory.EqualsValueClause(
                                SyntaxFactory.InvocationExpression(
                                    SyntaxFactory.ParseExpression("global::TorchSharp.torch.NewDisposeScope").WithAdditionalAnnotations(Simplifier.Annotation)))))))
            .WithUsingKeyword(SyntaxFactory.Token(SyntaxKind.UsingKeyword));
        return StatementInsertion.InsertAtLoopStart(root, loop, scope);
    }
}
