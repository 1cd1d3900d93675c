using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;
using MlOps.Analyzers.Facts.Symbols;

namespace MlOps.Analyzers.Facts.TorchSharp;

/// <summary>
/// Whether the tensors one iteration of a loop creates are released with the iteration. A TorchSharp tensor registers
/// with the thread's current <c>DisposeScope</c> when it is created, else it waits for its finalizer while its native (and
/// GPU) memory stays allocated (dotnet/TorchSharp#1278, #252).
/// </summary>
internal static class DisposeScopes
{
    /// <summary>
    /// True when each iteration of <paramref name="loop"/> is scoped: it opens a <c>torch.NewDisposeScope()</c> that it
    /// disposes (a <c>using</c>, or a local disposed in the iteration), runs its work in
    /// <c>torch.WrappedTensorDisposeScope(...)</c>, or empties a scope that stays open (<c>DisposeEverything()</c> /
    /// <c>DisposeEverythingBut(...)</c>). One scope around the whole loop does not count: it keeps every iteration's
    /// tensors until the loop ends.
    /// </summary>
    public static bool ScopesEachIteration(ILoopOperation loop, TorchSymbols torch)
    {
        foreach (var call in TrainingLoops.CallsInIteration(loop))
        {
            if (torch.EmptiesDisposeScope(call) || torch.IsWrappedDisposeScope(call))
                return true;
            if (!torch.IsNewDisposeScope(call))
                continue;
            var holder = DisposableHolder.Of(call);
            if (holder.Holding == DisposableHolding.Using)
                return true;
            if (holder.Holding == DisposableHolding.Local && holder.Symbol is ILocalSymbol local
                && TrainingLoops.IterationParts(loop).Any(part => DisposableHolder.UsesOf(local, part).Disposed))
                return true;
        }

        return false;
    }

    /// <summary>
    /// True when a tensor made in <paramref name="loop"/>'s iteration is kept beyond it: assigned to a variable declared
    /// outside the loop, a field, a property or an array element, or passed to a method of an object from outside the
    /// loop (<c>losses.Add(loss)</c>). A per-iteration scope would dispose such a tensor under its later reader, so the
    /// fix is not offered there.
    /// </summary>
    public static bool KeepsTensorsBeyondIteration(ILoopOperation loop, TorchSymbols torch)
    {
        var span = loop.Syntax.Span;
        bool DeclaredOutside(IOperation? target)
            => target?.WalkDownConversions() switch
            {
                ILocalReferenceOperation local => local.Local.DeclaringSyntaxReferences.Any(r => !span.Contains(r.Span)),
                IParameterReferenceOperation => true,
                IFieldReferenceOperation or IPropertyReferenceOperation or IArrayElementReferenceOperation => true,
                _ => false,
            };
        bool IsTensor(ITypeSymbol? type) => MlSymbols.IsOrDerivesFrom(type, torch.Tensor);

        foreach (var operation in TrainingLoops.IterationParts(loop).SelectMany(part => part.DescendantsAndSelf()))
        {
            switch (operation)
            {
                case IAssignmentOperation assignment when IsTensor(assignment.Value.Type) && DeclaredOutside(assignment.Target):
                    return true;
                case IInvocationOperation call when call.Instance is { } receiver
                                                    && !SymbolEqualityComparer.Default.Equals(call.TargetMethod.ContainingAssembly, torch.Torch.ContainingAssembly)
                                                    && !MlSymbols.IsOrDerivesFrom(receiver.Type, torch.Module) // a model's forward reads its input
                                                    && DeclaredOutside(receiver)
                                                    && call.Arguments.Any(argument => IsTensor(argument.Value.WalkDownConversions().Type)):
                    return true;
            }
        }

        return false;
    }
}
