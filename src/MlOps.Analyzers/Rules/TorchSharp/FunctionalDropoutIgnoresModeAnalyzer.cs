using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;
using MlOps.Analyzers.Facts.TorchSharp;
using MlOps.Analyzers.Catalog;
using MlOps.Analyzers.Engine;
using MlOps.Analyzers.Facts.Symbols;

namespace MlOps.Analyzers.Rules.TorchSharp;

/// <summary>
/// MLOPS042: in the <c>forward</c> of an <c>nn.Module</c> subclass, a functional dropout whose <c>training</c> flag is left
/// to its default or fixed by a constant. In TorchSharp 0.107 (src/TorchSharp/NN/Dropout*.cs, AlphaDropout.cs,
/// FeatureDropout.cs) <c>functional.dropout</c> / <c>dropout1d/2d/3d</c> default to <c>training: true</c>, so they keep
/// dropping after <c>model.eval()</c>; <c>alpha_dropout</c> / <c>feature_alpha_dropout</c> default to
/// <c>training: false</c>, so they never drop, even in training. The <c>nn.Dropout*</c> modules pass <c>this.training</c>.
/// Not findings: any non-constant <c>training:</c> argument; the dropout modules; calls outside a module's <c>forward</c>.
/// </summary>
public sealed class FunctionalDropoutIgnoresModeAnalyzer : Rule
{
    internal static readonly DiagnosticDescriptor Rule = RuleDescriptors.Create(
        RuleIds.FunctionalDropoutIgnoresMode,
        RuleCategories.TorchSharp,
        DiagnosticSeverity.Warning,
        title: "Functional dropout ignores train / eval",
        messageFormat: "'{0}' in forward runs with training: {1} whatever the module's mode, so it {2}. Pass 'training: this.training'.",
        description: "TorchSharp's functional dropouts take their training flag as an argument: functional.dropout and dropout1d/2d/3d default to true (they keep dropping after eval()), alpha_dropout and feature_alpha_dropout to false (they never drop). Inside a module's forward, pass the module's own mode.");

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(Rule);

    internal override void Start(RuleStart start)
    {
        if (TorchSymbols.For(start.Symbols) is not { } torch)
            return; // this compilation does not reference TorchSharp

        start.OnInvocation(Calls.Named(ApiOwners.TorchSharp, TorchSymbols.FunctionalDropouts), c =>
        {
            if (Judge((IInvocationOperation)c.Operation, c.ContainingSymbol, torch) is { } diagnostic)
                c.ReportDiagnostic(diagnostic);
        });
    }

    /// <summary>The finding at <paramref name="invocation"/>, made in <paramref name="containing"/>, when it is a functional dropout that ignores the module's mode.</summary>
    internal static Diagnostic? Judge(IInvocationOperation invocation, ISymbol containing, TorchSymbols torch)
    {
        if (!torch.IsFunctionalDropout(invocation)
            || containing is not IMethodSymbol { Name: "forward", IsStatic: false } forward
            || !MlSymbols.IsOrDerivesFrom(forward.ContainingType, torch.Module))
            return null;

        var training = invocation.GetArgument("training");
        bool flag;
        if (training is null)
        {
            var parameter = System.Linq.Enumerable.FirstOrDefault(invocation.TargetMethod.Parameters, p => p.Name == "training");
            if (parameter is not { HasExplicitDefaultValue: true, ExplicitDefaultValue: bool defaultFlag })
                return null;
            flag = defaultFlag;
        }
        else if (TorchSymbols.ConstantBool(training.Value) is { } constant)
        {
            flag = constant;
        }
        else
        {
            return null;
        }

        return Diagnostic.Create(
            Rule,
            invocation.GetNameLocation(),
            invocation.TargetMethod.Name,
            flag ? "true" : "false",
            flag ? "keeps dropping activations after eval()" : "never drops, even in training");
    }
}
