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
using Microsoft.CodeAnalysis.Operations;
using MlOps.Analyzers.CodeFixes.Infrastructure;
using MlOps.Analyzers.Infrastructure;
using MlOps.Analyzers.Rules.ModelVersioning;

namespace MlOps.Analyzers.CodeFixes.Rules.ModelVersioning;

/// <summary>
/// MLOPS020 fix, "Save to a versioned path": declares <c>[ModelOutput(name, template)]</c> on the enclosing type (the
/// fixed file name with <c>-{version}</c> before the extension; <c>[TrainingPipeline]</c> and <c>partial</c> added when
/// missing) and saves to <c>Lineage.Models.X.Resolve(Lineage.Version)</c>. Offered where the save names a constant
/// path (also through a local); not for file streams or paths passed by a caller.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(UnversionedModelSaveFixer)), Shared]
public sealed class UnversionedModelSaveFixer : CodeFixProvider
{
    private const string Title = "Save to a versioned path";

    public override ImmutableArray<string> FixableDiagnosticIds => ImmutableArray.Create(RuleIds.UnversionedModelSave);

    public override FixAllProvider GetFixAllProvider() => new LineageFixAllProvider(Title, FixAsync);

    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        foreach (var diagnostic in context.Diagnostics)
        {
            if (await TryGetEditAsync(context.Document, diagnostic, context.CancellationToken).ConfigureAwait(false) is null)
                continue;
            var solution = context.Document.Project.Solution;
            context.RegisterCodeFix(
                CodeAction.Create(Title, ct => FixAsync(solution, ImmutableArray.Create(diagnostic), ct), equivalenceKey: RuleIds.UnversionedModelSave),
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

        return await LineageDeclarations.ApplyAsync(solution, edits, LineageDeclarationKind.ModelOutput, cancellationToken).ConfigureAwait(false);
    }

    private static async Task<LineageEdit?> TryGetEditAsync(Document document, Diagnostic diagnostic, CancellationToken cancellationToken)
    {
        if (diagnostic.Descriptor.CustomTags.Contains(WellKnownDiagnosticTags.CompilationEnd)
            || !diagnostic.Properties.TryGetValue(UnversionedModelSaveAnalyzer.PathProperty, out var path)
            || path is null || path.IndexOf('{') >= 0 || path.IndexOf('}') >= 0)
            return null;
        var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
        var model = await document.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false);
        if (root is null || model is null || MlSymbols.TryCreate(model.Compilation) is not { } symbols)
            return null;
        var node = root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true);
        if (model.GetOperation(node, cancellationToken) is not IInvocationOperation invocation || !ModelSaveApis.TryGet(invocation, symbols, out var save))
            return null;

        var destination = save.Destination.Value;
        if (destination.Type?.SpecialType != SpecialType.System_String || destination.Syntax is not ExpressionSyntax target)
            return null;
        var value = new PathEvaluator(symbols).Evaluate(destination);
        if (value.Alternatives.Length != 1 || value.Alternatives[0].Any(p => p.Kind != PathPartKind.Text) || PathValue.Render(value.Alternatives[0]) != path)
            return null;
        return LineageDeclarations.PipelineTypeAt(model, target, cancellationToken) is { } type
            ? new LineageEdit(document.Id, target, type, path)
            : null;
    }
}
