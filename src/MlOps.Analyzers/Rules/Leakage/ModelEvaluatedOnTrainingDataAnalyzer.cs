using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;
using MlOps.Analyzers.Catalog;
using MlOps.Analyzers.Engine;
using MlOps.Analyzers.Facts.CallSites;
using MlOps.Analyzers.Facts.Leakage;
using MlOps.Analyzers.Facts.Symbols;

namespace MlOps.Analyzers.Rules.Leakage;

/// <summary>
/// MLOPS030: a supervised <c>Evaluate(M.Transform(X))</c> where M was fitted on X, on rows X derives from or that
/// derive from X, on an overlapping split, or with X as validation data that can change the model (early stopping,
/// pruning). Not reported when the method also evaluates M on rows not known to overlap (training beside test
/// metrics). Facts in <see cref="RowOverlap"/>, <see cref="LeakageFlow"/> and <see cref="TrainingDataEvaluations"/>.
/// </summary>
/// <remarks>
/// What the method decides itself is reported as the code is analysed. A model or view that arrives as a parameter is
/// judged at compilation end at each visible call site (<see cref="ParameterCallSites"/>), reported with
/// <see cref="CallSiteRule"/> on the helper's <c>Evaluate</c>, naming the call site.
/// </remarks>
public sealed class ModelEvaluatedOnTrainingDataAnalyzer : Rule
{
    private const string Title = "Model evaluated on data it was trained on";
    private const string Description =
        "A model scored on rows it was fitted on (the same view, a view derived from it, a different split of the same rows, or test data used for early stopping or pruning) "
        + "reports a quality it will not reach on new data. Evaluate on rows held out from training: the other part of the same split, or a separately loaded test set.";

    internal static readonly DiagnosticDescriptor Rule = RuleDescriptors.Create(
        RuleIds.ModelEvaluatedOnTrainingData,
        RuleCategories.Leakage,
        DiagnosticSeverity.Warning,
        Title,
        messageFormat: "'{0}' measures the model on '{1}', which shares rows with '{2}', the data the model was fitted on: the metrics overstate how it does on new data. Evaluate on rows held out from training (the test part of the split).",
        Description);

    internal static readonly DiagnosticDescriptor CallSiteRule = RuleDescriptors.Create(
        RuleIds.ModelEvaluatedOnTrainingData,
        RuleCategories.Leakage,
        DiagnosticSeverity.Warning,
        Title,
        messageFormat: "'{0}' measures the model on '{1}', which {3} passes as '{2}', rows the model was fitted on: the metrics overstate how it does on new data. Pass rows held out from training.",
        Description,
        customTags: WellKnownDiagnosticTags.CompilationEnd);

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(Rule, CallSiteRule);

    internal override void Start(RuleStart start)
    {
        if (!start.Symbols.HasMlNet)
            return;

        var analysis = LeakageAnalysis.For(start.Symbols);
        var callSites = start.Facts.CallSites;
        var pending = new ConcurrentQueue<(Evaluation Evaluation, IMethodSymbol Method)>();

        start.OnInvocation(Calls.Named(ApiOwners.MlNet, "Evaluate", "EvaluateNonCalibrated"), c =>
        {
            var invocation = (IInvocationOperation)c.Operation;
            if (!TrainingDataEvaluations.IsSupervisedEvaluation(invocation, analysis.Symbols))
                return;
            var flow = analysis.FlowOf(invocation);
            if (TrainingDataEvaluations.Read(flow, invocation) is not { } evaluation)
                return;

            if (TrainingDataEvaluations.Overlap(evaluation.Model, evaluation.Data) is { } overlap)
            {
                if (!TrainingDataEvaluations.HasOtherEvaluation(flow, evaluation.Model, invocation, except: null))
                    c.ReportDiagnostic(Diagnostic.Create(Rule, invocation.GetNameLocation(), invocation.TargetMethod.Name, evaluation.DataText, overlap.FittedOnText));
                return;
            }

            // Whether the rows or the model come from a parameter is asked only where a view or a model is a parameter: the
            // answer follows the split inputs back to their roots, which costs a control-flow graph for a reassigned local.
            if (c.ContainingSymbol is IMethodSymbol method && TrainingDataEvaluations.TakesViewOrModel(invocation, method, analysis.Symbols) && evaluation.DependsOnParameter)
                pending.Enqueue((evaluation, method));
        });

        start.OnCompilationEnd(c =>
        {
            foreach (var (evaluation, method) in pending)
            {
                if (JudgeAtCallSites(analysis, callSites, evaluation, method) is { } finding)
                    c.ReportDiagnostic(Diagnostic.Create(
                        CallSiteRule, evaluation.Call.GetNameLocation(), evaluation.Call.TargetMethod.Name, evaluation.DataText, finding.Passed, finding.Site.Description));
            }
        });
    }

