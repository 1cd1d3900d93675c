using System;
using Microsoft.CodeAnalysis;

namespace MlOps.Analyzers.Facts.Leakage;

internal enum ModelValueKind
{
    Unknown,

    /// <summary><c>E.Fit(D)</c> or <c>E.Fit(D, validationData: V)</c> in the method.</summary>
    Fitted,

    /// <summary>A parameter of the method: what it is, the callers decide.</summary>
    Parameter,
}

/// <summary>A transformer as far as one method shows it: where it was fitted and on which rows.</summary>
internal sealed class ModelValue
{
    public static readonly ModelValue Unknown = new(ModelValueKind.Unknown, null, DataValue.Unknown, null);

    private ModelValue(ModelValueKind kind, object? identity, DataValue training, DataValue? validation)
    {
        Kind = kind;
        Identity = identity;
        Training = training;
        Validation = validation;
    }

    public ModelValueKind Kind { get; }

    /// <summary>Fitted: the <c>Fit</c> call. Parameter: the parameter.</summary>
    public object? Identity { get; }

    /// <summary>The rows passed to <c>Fit</c>.</summary>
    public DataValue Training { get; }

    /// <summary>The validation rows passed to <c>Fit</c> when they can change the model (early stopping, pruning), else null.</summary>
    public DataValue? Validation { get; }

    /// <summary>Fitted: the estimator fitted (the receiver of <c>Fit</c>, in the graph).</summary>
    public IOperation? Estimator { get; private set; }

    public static ModelValue Fitted(object call, IOperation? estimator, DataValue training, DataValue? validation)
        => new(ModelValueKind.Fitted, call, training, validation) { Estimator = estimator };

    public static ModelValue FromParameter(IParameterSymbol parameter)
        => new(ModelValueKind.Parameter, parameter, DataValue.Unknown, null);

    public bool DependsOnParameter
        => Kind == ModelValueKind.Parameter || Training.DependsOnParameter || Validation?.DependsOnParameter == true;

    /// <summary>The same fit (or parameter), on the same rows: one method body may fit a helper's estimator for several callers.</summary>
    public bool SameModel(ModelValue other)
    {
        if (Kind != other.Kind || Kind == ModelValueKind.Unknown)
            return false;
        if (Identity is ISymbol symbol)
            return SymbolEqualityComparer.Default.Equals(symbol, other.Identity as ISymbol);
        return ReferenceEquals(Identity, other.Identity) && RowOverlap.SameStep(Training, other.Training);
    }

    /// <summary>This model with parameters replaced by what a caller passed (see <see cref="DataValue.Substitute"/>).</summary>
    public ModelValue Substitute(Func<IParameterSymbol, DataValue?> dataArgument, Func<IParameterSymbol, ModelValue?> modelArgument)
        => Kind switch
        {
            ModelValueKind.Parameter => modelArgument((IParameterSymbol)Identity!) ?? Unknown,
            ModelValueKind.Fitted => new ModelValue(Kind, Identity, Training.Substitute(dataArgument), Validation?.Substitute(dataArgument)) { Estimator = Estimator },
            _ => this,
        };
}
