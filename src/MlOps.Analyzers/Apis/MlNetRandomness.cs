using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;
using MlOps.Analyzers.Facts.Symbols;

namespace MlOps.Analyzers.Apis;

/// <summary>
/// Which ML.NET calls draw from the <c>MLContext</c>'s random generator, so that an unseeded context makes them
/// irreproducible. Facts from ML.NET 5.0.1 (see RULES.md, MLOPS001/MLOPS002):
/// trainers (every <c>*.Trainers.*</c> member) take their seed from the context; <c>ShuffleRows</c> and
/// <c>BootstrapSample</c> draw their seed from the context's generator; <c>CrossValidate*</c> trains; the
/// random-projection transforms (<c>ApproximatedKernelMap</c>, <c>ProjectToPrincipalComponents</c>) sample from it.
/// <c>TrainTestSplit</c> and <c>CrossValidationSplit</c> are NOT listed: without a seed they fall back to a fixed
/// default (dotnet/machinelearning#1635, PR #4775), so they are reproducible.
/// </summary>
internal static class MlNetRandomness
{
    /// <summary>A short phrase for the message (e.g. "creates the trainer 'SdcaLogisticRegression'"), or null when the call is deterministic.</summary>
    public static string? DescribeRandomUse(IInvocationOperation invocation, MlSymbols symbols)
    {
        var method = invocation.TargetMethod;
        var receiverType = invocation.GetReceiverType();

        // Every receiver below is an ML.NET catalog or MLContext, and none can be derived from outside ML.NET (sealed, or
        // private protected constructors; MlNetRandomnessTests checks it): any other receiver is rejected without walking its
        // base types. This runs for every invocation.
        if (receiverType is null || symbols.Owners.OfType(receiverType) != ApiOwners.MlNet)
            return null;

        if (MlSymbols.IsOrDerivesFrom(receiverType, symbols.TrainerCatalogInstantiator))
            return $"creates the trainer '{method.Name}'";

        if (MlSymbols.IsOrDerivesFrom(receiverType, symbols.DataOperationsCatalog)
            && method.Name is "ShuffleRows" or "BootstrapSample")
            return $"calls '{method.Name}'";

        if (IsCrossValidation(invocation, symbols))
            return $"calls '{method.Name}'";

        if (MlSymbols.IsOrDerivesFrom(receiverType, symbols.TransformsCatalog)
            && method.Name is "ApproximatedKernelMap" or "ProjectToPrincipalComponents")
            return $"uses the random transform '{method.Name}'";

        // AutoML (Microsoft.ML.AutoML): mlContext.Auto() runs experiments that sample trainers and hyper-parameters.
        if (method.Name == "Auto" && MlSymbols.IsOrDerivesFrom(receiverType, symbols.MLContext)
            && method.ContainingNamespace?.ToDisplayString() == "Microsoft.ML.AutoML")
            return "runs an AutoML experiment";

        return null;
    }

    /// <summary><c>CrossValidate*</c> on a training catalog: it trains one model per fold. <c>CrossValidationSplit</c> only splits.</summary>
    public static bool IsCrossValidation(IInvocationOperation invocation, MlSymbols symbols)
    {
        var name = invocation.TargetMethod.Name;
        return name.StartsWith("CrossValidate", System.StringComparison.Ordinal)
               && name != "CrossValidationSplit"
               && MlSymbols.IsOrDerivesFrom(invocation.GetReceiverType(), symbols.TrainCatalogBase);
    }
}
