using System.Composition;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using MlOps.Analyzers.CodeFixes.Infrastructure;
using MlOps.Analyzers.Catalog;

namespace MlOps.Analyzers.CodeFixes.Rules.Reproducibility;

/// <summary>MLOPS001 fix: pass <c>seed:</c> to the <c>MLContext</c> (the <c>[TrainingSeed]</c> constant in scope, else the configured default).</summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(UnseededMLContextFixer)), Shared]
public sealed class UnseededMLContextFixer : SyntaxRewriteFixer
{
    public UnseededMLContextFixer()
        : base(RuleIds.UnseededMLContext, "Seed the MLContext")
    {
    }

    private protected override SyntaxNode? Rewrite(Document document, SyntaxNode root, SemanticModel model, Diagnostic diagnostic, CancellationToken cancellationToken)
    {
        if (root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true)
                .AncestorsAndSelf().OfType<BaseObjectCreationExpressionSyntax>().FirstOrDefault() is not { } creation)
            return null;

        var seed = SeedSuggestion.For(document, model, creation, RuleIds.UnseededMLContext);
        // MLContext has one constructor, MLContext(int? seed = null): the seed replaces whatever was passed.
        var seedArgument = SyntaxFactory.Argument(seed).WithNameColon(SyntaxFactory.NameColon("seed"));
        var arguments = SyntaxFactory.ArgumentList(SyntaxFactory.SingletonSeparatedList(seedArgument));
        if (creation.ArgumentList is { } existing)
            arguments = arguments.WithTriviaFrom(existing);

        return root.ReplaceNode(creation, creation.WithArgumentList(arguments));
    }
}
