using System.Composition;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using MlOps.Analyzers.CodeFixes.Infrastructure;
using MlOps.Analyzers.Catalog;

namespace MlOps.Analyzers.CodeFixes.Rules.Reproducibility;

/// <summary>MLOPS002 fix: pass <c>seed:</c> to <c>ShuffleRows</c> / <c>BootstrapSample</c> (the <c>[TrainingSeed]</c> constant in scope, else the configured default).</summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(UnseededDataOperationFixer)), Shared]
public sealed class UnseededDataOperationFixer : SeedArgumentFixer
{
    public UnseededDataOperationFixer()
        : base(RuleIds.UnseededDataOperation, "Pass a seed to the data operation")
    {
    }
}
