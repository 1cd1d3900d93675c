using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using MlOps.Analyzers.Facts.Paths;
using MlOps.Analyzers.Facts.Symbols;

namespace MlOps.Analyzers.CodeFixes.Infrastructure;

/// <summary>
/// The shape shared by the "declare it in lineage" fixes (MLOPS010, MLOPS011, MLOPS020): a fix is offered for each
/// diagnostic the rule can turn into a <see cref="LineageEdit"/>, and one fix — or Fix All, over all its diagnostics at
/// once — applies the edits through <see cref="LineageDeclarations.ApplyAsync"/>, so a path shared by several sites or
/// documents is declared once. A rule says only how its diagnostic becomes an edit (<see cref="TryGetEdit"/>).
/// </summary>
public abstract class LineageDeclarationFixer : CodeFixProvider
{
    private readonly string _ruleId;
    private readonly string _title;
    private readonly LineageDeclarationKind _kind;

    private protected LineageDeclarationFixer(string ruleId, string title, LineageDeclarationKind kind)
    {
        _ruleId = ruleId;
        _title = title;
        _kind = kind;
    }

    public sealed override ImmutableArray<string> FixableDiagnosticIds => ImmutableArray.Create(_ruleId);

    public sealed override FixAllProvider GetFixAllProvider() => new LineageFixAllProvider(_title, FixAsync);

    public sealed override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        foreach (var diagnostic in context.Diagnostics)
        {
            if (await TryGetEditAsync(context.Document, diagnostic, context.CancellationToken).ConfigureAwait(false) is null)
                continue;
            var solution = context.Document.Project.Solution;
            context.RegisterCodeFix(
                CodeAction.Create(_title, ct => FixAsync(solution, ImmutableArray.Create(diagnostic), ct), equivalenceKey: _ruleId),
                diagnostic);
        }
    }

    /// <summary>
    /// The edit for the reported <paramref name="operation"/> (the operation at the diagnostic's span), or null when the
    /// site has nothing this fix can declare.
    /// </summary>
    private protected abstract LineageEdit? TryGetEdit(LineageFixSite site, IOperation operation);

    private async Task<Solution> FixAsync(Solution solution, ImmutableArray<Diagnostic> diagnostics, CancellationToken cancellationToken)
    {
        var edits = new List<LineageEdit>();
        foreach (var diagnostic in diagnostics)
        {
            if (solution.GetDocument(diagnostic.Location.SourceTree) is { } document
                && await TryGetEditAsync(document, diagnostic, cancellationToken).ConfigureAwait(false) is { } edit)
                edits.Add(edit);
        }

        return await LineageDeclarations.ApplyAsync(solution, edits, _kind, cancellationToken).ConfigureAwait(false);
    }

    private async Task<LineageEdit?> TryGetEditAsync(Document document, Diagnostic diagnostic, CancellationToken cancellationToken)
    {
        // A compilation-end diagnostic has no operation of its own to rewrite.
        if (diagnostic.Descriptor.CustomTags.Contains(WellKnownDiagnosticTags.CompilationEnd))
            return null;
        var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
        var model = await document.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false);
        if (root is null || model is null || MlSymbols.TryCreate(model.Compilation) is not { } symbols)
            return null;
        var node = root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true);
        return model.GetOperation(node, cancellationToken) is { } operation
            ? TryGetEdit(new LineageFixSite(document, model, symbols, diagnostic, cancellationToken), operation)
            : null;
    }
}

/// <summary>Where a lineage fix is computed: the document, its semantic model and ML symbols, and the diagnostic being fixed.</summary>
internal sealed record LineageFixSite(Document Document, SemanticModel Model, MlSymbols Symbols, Diagnostic Diagnostic, CancellationToken CancellationToken)
{
    /// <summary>The path the analyzer recorded in the diagnostic's <paramref name="property"/>, or null.</summary>
    public string? Property(string property)
        => Diagnostic.Properties.TryGetValue(property, out var value) ? value : null;

    /// <summary>
    /// The text <paramref name="path"/> evaluates to when it is one constant (no alternatives, no run-time part), else null:
    /// only such a path can be declared in lineage.
    /// </summary>
    public string? ConstantPath(IOperation path)
    {
        var value = new PathEvaluator(Symbols).Evaluate(path);
        return value.Alternatives.Length == 1 && value.Alternatives[0].All(p => p.Kind == PathPartKind.Text)
            ? PathValue.Render(value.Alternatives[0])
            : null;
    }

    /// <summary>The edit moving <paramref name="target"/> onto the lineage member for <paramref name="path"/>, when it sits in a type that can carry the declaration.</summary>
    public LineageEdit? Edit(ExpressionSyntax target, string path, StatementSyntax? verifyAfter = null)
        => LineageDeclarations.PipelineTypeAt(Model, target, CancellationToken) is { } type
            ? new LineageEdit(Document.Id, target, type, path, verifyAfter)
            : null;
}
