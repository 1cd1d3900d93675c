using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;
using MlOps.Analyzers.Facts.TorchSharp;
using MlOps.Analyzers.Catalog;
using MlOps.Analyzers.Engine;
using MlOps.Analyzers.Facts.Symbols;

namespace MlOps.Analyzers.Rules.TorchSharp;

/// <summary>
/// MLOPS041: <c>torch.no_grad()</c>, <c>enable_grad()</c>, <c>set_grad_enabled(...)</c> or <c>inference_mode(...)</c> whose
/// <c>IDisposable</c> is thrown away, or kept in a local or private member that is never disposed. In TorchSharp 0.107
/// (src/TorchSharp/Autograd.cs) <c>no_grad()</c> returns an <c>AutoGradMode</c> whose constructor switches the thread's
/// grad mode at once and whose <c>Dispose</c> alone restores it (no finalizer): unlike PyTorch, a bare
/// <c>torch.no_grad();</c> turns gradients off on that thread for good. <c>inference_mode()</c>'s guard is released by a
/// finalizer, on the finalizer thread, not the caller's.
/// Not findings: the resource of a <c>using</c>; a value returned or handed to other code; a local disposed in the method
/// (in a <c>finally</c>, typically); a member the type disposes; a non-private member (other code may dispose it).
/// </summary>
public sealed class GradModeSwitchNotScopedAnalyzer : Rule
{
    internal static readonly DiagnosticDescriptor Rule = RuleDescriptors.Create(
        RuleIds.GradModeSwitchNotScoped,
        RuleCategories.TorchSharp,
        DiagnosticSeverity.Warning,
        title: "Grad-mode switch not scoped",
        messageFormat: "'{0}()' switches the thread's grad mode until the IDisposable it returns is disposed, but {1}: the switch outlives this code. Hold it in a 'using'.",
        description: "In TorchSharp, torch.no_grad(), enable_grad(), set_grad_enabled() and inference_mode() change the grad mode of the calling thread when called; only disposing the returned object restores it. A bare call, unlike in PyTorch, is not a no-op: it leaves gradients off (or on) for everything the thread runs next.");

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(Rule);

    internal override void Start(RuleStart start)
    {
        if (TorchSymbols.For(start.Symbols) is not { } torch)
            return; // this compilation does not reference TorchSharp

        start.OnInvocation(Calls.Named(ApiOwners.TorchSharp, TorchSymbols.GradModeSwitches), c =>
        {
            if (Judge((IInvocationOperation)c.Operation, torch, c.CancellationToken) is { } diagnostic)
                c.ReportDiagnostic(diagnostic);
        });
    }

    /// <summary>The finding at <paramref name="invocation"/>, when it is a grad-mode switch nobody disposes.</summary>
    internal static Diagnostic? Judge(IInvocationOperation invocation, TorchSymbols torch, System.Threading.CancellationToken cancellationToken)
    {
        if (!torch.IsGradModeSwitch(invocation))
            return null;

        var holder = DisposableHolder.Of(invocation);
        string? how;
        switch (holder.Holding)
        {
            case DisposableHolding.Discarded:
                how = "its result is thrown away";
                break;
            case DisposableHolding.Local when holder.Symbol is ILocalSymbol local:
                var (disposed, usedOtherwise) = DisposableHolder.UsesOf(local, TrainingLoops.BodyRoot(invocation));
                how = disposed || usedOtherwise ? null : $"'{local.Name}' is never disposed";
                break;
            case DisposableHolding.Member when holder.Symbol is { DeclaredAccessibility: Accessibility.Private, ContainingType: { } type } member:
                how = DisposableHolder.TypeDisposes(type, member.Name, cancellationToken) ? null : $"'{member.Name}' is never disposed by '{type.Name}'";
                break;
            default:
                how = null;
                break;
        }

        return how is null ? null : Diagnostic.Create(Rule, invocation.GetNameLocation(), invocation.TargetMethod.Name, how);
    }
}
