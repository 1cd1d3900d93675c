using System.Composition;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using MlOps.Analyzers.CodeFixes.Infrastructure;
using MlOps.Analyzers.Catalog;

namespace MlOps.Analyzers.CodeFixes.Rules.Reproducibility;

/// <summary>MLOPS007 fix: pass <c>seed:</c> to the shuffling <c>DataLoader</c> (the <c>[TrainingSeed]</c> constant in scope, else the configured default).</summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(DataLoaderShuffleFixer)), Shared]
public sealed class DataLoaderShuffleFixer : SeedArgumentFixer
{
    public DataLoaderShuffleFixer()
        : base(RuleIds.DataLoaderShuffleUnseeded, "Pass a seed to the DataLoader")
    {
    }
}
