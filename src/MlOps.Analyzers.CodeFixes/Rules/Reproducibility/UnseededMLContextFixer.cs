using System.Composition;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
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

        return root.ReplaceNode(creation, ContextSeeding.Seeded(document, model, creation));
    }
}
