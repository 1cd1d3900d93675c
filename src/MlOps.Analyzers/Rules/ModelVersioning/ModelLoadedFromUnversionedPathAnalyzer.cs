using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using MlOps.Analyzers.Apis;
using MlOps.Analyzers.Catalog;
using MlOps.Analyzers.Engine;
using MlOps.Analyzers.Facts.Paths;

namespace MlOps.Analyzers.Rules.ModelVersioning;

/// <summary>
/// MLOPS022: training code (RULES.md's training scope: a <c>[TrainingPipeline]</c> type, or a member that trains) loads a
/// model from a fixed path (ML.NET <c>Model.Load</c>, TorchSharp <c>Module.load</c> / <c>torch.jit.load</c>, ONNX
/// Runtime <c>new InferenceSession</c>): whichever run wrote that file last is the model used, and nothing says which
/// version it is. The path is judged as MLOPS020 judges a save path (<see cref="PathJudgement.JudgeSave(System.Collections.Generic.IEnumerable{ImmutableArray{PathPart}})"/>):
/// a version, run id, timestamp or hash part, or a resolved <c>[ModelOutput]</c> template, versions it; a part whose value
/// is unknown at compile time (configuration, a parameter) is not judged.
/// </summary>
public sealed class ModelLoadedFromUnversionedPathAnalyzer : Rule
{
    internal static readonly DiagnosticDescriptor Rule = RuleDescriptors.Create(
        RuleIds.ModelLoadedFromUnversionedPath,
        RuleCategories.ModelVersioning,
        DiagnosticSeverity.Info,
        title: "Model loaded from an unversioned path",
        messageFormat: "'{0}' loads the model from the fixed path '{1}': which model version this code uses cannot be told. Load from a versioned path (a [ModelOutput] template resolved with the pipeline version).",
        description: "Training code that loads a model from a fixed path (to evaluate it, to fine-tune it, to compare with it) uses whatever model the last run wrote there, and its results cannot name the model version they came from. "
                     + "Load a versioned path instead: the [ModelOutput] template resolved with the version wanted, or a path with a version or run id.");

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(Rule);

    internal override void Start(RuleStart start)
    {
        var symbols = start.Symbols;
        if (symbols.ModelOperationsCatalog is null && symbols.TorchModule is null && symbols.OnnxInferenceSession is null)
            return;

        var evaluator = start.Facts.Paths;
        var scopes = start.Facts.TrainingScopes;

        void Judge(OperationAnalysisContext c, ModelLoad load)
        {
            var value = evaluator.Evaluate(load.Source.Value);
            if (value.HasParameters || PathJudgement.JudgeSave(value.Alternatives) != SaveVerdict.Fixed)
                return; // a path that arrives as a parameter, or is not provably fixed, is not judged
            var path = PathValue.Render(value.Alternatives[0]);
            scopes.ReportIfTrainingCode(c, Diagnostic.Create(Rule, c.Operation.Syntax.GetLocation(), load.Api, path));
        }

        start.OnInvocation(Calls.Named(ModelLoadApis.Owners, ModelLoadApis.Names), c =>
        {
            if (ModelLoadApis.TryGet((IInvocationOperation)c.Operation, symbols, out var load))
                Judge(c, load);
        });
        start.OnCreation(Calls.Named(ModelLoadApis.Owners, ModelLoadApis.InferenceSessionName), c =>
        {
            if (ModelLoadApis.TryGet((IObjectCreationOperation)c.Operation, symbols, out var load))
                Judge(c, load);
        });
    }
}
