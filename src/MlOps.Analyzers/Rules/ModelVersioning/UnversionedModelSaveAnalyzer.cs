using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using MlOps.Analyzers.Apis;
using MlOps.Analyzers.Catalog;
using MlOps.Analyzers.Engine;
using MlOps.Analyzers.Facts.CallSites;
using MlOps.Analyzers.Facts.Paths;
using MlOps.Analyzers.Facts.Training;

namespace MlOps.Analyzers.Rules.ModelVersioning;

/// <summary>
/// MLOPS020: a model saved to a fixed path (ML.NET <c>Model.Save</c>, TorchSharp <c>Module.save</c>,
/// <c>torch.save</c>, <c>Tensor.save</c>, <c>torch.jit.save</c>): every run overwrites the previous model, so the
/// model that produced last week's numbers is gone. A path with a version, run id, timestamp, hash or training-loop
/// counter component, a <c>[ModelOutput]</c> template resolved by the lineage class, or a non-file stream is not a
/// finding; names (a label, an algorithm, a dataset name) and aliases (<c>latest</c>) do not version a path
/// (<see cref="PathPart.OfSymbol"/>). A model fitted on an empty view carries no training data (<see cref="SchemaOnlyModels"/>).
/// </summary>
/// <remarks>
/// A path decided inside the method is reported as the code is analysed (live in the IDE). A path that arrives as
/// a parameter is judged at compilation end, at the call sites in the compilation (<see cref="ParameterCallSites"/>):
/// it is reported with <see cref="CallSiteRule"/>, which carries the CompilationEnd tag (build and full-solution
/// analysis only).
/// </remarks>
public sealed class UnversionedModelSaveAnalyzer : Rule
{
    /// <summary>Diagnostic property: the fixed path, as folded (for the fix).</summary>
    public const string PathProperty = "Path";

    private const string Title = "Unversioned model save";
    private const string Description =
        "A model saved to a fixed path is overwritten by the next run, so the model behind a past result cannot be recovered or audited. "
        + "Save each version to its own file: declare a [ModelOutput] template with {version} and save to its resolved path.";

    internal static readonly DiagnosticDescriptor Rule = RuleDescriptors.Create(
        RuleIds.UnversionedModelSave,
        RuleCategories.ModelVersioning,
        DiagnosticSeverity.Warning,
        Title,
        messageFormat: "'{0}' saves the model to the fixed path '{1}': every run overwrites the previous model. Save to a versioned path (a [ModelOutput] template resolved with the pipeline version).",
        Description);

    internal static readonly DiagnosticDescriptor CallSiteRule = RuleDescriptors.Create(
        RuleIds.UnversionedModelSave,
        RuleCategories.ModelVersioning,
        DiagnosticSeverity.Warning,
        Title,
        messageFormat: "'{0}' saves the model to the fixed path '{1}' (passed by {2}): every run overwrites the previous model. Save to a versioned path (a [ModelOutput] template resolved with the pipeline version).",
        Description,
        customTags: WellKnownDiagnosticTags.CompilationEnd);

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(Rule, CallSiteRule);

    internal override void Start(RuleStart start)
    {
        var symbols = start.Symbols;
        if (symbols.ModelOperationsCatalog is null && symbols.TorchModule is null)
            return;

        var paths = new PathChecks(start, RuleIds.UnversionedModelSave, trainingCodeOnly: false, Judge);
        start.OnInvocation(Calls.Named(ModelSaveApis.Owners, ModelSaveApis.Names), c =>
        {
            if (ModelSaveApis.TryGet((IInvocationOperation)c.Operation, symbols, out var save) && !SchemaOnlyModels.Is(save.Model?.Value, symbols))
                paths.Check(c, save.Api, save.Destination.Value);
        });
        start.OnCompilationEnd(paths.JudgeQueued);
    }

    /// <summary>Fixed when every value of the path is; the message names one (passed by a call site, when there is one).</summary>
    private static Diagnostic? Judge(PathSite site, IReadOnlyList<ResolvedPath> values)
    {
        if (PathJudgement.JudgeSave(values.Select(v => v.Parts)) != SaveVerdict.Fixed)
            return null;
        if (!site.AtCallSites)
        {
            var path = values[0].Render();
            var properties = ImmutableDictionary<string, string?>.Empty.Add(PathProperty, path);
            return Diagnostic.Create(Rule, site.Location, properties, site.Api, path);
        }

        var example = values.FirstOrDefault(v => v.Via is not null) ?? values[0];
        return Diagnostic.Create(CallSiteRule, site.Location, site.Api, example.Render(), example.Via?.Description ?? "its caller");
    }
}
