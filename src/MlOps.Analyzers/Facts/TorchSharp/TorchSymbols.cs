using System.Runtime.CompilerServices;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;
using MlOps.Analyzers.Facts.Symbols;

namespace MlOps.Analyzers.Facts.TorchSharp;

/// <summary>
/// The TorchSharp types the training-hygiene rules (MLOPS040-044) ask about, and the calls they recognise. The types
/// <see cref="MlSymbols"/> already resolves (torch, Tensor, Module, Optimizer) are taken from it; the others are resolved
/// once per compilation. <see cref="For"/> returns <see langword="null"/> when the compilation does not reference
/// TorchSharp, so those rules subscribe nothing.
/// </summary>
internal sealed class TorchSymbols
{
    private static readonly ConditionalWeakTable<Compilation, StrongBox<TorchSymbols?>> PerCompilation = new();

    private TorchSymbols(MlSymbols symbols, INamedTypeSymbol torch)
    {
        var compilation = symbols.Compilation;
        Compilation = compilation;
        Torch = torch;
        Tensor = symbols.TorchTensor;
        Module = symbols.TorchModule;
        Optimizer = symbols.TorchOptimizer;
        Functional = symbols.Get("TorchSharp.torch+nn+functional");
        DisposeScope = symbols.Get("TorchSharp.DisposeScope");
        Sequential = symbols.Get("TorchSharp.Modules.Sequential");
    }

    public Compilation Compilation { get; }

    /// <summary><c>TorchSharp.torch</c>: <c>no_grad</c>, <c>NewDisposeScope</c>, <c>manual_seed</c> ... live here.</summary>
    public INamedTypeSymbol Torch { get; }

    public INamedTypeSymbol? Tensor { get; }

    /// <summary><c>torch.nn.Module</c>, the base of every module (the generic <c>Module&lt;T, TResult&gt;</c> ones derive from it).</summary>
    public INamedTypeSymbol? Module { get; }

    /// <summary><c>torch.nn.functional</c>: the functional dropouts.</summary>
    public INamedTypeSymbol? Functional { get; }

    /// <summary><c>torch.optim.Optimizer</c>; an LR scheduler is not one (its <c>step()</c> only moves the learning rate).</summary>
    public INamedTypeSymbol? Optimizer { get; }

    public INamedTypeSymbol? DisposeScope { get; }

    /// <summary><c>TorchSharp.Modules.Sequential</c>, what <c>nn.Sequential(...)</c> returns.</summary>
    public INamedTypeSymbol? Sequential { get; }

    /// <summary>The TorchSharp symbols of <paramref name="symbols"/>' compilation, or null when it does not reference TorchSharp.</summary>
    public static TorchSymbols? For(MlSymbols symbols)
        => PerCompilation.GetValue(symbols.Compilation, _ => new StrongBox<TorchSymbols?>(
            symbols.Torch is { } torch ? new TorchSymbols(symbols, torch) : null)).Value;

    /// <summary><c>tensor.backward(...)</c>: computes gradients and adds them to every parameter's <c>.grad</c>.</summary>
    public bool IsBackward(IInvocationOperation invocation) => IsBackward(invocation, Tensor);

    /// <summary><c>optimizer.step()</c> on a <c>torch.optim.Optimizer</c> (not an LR scheduler's <c>step()</c>).</summary>
    public bool IsOptimizerStep(IInvocationOperation invocation) => IsOptimizerStep(invocation, Optimizer);

    /// <summary>
    /// <c>backward()</c> or an optimizer's <c>step()</c>: what makes a loop a training loop here, and a method training code
    /// for the training scope (<c>TrainingScope.IsTrainingOperation</c>), which asks before TorchSymbols are resolved.
    /// </summary>
    public static bool IsTrainingStep(IInvocationOperation invocation, MlSymbols symbols)
        => IsBackward(invocation, symbols.TorchTensor) || IsOptimizerStep(invocation, symbols.TorchOptimizer);

    private static bool IsBackward(IInvocationOperation invocation, INamedTypeSymbol? tensor)
        => invocation.TargetMethod is { Name: "backward", IsStatic: false } method
           && MlSymbols.IsOrDerivesFrom(method.ContainingType, tensor);

