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
/// A value the program reads from outside at run time (the command line, configuration, an environment variable:
/// <see cref="RunTimeInputs"/>) is not a declared source and is reported with where it comes from, unless the method
/// relates it to the lineage (compares it with a declared path, declares or hashes it through the lineage run-time API).
/// Any other value the analysis cannot fold is not judged. Paths that arrive as parameters are judged at compilation
/// end at the call sites (<see cref="ParameterCallSites"/>): the load is reported when a visible call site passes an
/// undeclared path.
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

    internal static readonly DiagnosticDescriptor RunTimeInputRule = RuleDescriptors.Create(
        RuleIds.UntrackedDataLoad,
        RuleCategories.DataLineage,
        DiagnosticSeverity.Warning,
        Title,
        messageFormat: "'{0}' reads a path that comes from {1}, which no [DatasetInput] declares, so no lineage record says which data trained the model. Declare the dataset with [DatasetInput] and read it through the generated Lineage.Datasets member, or check the value against it.",
        Description);

    internal static readonly DiagnosticDescriptor RunTimeInputCallSiteRule = RuleDescriptors.Create(
        RuleIds.UntrackedDataLoad,
        RuleCategories.DataLineage,
        DiagnosticSeverity.Warning,
        Title,
        messageFormat: "'{0}' reads a path that comes from {1} (passed by {2}), which no [DatasetInput] declares, so no lineage record says which data trained the model. Declare the dataset with [DatasetInput] and pass the generated Lineage.Datasets member, or check the value against it.",
        Description,
        customTags: WellKnownDiagnosticTags.CompilationEnd);

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics
        => ImmutableArray.Create(Rule, DatabaseRule, CallSiteRule, RunTimeInputRule, RunTimeInputCallSiteRule);

    internal override void Start(RuleStart start)
    {
        var symbols = start.Symbols;
        var scopes = start.Facts.TrainingScopes;
        var evaluator = start.Facts.Paths;
        var paths = new PathChecks(start, RuleIds.UntrackedDataLoad, trainingCodeOnly: true, (site, values) => Judge(site, values, symbols));

        // A listing is judged for the callers that use what it lists as data (not to delete it or to find a model file in
        // it), and not when the caller also loads that folder with LoadImages / LoadRawImageBytes: that load is the finding.
        var listings = new PathChecks(start, RuleIds.UntrackedDataLoad, trainingCodeOnly: true, (site, values) =>
            Judge(site, values.Where(v => v.Via is not { } caller || (ReadsWhatIsListed(caller.Call, symbols) && !ImageLoadReads(caller.Call, v.Parts, symbols, evaluator))).ToList(), symbols));

        void OnLoad(OperationAnalysisContext c)
        {
            if (!DataLoadApis.TryGet(c.Operation, symbols, out var load))
                return;
            if (load.Kind == DataSourceKind.Database)
            {
                scopes.ReportIfTrainingCode(c, Diagnostic.Create(DatabaseRule, c.Operation.Syntax.GetLocation(), load.Api));
                return;
            }

            if (load.IsListing)
            {
                if (!evaluator.Evaluate(load.Sources[0]).Alternatives.Any(a => ImageLoadReads(c.Operation, a, symbols, evaluator)))
                    listings.Check(c, load.Api, load.Sources[0], servesCallers: c.ContainingSymbol is IMethodSymbol { MethodKind: MethodKind.Ordinary, ReturnsVoid: false });
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
        start.OnCompilationEnd(c =>
        {
            paths.JudgeQueued(c);
            listings.JudgeQueued(c);
        });
    }

    /// <summary>What a call of a helper that lists files returns is read as data by the caller (<see cref="ListedFiles.AreRead"/>).</summary>
    private static bool ReadsWhatIsListed(IOperation call, MlSymbols symbols)
        => call is not IInvocationOperation { TargetMethod.ReturnsVoid: false } invocation || ListedFiles.AreRead(invocation, symbols);

    /// <summary>
    /// One dataset, one finding: a folder listing in the member that also loads that folder (or a folder around it) with
    /// <c>LoadImages</c> / <c>LoadRawImageBytes</c> lists the images that load reads, so the image load is where the
    /// dataset enters training and the only finding. <paramref name="inMember"/> is any operation of that member.
    /// </summary>
    private static bool ImageLoadReads(IOperation inMember, ImmutableArray<PathPart> folder, MlSymbols symbols, PathEvaluator evaluator)
    {
        if (folder.Any(p => p.Kind == PathPartKind.Unknown))
            return false;
        var listed = PathValue.Render(folder);
        var root = inMember;
        while (root.Parent is not null)
            root = root.Parent;
        foreach (var invocation in root.Descendants().OfType<IInvocationOperation>())
        {
            if (invocation.TargetMethod.Name is not ("LoadImages" or "LoadRawImageBytes")
                || !DataLoadApis.TryGet(invocation, symbols, out var imageLoad)
                || imageLoad.Sources.IsEmpty)
                continue;
            foreach (var loaded in evaluator.Evaluate(imageLoad.Sources[0]).Alternatives)
            {
                if (!loaded.Any(p => p.Kind == PathPartKind.Unknown) && PathJudgement.NamesDeclaredPath(listed, PathValue.Render(loaded)))
                    return true;
            }
        }

        return false;
    }

    /// <summary>
    /// The first value of the path that no <c>[DatasetInput]</c> declares (of the loading type and the types around it,
    /// or of a type the value was passed through), or that the program reads from outside at run time.
    /// </summary>
    private static Diagnostic? Judge(PathSite site, IReadOnlyList<ResolvedPath> values, MlSymbols symbols)
    {
        var declared = PathJudgement.DeclaredDatasetPaths(site.Type, symbols);
        foreach (var value in values)
        {
            var declaredHere = value.CallerTypes.IsEmpty ? declared : declared.AddRange(value.CallerTypes.SelectMany(t => PathJudgement.DeclaredDatasetPaths(t, symbols)));
            var caller = value.Via?.Description ?? "its caller";
            switch (PathJudgement.JudgeLoad(value.Parts, declaredHere))
            {
                case LoadVerdict.Undeclared:
                    var path = value.Render();
                    var properties = ImmutableDictionary<string, string?>.Empty.Add(PathProperty, path);
                    return site.AtCallSites
                        ? Diagnostic.Create(CallSiteRule, site.Location, properties, site.Api, path, caller)
                        : Diagnostic.Create(Rule, site.Location, properties, site.Api, path);
                case LoadVerdict.RunTimeInput when !RelatesToLineage(site.Call, symbols) && (value.Via is null || !RelatesToLineage(value.Via.Call, symbols)):
                    // No fix: there is no path to declare, the person running the program chooses it.
                    var source = PathJudgement.RunTimeSource(value.Parts);
                    return site.AtCallSites
                        ? Diagnostic.Create(RunTimeInputCallSiteRule, site.Location, site.Api, source, caller)
                        : Diagnostic.Create(RunTimeInputRule, site.Location, site.Api, source);
            }
        }

        return null;
    }

    /// <summary>
    /// The method around <paramref name="call"/> ties a run-time path to the lineage: it compares a value with a declared
    /// path (<c>DatasetDeclaration.Path</c>), declares a dataset at run time (<c>new DatasetDeclaration(name, path)</c>), or
    /// hashes one (<c>DatasetFingerprint</c>, <c>DatasetHasher</c>, <c>LineageRecord.DatasetPath</c>).
    /// </summary>
    private static bool RelatesToLineage(IOperation call, MlSymbols symbols)
    {
        var root = call;
        while (root.Parent is not null)
            root = root.Parent;
        foreach (var operation in root.DescendantsAndSelf())
        {
            switch (operation)
            {
                case IObjectCreationOperation creation when MlSymbols.Is(creation.Type, symbols.DatasetDeclaration):
                    return true;
                case IInvocationOperation invocation when MlSymbols.Is(invocation.TargetMethod.ContainingType, symbols.DatasetFingerprint)
                                                          || MlSymbols.Is(invocation.TargetMethod.ContainingType, symbols.DatasetHasher)
                                                          || (invocation.TargetMethod.Name == "DatasetPath" && MlSymbols.Is(invocation.TargetMethod.ContainingType, symbols.LineageRecord)):
                    return true;
                case IInvocationOperation { TargetMethod.Name: "Equals" } equals when equals.Arguments.Any(a => IsDeclaredPath(a.Value, symbols)) || IsDeclaredPath(equals.Instance, symbols):
                    return true;
                case IBinaryOperation { OperatorKind: BinaryOperatorKind.Equals or BinaryOperatorKind.NotEquals } comparison
                    when IsDeclaredPath(comparison.LeftOperand, symbols) || IsDeclaredPath(comparison.RightOperand, symbols):
                    return true;
            }
        }

        return false;
    }

    /// <summary><c>DatasetDeclaration.Path</c>, possibly normalized (<c>Path.GetFullPath(...)</c>).</summary>
    private static bool IsDeclaredPath(IOperation? operation, MlSymbols symbols)
    {
        for (var current = operation?.WalkDownConversions(); current is not null;)
        {
            switch (current)
            {
                case IPropertyReferenceOperation { Property.Name: "Path" } property when MlSymbols.Is(property.Property.ContainingType, symbols.DatasetDeclaration):
                    return true;
                case IInvocationOperation { Arguments.Length: 1 } normalize when MlSymbols.Is(normalize.TargetMethod.ContainingType, symbols.SystemPath):
                    current = normalize.Arguments[0].Value.WalkDownConversions();
                    break;
                default:
                    return false;
            }
        }

        return false;
    }
}
