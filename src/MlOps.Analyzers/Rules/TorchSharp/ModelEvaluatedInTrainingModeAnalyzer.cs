using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;
using Microsoft.CodeAnalysis.Text;
using MlOps.Analyzers.Facts.TorchSharp;
using MlOps.Analyzers.Catalog;
using MlOps.Analyzers.Engine;
using MlOps.Analyzers.Facts.Symbols;

namespace MlOps.Analyzers.Rules.TorchSharp;

/// <summary>
/// MLOPS044: a model run in the wrong mode. (a) Evaluated in training mode: its <c>forward</c> / <c>call</c> runs under
/// <c>no_grad</c> / <c>inference_mode</c> / <c>set_grad_enabled(false)</c>, or in a method named for evaluation that steps
/// no optimizer, with no <c>eval()</c> on that model before it. (b) Trained in evaluation mode: a training loop's forward
/// inside a loop that puts the model in <c>eval()</c> and never back in <c>train()</c>. A TorchSharp module is created in
/// training mode, and <c>eval()</c> (<c>train(false)</c>, recursing into children: src/TorchSharp/NN/Module.cs) is what
/// makes dropout stop and batch norm use its running statistics; <c>no_grad</c> does neither.
/// Not findings: <c>eval()</c> earlier in the method or before the loop; <c>train()</c> restored in the loop; a frozen
/// teacher put in <c>eval()</c> once (also in its owner's constructor); TorchSharp's own layers and losses.
/// </summary>
public sealed class ModelEvaluatedInTrainingModeAnalyzer : Rule
{
    /// <summary>Diagnostic property: the model as the fix writes it; absent when the fix cannot insert the call safely.</summary>
    public const string ModelProperty = "Model";

    /// <summary>Diagnostic property: the call the fix inserts on the model, <c>eval</c> or <c>train</c>.</summary>
    public const string ModeProperty = "Mode";

    internal static readonly DiagnosticDescriptor EvaluatedInTrainingMode = RuleDescriptors.Create(
        RuleIds.ModelEvaluatedInTrainingMode,
        RuleCategories.TorchSharp,
        DiagnosticSeverity.Warning,
        title: "Model evaluated in training mode",
        messageFormat: "'{0}' is evaluated {1} without '{0}.eval()' first: it is still in training mode, so dropout keeps dropping and batch norm uses the batch's statistics. Call '{0}.eval()' before evaluating.",
        description: "no_grad() only stops gradient recording; a TorchSharp module stays in training mode until eval() (train(false)) is called on it. Evaluating a model in training mode gives noisy, batch-dependent results from dropout and batch norm.");

    internal static readonly DiagnosticDescriptor TrainedInEvaluationMode = RuleDescriptors.Create(
        RuleIds.ModelEvaluatedInTrainingMode,
        RuleCategories.TorchSharp,
        DiagnosticSeverity.Warning,
        title: "Model evaluated in training mode",
        messageFormat: "'{0}' is trained here, but the enclosing loop calls '{0}.eval()' and never '{0}.train()': from its second pass on the model trains in evaluation mode (no dropout, frozen batch-norm statistics). Call '{0}.train()' at the top of the loop.",
        description: "no_grad() only stops gradient recording; a TorchSharp module stays in training mode until eval() (train(false)) is called on it. Evaluating a model in training mode gives noisy, batch-dependent results from dropout and batch norm.");

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(EvaluatedInTrainingMode, TrainedInEvaluationMode);

    internal override void Start(RuleStart start)
    {
        if (TorchSymbols.For(start.Symbols) is not { } torch)
            return; // this compilation does not reference TorchSharp

        // The forward of a module the team wrote is declared in its own code.
        var mentions = new Mentions(new TextMentions(TextMentions.ModeSwitch), new TextMentions(TorchSymbols.GradModeSwitches));
        start.OnInvocation(Calls.Named(ApiOwners.TorchSharp | ApiOwners.Source, "forward", "call"), c =>
        {
            if (Judge((IInvocationOperation)c.Operation, c.ContainingSymbol, torch, mentions, c.CancellationToken) is { } diagnostic)
                c.ReportDiagnostic(diagnostic);
        });
    }

