using System.Collections.Immutable;
using System.Composition;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using MlOps.Analyzers.CodeFixes.Infrastructure;
using MlOps.Analyzers.Infrastructure;

namespace MlOps.Analyzers.CodeFixes.Rules.Reproducibility;

/// <summary>MLOPS002 fix: pass <c>seed:</c> to <c>ShuffleRows</c> / <c>BootstrapSample</c> (the <c>[TrainingSeed]</c> constant in scope, else the configured default).</summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(UnseededDataOperationFixer)), Shared]
public sealed class UnseededDataOperationFixer : CodeFixProvider
{
    private const string Title = "Pass a seed to the data operation";

    public override ImmutableArray<string> FixableDiagnosticIds => ImmutableArray.Create(RuleIds.UnseededDataOperation);

    public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        if (root is null || SeedArgument.FindTarget(root, context.Span) is not { } call)
            return;

        foreach (var diagnostic in context.Diagnostics)
        {
            context.RegisterCodeFix(
                CodeAction.Create(Title, ct => SeedArgument.AddAsync(context.Document, call, RuleIds.UnseededDataOperation, ct), equivalenceKey: RuleIds.UnseededDataOperation),
                diagnostic);
        }
    }
}
