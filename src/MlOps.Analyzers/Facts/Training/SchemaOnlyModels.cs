using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;
using MlOps.Analyzers.Facts.Symbols;

namespace MlOps.Analyzers.Facts.Training;

/// <summary>
/// A model that carries no training data: the transformer of an ML.NET <c>Fit</c> on an empty view
/// (<see cref="TrainingScope.IsSchemaOnlyFit"/>), the idiom for wrapping a pretrained ONNX / TensorFlow model or a
/// parameter-only transform to get its schema. Saving it is not a training run (MLOPS020, MLOPS021).
/// </summary>
internal static class SchemaOnlyModels
{
    /// <summary>True when every value <paramref name="model"/> can hold (itself, or what its local is assigned) is a schema-only fit.</summary>
    public static bool Is(IOperation? model, MlSymbols symbols)
    {
        model = model?.WalkDownConversions();
        if (model is ILocalReferenceOperation local)
            return LocalWrites.ValuesOf(local) is { Count: > 0 } values && values.All(value => IsSchemaOnlyFit(value.WalkDownConversions(), symbols));
        return IsSchemaOnlyFit(model, symbols);
    }

    private static bool IsSchemaOnlyFit(IOperation? operation, MlSymbols symbols)
        => operation is IInvocationOperation { TargetMethod.Name: "Fit" } fit
           && MlSymbols.IsOrImplements(fit.GetReceiverType(), symbols.Estimator)
           && TrainingScope.IsSchemaOnlyFit(fit, symbols);
}