    /// <summary>The finding at <paramref name="invocation"/>, when it is the first forward of a model run in the wrong mode in its method.</summary>
    private static Diagnostic? Judge(IInvocationOperation invocation, ISymbol containing, TorchSymbols torch, Mentions mentions, System.Threading.CancellationToken cancellationToken)
    {
        if (invocation.TargetMethod.Name is not ("forward" or "call") || !torch.IsModelForward(invocation) || ModelModes.ModelOf(invocation) is not { } model)
            return null;

        // (b) trained in evaluation mode: reported at the model's first forward in that loop. Only a loop whose text
        // spells eval or train can switch the model's mode.
        if (TrainingLoops.EnclosingLoops(invocation).LastOrDefault() is { } outermost && mentions.ModeSwitches.In(outermost.Syntax, cancellationToken)
            && ModelModes.LoopLeavingEvaluationMode(invocation, model, torch) is { } loop)
        {
            var first = ModelModes.ForwardsOf(model, TrainingLoops.BodyRoot(invocation), torch)
                .First(f => ModelModes.LoopLeavingEvaluationMode(f, model, torch) == loop);
            if (first != invocation)
                return null;
            var modelText = AccessibleAt(invocation, model, loop) ? invocation.GetReceiver()!.Syntax.ToString() : null;
            return Create(TrainedInEvaluationMode, invocation, model, modelText, "train", loop.Syntax.GetLocation());
        }

        // (a) evaluated in training mode: reported at the model's first such forward in the method. Gradients can only be
        // off where a grad-mode switch is spelled earlier in the method. A model handed to an evaluation method is put in
        // eval() by its caller as often as not (TorchSharpExamples' FGSM Test(model, ...)): the method's name alone does not
        // tell, so only a model of its own (a field, a local) is judged by it.
        var evaluationMethod = EvaluationMethod(invocation, containing, torch);
        var body = TrainingLoops.BodyRoot(invocation).Syntax;
        bool IsEvaluatedInTrainingMode(IInvocationOperation forward, out string where)
        {
            var mayBeOff = mentions.GradModeSwitches.In(body.SyntaxTree, TextSpan.FromBounds(body.SpanStart, forward.Syntax.SpanStart), cancellationToken);
            where = mayBeOff && GradModeRegions.GradientsOffAt(forward, torch) ? "with gradients off"
                : evaluationMethod is not null && model is not IParameterSymbol ? $"in '{evaluationMethod}'"
                : string.Empty;
            return where.Length > 0 && !ModelModes.EvaluatedBefore(forward, model, torch, cancellationToken);
        }

        if (!IsEvaluatedInTrainingMode(invocation, out var context)
            || ModelModes.ForwardsOf(model, TrainingLoops.BodyRoot(invocation), torch).First(f => IsEvaluatedInTrainingMode(f, out _)) != invocation)
            return null;

        var insertBefore = EvalInsertionPoint(invocation, model, torch);
        var text = insertBefore is null ? null : invocation.GetReceiver()!.Syntax.ToString();
        return Create(EvaluatedInTrainingMode, invocation, model, text, "eval", insertBefore?.Syntax.GetLocation(), context);
    }

    /// <summary>Where each file spells a mode switch (<c>eval</c> / <c>train</c>) and a grad-mode switch (<c>no_grad</c> ...).</summary>
    private sealed record Mentions(TextMentions ModeSwitches, TextMentions GradModeSwitches);

