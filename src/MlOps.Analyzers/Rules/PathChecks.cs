using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using MlOps.Analyzers.Catalog;
using MlOps.Analyzers.Engine;
using MlOps.Analyzers.Facts.CallSites;
using MlOps.Analyzers.Facts.Paths;
using MlOps.Analyzers.Facts.Training;

namespace MlOps.Analyzers.Rules;

/// <summary>Where a path rule met a path: the call that loads, downloads or saves, and the member it is in.</summary>
internal sealed class PathSite
{
    public PathSite(string api, IOperation call, ISymbol member, bool atCallSites, bool servesCallers = false)
    {
        Api = api;
        Call = call;
        Location = call.Syntax.GetLocation();
        Member = member;
        AtCallSites = atCallSites;
        ServesCallers = servesCallers;
    }

    /// <summary>How the message names the call (<c>MLContext.Data.LoadFromTextFile</c>, <c>torch.save</c>, ...).</summary>
    public string Api { get; }

    /// <summary>The operation that loads, downloads or saves.</summary>
    public IOperation Call { get; }

    public Location Location { get; }

    /// <summary>The member the call is in (see <see cref="TrainingScope.IsTrainingCode"/>).</summary>
    public ISymbol Member { get; }

    public INamedTypeSymbol Type => Member as INamedTypeSymbol ?? Member.ContainingType;

    /// <summary>The path arrived through parameters: its values are what the call sites pass, judged at compilation end.</summary>
    public bool AtCallSites { get; }

    /// <summary>
    /// The call works for the member's callers (a helper that lists a folder and returns its files, or downloads the URL
    /// its caller passes): outside training code, its path is judged with the values of the call sites that are training code.
    /// </summary>
    public bool ServesCallers { get; }
}

/// <summary>
/// A path rule's own judgement: given every value the path can take (for a parameter, each value a visible call site
/// passes, with <see cref="ResolvedPath.Via"/> naming it), the diagnostic to report at <paramref name="site"/>, or null.
/// </summary>
internal delegate Diagnostic? JudgePath(PathSite site, IReadOnlyList<ResolvedPath> values);

/// <summary>
/// What the path rules (MLOPS010 loads, 011 downloads, 020 and 021 saves) share: a path decided in its method is judged
/// as the code is analysed, so the finding shows as you type; a path that arrives as a parameter is queued and judged
/// at compilation end with what the call sites pass (<see cref="ParameterCallSites"/>, RULES.md "Values that arrive as
/// parameters"). The rule keeps its judgement (<see cref="JudgePath"/>) and its descriptors.
/// </summary>
internal sealed class PathChecks
{
    private readonly string _ruleId;
    private readonly JudgePath _judge;
    private readonly PathEvaluator _evaluator;
    private readonly ParameterCallSites _callSites;
    private readonly TrainingScopes? _scopes;
    private readonly ConcurrentQueue<(PathSite Site, PathValue Value, IOperation? Path)> _queued = new();

    /// <param name="start">The compilation's start.</param>
    /// <param name="ruleId">The rule's id (for its <c>mlops_analyzers.training_scope</c> option).</param>
    /// <param name="trainingCodeOnly">
    /// Report only in training code (RULES.md "Training code": generic .NET APIs are findings only there); false for a
    /// rule about ML APIs, which are findings wherever they are used.
    /// </param>
    /// <param name="judge">The rule's judgement of one path.</param>
    public PathChecks(RuleStart start, string ruleId, bool trainingCodeOnly, JudgePath judge)
    {
        _ruleId = ruleId;
        _judge = judge;
        _evaluator = start.Facts.Paths;
        _callSites = start.Facts.CallSites;
        _scopes = trainingCodeOnly ? start.Facts.TrainingScopes : null;
    }

