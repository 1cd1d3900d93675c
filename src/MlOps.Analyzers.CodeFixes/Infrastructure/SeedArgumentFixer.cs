using System.Collections.Immutable;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;

namespace MlOps.Analyzers.CodeFixes.Infrastructure;

/// <summary>
/// The fix shared by rules whose flagged call or creation takes an optional <c>seed</c> parameter (MLOPS002, MLOPS007):
/// one "add <c>seed:</c>" action per diagnostic (<see cref="SeedArgument"/>), batch Fix All. A rule says only its id and title.
/// </summary>
public abstract class SeedArgumentFixer : CodeFixProvider
{
    private readonly string _ruleId;
    private readonly string _title;

    private protected SeedArgumentFixer(string ruleId, string title)
    {
        _ruleId = ruleId;
        _title = title;
    }

    public sealed override ImmutableArray<string> FixableDiagnosticIds => ImmutableArray.Create(_ruleId);

    public sealed override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

    public sealed override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        if (root is null || SeedArgument.FindTarget(root, context.Span) is not { } call)
            return;

        foreach (var diagnostic in context.Diagnostics)
        {
            context.RegisterCodeFix(
                CodeAction.Create(_title, ct => SeedArgument.AddAsync(context.Document, call, _ruleId, ct), equivalenceKey: _ruleId),
                diagnostic);
        }
    }
}
