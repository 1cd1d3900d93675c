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

namespace MlOps.Analyzers.CodeFixes.Rules.DataLineage;

/// <summary>
/// MLOPS011 fix, "Declare the dataset with its digest": where the download lands in a file with a constant path
/// (<c>WebClient.DownloadFile(url, path)</c>, or <c>File.WriteAllBytes(path, await http.GetByteArrayAsync(url))</c> and
/// the other <c>File.WriteAll*</c> forms), declares <c>[DatasetInput(name, path, Sha256 = "&lt;fill in&gt;")]</c>, writes to
/// <c>Lineage.Datasets.X.Path</c> and verifies the file right after with <c>DatasetFingerprint.Compute(Lineage.Datasets.X)</c>,
/// which throws until the placeholder holds the real digest. Content kept in memory has no file to verify: no fix.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(MutableDatasetDownloadFixer)), Shared]
public sealed class MutableDatasetDownloadFixer : CodeFixProvider
{
    private const string Title = "Declare the dataset with its digest and verify the download";

    public override ImmutableArray<string> FixableDiagnosticIds => ImmutableArray.Create(RuleIds.MutableDatasetDownload);

    public override FixAllProvider GetFixAllProvider() => new LineageFixAllProvider(Title, FixAsync);

    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        foreach (var diagnostic in context.Diagnostics)
        {
            if (await TryGetEditAsync(context.Document, diagnostic, context.CancellationToken).ConfigureAwait(false) is null)
                continue;
            var solution = context.Document.Project.Solution;
            context.RegisterCodeFix(
                CodeAction.Create(Title, ct => FixAsync(solution, ImmutableArray.Create(diagnostic), ct), equivalenceKey: RuleIds.MutableDatasetDownload),
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

        return await LineageDeclarations.ApplyAsync(solution, edits, LineageDeclarationKind.VerifiedDataset, cancellationToken).ConfigureAwait(false);
    }

    private static async Task<LineageEdit?> TryGetEditAsync(Document document, Diagnostic diagnostic, CancellationToken cancellationToken)
    {
        if (diagnostic.Descriptor.CustomTags.Contains(WellKnownDiagnosticTags.CompilationEnd))
            return null;
        var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
        var model = await document.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false);
        if (root is null || model is null || MlSymbols.TryCreate(model.Compilation) is not { } symbols)
            return null;
        var node = root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true);
        if (model.GetOperation(node, cancellationToken) is not IInvocationOperation download)
            return null;

        var write = FindFileWrite(download, symbols);
        if (write is null)
            return null;
        var (writeCall, pathArgument) = write.Value;
        var value = new PathEvaluator(symbols).Evaluate(pathArgument.Value);
        if (value.Alternatives.Length != 1 || value.Alternatives[0].Any(p => p.Kind != PathPartKind.Text)
            || pathArgument.Value.Syntax is not ExpressionSyntax target
            || writeCall.Syntax.AncestorsAndSelf().TakeWhile(n => n is not StatementSyntax || n is ExpressionStatementSyntax)
                .OfType<ExpressionStatementSyntax>().FirstOrDefault() is not { } statement
            || !IsWholeStatement(statement, writeCall.Syntax))
            return null;
        return LineageDeclarations.PipelineTypeAt(model, target, cancellationToken) is { } type
            ? new LineageEdit(document.Id, target, type, PathValue.Render(value.Alternatives[0]), statement)
            : null;
    }

    /// <summary>The call that writes the downloaded content to a file, and its path argument.</summary>
    private static (IInvocationOperation Call, IArgumentOperation Path)? FindFileWrite(IInvocationOperation download, MlSymbols symbols)
    {
        if (MlSymbols.IsOrDerivesFrom(download.TargetMethod.ContainingType, symbols.WebClient)
            && download.TargetMethod.Name.StartsWith("DownloadFile", System.StringComparison.Ordinal))
            return download.GetArgument("fileName") is { } fileName ? (download, fileName) : null;

        IOperation current = download;
        while (current.Parent is IAwaitOperation or IConversionOperation or IParenthesizedOperation)
            current = current.Parent;
        if (current.Parent is IArgumentOperation { Parent: IInvocationOperation write }
            && MlSymbols.Is(write.TargetMethod.ContainingType, symbols.File)
            && write.TargetMethod.Name is "WriteAllBytes" or "WriteAllText" or "WriteAllBytesAsync" or "WriteAllTextAsync"
            && write.GetArgument("path") is { } path)
            return (write, path);
        return null;
    }

    /// <summary>The statement is just the write (possibly awaited): the verification can follow it.</summary>
    private static bool IsWholeStatement(ExpressionStatementSyntax statement, SyntaxNode call)
    {
        var expression = statement.Expression;
        while (expression is AwaitExpressionSyntax awaited)
            expression = awaited.Expression;
        return expression == call;
    }
}
