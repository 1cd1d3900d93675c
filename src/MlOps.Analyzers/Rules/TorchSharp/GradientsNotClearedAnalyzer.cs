using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;
using MlOps.Analyzers.Facts.TorchSharp;
using MlOps.Analyzers.Catalog;
using MlOps.Analyzers.Engine;
using MlOps.Analyzers.Facts.Symbols;

namespace MlOps.Analyzers.Rules.TorchSharp;

/// <summary>
/// MLOPS040: a training loop (its iteration calls <c>backward()</c> and an optimizer's <c>step()</c>) that never clears
/// the gradients. <c>backward()</c> adds into every parameter's <c>.grad</c> (TorchSharp 0.107 <c>Tensor.grad</c>: "future
/// calls to backward() will accumulate (add) gradients into it"), so without <c>zero_grad()</c> each step applies the sum
/// of every batch's gradients so far.
/// Not findings: <c>zero_grad</c> anywhere in the iteration (before the forward pass, after the step, in the step closure,
/// under the condition of an accumulating step, in a helper of this compilation the loop calls); a <c>backward()</c> with
/// no <c>step()</c> around it (adversarial examples, saliency maps); full-batch training (the training loop is then the
/// outer loop that steps, and it clears).
/// </summary>
public sealed class GradientsNotClearedAnalyzer : Rule
{
    /// <summary>The diagnostic property with the optimizer the fix clears, when it can be named at the top of the loop.</summary>
    public const string OptimizerProperty = "Optimizer";

    internal static readonly DiagnosticDescriptor Rule = RuleDescriptors.Create(
        RuleIds.GradientsNotCleared,
        RuleCategories.TorchSharp,
        DiagnosticSeverity.Warning,
        title: "Gradients not cleared in a training loop",
        messageFormat: "This training loop calls backward() and step() but never zero_grad(): gradients add up across iterations, so every step applies the sum of all earlier batches' gradients. Call {0} in each iteration.",
        description: "TorchSharp's backward() accumulates into each parameter's .grad. A training loop that steps the optimizer without clearing the gradients in the same iteration trains on a running sum of gradients.");

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(Rule);

    internal override void Start(RuleStart start)
    {
        if (TorchSymbols.For(start.Symbols) is not { } torch)
            return; // this compilation does not reference TorchSharp

        start.OnInvocation(Calls.Named(ApiOwners.TorchSharp, "backward"), c =>
        {
            if (Judge((IInvocationOperation)c.Operation, torch, c.CancellationToken) is { } diagnostic)
                c.ReportDiagnostic(diagnostic);
        });
    }

    /// <summary>The finding at <paramref name="invocation"/>, when it is the first <c>backward()</c> of a training loop that never clears gradients.</summary>
    internal static Diagnostic? Judge(IInvocationOperation invocation, TorchSymbols torch, System.Threading.CancellationToken cancellationToken)
    {
        if (!torch.IsBackward(invocation) || TrainingLoops.TrainingLoopOf(invocation, torch) is not { } loop)
            return null;

        // One finding per loop, at its first backward pass (another backward of the loop reports nothing).
        var calls = TrainingLoops.CallsInIteration(loop).ToList();
        var first = calls
            .Where(call => torch.IsBackward(call) && TrainingLoops.TrainingLoopOf(call, torch) == loop)
            .OrderBy(call => call.Syntax.SpanStart)
            .FirstOrDefault();
        if (first != invocation)
            return null;

        if (calls.Any(call => torch.ClearsGradients(call) || CallsHelperThatClears(call, cancellationToken)))
            return null;

        var step = calls.Where(torch.IsOptimizerStep).OrderBy(call => call.Syntax.SpanStart).First();
        var optimizer = NameAtLoopStart(step.Instance, loop);
        var properties = optimizer is null
            ? ImmutableDictionary<string, string?>.Empty
            : ImmutableDictionary<string, string?>.Empty.Add(OptimizerProperty, optimizer);
        return Diagnostic.Create(
            Rule,
            invocation.GetNameLocation(),
            additionalLocations: new[] { loop.Syntax.GetLocation() },
            properties,
            optimizer is null ? "the optimizer's zero_grad()" : optimizer + ".zero_grad()");
    }

    /// <summary>
    /// A call to a method of this compilation whose body names <c>zero_grad</c> (a <c>ResetGradients(optimizer)</c> helper):
    /// read as clearing, rather than report a loop whose helper clears.
    /// </summary>
    private static bool CallsHelperThatClears(IInvocationOperation call, System.Threading.CancellationToken cancellationToken)
        => call.TargetMethod.DeclaringSyntaxReferences.Any(reference => reference.GetSyntax(cancellationToken)
            .DescendantNodes()
            .OfType<IdentifierNameSyntax>()
            .Any(name => name.Identifier.ValueText == "zero_grad"));

    /// <summary>
    /// The optimizer as the fix can write it at the top of the loop body: a field, property or parameter, or a local
    /// declared before the loop. Null for anything else (a local of the iteration, a call).
    /// </summary>
    private static string? NameAtLoopStart(IOperation? receiver, ILoopOperation loop)
    {
        var value = receiver?.WalkDownConversions();
        var declaredBeforeLoop = value switch
        {
            ILocalReferenceOperation local => local.Local.DeclaringSyntaxReferences.All(r => !loop.Syntax.Span.Contains(r.Span)),
            IParameterReferenceOperation => true,
            IFieldReferenceOperation { Instance: null or IInstanceReferenceOperation } => true,
            IPropertyReferenceOperation { Instance: null or IInstanceReferenceOperation, Arguments.Length: 0 } => true,
            _ => false,
        };
        return declaredBeforeLoop ? value!.Syntax.ToString() : null;
    }
}
