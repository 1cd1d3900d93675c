using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace MlOps.Analyzers.Facts.TorchSharp;

/// <summary>Where in a method gradients are off: the code a grad-mode switch (<see cref="TorchSymbols.TurnsGradientsOff"/>) covers.</summary>
internal static class GradModeRegions
{
    /// <summary>
    /// True when <paramref name="operation"/> runs with gradients off: inside <c>using (torch.no_grad()) { ... }</c>, after
    /// <c>using var _ = torch.no_grad();</c> (or <c>inference_mode()</c>, <c>set_grad_enabled(false)</c>) earlier in an enclosing
    /// block, or after a bare <c>torch.no_grad();</c> there (which turns gradients off for good).
    /// </summary>
    public static bool GradientsOffAt(IOperation operation, TorchSymbols torch)
    {
        var child = operation;
        for (var current = operation.Parent; current is not null; child = current, current = current.Parent)
        {
            switch (current)
            {
                case IUsingOperation usingStatement when child == usingStatement.Body && TurnsOff(usingStatement.Resources, torch):
                    return true;
                case IBlockOperation block:
                    foreach (var statement in block.Operations)
                    {
                        if (statement == child)
                            break;
                        if (statement is IUsingDeclarationOperation or IVariableDeclarationGroupOperation or IExpressionStatementOperation && TurnsOff(statement, torch))
                            return true;
                    }

                    break;
            }
        }

        return false;
    }

    /// <summary>True when <paramref name="statement"/> itself (not a lambda in it) calls a switch that turns gradients off.</summary>
    private static bool TurnsOff(IOperation statement, TorchSymbols torch)
    {
        foreach (var operation in statement.DescendantsAndSelf())
        {
            if (operation is IInvocationOperation call && torch.TurnsGradientsOff(call)
                && !call.Ancestors(statement).Any(a => a is IAnonymousFunctionOperation or ILocalFunctionOperation))
                return true;
        }

        return false;
    }

    private static System.Collections.Generic.IEnumerable<IOperation> Ancestors(this IOperation operation, IOperation upTo)
    {
        for (var current = operation.Parent; current is not null && current != upTo; current = current.Parent)
            yield return current;
    }
}
