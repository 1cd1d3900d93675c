using System.Composition;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using MlOps.Analyzers.CodeFixes.Infrastructure;
using MlOps.Analyzers.Catalog;
using MlOps.Analyzers.Rules.TorchSharp;

namespace MlOps.Analyzers.CodeFixes.Rules.TorchSharp;

/// <summary>MLOPS040 fix: <c>optimizer.zero_grad();</c> at the top of the training loop's body (after its dispose scope, if it opens one first).</summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(GradientsNotClearedFixer)), Shared]
public sealed class GradientsNotClearedFixer : SyntaxRewriteFixer
{
    public GradientsNotClearedFixer()
        : base(RuleIds.GradientsNotCleared, "Clear gradients at the start of each iteration")
    {
    }

    private protected override SyntaxNode? Rewrite(Document document, SyntaxNode root, SemanticModel model, Diagnostic diagnostic, CancellationToken cancellationToken)
    {
        // The analyzer names the optimizer only when it can be written at the top of the loop (not a local of the iteration).
        if (!diagnostic.Properties.TryGetValue(GradientsNotClearedAnalyzer.OptimizerProperty, out var optimizer) || optimizer is null
            || diagnostic.AdditionalLocations.Count == 0
            || StatementInsertion.LoopAt(root, diagnostic.AdditionalLocations[0].SourceSpan) is not { } loop)
            return null;

        return StatementInsertion.InsertAtLoopStart(root, loop, SyntaxFactory.ParseStatement(optimizer + ".zero_grad();"), afterUsingDeclarations: true);
    }
}
