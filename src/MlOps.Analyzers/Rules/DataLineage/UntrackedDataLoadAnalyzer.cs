using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using MlOps.Analyzers.Apis;
using MlOps.Analyzers.Catalog;
using MlOps.Analyzers.Engine;
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
        messageFormat: "'{0}' reads '{1}', which the pipeline's lineage does not declare: declare it with [DatasetInput] and read it through the generated Lineage.Datasets member.",
        Description);

    internal static readonly DiagnosticDescriptor DatabaseRule = RuleDescriptors.Create(
        RuleIds.UntrackedDataLoad,
        RuleCategories.DataLineage,
        DiagnosticSeverity.Warning,
        Title,
        messageFormat: "'{0}' reads training data from a database, which the pipeline's lineage cannot record: snapshot the query result to a file, declare it with [DatasetInput] and load that.",
        Description);

    internal static readonly DiagnosticDescriptor CallSiteRule = RuleDescriptors.Create(
        RuleIds.UntrackedDataLoad,
        RuleCategories.DataLineage,
        DiagnosticSeverity.Warning,
        Title,
        messageFormat: "'{0}' reads '{1}' (passed by {2}), which the pipeline's lineage does not declare: declare it with [DatasetInput] and pass the generated Lineage.Datasets member.",
        Description,
        customTags: WellKnownDiagnosticTags.CompilationEnd);

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(Rule, DatabaseRule, CallSiteRule);

    internal override void Start(RuleStart start)
    {
        var symbols = start.Symbols;
        var evaluator = start.Facts.Paths;
        var callSites = start.Facts.CallSites;
        var scopes = start.Facts.TrainingScopes;
        var pending = new ConcurrentQueue<PendingLoad>();

        void OnLoad(OperationAnalysisContext c)
        {
            if (!DataLoadApis.TryGet(c.Operation, symbols, out var load))
                return;
            var location = c.Operation.Syntax.GetLocation();
            if (load.Kind == DataSourceKind.Database)
            {
                scopes.ReportIfTrainingCode(c, Diagnostic.Create(DatabaseRule, location, load.Api));
                return;
            }

            var type = TypeOf(c.ContainingSymbol);
            var declared = PathJudgement.DeclaredDatasetPaths(type, symbols);
            foreach (var source in load.Sources)
            {
                var value = evaluator.Evaluate(source);
                if (value.HasParameters)
                {
                    pending.Enqueue(new PendingLoad(load.Api, location, value, type, c.ContainingSymbol, declared));
                    continue;
                }

                var undeclared = FirstUndeclared(value, declared);
                if (undeclared.IsDefault)
                    continue;
                var path = PathValue.Render(undeclared);
                var properties = ImmutableDictionary<string, string?>.Empty.Add(PathProperty, path);
                scopes.ReportIfTrainingCode(c, Diagnostic.Create(Rule, location, properties, load.Api, path));
                return; // one finding per call
            }
        }

        start.OnInvocation(Calls.Into(DataLoadApis.Owners), OnLoad);
        start.OnCreation(Calls.Named(ApiOwners.MlNet, "MultiFileSource"), OnLoad);

        start.OnCompilationEnd(c =>
        {
            var reported = new HashSet<Location>();
            foreach (var load in pending)
            {
                var mode = MlOpsOptions.For(c.Options, load.Location.SourceTree!).TrainingScope(RuleIds.UntrackedDataLoad);
                if (!scopes.AtCompilationEnd(load.Type).IsTrainingCode(mode, load.Member) || reported.Contains(load.Location))
                    continue;
                foreach (var resolved in callSites.Resolve(load.Value))
                {
                    var declared = load.Declared.AddRange(resolved.CallerTypes.SelectMany(t => PathJudgement.DeclaredDatasetPaths(t, symbols)));
                    if (PathJudgement.JudgeLoad(resolved.Parts, declared) != LoadVerdict.Undeclared)
                        continue;
                    var path = resolved.Render();
                    var properties = ImmutableDictionary<string, string?>.Empty.Add(PathProperty, path);
                    c.ReportDiagnostic(Diagnostic.Create(CallSiteRule, load.Location, properties, load.Api, path, resolved.Via?.Description ?? "its caller"));
                    reported.Add(load.Location);
                    break;
                }
            }
        });
    }

    private static INamedTypeSymbol TypeOf(ISymbol member) => member as INamedTypeSymbol ?? member.ContainingType;

    /// <summary>The first value of the path that is not a declared dataset, or default.</summary>
    /// <remarks>A loop, not LINQ: a lambda capturing <paramref name="declared"/> made the compiler allocate its closure at the
    /// start of the operation callback, for every invocation of the code base.</remarks>
    private static ImmutableArray<PathPart> FirstUndeclared(PathValue value, ImmutableArray<string> declared)
    {
        foreach (var alternative in value.Alternatives)
        {
            if (PathJudgement.JudgeLoad(alternative, declared) == LoadVerdict.Undeclared)
                return alternative;
        }

        return default;
    }

    private sealed class PendingLoad
    {
        public PendingLoad(string api, Location location, PathValue value, INamedTypeSymbol type, ISymbol member, ImmutableArray<string> declared)
        {
            Api = api;
            Location = location;
            Value = value;
            Type = type;
            Member = member;
            Declared = declared;
        }

        public string Api { get; }
        public Location Location { get; }
        public PathValue Value { get; }
        public INamedTypeSymbol Type { get; }

        /// <summary>The member the load is in (see <see cref="TrainingScope.IsTrainingCode"/>).</summary>
        public ISymbol Member { get; }
        public ImmutableArray<string> Declared { get; }
    }
}
