using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;
using MlOps.Analyzers.Facts.Symbols;

namespace MlOps.Analyzers.Facts.Leakage;

/// <summary>One supervised <c>Evaluate(M.Transform(X))</c>: the model, the rows scored, and how the code names them.</summary>
internal sealed class Evaluation
{
    private readonly SyntaxNode _dataSyntax;

    public Evaluation(IInvocationOperation call, ModelValue model, DataValue data, SyntaxNode dataSyntax)
    {
        Call = call;
        Model = model;
        Data = data;
        _dataSyntax = dataSyntax;
    }

    /// <summary>The <c>Evaluate</c> call (an operation of the body's tree).</summary>
    public IInvocationOperation Call { get; }

    public ModelValue Model { get; }

    public DataValue Data { get; }

    /// <summary>The code that names the scored rows (the argument of <c>Transform</c>).</summary>
    public string DataText => _dataSyntax.ToString();

    public bool DependsOnParameter => Model.DependsOnParameter || Data.DependsOnParameter;
}

/// <summary>Why an evaluation is leaky: the rows it scores share rows with this set the model was fitted on.</summary>
internal sealed class TrainingOverlap
{
    public TrainingOverlap(DataValue fittedOn, string fittedOnText)
    {
        FittedOn = fittedOn;
        FittedOnText = fittedOnText;
    }

    public DataValue FittedOn { get; }

    public string FittedOnText { get; }
}

/// <summary>
/// MLOPS030's questions (RULES.md "Leakage"): which supervised evaluations score a model on rows it was fitted on, and
/// whether the same method also evaluates that model on held-out rows (training metrics beside test metrics are the
/// usual overfitting check, not a leak). Binary, multiclass, regression and ranking evaluations only: clustering and
/// anomaly detection do not measure a label the model learned.
/// </summary>
internal static class TrainingDataEvaluations
{
    /// <summary>True for <c>Evaluate</c> / <c>EvaluateNonCalibrated</c> of a supervised catalog (the name is checked first: this runs for every ML.NET call).</summary>
    public static bool IsSupervisedEvaluation(IInvocationOperation invocation, LeakageSymbols symbols)
        => invocation.TargetMethod.Name is "Evaluate" or "EvaluateNonCalibrated"
           && symbols.IsSupervisedCatalog(invocation.TargetMethod.ContainingType);

    /// <summary>The evaluation <paramref name="evaluate"/> makes, when it scores <c>M.Transform(X)</c>.</summary>
    public static Evaluation? Read(LeakageFlow flow, IInvocationOperation evaluate)
    {
        if (evaluate.Arguments.IsEmpty || evaluate.Arguments[0].Value is not { } scored)
            return null;
        if (flow.ScoredBy(scored) is not { } scoredBy || flow.Follow(scored) is not IInvocationOperation transform)
            return null;
        return new Evaluation(evaluate, scoredBy.Model, scoredBy.Data, transform.Arguments[0].Value.Syntax);
    }

    /// <summary>The training (or model-changing validation) rows the evaluation's rows certainly share, or null.</summary>
    public static TrainingOverlap? Overlap(ModelValue model, DataValue data)
    {
        if (model.Kind != ModelValueKind.Fitted || model.Identity is not IInvocationOperation fit)
            return null;
        if (RowOverlap.Judge(data, model.Training) == OverlapVerdict.Overlap)
            return new TrainingOverlap(model.Training, ArgumentText(fit, 0));
        if (model.Validation is { } validation && RowOverlap.Judge(data, validation) == OverlapVerdict.Overlap)
            return new TrainingOverlap(validation, ArgumentText(fit, 1));
        return null;
    }

    /// <summary>
    /// True when the body of <paramref name="flow"/> evaluates <paramref name="model"/> on rows not known to overlap its
    /// training data, or hands the model to another method of the project (which may do so); <paramref name="except"/>
    /// (the method being judged at its call sites) does not count.
    /// </summary>
    public static bool HasOtherEvaluation(LeakageFlow flow, ModelValue model, IOperation? leaky, IMethodSymbol? except)
    {
        foreach (var operation in flow.Body.Descendants())
        {
            if (operation is not IInvocationOperation invocation || ReferenceEquals(invocation, leaky))
                continue;
            if (IsSupervisedEvaluation(invocation, flow.Symbols))
            {
                if (Read(flow, invocation) is { } other && other.Model.SameModel(model) && Overlap(other.Model, other.Data) is null)
                    return true;
                continue;
            }

            if (!IsInSource(invocation.TargetMethod) || SymbolEqualityComparer.Default.Equals(invocation.TargetMethod.OriginalDefinition, except))
                continue;
            foreach (var argument in invocation.Arguments)
            {
                if (MlSymbols.IsOrImplements(argument.Value.Type, flow.Symbols.Transformer) && flow.ModelOf(argument.Value).SameModel(model))
                    return true;
            }
        }

        return false;
    }

    /// <summary>The code of the <paramref name="index"/>th argument of a <c>Fit</c> call.</summary>
    private static string ArgumentText(IInvocationOperation fit, int index)
        => fit.Arguments.Length > index ? fit.Arguments[index].Value.Syntax.ToString() : fit.Syntax.ToString();

    private static bool IsInSource(IMethodSymbol method)
    {
        foreach (var location in method.Locations)
        {
            if (location.IsInSource)
                return true;
        }

        return false;
    }

    /// <summary>
    /// True when <paramref name="method"/>, or a lambda or local function around <paramref name="evaluate"/>, has a
    /// parameter that is a view or a model: only then can the evaluation depend on its callers.
    /// </summary>
    public static bool TakesViewOrModel(IOperation evaluate, IMethodSymbol method, LeakageSymbols symbols)
    {
        if (TakesViewOrModel(method, symbols))
            return true;
        for (var current = evaluate.Parent; current is not null; current = current.Parent)
        {
            var function = current switch
            {
                IAnonymousFunctionOperation lambda => lambda.Symbol,
                ILocalFunctionOperation local => local.Symbol,
                _ => null,
            };
            if (function is not null && TakesViewOrModel(function, symbols))
                return true;
        }

        return false;
    }

    private static bool TakesViewOrModel(IMethodSymbol method, LeakageSymbols symbols)
    {
        foreach (var parameter in method.Parameters)
        {
            if (MlSymbols.IsOrImplements(parameter.Type, symbols.DataView) || MlSymbols.IsOrImplements(parameter.Type, symbols.Transformer))
                return true;
        }

        return false;
    }

    /// <summary>The parameters of the evaluation's method that its model and rows depend on.</summary>
    public static List<IParameterSymbol> Parameters(Evaluation evaluation)
    {
        var parameters = new List<IParameterSymbol>();
        void Add(object? identity)
        {
            if (identity is IParameterSymbol parameter && !parameters.Exists(p => SymbolEqualityComparer.Default.Equals(p, parameter)))
                parameters.Add(parameter);
        }

        void AddRoots(DataValue? value)
        {
            for (var current = value; current is not null; current = current.Inner)
                Add(current.Identity);
        }

        AddRoots(evaluation.Data);
        if (evaluation.Model.Kind == ModelValueKind.Parameter)
            Add(evaluation.Model.Identity);
        AddRoots(evaluation.Model.Training);
        AddRoots(evaluation.Model.Validation);
        return parameters;
    }
}