    private static Diagnostic Create(DiagnosticDescriptor descriptor, IInvocationOperation forward, ISymbol model, string? modelText, string mode, Location? fixAt, string? context = null)
    {
        var properties = ImmutableDictionary<string, string?>.Empty.Add(ModeProperty, mode);
        if (modelText is not null && fixAt is not null)
            properties = properties.Add(ModelProperty, modelText);
        return Diagnostic.Create(
            descriptor,
            forward.GetNameLocation(),
            fixAt is null ? null : new[] { fixAt },
            properties,
            context is null ? new object[] { model.Name } : new object[] { model.Name, context });
    }

    /// <summary>
    /// The name of the method <paramref name="forward"/> is in when it is named for evaluation and steps no optimizer
    /// (<see cref="ModelModes.IsEvaluationMethod"/>); a local function counts as its own method.
    /// </summary>
    private static string? EvaluationMethod(IInvocationOperation forward, ISymbol containing, TorchSymbols torch)
    {
        IOperation? region = null;
        var method = containing as IMethodSymbol;
        for (var current = forward.Parent; current is not null; current = current.Parent)
        {
            if (current is ILocalFunctionOperation localFunction)
            {
                region = localFunction;
                method = localFunction.Symbol;
                break;
            }
        }

        region ??= TrainingLoops.BodyRoot(forward);
        if (method is null || !ModelModes.IsEvaluationMethod(method))
            return null;
        return region.DescendantsAndSelf().OfType<IInvocationOperation>().Any(torch.IsOptimizerStep) ? null : method.Name;
    }

    /// <summary>
    /// The statement before which the fix puts <c>model.eval();</c>: the forward's statement, moved out of the
    /// <c>no_grad</c> <c>using</c> and the loops (that train nothing) around it, so the call runs once. Null when the model
    /// is also trained in a loop around the forward: an <c>eval()</c> there would need a <c>train()</c> back, a decision
    /// left to a person.
    /// </summary>
    private static IOperation? EvalInsertionPoint(IInvocationOperation forward, ISymbol model, TorchSymbols torch)
    {
        if (TrainingLoops.TrainingLoopOf(forward, torch) is { } trainingLoop
            && TrainingLoops.CallsInIteration(trainingLoop).Any(call => torch.IsModelForward(call)
                && SymbolEqualityComparer.Default.Equals(ModelModes.ModelOf(call), model)
                && !GradModeRegions.GradientsOffAt(call, torch)))
            return null;

        IOperation? statement = forward;
        while (statement is not null && statement.Parent is not IBlockOperation)
        {
            if (statement.Parent is IAnonymousFunctionOperation or ILocalFunctionOperation)
                return null;
            statement = statement.Parent;
        }

        while (statement?.Parent is IBlockOperation { Parent: { } owner } && owner.Parent is IBlockOperation
               && !DeclaresWithin(model, owner)
               && owner switch
               {
                   IUsingOperation usingStatement => usingStatement.Resources.DescendantsAndSelf().OfType<IInvocationOperation>().Any(torch.TurnsGradientsOff),
                   ILoopOperation loop => !TrainingLoops.CallsInIteration(loop).Any(call => torch.IsOptimizerStep(call) || torch.IsBackward(call)),
                   _ => false,
               })
            statement = owner;

        // The fix inserts a statement before it: an expression body (an implicit return) has no place for one.
        return statement is { IsImplicit: false, Syntax: Microsoft.CodeAnalysis.CSharp.Syntax.StatementSyntax } ? statement : null;
    }

    /// <summary>True when <paramref name="model"/> can be named at the top of <paramref name="loop"/>'s body: not a local declared inside it.</summary>
    private static bool AccessibleAt(IInvocationOperation forward, ISymbol model, ILoopOperation loop)
        => forward.GetReceiver() is not null && !DeclaresWithin(model, loop);

    private static bool DeclaresWithin(ISymbol model, IOperation owner)
        => model is ILocalSymbol local && local.DeclaringSyntaxReferences.Any(r => owner.Syntax.Span.Contains(r.Span));
}
