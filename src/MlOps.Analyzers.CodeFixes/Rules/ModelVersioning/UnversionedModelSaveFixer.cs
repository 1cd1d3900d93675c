using System;
using System.Composition;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;
using MlOps.Analyzers.CodeFixes.Infrastructure;
using MlOps.Analyzers.Apis;
using MlOps.Analyzers.Catalog;
using MlOps.Analyzers.Rules.ModelVersioning;

namespace MlOps.Analyzers.CodeFixes.Rules.ModelVersioning;

/// <summary>
/// MLOPS020 fix, "Save to a versioned path": declares <c>[ModelOutput(name, template)]</c> on the enclosing type (the
/// fixed file name with <c>-{version}</c> before the extension; <c>[TrainingPipeline]</c> and <c>partial</c> added when
/// missing) and saves to <c>Lineage.Models.X.Resolve(Lineage.Version)</c>. Offered where the save names a constant
/// path (also through a local); not for file streams or paths passed by a caller. A path built from names in the save
/// itself (<c>$"models/{label}.zip"</c>) keeps its names and gains the pipeline version (<c>-{Lineage.Version}</c> before
/// the extension), the type becoming a <c>[TrainingPipeline]</c> when it is not one.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(UnversionedModelSaveFixer)), Shared]
public sealed class UnversionedModelSaveFixer : LineageDeclarationFixer
{
    public UnversionedModelSaveFixer()
        : base(RuleIds.UnversionedModelSave, "Save to a versioned path", LineageDeclarationKind.ModelOutput)
    {
    }

    private protected override LineageEdit? TryGetEdit(LineageFixSite site, IOperation operation)
    {
        if (site.Property(UnversionedModelSaveAnalyzer.PathProperty) is not { } path
            || operation is not IInvocationOperation invocation || !ModelSaveApis.TryGet(invocation, site.Symbols, out var save))
            return null;

        var destination = save.Destination.Value;
        if (destination.Type?.SpecialType != SpecialType.System_String || destination.Syntax is not ExpressionSyntax target)
            return null;

        // A path built from names (`$"models/{label}.zip"`) keeps them: the pipeline version goes into the string itself.
        if (target is InterpolatedStringExpressionSyntax interpolated && path.IndexOf('{') >= 0)
            return WithVersion(interpolated) is { } rewrite && site.Edit(target, path) is { } edit ? edit with { Rewrite = rewrite } : null;
        if (path.IndexOf('{') >= 0 || path.IndexOf('}') >= 0 || site.ConstantPath(destination) != path)
            return null;
        return site.Edit(target, path);
    }

    /// <summary>
    /// <c>$"models/{label}.zip"</c> → <c>$"models/{label}-{Lineage.Version}.zip"</c>: the version before the file's extension
    /// (or at the end). Regular and verbatim interpolated strings only (a raw string's braces differ).
    /// </summary>
    private static Func<string, ExpressionSyntax>? WithVersion(InterpolatedStringExpressionSyntax path)
    {
        if (!path.StringStartToken.IsKind(SyntaxKind.InterpolatedStringStartToken) && !path.StringStartToken.IsKind(SyntaxKind.InterpolatedVerbatimStringStartToken))
            return null;
        var insertAt = path.StringEndToken.SpanStart;
        if (path.Contents.LastOrDefault() is InterpolatedStringTextSyntax last)
        {
            var text = last.TextToken.Text;
            var folder = Math.Max(text.LastIndexOf('/'), text.LastIndexOf('\\'));
            var dot = text.LastIndexOf('.');
            if (dot > folder && (folder < 0 || dot > folder + 1))
                insertAt = last.SpanStart + dot;
        }

        var source = path.ToString();
        var offset = insertAt - path.SpanStart;
        return lineage => SyntaxFactory.ParseExpression(source.Substring(0, offset) + "-{" + lineage + ".Version}" + source.Substring(offset));
    }
}
