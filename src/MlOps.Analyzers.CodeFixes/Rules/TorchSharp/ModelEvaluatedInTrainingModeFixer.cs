using System.Composition;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using MlOps.Analyzers.CodeFixes.Infrastructure;
using MlOps.Analyzers.Catalog;
using MlOps.Analyzers.Rules.TorchSharp;

namespace MlOps.Analyzers.CodeFixes.Rules.TorchSharp;

/// <summary>
/// MLOPS044 fixes: <c>model.eval();</c> before the evaluation (the statement the analyzer chose: outside the
/// <c>no_grad</c> block and the loops that train nothing), or <c>model.train();</c> at the top of the loop that leaves the
/// model in evaluation mode. Not offered where the analyzer found no safe place (an evaluation inside a loop that also
/// trains the model: where to switch back is a person's decision).
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(ModelEvaluatedInTrainingModeFixer)), Shared]
public sealed class ModelEvaluatedInTrainingModeFixer : SyntaxRewriteFixer
{
    private const string EvalTitle = "Call eval() before evaluating";
    private const string TrainTitle = "Call train() at the top of the loop";

    public ModelEvaluatedInTrainingModeFixer()
        : base(RuleIds.ModelEvaluatedInTrainingMode, EvalTitle)
    {
    }

    private protected override string Title(Diagnostic diagnostic) => IsTrainFix(diagnostic) ? TrainTitle : EvalTitle;

    private protected override SyntaxNode? Rewrite(Document document, SyntaxNode root, SemanticModel model, Diagnostic diagnostic, CancellationToken cancellationToken)
    {
        if (!diagnostic.Properties.TryGetValue(ModelEvaluatedInTrainingModeAnalyzer.ModelProperty, out var module) || module is null
            || diagnostic.AdditionalLocations.Count == 0)
            return null;

        var span = diagnostic.AdditionalLocations[0].SourceSpan;
        if (IsTrainFix(diagnostic))
        {
            return StatementInsertion.LoopAt(root, span) is { } loop
                ? StatementInsertion.InsertAtLoopStart(root, loop, SyntaxFactory.ParseStatement(module + ".train();"), afterUsingDeclarations: true)
                : null;
        }

        return StatementInsertion.StatementAt(root, span) is { } anchor
            ? StatementInsertion.InsertBefore(root, anchor, SyntaxFactory.ParseStatement(module + ".eval();"))
            : null;
    }

    private static bool IsTrainFix(Diagnostic diagnostic)
        => diagnostic.Properties.TryGetValue(ModelEvaluatedInTrainingModeAnalyzer.ModeProperty, out var mode) && mode == "train";
}
