using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;

namespace MlOps.Analyzers.CodeFixes.Infrastructure;

/// <summary>
/// Fix All over every finding of one rule, whichever key it is asked with. An IDE asks with the key of the fix the user
/// picked, which is the rule's. <c>dotnet format analyzers</c> asks with the key of the fix its first finding got from this
/// fixer, and that finding can belong to any rule (it runs the analyzer that reports this rule, and keeps every finding
/// it reports): the key is then null and the batch fixer returns nothing ("didn't return a Fix All action";
/// SolutionCodeFixApplier in dotnet/sdk). The findings are this rule's either way (the context's diagnostic ids).
/// dotnet format also asks a rule whose findings an earlier rule's fix removed (a data operation on a context MLOPS001
/// has just seeded) as long as any finding of any rule is left: with nothing to fix, the answer is a fix that changes
/// nothing, not "no fix".
/// </summary>
internal sealed class RuleFixAllProvider : FixAllProvider
{
    private readonly string _ruleId;

    public RuleFixAllProvider(string ruleId) => _ruleId = ruleId;

    public override IEnumerable<FixAllScope> GetSupportedFixAllScopes() => WellKnownFixAllProviders.BatchFixer.GetSupportedFixAllScopes();

    public override async Task<CodeAction?> GetFixAsync(FixAllContext fixAllContext)
    {
        var solution = fixAllContext.Solution;
        if (fixAllContext.CodeActionEquivalenceKey != _ruleId)
        {
            var diagnostics = new SameDiagnostics(fixAllContext);
            fixAllContext = fixAllContext.Document is { } document
                ? new FixAllContext(document, fixAllContext.CodeFixProvider, fixAllContext.Scope, _ruleId, fixAllContext.DiagnosticIds, diagnostics, fixAllContext.CancellationToken)
                : new FixAllContext(fixAllContext.Project, fixAllContext.CodeFixProvider, fixAllContext.Scope, _ruleId, fixAllContext.DiagnosticIds, diagnostics, fixAllContext.CancellationToken);
        }

        return await WellKnownFixAllProviders.BatchFixer.GetFixAsync(fixAllContext).ConfigureAwait(false)
               ?? CodeAction.Create("Nothing to fix for " + _ruleId, _ => Task.FromResult(solution), _ruleId);
    }

    /// <summary>The findings of the original context (already narrowed to its diagnostic ids).</summary>
    private sealed class SameDiagnostics : FixAllContext.DiagnosticProvider
    {
        private readonly FixAllContext _original;

        public SameDiagnostics(FixAllContext original) => _original = original;

        public override async Task<IEnumerable<Diagnostic>> GetDocumentDiagnosticsAsync(Document document, CancellationToken cancellationToken)
            => await _original.WithCancellationToken(cancellationToken).GetDocumentDiagnosticsAsync(document).ConfigureAwait(false);

        public override async Task<IEnumerable<Diagnostic>> GetProjectDiagnosticsAsync(Project project, CancellationToken cancellationToken)
            => await _original.WithCancellationToken(cancellationToken).GetProjectDiagnosticsAsync(project).ConfigureAwait(false);

        public override async Task<IEnumerable<Diagnostic>> GetAllDiagnosticsAsync(Project project, CancellationToken cancellationToken)
            => await _original.WithCancellationToken(cancellationToken).GetAllDiagnosticsAsync(project).ConfigureAwait(false);
    }
}
