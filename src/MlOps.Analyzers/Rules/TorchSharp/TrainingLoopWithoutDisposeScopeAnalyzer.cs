using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;
using MlOps.Analyzers.Facts.TorchSharp;
using MlOps.Analyzers.Catalog;
using MlOps.Analyzers.Engine;
using MlOps.Analyzers.Facts.Symbols;

namespace MlOps.Analyzers.Rules.TorchSharp;

/// <summary>
/// MLOPS043: a loop that calls <c>backward()</c> or an optimizer's <c>step()</c> itself, whose iterations are not scoped
/// (<see cref="DisposeScopes.ScopesEachIteration"/>). A TorchSharp tensor is released when the dispose scope it was
/// created in is disposed, else by its finalizer: the forward pass, the loss and the gradients' intermediates of every
/// iteration pile up in native (and GPU) memory until the GC runs the finalizers (dotnet/TorchSharp#1278, #252). The
/// DataLoader disposes the previous batch itself, but not what the iteration computes from it. One scope around the
/// whole loop is still a finding: it keeps every iteration's tensors until training ends.
/// Not findings: loops that only call a method that opens its own scope; loops without backward / step.
/// </summary>
public sealed class TrainingLoopWithoutDisposeScopeAnalyzer : Rule
{
    /// <summary>Diagnostic property set when the iteration keeps a tensor beyond itself, where a per-iteration scope would dispose it too early.</summary>
    public const string KeepsTensorsProperty = "KeepsTensors";

    internal static readonly DiagnosticDescriptor Rule = RuleDescriptors.Create(
        RuleIds.TrainingLoopWithoutDisposeScope,
        RuleCategories.TorchSharp,
        DiagnosticSeverity.Warning,
        title: "Training loop without a dispose scope",
        messageFormat: "This loop calls {0}() but its iterations have no dispose scope: every tensor an iteration creates waits for the finalizer, and native memory grows until then. Start the body with 'using var scope = torch.NewDisposeScope();'.",
        description: "A TorchSharp tensor is freed when the dispose scope it was created in is disposed, otherwise only by its finalizer. A training loop without a per-iteration scope (or a scope emptied every iteration with DisposeEverything / DisposeEverythingBut) leaks the native and GPU memory of every forward and backward pass until the GC happens to run.");

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(Rule);

    internal override void Start(RuleStart start)
    {
        if (TorchSymbols.For(start.Symbols) is not { } torch)
            return; // this compilation does not reference TorchSharp

        // Subscribed to loops, not to the backward / step calls: the finding is shown at the loop keyword, which must lie
        // inside the analyzed operation for the finding to be the code's own (fixable as you type). Every loop of the
        // compilation comes here: one whose text names neither call is passed over without a walk.
        var mentions = new TextMentions(TextMentions.TrainingStep);
        start.OnOperation(
            c =>
            {
                var loop = (ILoopOperation)c.Operation;
                if (mentions.In(loop.Syntax, c.CancellationToken) && Judge(loop, torch) is { } diagnostic)
                    c.ReportDiagnostic(diagnostic);
            },
            OperationKind.Loop);
    }

    /// <summary>The finding for <paramref name="loop"/>, when it calls backward / step itself and its iterations are not scoped.</summary>
    internal static Diagnostic? Judge(ILoopOperation loop, TorchSymbols torch)
    {
        var first = TrainingLoops.OwnCalls(loop)
            .Where(call => torch.IsBackward(call) || torch.IsOptimizerStep(call))
            .OrderBy(call => call.Syntax.SpanStart)
            .FirstOrDefault();
        if (first is null || DisposeScopes.ScopesEachIteration(loop, torch))
            return null;

        var properties = DisposeScopes.KeepsTensorsBeyondIteration(loop, torch)
            ? ImmutableDictionary<string, string?>.Empty.Add(KeepsTensorsProperty, "true")
            : ImmutableDictionary<string, string?>.Empty;
        return Diagnostic.Create(Rule, TrainingLoops.KeywordLocation(loop), properties, first.TargetMethod.Name);
    }
}
