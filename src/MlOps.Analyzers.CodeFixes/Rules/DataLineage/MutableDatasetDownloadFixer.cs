using System.Composition;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;
using MlOps.Analyzers.CodeFixes.Infrastructure;
using MlOps.Analyzers.Catalog;
using MlOps.Analyzers.Facts.Symbols;

namespace MlOps.Analyzers.CodeFixes.Rules.DataLineage;

/// <summary>
/// MLOPS011 fix, "Declare the dataset with its digest": where the download lands in a file with a constant path
/// (<c>WebClient.DownloadFile(url, path)</c>, or <c>File.WriteAllBytes(path, await http.GetByteArrayAsync(url))</c> and
/// the other <c>File.WriteAll*</c> forms), declares <c>[DatasetInput(name, path, Sha256 = "&lt;fill in&gt;")]</c>, writes to
/// <c>Lineage.Datasets.X.Path</c> and verifies the file right after with <c>DatasetFingerprint.Compute(Lineage.Datasets.X)</c>,
/// which throws until the placeholder holds the real digest. Content kept in memory has no file to verify: no fix.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(MutableDatasetDownloadFixer)), Shared]
public sealed class MutableDatasetDownloadFixer : LineageDeclarationFixer
{
    public MutableDatasetDownloadFixer()
        : base(RuleIds.MutableDatasetDownload, "Declare the dataset with its digest and verify the download", LineageDeclarationKind.VerifiedDataset)
    {
    }

    private protected override LineageEdit? TryGetEdit(LineageFixSite site, IOperation operation)
    {
        if (operation is not IInvocationOperation download || FindFileWrite(download, site.Symbols) is not { } write)
            return null;
        var (writeCall, pathArgument) = write;
        if (site.ConstantPath(pathArgument.Value) is not { } path
            || pathArgument.Value.Syntax is not ExpressionSyntax target
            || writeCall.Syntax.AncestorsAndSelf().TakeWhile(n => n is not StatementSyntax || n is ExpressionStatementSyntax)
                .OfType<ExpressionStatementSyntax>().FirstOrDefault() is not { } statement
            || !IsWholeStatement(statement, writeCall.Syntax))
            return null;
        return site.Edit(target, path, statement);
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
