using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using MlOps.Analyzers.Apis;
using MlOps.Analyzers.Catalog;
using MlOps.Analyzers.Engine;
using MlOps.Analyzers.Facts.CallSites;
using MlOps.Analyzers.Facts.Paths;
using MlOps.Analyzers.Facts.Symbols;

namespace MlOps.Analyzers.Rules.DataLineage;

/// <summary>
/// MLOPS010: training code that reads data its pipeline does not declare. "Declared" is decided by value
/// (<see cref="PathJudgement.JudgeLoad(ImmutableArray{PathPart}, IEnumerable{string})"/>): a constant path equal to a
/// <c>[DatasetInput]</c> path of the enclosing pipeline (or a file under a declared folder), or a path built from the
/// generated lineage members (<c>DatasetDeclaration.Path</c>). Without the declaration the run's lineage record cannot
/// say which data trained the model, and <c>Capture()</c> does not hash it.
/// </summary>
/// <remarks>
/// Only paths the analysis can fold are judged; a run-time value (a configuration entry, a command-line argument) is
/// not reported. Paths that arrive as parameters are judged at compilation end at the call sites
/// (<see cref="ParameterCallSites"/>): the load is reported when a visible call site passes an undeclared path.
/// </remarks>
public sealed class UntrackedDataLoadAnalyzer : Rule
{
    /// <summary>Diagnostic property: the undeclared path, as folded (for the fix).</summary>
    public const string PathProperty = "Path";

    private const string Title = "Untracked data load";
    private const string Description =
        "Training code that reads data its pipeline does not declare leaves the model without a record of what it was trained on. "
        + "Declare each dataset with [DatasetInput] on the pipeline and read it through the generated Lineage.Datasets member, so every run records and hashes it.";

    internal static readonly DiagnosticDescriptor Rule = RuleDescriptors.Create(
        RuleIds.UntrackedDataLoad,
        RuleCategories.DataLineage,
        DiagnosticSeverity.Warning,
        Title,
        messageFormat: "'{0}' reads '{1}', which no [DatasetInput] declares, so no lineage record says which data trained the model. Declare it with [DatasetInput] and read it through the generated Lineage.Datasets member.",
        Description);

    internal static readonly DiagnosticDescriptor DatabaseRule = RuleDescriptors.Create(
        RuleIds.UntrackedDataLoad,
        RuleCategories.DataLineage,
        DiagnosticSeverity.Warning,
        Title,
        messageFormat: "'{0}' reads training data from a database, and a lineage record cannot hash a query result. Snapshot the result to a file, declare that file with [DatasetInput] and load it.",
        Description);

    internal static readonly DiagnosticDescriptor CallSiteRule = RuleDescriptors.Create(
        RuleIds.UntrackedDataLoad,
        RuleCategories.DataLineage,
        DiagnosticSeverity.Warning,
        Title,
        messageFormat: "'{0}' reads '{1}' (passed by {2}), which no [DatasetInput] declares, so no lineage record says which data trained the model. Declare it with [DatasetInput] and pass the generated Lineage.Datasets member.",
        Description,
        customTags: WellKnownDiagnosticTags.CompilationEnd);

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(Rule, DatabaseRule, CallSiteRule);

    internal override void Start(RuleStart start)
    {
        var symbols = start.Symbols;
        var scopes = start.Facts.TrainingScopes;
        var paths = new PathChecks(start, RuleIds.UntrackedDataLoad, trainingCodeOnly: true, (site, values) => Judge(site, values, symbols));

        void OnLoad(OperationAnalysisContext c)
        {
            if (!DataLoadApis.TryGet(c.Operation, symbols, out var load))
                return;
            if (load.Kind == DataSourceKind.Database)
            {
                scopes.ReportIfTrainingCode(c, Diagnostic.Create(DatabaseRule, c.Operation.Syntax.GetLocation(), load.Api));
                return;
            }

            foreach (var source in load.Sources)
            {
                if (paths.Check(c, load.Api, source))
                    return; // one finding per call
            }
        }

        start.OnInvocation(Calls.Into(DataLoadApis.Owners), OnLoad);
        start.OnCreation(Calls.Named(ApiOwners.MlNet, "MultiFileSource"), OnLoad);
        start.OnCompilationEnd(paths.JudgeQueued);
    }

    /// <summary>
    /// The first value of the path that no <c>[DatasetInput]</c> declares: of the loading type (and the types around it),
    /// or of a type the value was passed through.
    /// </summary>
    private static Diagnostic? Judge(PathSite site, IReadOnlyList<ResolvedPath> values, MlSymbols symbols)
    {
        var declared = PathJudgement.DeclaredDatasetPaths(site.Type, symbols);
        foreach (var value in values)
        {
            var declaredHere = value.CallerTypes.IsEmpty ? declared : declared.AddRange(value.CallerTypes.SelectMany(t => PathJudgement.DeclaredDatasetPaths(t, symbols)));
            if (PathJudgement.JudgeLoad(value.Parts, declaredHere) != LoadVerdict.Undeclared)
                continue;
            var path = value.Render();
            var properties = ImmutableDictionary<string, string?>.Empty.Add(PathProperty, path);
            return site.AtCallSites
                ? Diagnostic.Create(CallSiteRule, site.Location, properties, site.Api, path, value.Via?.Description ?? "its caller")
                : Diagnostic.Create(Rule, site.Location, properties, site.Api, path);
        }

        return null;
    }
}