    /// <summary>
    /// Judges <paramref name="path"/>, used by the current operation, now; or queues it for <see cref="JudgeQueued"/>
    /// when its value depends on parameters, or on code in another file that nothing found now. True when it was
    /// judged now and found.
    /// </summary>
    /// <param name="context">The operation that uses the path.</param>
    /// <param name="api">How the message names the call.</param>
    /// <param name="path">The path (or URL, or stream).</param>
    /// <param name="servesCallers">See <see cref="PathSite.ServesCallers"/>.</param>
    public bool Check(OperationAnalysisContext context, string api, IOperation path, bool servesCallers = false)
    {
        var value = _evaluator.Evaluate(path);
        if (value.HasParameters)
        {
            _queued.Enqueue((new PathSite(api, context.Operation, context.ContainingSymbol, atCallSites: true, servesCallers), value, path));
            return false;
        }

        var site = new PathSite(api, context.Operation, context.ContainingSymbol, atCallSites: false, servesCallers);
        if (_judge(site, ValuesOf(value)) is not { } diagnostic)
        {
            if (PathJudgement.HasMembers(value))
                _queued.Enqueue((site, value, path));
            return false;
        }

        if (_scopes is null)
            context.ReportDiagnostic(diagnostic);
        else
            _scopes.ReportIfTrainingCode(context, diagnostic);
        return true;
    }

    /// <summary>Queues <paramref name="path"/> for <see cref="JudgeQueued"/> whatever its value: for a judgement that needs the whole compilation.</summary>
    public void Defer(OperationAnalysisContext context, string api, IOperation path) => Defer(context, api, _evaluator.Evaluate(path), path);

    /// <inheritdoc cref="Defer(OperationAnalysisContext, string, IOperation)"/>
    public void Defer(OperationAnalysisContext context, string api, PathValue value, IOperation? path = null)
        => _queued.Enqueue((new PathSite(api, context.Operation, context.ContainingSymbol, value.HasParameters), value, path));

    /// <summary>
    /// Judges the queued paths (at compilation end): each with the code of other files followed and the values its call
    /// sites pass, one finding per call.
    /// </summary>
    public void JudgeQueued(CompilationAnalysisContext context)
    {
        var reported = new HashSet<Location>();
        foreach (var (site, queued, path) in _queued)
        {
            var inScope = IsInScope(context, site);
            if (reported.Contains(site.Location) || !(inScope || site.ServesCallers))
                continue;
            var value = path is not null && PathJudgement.HasMembers(queued) ? _evaluator.Evaluate(path) : queued;
            IReadOnlyList<ResolvedPath> values = value.HasParameters ? _callSites.Resolve(value) : ValuesOf(value);
            if (!inScope)
                values = values.Where(v => v.Via is { } caller && IsInScope(context, caller)).ToList();
            var judged = value.HasParameters == site.AtCallSites ? site : new PathSite(site.Api, site.Call, site.Member, value.HasParameters, site.ServesCallers);
            if (values.Count == 0 || _judge(judged, values) is not { } diagnostic)
                continue;
            context.ReportDiagnostic(diagnostic);
            reported.Add(site.Location);
        }
    }

    private bool IsInScope(CompilationAnalysisContext context, PathSite site)
        => IsInScope(context, site.Type, site.Member, site.Location);

    /// <summary>Whether the call site is in training code (for a site that <see cref="PathSite.ServesCallers"/>).</summary>
    private bool IsInScope(CompilationAnalysisContext context, PathCallSite caller)
        => caller.ContainingType is { } type ? IsInScope(context, type, caller.ContainingSymbol, caller.Location) : _scopes is null;

    private bool IsInScope(CompilationAnalysisContext context, INamedTypeSymbol type, ISymbol member, Location location)
    {
        if (_scopes is null)
            return true;
        var mode = MlOpsOptions.For(context.Options, location.SourceTree!).TrainingScope(_ruleId);
        return _scopes.AtCompilationEnd(type).IsTrainingCode(mode, member);
    }

    private static List<ResolvedPath> ValuesOf(PathValue value)
    {
        var values = new List<ResolvedPath>(value.Alternatives.Length);
        foreach (var alternative in value.Alternatives)
            values.Add(new ResolvedPath(alternative, null, ImmutableArray<INamedTypeSymbol>.Empty));
        return values;
    }
}
