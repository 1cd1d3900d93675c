using System.Collections.Immutable;
using System.Composition;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;
using MlOps.Analyzers.CodeFixes.Infrastructure;
using MlOps.Analyzers.Catalog;
using MlOps.Analyzers.Facts.Symbols;

namespace MlOps.Analyzers.CodeFixes.Rules.Reproducibility;

/// <summary>
/// MLOPS002 fix. Where this document creates the unseeded context the call draws from, the context is seeded as the
/// MLOPS001 fix seeds it (<c>ShuffleRows</c> and <c>BootstrapSample</c> take their seed from a seeded context's generator,
/// ML.NET 5.0.1), so the result does not depend on which of the two rules a bulk fix applies first. Otherwise
/// <c>seed:</c> is passed to the call (the <c>[TrainingSeed]</c> constant in scope, else the configured default).
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(UnseededDataOperationFixer)), Shared]
public sealed class UnseededDataOperationFixer : SeedArgumentFixer
{
    private const string SeedContextTitle = "Seed the MLContext";

    public UnseededDataOperationFixer()
        : base(RuleIds.UnseededDataOperation, "Pass a seed to the data operation")
    {
    }

    private protected override string Title(Diagnostic diagnostic, SyntaxNode root, SemanticModel model)
        => ContextCreations(root, model, diagnostic, CancellationToken.None).IsEmpty ? Title(diagnostic) : SeedContextTitle;

    private protected override SyntaxNode? Rewrite(Document document, SyntaxNode root, SemanticModel model, Diagnostic diagnostic, CancellationToken cancellationToken)
    {
        var creations = ContextCreations(root, model, diagnostic, cancellationToken);
        return creations.IsEmpty
            ? base.Rewrite(document, root, model, diagnostic, cancellationToken)
            : root.ReplaceNodes(creations, (original, _) => ContextSeeding.Seeded(document, model, original));
    }

    private static ImmutableArray<BaseObjectCreationExpressionSyntax> ContextCreations(
        SyntaxNode root, SemanticModel model, Diagnostic diagnostic, CancellationToken cancellationToken)
    {
        var call = root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true).FirstAncestorOrSelf<InvocationExpressionSyntax>();
        return ContextSeeding.UnseededCreations(
            call is null ? null : (model.GetOperation(call, cancellationToken) as IInvocationOperation)?.GetReceiver(), root, model, cancellationToken);
    }
}