    private static bool IsOptimizerStep(IInvocationOperation invocation, INamedTypeSymbol? optimizer)
        => invocation.TargetMethod is { Name: "step", IsStatic: false } method
           && MlSymbols.IsOrDerivesFrom(invocation.GetReceiverType() ?? method.ContainingType, optimizer);

    /// <summary>
    /// A call that clears gradients: <c>Optimizer.zero_grad()</c>, <c>Module.zero_grad()</c>, or zeroing a parameter's
    /// gradient by hand (<c>p.grad.zero_()</c>, <c>p.grad?.zero_()</c>).
    /// </summary>
    public bool ClearsGradients(IInvocationOperation invocation)
    {
        var method = invocation.TargetMethod;
        if (method.IsStatic)
            return false;
        if (method.Name == "zero_grad")
        {
            var receiver = invocation.GetReceiverType();
            return MlSymbols.IsOrDerivesFrom(receiver, Optimizer) || MlSymbols.IsOrDerivesFrom(receiver, Module);
        }

        return method.Name == "zero_"
               && MlSymbols.IsOrDerivesFrom(method.ContainingType, Tensor)
               && invocation.GetReceiver() is { } receiverValue
               && (receiverValue is IConditionalAccessInstanceOperation
                       ? receiverValue.Parent?.Parent is IConditionalAccessOperation { Operation: IPropertyReferenceOperation { Property.Name: "grad" } }
                       : receiverValue is IPropertyReferenceOperation { Property.Name: "grad" });
    }

    /// <summary>
    /// <c>torch.no_grad()</c>, <c>enable_grad(...)</c>, <c>set_grad_enabled(...)</c> or <c>inference_mode(...)</c>: each
    /// returns an <c>IDisposable</c> whose constructor switches the thread's grad mode and whose <c>Dispose</c> restores it
    /// (TorchSharp 0.107 src/TorchSharp/Autograd.cs, <c>AutoGradMode</c> / <c>InferenceMode</c>).
    /// </summary>
    public bool IsGradModeSwitch(IInvocationOperation invocation)
        => invocation.TargetMethod is { IsStatic: true } method
           && GradModeSwitches.Contains(method.Name)
           && SymbolEqualityComparer.Default.Equals(method.ContainingType, Torch);

    /// <summary>The names of the grad-mode switches on <c>torch</c> (<see cref="IsGradModeSwitch"/>).</summary>
    public static System.Collections.Immutable.ImmutableArray<string> GradModeSwitches { get; } =
        System.Collections.Immutable.ImmutableArray.Create("no_grad", "enable_grad", "set_grad_enabled", "inference_mode");

    /// <summary>
    /// A grad-mode switch that turns gradients off: <c>no_grad()</c>, <c>inference_mode()</c> (its <c>mode</c> defaults to
    /// true), or <c>set_grad_enabled(false)</c> / <c>enable_grad(false)</c> with a constant false.
    /// </summary>
    public bool TurnsGradientsOff(IInvocationOperation invocation)
    {
        if (!IsGradModeSwitch(invocation))
            return false;
        switch (invocation.TargetMethod.Name)
        {
            case "no_grad":
                return true;
            case "inference_mode":
                return invocation.Arguments.Length == 0 || ConstantBool(invocation.Arguments[0].Value) is not false;
            default:
                return invocation.Arguments.Length > 0 && ConstantBool(invocation.Arguments[0].Value) is false;
        }
    }

    /// <summary>
    /// <c>torch.nn.functional.dropout</c> / <c>dropout1d/2d/3d</c> / <c>alpha_dropout</c> / <c>feature_alpha_dropout</c>: each
    /// takes a <c>training</c> flag that does not follow the module's mode.
    /// </summary>
    public bool IsFunctionalDropout(IInvocationOperation invocation)
        => invocation.TargetMethod is { IsStatic: true } method
           && FunctionalDropouts.Contains(method.Name)
           && SymbolEqualityComparer.Default.Equals(method.ContainingType, Functional);

    /// <summary>The names of the functional dropouts on <c>torch.nn.functional</c> (<see cref="IsFunctionalDropout"/>).</summary>
    public static System.Collections.Immutable.ImmutableArray<string> FunctionalDropouts { get; } =
        System.Collections.Immutable.ImmutableArray.Create("dropout", "dropout1d", "dropout2d", "dropout3d", "alpha_dropout", "feature_alpha_dropout");

