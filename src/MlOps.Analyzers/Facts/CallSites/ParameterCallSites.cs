using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;
using MlOps.Analyzers.Facts.Paths;
using MlOps.Analyzers.Facts.Symbols;

namespace MlOps.Analyzers.Facts.CallSites;

/// <summary>A call that passes a path (or stream, or URL), or an ML.NET view or model, to a method of this compilation.</summary>
/// <remarks>
/// Built for every call to a source method with a path-like parameter, but read only for the few parameters that reach
/// a load, save or download at compilation end. So the location, the description (a line lookup and a string) and the
/// evaluated value are computed on first use, not at each call: most call sites are never read, and a path evaluation
/// is the most expensive thing a rule does.
/// </remarks>
internal sealed class PathCallSite
{
    private readonly IOperation _call;
    private readonly ISymbol _containingSymbol;
    private readonly IOperation? _argument;
    private readonly PathEvaluator? _evaluator;
    private Location? _location;
    private string? _description;
    private PathValue? _value;

    public PathCallSite(IOperation call, ISymbol containingSymbol, IOperation? argument, PathEvaluator? evaluator)
    {
        _call = call;
        _containingSymbol = containingSymbol;
        _argument = argument;
        _evaluator = evaluator;
        ContainingType = containingSymbol as INamedTypeSymbol ?? containingSymbol.ContainingType;
    }

    public Location Location => _location ??= _call.Syntax.GetLocation();

    /// <summary>The invocation or creation that calls the method.</summary>
    public IOperation Call => _call;

    /// <summary>What the call passes for the parameter (null when it passes nothing we can see).</summary>
    public IOperation? Argument => _argument;

    /// <summary>How the message names the call site: <c>'Program.Main' (Program.cs line 12)</c>.</summary>
    public string Description => _description ??= ParameterCallSites.DescribeCallSite(_call, _containingSymbol);

    public INamedTypeSymbol? ContainingType { get; }

    /// <summary>The member the call is in.</summary>
    public ISymbol ContainingSymbol => _containingSymbol;

    public PathValue Value => _value ??= _argument is null || _evaluator is null ? PathValue.UnknownValue : _evaluator.Evaluate(_argument);
}

/// <summary>One possible value of a path after its parameters were replaced by what the call sites pass.</summary>
internal sealed class ResolvedPath
{
    public ResolvedPath(ImmutableArray<PathPart> parts, PathCallSite? via, ImmutableArray<INamedTypeSymbol> callerTypes)
    {
        Parts = parts;
        Via = via;
        CallerTypes = callerTypes;
    }

    public ImmutableArray<PathPart> Parts { get; }

    /// <summary>The call site of the method holding the save / load that supplied this value (null when no parameter was involved).</summary>
    public PathCallSite? Via { get; }

    /// <summary>The types of the call sites the value came through (their <c>[DatasetInput]</c>s count as declared too).</summary>
    public ImmutableArray<INamedTypeSymbol> CallerTypes { get; }

    public string Render() => PathValue.Render(Parts);
}

/// <summary>
/// Judges a path that arrives as a parameter at the call sites of its method in the same compilation (RULES.md,
/// "Values that arrive as parameters"): during analysis every call to a source method records what it passes for
/// its <c>string</c> / <c>Stream</c> / <c>Uri</c> parameters; at compilation end <see cref="Resolve"/> substitutes
/// them (through up to <see cref="MaxDepth"/> levels of helpers). A method whose call sites cannot all be seen
/// (virtual, abstract, an override or interface implementation, or used as a delegate) resolves to unknown, and
/// so does a method nobody calls: the rules report nothing they cannot see.
/// </summary>
internal sealed class ParameterCallSites
{
    private const int MaxDepth = 4;
    private const int MaxResolved = 64;

    private readonly PathEvaluator _evaluator;
    // Recorded from many threads into lock-free queues (most code bases call far more source methods with a string than
    // any rule asks about), and indexed once, on the first question at compilation end.
    private readonly ConcurrentQueue<(IParameterSymbol Parameter, PathCallSite Site)> _recordedSites = new();
    private readonly ConcurrentQueue<IMethodSymbol> _recordedEscaping = new();
    private readonly Lazy<(Dictionary<IParameterSymbol, List<PathCallSite>> Sites, HashSet<IMethodSymbol> Escaping)> _index;

