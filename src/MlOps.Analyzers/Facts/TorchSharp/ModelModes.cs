using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;
using MlOps.Analyzers.Facts.Symbols;

namespace MlOps.Analyzers.Facts.TorchSharp;

/// <summary>
/// Which mode a model is in where it runs. <c>Module.eval()</c> is <c>train(false)</c> and recurses into the children
/// (TorchSharp 0.107 src/TorchSharp/NN/Module.cs); a module is created in training mode.
/// </summary>
internal static class ModelModes
{
    /// <summary>
    /// The variable a model call runs on: a local, parameter, field or property of this type (or a static one), also
    /// through calls that return the module they are called on (<c>model.to(device).eval()</c>); null for anything else (a
    /// call's result, <c>this</c>).
    /// </summary>
    public static ISymbol? ModelOf(IInvocationOperation modelCall)
    {
        var receiver = modelCall.GetReceiver();
        while (receiver is IInvocationOperation { TargetMethod.Name: "to" or "cuda" or "cpu" or "eval" or "train" } chained
               && chained.TargetMethod.ReturnType is INamedTypeSymbol returned && MlSymbols.IsOrDerivesFrom(chained.GetReceiverType(), returned.OriginalDefinition))
            receiver = chained.GetReceiver(); // TorchSharp moves or switches the module in place and returns it
        return receiver switch
        {
            ILocalReferenceOperation local => local.Local,
            IParameterReferenceOperation parameter => parameter.Parameter,
            IFieldReferenceOperation { Instance: null or IInstanceReferenceOperation } field => field.Field,
            IPropertyReferenceOperation { Instance: null or IInstanceReferenceOperation, Arguments.Length: 0 } property => property.Property,
            _ => null,
        };
    }

    /// <summary>The <c>forward</c> / <c>call</c> calls on <paramref name="model"/> in <paramref name="region"/>, in source order.</summary>
    public static List<IInvocationOperation> ForwardsOf(ISymbol model, IOperation region, TorchSymbols torch)
        => TrainingLoops.InvocationsInSourceOrder(region)
            .Where(call => torch.IsModelForward(call) && SymbolEqualityComparer.Default.Equals(ModelOf(call), model))
            .ToList();

    /// <summary>
    /// True when <paramref name="model"/> is in evaluation mode where <paramref name="forward"/> runs, as far as the method
    /// shows: the last <c>eval()</c> / <c>train(...)</c> on it before the call (in source order) is an <c>eval()</c>; or,
    /// with none, the model is a member that its type puts in <c>eval()</c> (in the constructor, a <c>Load()</c> method...)
    /// and never back in <c>train()</c> (a frozen teacher, a model loaded for inference).
    /// </summary>
    public static bool EvaluatedBefore(IInvocationOperation forward, ISymbol model, TorchSymbols torch, System.Threading.CancellationToken cancellationToken)
    {
        var position = forward.Syntax.SpanStart;
        ModuleMode? last = null;
        foreach (var call in TrainingLoops.InvocationsInSourceOrder(TrainingLoops.BodyRoot(forward)))
        {
            if (call.Syntax.SpanStart >= position)
                break;
            if (torch.ModeSetBy(call) is { } mode && SymbolEqualityComparer.Default.Equals(ModelOf(call), model))
                last = mode;
            else if (PassesModel(call, model) && HelperOnlyEvaluates(call.TargetMethod, cancellationToken))
                last = ModuleMode.Evaluation; // Freeze(teacher), PrepareForInference(model)
        }

        if (last is { } known)
            return known == ModuleMode.Evaluation;
        return model is IFieldSymbol or IPropertySymbol && model.ContainingType is { } type && EvaluatedByItsType(type, model.Name, cancellationToken);
    }

    /// <summary>True when <paramref name="call"/> hands <paramref name="model"/> over as an argument.</summary>
    private static bool PassesModel(IInvocationOperation call, ISymbol model)
    {
        foreach (var argument in call.Arguments)
        {
            if (argument.Value.WalkDownConversions().GetRootSymbol(out var root) is { } symbol && root == argument.Value.WalkDownConversions()
                && SymbolEqualityComparer.Default.Equals(symbol, model))
                return true;
        }

        return false;
    }

    /// <summary>
    /// True when <paramref name="method"/> is declared in this compilation and its body calls <c>eval()</c> and no
    /// <c>train(...)</c>: a helper that puts the module it is given in evaluation mode (read from its syntax, as which module
    /// it switches is not followed).
    /// </summary>
    private static bool HelperOnlyEvaluates(IMethodSymbol method, System.Threading.CancellationToken cancellationToken)
    {
        var evaluates = false;
        foreach (var reference in method.DeclaringSyntaxReferences)
        {
            foreach (var access in reference.GetSyntax(cancellationToken).DescendantNodes().OfType<MemberAccessExpressionSyntax>())
            {
                if (access.Parent is not InvocationExpressionSyntax)
                    continue;
                switch (access.Name.Identifier.ValueText)
                {
                    case "train":
                        return false;
                    case "eval":
                        evaluates = true;
                        break;
                }
            }
        }

        return evaluates;
    }