    /// <summary><c>torch.NewDisposeScope()</c>: tensors created while it is the thread's current scope are disposed with it.</summary>
    public bool IsNewDisposeScope(IInvocationOperation invocation)
        => invocation.TargetMethod is { IsStatic: true, Name: "NewDisposeScope" } method
           && SymbolEqualityComparer.Default.Equals(method.ContainingType, Torch);

    /// <summary><c>torch.WrappedTensorDisposeScope(() => ...)</c>: runs the expression in a scope of its own.</summary>
    public bool IsWrappedDisposeScope(IInvocationOperation invocation)
        => invocation.TargetMethod is { IsStatic: true, Name: "WrappedTensorDisposeScope" } method
           && SymbolEqualityComparer.Default.Equals(method.ContainingType, Torch);

    /// <summary><c>scope.DisposeEverything()</c> / <c>scope.DisposeEverythingBut(...)</c>: empties a scope that stays open.</summary>
    public bool EmptiesDisposeScope(IInvocationOperation invocation)
        => invocation.TargetMethod is { IsStatic: false, Name: "DisposeEverything" or "DisposeEverythingBut" } method
           && SymbolEqualityComparer.Default.Equals(method.ContainingType, DisposeScope);

    /// <summary>
    /// The mode a call puts a module in: <c>eval()</c> and <c>train(false)</c> evaluation, <c>train()</c> /
    /// <c>train(true)</c> training (<c>Module.eval()</c> is <c>train(false)</c> and recurses into children:
    /// src/TorchSharp/NN/Module.cs); null for any other call, or a <c>train(flag)</c> whose flag is not a constant.
    /// </summary>
    public ModuleMode? ModeSetBy(IInvocationOperation invocation)
    {
        var method = invocation.TargetMethod;
        if (method.IsStatic || method.Name is not ("eval" or "train") || !MlSymbols.IsOrDerivesFrom(method.ContainingType, Module))
            return null;
        if (method.Name == "eval")
            return ModuleMode.Evaluation;
        var flag = invocation.Arguments.Length == 0 || invocation.Arguments[0].ArgumentKind == ArgumentKind.DefaultValue
            ? true
            : ConstantBool(invocation.Arguments[0].Value);
        return flag switch
        {
            true => ModuleMode.Training,
            false => ModuleMode.Evaluation,
            null => null,
        };
    }

    /// <summary>
    /// A model's <c>forward(...)</c> or <c>call(...)</c>: the receiver is a module the team wrote (declared in this
    /// compilation), a <c>Sequential</c>, or an opaque <c>nn.Module&lt;...&gt;</c>. TorchSharp's own layers and losses
    /// (<c>Linear</c>, <c>CrossEntropyLoss</c>) are not models: evaluating them in training mode changes nothing or they are
    /// judged through the model that holds them.
    /// </summary>
    public bool IsModelForward(IInvocationOperation invocation)
    {
        var method = invocation.TargetMethod;
        if (method.IsStatic || method.Name is not ("forward" or "call"))
            return false;
        var receiverType = invocation.GetReceiverType() as INamedTypeSymbol;
        if (receiverType is null || !MlSymbols.IsOrDerivesFrom(receiverType, Module))
            return false;
        var definition = receiverType.OriginalDefinition;
        if (SymbolEqualityComparer.Default.Equals(definition, Sequential))
            return true;
        if (definition.Name == "Module" && SymbolEqualityComparer.Default.Equals(definition.ContainingType, Module?.ContainingType))
            return true; // nn.Module or nn.Module<...>: whatever it holds may be a model
        return SymbolEqualityComparer.Default.Equals(definition.ContainingAssembly, Compilation.Assembly);
    }

    /// <summary>The constant value of a boolean argument, or null when it is not a constant.</summary>
    public static bool? ConstantBool(IOperation value)
        => value.WalkDownConversions().ConstantValue is { HasValue: true, Value: bool flag } ? flag : null;
}

/// <summary>The two modes of a TorchSharp module (<c>Module.training</c>).</summary>
internal enum ModuleMode
{
    Training,
    Evaluation,
}