    /// <summary>
    /// An empty index; the engine feeds it the compilation's calls to source methods (<see cref="Record"/>). Ask it at
    /// compilation end only, once every call is recorded.
    /// </summary>
    public ParameterCallSites(PathEvaluator evaluator)
    {
        _evaluator = evaluator;
        _index = new(BuildIndex, LazyThreadSafetyMode.ExecutionAndPublication);
    }

    /// <summary>Records an invocation, a constructor call or a method group of a source method.</summary>
    public void Record(IOperation operation, ISymbol containingSymbol)
    {
        switch (operation)
        {
            case IMethodReferenceOperation reference:
                _recordedEscaping.Enqueue(reference.Method.OriginalDefinition);
                break;
            case IInvocationOperation invocation:
                Record(invocation.TargetMethod, invocation.Arguments, operation, containingSymbol);
                break;
            case IObjectCreationOperation { Constructor: { } constructor } creation:
                Record(constructor, creation.Arguments, operation, containingSymbol);
                break;
        }
    }

    private void Record(IMethodSymbol method, ImmutableArray<IArgumentOperation> arguments, IOperation call, ISymbol containingSymbol)
    {
        if (arguments.IsEmpty || !IsInSource(method))
            return;
        foreach (var argument in arguments)
        {
            if (argument.Parameter is not { } parameter || !(CarriesPath(parameter.Type) || CarriesData(parameter.Type)))
                continue;
            var site = new PathCallSite(call, containingSymbol, argument.Value, _evaluator);
            _recordedSites.Enqueue((parameter.OriginalDefinition, site));
        }
    }

    private bool CarriesPath(ITypeSymbol type)
        => type.SpecialType == SpecialType.System_String
           || MlSymbols.IsOrDerivesFrom(type, _evaluator.Symbols.Stream)
           || MlSymbols.IsOrDerivesFrom(type, _evaluator.Symbols.BinaryWriter)
           || MlSymbols.Is(type, _evaluator.Symbols.Uri);

    /// <summary>An ML.NET view or model: the leakage rules judge what a helper evaluates at its call sites.</summary>
    private bool CarriesData(ITypeSymbol type)
        => MlSymbols.IsOrImplements(type, _evaluator.Symbols.DataView)
           || MlSymbols.IsOrImplements(type, _evaluator.Symbols.Transformer);

    /// <summary>The visible call sites of <paramref name="parameter"/>'s method, or null when they cannot all be seen (see <see cref="SitesOf"/>).</summary>
    public IReadOnlyList<PathCallSite>? CallSitesOf(IParameterSymbol parameter) => SitesOf(parameter, 0);

    private static bool IsInSource(IMethodSymbol method)
    {
        foreach (var location in method.Locations)
        {
            if (location.IsInSource)
                return true;
        }

        return false;
    }

    internal static string DescribeCallSite(IOperation call, ISymbol containingSymbol)
    {
        var span = call.Syntax.GetLocation().GetLineSpan();
        var file = System.IO.Path.GetFileName(span.Path);
        var member = containingSymbol is IMethodSymbol { MethodKind: MethodKind.Ordinary or MethodKind.Constructor or MethodKind.LocalFunction } method
            ? method.ContainingType.Name + "." + (method.MethodKind == MethodKind.Constructor ? method.ContainingType.Name : method.Name)
            : containingSymbol.ContainingType?.Name ?? containingSymbol.Name;
        if (containingSymbol is IMethodSymbol { Name: "<Main>$" })
            member = "the top-level statements";
        else
            member = "'" + member + "'";
        return $"{member} ({file} line {span.StartLinePosition.Line + 1})";
    }

    /// <summary>Every value <paramref name="value"/> can take once its parameters are replaced by what the visible call sites pass.</summary>
    public IReadOnlyList<ResolvedPath> Resolve(PathValue value) => Resolve(value, 0, ImmutableArray<INamedTypeSymbol>.Empty);

