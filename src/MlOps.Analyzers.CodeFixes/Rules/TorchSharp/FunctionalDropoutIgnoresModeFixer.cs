using System.Composition;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;
using MlOps.Analyzers.CodeFixes.Infrastructure;
using MlOps.Analyzers.Catalog;
using MlOps.Analyzers.Facts.Symbols;

namespace MlOps.Analyzers.CodeFixes.Rules.TorchSharp;

/// <summary>
/// MLOPS042 fix: pass <c>training: this.training</c> (a constant flag is replaced; a missing one is appended as a named
/// argument, valid after any others). Not offered inside a static lambda or local function, where <c>this</c> is not available.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(FunctionalDropoutIgnoresModeFixer)), Shared]
public sealed class FunctionalDropoutIgnoresModeFixer : SyntaxRewriteFixer
{
    public FunctionalDropoutIgnoresModeFixer()
        : base(RuleIds.FunctionalDropoutIgnoresMode, "Pass training: this.training")
    {
    }

    private protected override SyntaxNode? Rewrite(Document document, SyntaxNode root, SemanticModel model, Diagnostic diagnostic, CancellationToken cancellationToken)
    {
        if (root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true).FirstAncestorOrSelf<InvocationExpressionSyntax>() is not { } call
            || call.Ancestors().Any(a => a is AnonymousFunctionExpressionSyntax { Modifiers: var modifiers } && modifiers.Any(SyntaxKind.StaticKeyword)
                                         || a is LocalFunctionStatementSyntax { Modifiers: var localModifiers } && localModifiers.Any(SyntaxKind.StaticKeyword))
            || model.GetOperation(call, cancellationToken) is not IInvocationOperation invocation)
            return null;

        var modeOfThisModule = SyntaxFactory.ParseExpression("this.training");
        if (invocation.GetArgument("training")?.Syntax is ArgumentSyntax existing)
            return root.ReplaceNode(existing.Expression, modeOfThisModule.WithTriviaFrom(existing.Expression));

        var named = SyntaxFactory.Argument(modeOfThisModule).WithNameColon(SyntaxFactory.NameColon("training"));
        return root.ReplaceNode(call.ArgumentList, call.ArgumentList.AddArguments(named));
    }
}