    /// <summary>
    /// The first call site at which the evaluation scores the model on its training rows, in a caller that evaluates that
    /// model on nothing else; null when there is none or the call sites cannot all be seen.
    /// </summary>
    private static (PathCallSite Site, string Passed)? JudgeAtCallSites(
        LeakageAnalysis analysis, ParameterCallSites callSites, Evaluation evaluation, IMethodSymbol method)
    {
        var parameters = TrainingDataEvaluations.Parameters(evaluation);
        if (parameters.Count == 0 || callSites.CallSitesOf(parameters[0]) is not { } sites)
            return null;

        var clean = new List<(LeakageFlow Caller, ModelValue Model)>();
        var leaky = new List<(LeakageFlow Caller, ModelValue Model, PathCallSite Site, string Passed)>();
        foreach (var site in sites)
        {
            var caller = analysis.FlowOf(site.Call);
            var arguments = ArgumentsOf(site.Call);
            DataValue? DataArgument(IParameterSymbol parameter) => Find(arguments, parameter) is { } value ? caller.DataOf(value) : null;
            ModelValue? ModelArgument(IParameterSymbol parameter) => Find(arguments, parameter) is { } value ? caller.ModelOf(value) : null;

            var model = evaluation.Model.Substitute(DataArgument, ModelArgument);
            var data = evaluation.Data.Substitute(DataArgument);
            if (TrainingDataEvaluations.Overlap(model, data) is { } overlap)
            {
                var passed = RootParameter(evaluation.Data) is { } scored && Find(arguments, scored) is { } argument
                    ? argument.Syntax.ToString()
                    : overlap.FittedOnText;
                leaky.Add((caller, model, site, passed));
            }
            else
            {
                clean.Add((caller, model));
            }
        }

        foreach (var (caller, model, site, passed) in leaky)
        {
            if (clean.Exists(c => ReferenceEquals(c.Caller, caller) && c.Model.SameModel(model))
                || TrainingDataEvaluations.HasOtherEvaluation(caller, model, leaky: null, except: method.OriginalDefinition))
                continue;
            return (site, passed);
        }

        return null;
    }

    private static ImmutableArray<IArgumentOperation> ArgumentsOf(IOperation call) => call switch
    {
        IInvocationOperation invocation => invocation.Arguments,
        IObjectCreationOperation creation => creation.Arguments,
        _ => ImmutableArray<IArgumentOperation>.Empty,
    };

    private static IOperation? Find(ImmutableArray<IArgumentOperation> arguments, IParameterSymbol parameter)
    {
        foreach (var argument in arguments)
        {
            if (argument.ArgumentKind != ArgumentKind.DefaultValue
                && SymbolEqualityComparer.Default.Equals(argument.Parameter?.OriginalDefinition, parameter.OriginalDefinition))
                return argument.Value;
        }

        return null;
    }

    private static IParameterSymbol? RootParameter(DataValue value)
    {
        for (var current = value; current is not null; current = current.Inner)
        {
            if (current.Identity is IParameterSymbol parameter)
                return parameter;
        }

        return null;
    }
}
