using System.Collections.Generic;
using System.Collections.Immutable;
using System.Composition;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using MlOps.Analyzers.CodeFixes.Infrastructure;
using MlOps.Analyzers.Infrastructure;
using MlOps.Analyzers.Rules.DataLineage;

namespace MlOps.Analyzers.CodeFixes.Rules.DataLineage;

/// <summary>
/// MLOPS010 fix, "Declare dataset in lineage": declares the constant path as a <c>[DatasetInput]</c> of the enclosing
/// type (adding <c>[TrainingPipeline]</c> and <c>partial</c> when missing) and reads it through
/// <c>Lineage.Datasets.X.Path</c>. Offered where the path is a constant the load itself names (also through a local);
/// a path passed by a caller is fixed at the caller's declaration, not here.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(UntrackedDataLoadFixer)), Shared]
public sealed class UntrackedDataLoadFixer : CodeFixProvider
{
    private const string Title = "Declare dataset in lineage";

    public override ImmutableArray<string> FixableDiagnosticIds => ImmutableArray.Create(RuleIds.UntrackedDataLoad);

    public override FixAllProvider GetFixAllProvider() => new LineageFixAllProvider(Title, FixAsync);

    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        foreach (var diagnostic in context.Diagnostics)
        {
            if (await TryGetEditAsync(context.Document, diagnostic, context.CancellationToken).ConfigureAwait(false) is null)
                continue;
            var solution = context.Document.Project.Solution;
            context.RegisterCodeFix(
                CodeAction.Create(Title, ct => FixAsync(solution, ImmutableArray.Create(diagnostic), ct), equivalenceKey: RuleIds.UntrackedDataLoad),
                diagnostic);
        }
    }

    private static async Task<Solution> FixAsync(Solution solution, ImmutableArray<Diagnostic> diagnostics, CancellationToken cancellationToken)
    {
        var edits = new List<LineageEdit>();
        foreach (var diagnostic in diagnostics)
        {
            if (solution.GetDocument(diagnostic.Location.SourceTree) is { } document
                && await TryGetEditAsync(document, diagnostic, cancellationToken).ConfigureAwait(false) is { } edit)
                edits.Add(edit);
        }

        return await LineageDeclarations.ApplyAsync(solution, edits, LineageDeclarationKind.Dataset, cancellationToken).ConfigureAwait(false);
    }

    private static async Task<LineageEdit?> TryGetEditAsync(Document document, Diagnostic diagnostic, CancellationToken cancellationToken)
    {
        if (diagnostic.Descriptor.CustomTags.Contains(WellKnownDiagnosticTags.CompilationEnd)
            || !diagnostic.Properties.TryGetValue(UntrackedDataLoadAnalyzer.PathProperty, out var path) || path is null)
            return null;
        var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
        var model = await document.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false);
        if (root is null || model is null || MlSymbols.TryCreate(model.Compilation) is not { } symbols)
            return null;
        var node = root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true);
        if (model.GetOperation(node, cancellationToken) is not { } operation || !DataLoadApis.TryGet(operation, symbols, out var load))
            return null;

        var evaluator = new PathEvaluator(symbols);
        foreach (var source in load.Sources)
        {
            var value = evaluator.Evaluate(source);
            if (value.Alternatives.Length != 1 || value.Alternatives[0].Any(p => p.Kind != PathPartKind.Text)
                || PathValue.Render(value.Alternatives[0]) != path || source.Syntax is not ExpressionSyntax target)
                continue;
            return LineageDeclarations.PipelineTypeAt(model, target, cancellationToken) is { } type
                ? new LineageEdit(document.Id, target, type, path)
                : null;
        }

        return null;
    }
}