    private List<ResolvedPath> Resolve(PathValue value, int depth, ImmutableArray<INamedTypeSymbol> callerTypes)
    {
        var results = new List<ResolvedPath>();
        foreach (var alternative in value.Alternatives)
        {
            var pending = new Queue<ResolvedPath>();
            pending.Enqueue(new ResolvedPath(alternative, null, callerTypes));
            while (pending.Count > 0)
            {
                var current = pending.Dequeue();
                var index = IndexOfParameter(current.Parts);
                if (index < 0)
                {
                    results.Add(current);
                    if (results.Count > MaxResolved)
                        return new List<ResolvedPath> { Unknown(callerTypes) };
                    continue;
                }

                var parameter = current.Parts[index].Parameter!;
                var sites = SitesOf(parameter, depth);
                if (sites is null)
                {
                    pending.Enqueue(Replace(current, index, PathPart.Opaque($"the parameter '{parameter.Name}', whose callers are not all visible"), null));
                    continue;
                }

                foreach (var site in sites)
                {
                    var types = site.ContainingType is null ? current.CallerTypes : current.CallerTypes.Add(site.ContainingType);
                    foreach (var passed in Resolve(site.Value, depth + 1, types))
                    {
                        var parts = current.Parts.RemoveAt(index);
                        var replaced = PathValue.Join(PathValue.Join(parts.Take(index).ToImmutableArray(), passed.Parts), parts.Skip(index).ToImmutableArray());
                        pending.Enqueue(new ResolvedPath(replaced, current.Via ?? site, passed.CallerTypes));
                        if (pending.Count > MaxResolved)
                            return new List<ResolvedPath> { Unknown(callerTypes) };
                    }
                }
            }
        }

        return results;
    }

    private static ResolvedPath Unknown(ImmutableArray<INamedTypeSymbol> callerTypes)
        => new(ImmutableArray.Create(PathPart.Opaque("too many possible values")), null, callerTypes);

    private static ResolvedPath Replace(ResolvedPath current, int index, PathPart part, PathCallSite? via)
        => new(current.Parts.SetItem(index, part), current.Via ?? via, current.CallerTypes);

    private static int IndexOfParameter(ImmutableArray<PathPart> parts)
    {
        for (var i = 0; i < parts.Length; i++)
        {
            if (parts[i].Kind == PathPartKind.Parameter)
                return i;
        }

        return -1;
    }

    /// <summary>The call sites of the parameter's method, or null when they cannot all be seen.</summary>
    private PathCallSite[]? SitesOf(IParameterSymbol parameter, int depth)
    {
        if (depth >= MaxDepth || parameter.ContainingSymbol is not IMethodSymbol method)
            return null;
        method = method.OriginalDefinition;
        if (method.IsVirtual || method.IsAbstract || method.IsOverride || method.IsExtern
            || method.MethodKind is not (MethodKind.Ordinary or MethodKind.Constructor or MethodKind.LocalFunction)
            || ImplementsInterface(method)
            || _index.Value.Escaping.Contains(method))
            return null;
        if (!_index.Value.Sites.TryGetValue(parameter.OriginalDefinition, out var sites))
            return null;
        return sites.ToArray();
    }

    private (Dictionary<IParameterSymbol, List<PathCallSite>>, HashSet<IMethodSymbol>) BuildIndex()
    {
        var sites = new Dictionary<IParameterSymbol, List<PathCallSite>>(SymbolEqualityComparer.Default);
        foreach (var (parameter, site) in _recordedSites)
        {
            if (!sites.TryGetValue(parameter, out var list))
                sites[parameter] = list = new();
            list.Add(site);
        }

        return (sites, new HashSet<IMethodSymbol>(_recordedEscaping, SymbolEqualityComparer.Default));
    }

    private static bool ImplementsInterface(IMethodSymbol method)
    {
        if (!method.ExplicitInterfaceImplementations.IsEmpty)
            return true;
        foreach (var @interface in method.ContainingType.AllInterfaces)
        {
            foreach (var member in @interface.GetMembers(method.Name))
            {
                if (SymbolEqualityComparer.Default.Equals(method.ContainingType.FindImplementationForInterfaceMember(member), method))
                    return true;
            }
        }

        return false;
    }
}
