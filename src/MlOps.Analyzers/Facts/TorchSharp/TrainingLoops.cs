using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace MlOps.Analyzers.Facts.TorchSharp;

/// <summary>
/// Loops of a method body and what one iteration of them calls. A TorchSharp "training loop" (RULES.md, "TorchSharp
/// training hygiene") is the innermost loop whose iteration calls <c>backward()</c> and an <c>Optimizer</c>'s
/// <c>step()</c>, at any depth, lambdas included (a step closure runs in the iteration that passes it).
/// </summary>
internal static class TrainingLoops
{
    /// <summary>
    /// The loops that repeat <paramref name="operation"/>, innermost first: loops of the same method body (lambdas and
    /// local functions inside a loop belong to it) where the operation is in the iteration (body, condition, increment),
    /// not in what runs once (a <c>foreach</c> collection, a <c>for</c> initializer).
    /// </summary>
    public static IEnumerable<ILoopOperation> EnclosingLoops(IOperation operation)
    {
        var child = operation;
        for (var current = operation.Parent; current is not null; child = current, current = current.Parent)
        {
            if (current is ILoopOperation loop && IsIterationPart(loop, child))
                yield return loop;
        }
    }

    /// <summary>What one iteration of <paramref name="loop"/> runs: its body, condition and increment.</summary>
    public static IEnumerable<IOperation> IterationParts(ILoopOperation loop)
    {
        switch (loop)
        {
            case IForLoopOperation forLoop:
                if (forLoop.Condition is { } condition)
                    yield return condition;
                yield return forLoop.Body;
                foreach (var increment in forLoop.AtLoopBottom)
                    yield return increment;
                break;
            case IWhileLoopOperation whileLoop:
                if (whileLoop.Condition is { } whileCondition)
                    yield return whileCondition;
                yield return whileLoop.Body;
                break;
            default:
                yield return loop.Body;
                break;
        }
    }

    /// <summary>Every call one iteration of <paramref name="loop"/> makes in this method, nested loops and lambdas included.</summary>
    public static IEnumerable<IInvocationOperation> CallsInIteration(ILoopOperation loop)
        => IterationParts(loop).SelectMany(part => part.DescendantsAndSelf()).OfType<IInvocationOperation>();

    /// <summary>
    /// The calls <paramref name="loop"/> makes itself: in its iteration, but not inside a nested loop (those are the nested
    /// loop's).
    /// </summary>
    public static IEnumerable<IInvocationOperation> OwnCalls(ILoopOperation loop)
    {
        var pending = new Stack<IOperation>(IterationParts(loop));
        while (pending.Count > 0)
        {
            var operation = pending.Pop();
            if (operation is IInvocationOperation invocation)
                yield return invocation;
            foreach (var child in operation.ChildOperations)
            {
                if (child is not ILoopOperation)
                    pending.Push(child);
            }
        }
    }

    /// <summary>
    /// The training loop of <paramref name="operation"/>: the innermost loop around it whose iteration calls an
    /// <c>Optimizer</c>'s <c>step()</c> (the backward pass is in it by construction when the operation is one). Null when no
    /// loop around it steps an optimizer (an adversarial or saliency <c>backward</c> without <c>step</c>).
    /// </summary>
    public static ILoopOperation? TrainingLoopOf(IOperation operation, TorchSymbols torch)
    {
        foreach (var loop in EnclosingLoops(operation))
        {
            if (CallsInIteration(loop).Any(torch.IsOptimizerStep))
                return loop;
        }

        return null;
    }

    /// <summary>The outermost operation of the method, lambda or local function body <paramref name="operation"/> is in.</summary>
    public static IOperation BodyRoot(IOperation operation)
    {
        var current = operation;
        while (current.Parent is { } parent)
            current = parent;
        return current;
    }

    /// <summary>The calls of <paramref name="root"/> and below, in source order.</summary>
    public static IEnumerable<IInvocationOperation> InvocationsInSourceOrder(IOperation root)
        => root.DescendantsAndSelf().OfType<IInvocationOperation>().OrderBy(call => call.Syntax.SpanStart);

    /// <summary>The keyword a loop starts with (<c>for</c>, <c>foreach</c>, <c>while</c>, <c>do</c>): where a finding about the whole loop is shown.</summary>
    public static Location KeywordLocation(ILoopOperation loop)
        => loop.Syntax switch
        {
            ForStatementSyntax forStatement => forStatement.ForKeyword.GetLocation(),
            CommonForEachStatementSyntax forEach => forEach.ForEachKeyword.GetLocation(),
            WhileStatementSyntax whileStatement => whileStatement.WhileKeyword.GetLocation(),
            DoStatementSyntax doStatement => doStatement.DoKeyword.GetLocation(),
            _ => loop.Syntax.GetFirstToken().GetLocation(),
        };

    private static bool IsIterationPart(ILoopOperation loop, IOperation child)
        => loop switch
        {
            IForEachLoopOperation forEach => child == forEach.Body,
            IForLoopOperation forLoop => child == forLoop.Body || child == forLoop.Condition || forLoop.AtLoopBottom.Contains(child),
            IWhileLoopOperation whileLoop => child == whileLoop.Body || child == whileLoop.Condition,
            _ => child == loop.Body,
        };
}
