using System.Collections.Generic;
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
using MlOps.Analyzers.Catalog;

namespace MlOps.Analyzers.CodeFixes.Rules.Lineage;

/// <summary>
/// MLOPS100 fix: adds <c>partial</c> to every declaration of the pipeline type and of each type containing it that
/// lacks it, in whichever documents they are. Fix All gathers every such declaration first and edits each once, so two
/// pipelines nested in the same type do not add <c>partial</c> to it twice.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(PipelineTypeNotPartialFixer)), Shared]
public sealed class PipelineTypeNotPartialFixer : CodeFixProvider
{
    private const string Title = "Make the pipeline type partial";

    public override ImmutableArray<string> FixableDiagnosticIds => ImmutableArray.Create(RuleIds.PipelineTypeNotPartial);

    public override FixAllProvider GetFixAllProvider() => MakePartialFixAllProvider.Instance;

    public override Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        foreach (var diagnostic in context.Diagnostics)
        {
            context.RegisterCodeFix(
                CodeAction.Create(
                    Title,
                    ct => MakePartialAsync(context.Document.Project.Solution, new[] { (context.Document, diagnostic) }, ct),
                    equivalenceKey: RuleIds.PipelineTypeNotPartial),
                diagnostic);
        }

        return Task.CompletedTask;
    }

    /// <summary>Adds <c>partial</c> to every declaration, of the reported pipelines and their containing types, that lacks it.</summary>
    internal static async Task<Solution> MakePartialAsync(Solution solution, IEnumerable<(Document Document, Diagnostic Diagnostic)> sites, CancellationToken cancellationToken)
    {
        var targets = new Dictionary<DocumentId, HashSet<TypeDeclarationSyntax>>();
        foreach (var (document, diagnostic) in sites)
        {
            var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
            var model = await document.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false);
            if (root is null || model is null)
                continue;
            var declaration = root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true).FirstAncestorOrSelf<TypeDeclarationSyntax>();
            if (declaration is null || model.GetDeclaredSymbol(declaration, cancellationToken) is not { } type)
                continue;

            for (var current = type; current is not null; current = current.ContainingType)
            {
                foreach (var reference in current.DeclaringSyntaxReferences)
                {
                    if (await reference.GetSyntaxAsync(cancellationToken).ConfigureAwait(false) is not TypeDeclarationSyntax syntax
                        || syntax.Modifiers.Any(SyntaxKind.PartialKeyword)
                        || solution.GetDocumentId(syntax.SyntaxTree) is not { } documentId)
                        continue;
                    if (!targets.TryGetValue(documentId, out var set))
                        targets[documentId] = set = new HashSet<TypeDeclarationSyntax>();
                    set.Add(syntax);
                }
            }
        }

        foreach (var pair in targets)
        {
            var document = solution.GetDocument(pair.Key);
            var root = document is null ? null : await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
            if (root is null)
                continue;
            var newRoot = root.ReplaceNodes(pair.Value, (_, rewritten) => AddPartial(rewritten));
            solution = solution.WithDocumentSyntaxRoot(pair.Key, newRoot);
        }

        return solution;
    }

    /// <summary>C# requires <c>partial</c> right before <c>class</c>/<c>struct</c>/<c>record</c> (CS0267): append it to the modifiers.</summary>
    private static TypeDeclarationSyntax AddPartial(TypeDeclarationSyntax declaration)
    {
        var partial = SyntaxFactory.Token(SyntaxKind.PartialKeyword).WithTrailingTrivia(SyntaxFactory.Space);
        if (declaration.Modifiers.Count > 0)
            return declaration.WithModifiers(declaration.Modifiers.Add(partial));

        // No modifiers: the keyword's leading trivia (indentation) moves to 'partial'.
        var keyword = declaration.Keyword;
        return declaration
            .WithKeyword(keyword.WithLeadingTrivia())
            .WithModifiers(SyntaxFactory.TokenList(partial.WithLeadingTrivia(keyword.LeadingTrivia)));
    }

    private sealed class MakePartialFixAllProvider : FixAllProvider
    {
        public static readonly MakePartialFixAllProvider Instance = new();

        public override IEnumerable<FixAllScope> GetSupportedFixAllScopes()
            => new[] { FixAllScope.Document, FixAllScope.Project, FixAllScope.Solution };

        public override async Task<CodeAction?> GetFixAsync(FixAllContext fixAllContext)
        {
            var documents = fixAllContext.Scope switch
            {
                FixAllScope.Solution => fixAllContext.Solution.Projects.SelectMany(p => p.Documents),
                FixAllScope.Project => fixAllContext.Project.Documents,
                _ => fixAllContext.Document is { } document ? new[] { document } : Enumerable.Empty<Document>(),
            };

            var sites = new List<(Document, Diagnostic)>();
            foreach (var document in documents)
            {
                foreach (var diagnostic in await fixAllContext.GetDocumentDiagnosticsAsync(document).ConfigureAwait(false))
                    sites.Add((document, diagnostic));
            }

            return sites.Count == 0
                ? null
                : CodeAction.Create(Title, ct => MakePartialAsync(fixAllContext.Solution, sites, ct), equivalenceKey: RuleIds.PipelineTypeNotPartial);
        }
    }
}
