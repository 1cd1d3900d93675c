using System.Collections.Immutable;
using System.Composition;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using MlOps.Analyzers.CodeFixes.Infrastructure;
using MlOps.Analyzers.Infrastructure;

namespace MlOps.Analyzers.CodeFixes.Rules.Reproducibility;

/// <summary>MLOPS001 fix: pass <c>seed:</c> to the <c>MLContext</c> (the <c>[TrainingSeed]</c> constant in scope, else the configured default).</summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(UnseededMLContextFixer)), Shared]
public sealed class UnseededMLContextFixer : CodeFixProvider
{
    private const string Title = "Seed the MLContext";

    public override ImmutableArray<string> FixableDiagnosticIds => ImmutableArray.Create(RuleIds.UnseededMLContext);

    public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        var creation = root?.FindNode(context.Span, getInnermostNodeForTie: true)
            .AncestorsAndSelf().OfType<BaseObjectCreationExpressionSyntax>().FirstOrDefault();
        if (creation is null)
            return;

        foreach (var diagnostic in context.Diagnostics)
        {
            context.RegisterCodeFix(
                CodeAction.Create(Title, ct => AddSeedAsync(context.Document, creation, ct), equivalenceKey: RuleIds.UnseededMLContext),
                diagnostic);
        }
    }

    private static async Task<Document> AddSeedAsync(Document document, BaseObjectCreationExpressionSyntax creation, CancellationToken cancellationToken)
    {
        var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
        var model = await document.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false);
        if (root is null || model is null)
            return document;

        var seed = SeedSuggestion.For(document, model, creation, RuleIds.UnseededMLContext);
        // MLContext has one constructor, MLContext(int? seed = null): the seed replaces whatever was passed.
        var seedArgument = SyntaxFactory.Argument(seed).WithNameColon(SyntaxFactory.NameColon("seed"));
        var arguments = SyntaxFactory.ArgumentList(SyntaxFactory.SingletonSeparatedList(seedArgument));
        if (creation.ArgumentList is { } existing)
            arguments = arguments.WithTriviaFrom(existing);

        return document.WithSyntaxRoot(root.ReplaceNode(creation, creation.WithArgumentList(arguments)));
    }
}
