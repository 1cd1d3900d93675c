using System.Composition;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
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
/// path (also through a local); not for file streams or paths passed by a caller.
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
            || path.IndexOf('{') >= 0 || path.IndexOf('}') >= 0
            || operation is not IInvocationOperation invocation || !ModelSaveApis.TryGet(invocation, site.Symbols, out var save))
            return null;

        var destination = save.Destination.Value;
        if (destination.Type?.SpecialType != SpecialType.System_String || destination.Syntax is not ExpressionSyntax target
            || site.ConstantPath(destination) != path)
            return null;
        return site.Edit(target, path);
    }
}
