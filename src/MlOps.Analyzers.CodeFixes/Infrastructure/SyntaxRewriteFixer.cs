using System.Collections.Immutable;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;

namespace MlOps.Analyzers.CodeFixes.Infrastructure;

/// <summary>
/// The shape shared by the fixes that rewrite the reported document from its syntax root and semantic model (MLOPS001,
/// MLOPS002, MLOPS003, MLOPS006, MLOPS007, MLOPS021, MLOPS103): a fix is offered for each diagnostic the rule can
/// rewrite, and applying it rewrites again from the document as it is then; Fix All batches the documents. A rule says
/// only how a diagnostic becomes a new root (<see cref="Rewrite"/>), and, when it makes more than one kind of fix, how
/// each is titled (<see cref="Title"/>).
/// </summary>
public abstract class SyntaxRewriteFixer : CodeFixProvider
{
    private readonly string _ruleId;
    private readonly string _title;

    private protected SyntaxRewriteFixer(string ruleId, string title)
    {
        _ruleId = ruleId;
        _title = title;
    }

    public sealed override ImmutableArray<string> FixableDiagnosticIds => ImmutableArray.Create(_ruleId);

    /// <summary>The rule this fixer fixes (its options, e.g. the default seed, are read per rule).</summary>
    private protected string RuleId => _ruleId;

    public sealed override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

    public sealed override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        var model = await context.Document.GetSemanticModelAsync(context.CancellationToken).ConfigureAwait(false);
        if (root is null || model is null)
            return;

        foreach (var diagnostic in context.Diagnostics)
        {
            if (diagnostic.Id != _ruleId)
            {
                // `dotnet format analyzers` learns a fixer's Fix All key by offering it the first diagnostic of the analyzer
                // that reports the id (SolutionCodeFixApplier), whatever that diagnostic's id: the package's one analyzer
                // reports every rule, so it is often another rule's. Name the key; Fix All then makes each fix itself.
                context.RegisterCodeFix(
                    CodeAction.Create(_title, _ => Task.FromResult(context.Document), equivalenceKey: _ruleId + ": " + _title),
                    diagnostic);
                continue;
            }

            if (Rewrite(context.Document, root, model, diagnostic, context.CancellationToken) is null)
                continue;
            var title = Title(diagnostic);
            context.RegisterCodeFix(
                CodeAction.Create(title, ct => ApplyAsync(context.Document, diagnostic, ct), equivalenceKey: _ruleId + ": " + title),
                diagnostic);
        }
    }

    /// <summary>The fix's title for <paramref name="diagnostic"/>. It is also the Fix All key: Fix All applies one kind of fix.</summary>
    private protected virtual string Title(Diagnostic diagnostic) => _title;

    /// <summary>The document's new root for <paramref name="diagnostic"/>, or null when the fix cannot be made safely there.</summary>
    private protected abstract SyntaxNode? Rewrite(Document document, SyntaxNode root, SemanticModel model, Diagnostic diagnostic, CancellationToken cancellationToken);

    private async Task<Document> ApplyAsync(Document document, Diagnostic diagnostic, CancellationToken cancellationToken)
    {
        var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
        var model = await document.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false);
        return root is not null && model is not null && Rewrite(document, root, model, diagnostic, cancellationToken) is { } rewritten
            ? document.WithSyntaxRoot(rewritten)
            : document;
    }
}
