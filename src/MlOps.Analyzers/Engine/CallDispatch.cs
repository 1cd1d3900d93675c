using System;
using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using MlOps.Analyzers.Facts.Symbols;

namespace MlOps.Analyzers.Engine;

/// <summary>
/// The handlers of one call kind (invocations or object creations) of every rule, behind one driver action: a call is
/// matched by its callee's name first (one lookup) and by its owner (<see cref="ApiOwnership"/>, the callee's assembly)
/// only when some handler is left to ask.
/// </summary>
internal sealed class CallDispatch
{
    private readonly List<(Calls Calls, Action<OperationAnalysisContext> Handler)> _entries = new();
    private (ApiOwners Owners, Action<OperationAnalysisContext> Handler)[] _anyName = Array.Empty<(ApiOwners, Action<OperationAnalysisContext>)>();
    private Dictionary<string, (ApiOwners Owners, Action<OperationAnalysisContext> Handler)[]> _byName = new(StringComparer.Ordinal);

    public bool IsEmpty => _entries.Count == 0;

    public void Add(Calls calls, Action<OperationAnalysisContext> handler) => _entries.Add((calls, handler));

    /// <summary>Builds the lookup tables; called once, before the first call is dispatched.</summary>
    public void Seal()
    {
        var anyName = new List<(ApiOwners, Action<OperationAnalysisContext>)>();
        var byName = new Dictionary<string, List<(ApiOwners, Action<OperationAnalysisContext>)>>(StringComparer.Ordinal);
        foreach (var (calls, handler) in _entries)
        {
            if (calls.Names is null)
            {
                anyName.Add((calls.Owners, handler));
                continue;
            }

            foreach (var name in calls.Names)
            {
                if (!byName.TryGetValue(name, out var list))
                    byName[name] = list = new();
                list.Add((calls.Owners, handler));
            }
        }

        _anyName = anyName.ToArray();
        _byName = new(StringComparer.Ordinal);
        foreach (var pair in byName)
            _byName[pair.Key] = pair.Value.ToArray();
    }

    public void Dispatch(OperationAnalysisContext context, ApiOwnership ownership)
    {
        var callee = context.Operation switch
        {
            IInvocationOperation invocation => invocation.TargetMethod,
            IObjectCreationOperation creation => creation.Constructor,
            _ => null,
        };

        // A creation is named by the type it creates; a creation that did not bind has no constructor and reaches only
        // the handlers that want any name (as before the engine, the rules check the constructor themselves).
        var name = context.Operation is IObjectCreationOperation created ? created.Type?.Name : callee?.Name;
        var owner = ApiOwners.None;
        Run(_anyName, context, ownership, ref owner);
        if (name is not null && _byName.TryGetValue(name, out var named))
            Run(named, context, ownership, ref owner);
    }

    private static void Run((ApiOwners Owners, Action<OperationAnalysisContext> Handler)[] handlers, OperationAnalysisContext context, ApiOwnership ownership, ref ApiOwners owner)
    {
        foreach (var (owners, handler) in handlers)
        {
            if (owners != ApiOwners.All)
            {
                if (owner == ApiOwners.None)
                    owner = ownership.Of(context.Operation);
                if ((owner & owners) == 0)
                    continue;
            }

            handler(context);
        }
    }
}