    /// <summary>
    /// The innermost loop around <paramref name="forward"/>, from its training loop outwards, whose iteration puts
    /// <paramref name="model"/> in <c>eval()</c> and never back in <c>train()</c>: from that loop's second pass on, the
    /// training forward runs in evaluation mode. Null when there is none, or the forward is not a training one.
    /// </summary>
    public static ILoopOperation? LoopLeavingEvaluationMode(IInvocationOperation forward, ISymbol model, TorchSymbols torch)
    {
        if (TrainingLoops.TrainingLoopOf(forward, torch) is not { } trainingLoop || GradModeRegions.GradientsOffAt(forward, torch))
            return null;

        var reachedTrainingLoop = false;
        foreach (var loop in TrainingLoops.EnclosingLoops(forward))
        {
            reachedTrainingLoop |= loop == trainingLoop;
            if (!reachedTrainingLoop)
                continue;
            var evaluates = false;
            var trains = false;
            foreach (var call in TrainingLoops.CallsInIteration(loop))
            {
                if (torch.ModeSetBy(call) is { } mode && SymbolEqualityComparer.Default.Equals(ModelOf(call), model))
                {
                    evaluates |= mode == ModuleMode.Evaluation;
                    trains |= mode == ModuleMode.Training;
                }
            }

            if (trains)
                return null;
            if (evaluates)
                return loop;
        }

        return null;
    }

    /// <summary>
    /// True when a method named for evaluation: a word of its name starts with <c>Test</c>, <c>Eval</c> or <c>Valid</c>
    /// (<c>Evaluate</c>, <c>RunValidation</c>, <c>test_epoch</c>; not <c>Latest</c>), and it is not a unit test
    /// (xUnit / NUnit / MSTest attributes: a test that checks a model's output shape is not an evaluation).
    /// </summary>
    public static bool IsEvaluationMethod(IMethodSymbol method)
    {
        var named = false;
        foreach (var word in Words(method.Name))
        {
            named |= word.StartsWith("test", System.StringComparison.OrdinalIgnoreCase)
                     || word.StartsWith("eval", System.StringComparison.OrdinalIgnoreCase)
                     || word.StartsWith("valid", System.StringComparison.OrdinalIgnoreCase);
        }

        // The attributes last: binding them is the costly part, and most methods are not named for evaluation.
        return named && !method.GetAttributes().Any(a => a.AttributeClass?.Name is "FactAttribute" or "TheoryAttribute" or "TestAttribute" or "TestCaseAttribute" or "TestMethodAttribute" or "DataTestMethodAttribute");
    }

    /// <summary>The words of an identifier: split at underscores and where a lower-case letter or digit meets an upper-case one.</summary>
    private static IEnumerable<string> Words(string name)
    {
        var start = 0;
        for (var i = 1; i <= name.Length; i++)
        {
            var boundary = i == name.Length
                           || name[i] == '_'
                           || (char.IsUpper(name[i]) && (char.IsLower(name[i - 1]) || char.IsDigit(name[i - 1])));
            if (!boundary)
                continue;
            if (i > start)
                yield return name.Substring(start, i - start).Trim('_');
            start = name.Length > i && name[i] == '_' ? i + 1 : i;
        }
    }

    /// <summary>
    /// True when a declaration of <paramref name="type"/> calls <c>name.eval()</c> (or <c>this.name.eval()</c>) and none
    /// calls <c>name.train(...)</c>: which method runs first is not known here, and a type that never switches the member
    /// back to training uses it for evaluation.
    /// </summary>
    private static bool EvaluatedByItsType(INamedTypeSymbol type, string name, System.Threading.CancellationToken cancellationToken)
    {
        var evaluated = false;
        foreach (var reference in type.DeclaringSyntaxReferences)
        {
            foreach (var access in reference.GetSyntax(cancellationToken).DescendantNodes().OfType<MemberAccessExpressionSyntax>())
            {
                if (access.Parent is not InvocationExpressionSyntax || !DisposableHolder.Names(access.Expression, name))
                    continue;
                switch (access.Name.Identifier.ValueText)
                {
                    case "train":
                        return false;
                    case "eval":
                        evaluated = true;
                        break;
                }
            }
        }

        return evaluated;
    }
}
