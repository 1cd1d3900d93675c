using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using MlOps.Analyzers.Infrastructure;

namespace MlOps.Analyzers.Hosting;

/// <summary>
/// The actions the rules registered for one kind of event, keyed by operation or symbol kind, turned into one action per
/// key that calls them all: the driver then dispatches each operation once, not once per rule. Operation actions can want
/// only calls into some code (<see cref="ApiFilteredActions"/>): the table is then given the classifier, and a call is
/// classified once for all of them.
/// </summary>
internal sealed class ActionTable<TKind, TContext>
    where TKind : struct, Enum
{
    private readonly Dictionary<TKind, List<(Action<TContext> Action, ApiOwners Calling)>> _actions = new();
    private readonly Func<TContext, ApiOwners>? _classify;

    /// <param name="classify">The owner of the method an event calls; required when actions are added with a filter.</param>
    public ActionTable(Func<TContext, ApiOwners>? classify = null) => _classify = classify;

    public void Add(Action<TContext> action, ImmutableArray<TKind> kinds, ApiOwners calling = ApiOwners.All)
    {
        if (calling != ApiOwners.All && _classify is null)
            throw new InvalidOperationException("This table cannot filter by the callee's owner.");
        foreach (var kind in kinds)
        {
            if (!_actions.TryGetValue(kind, out var list))
                _actions[kind] = list = new();
            list.Add((action, calling));
        }
    }

    /// <summary>Calls <paramref name="register"/> once per kind with an action that runs every rule's action for it, in registration order.</summary>
    public void RegisterEach(Action<Action<TContext>, TKind> register)
    {
        foreach (var pair in _actions)
            register(Combine(pair.Value), pair.Key);
    }

    private Action<TContext> Combine(List<(Action<TContext> Action, ApiOwners Calling)> entries)
    {
        var actions = entries.ConvertAll(entry => entry.Action).ToArray();
        if (entries.TrueForAll(entry => entry.Calling == ApiOwners.All))
        {
            if (actions.Length == 1)
                return actions[0];
            return context =>
            {
                foreach (var action in actions)
                    action(context);
            };
        }

        var calling = entries.ConvertAll(entry => entry.Calling).ToArray();
        var classify = _classify!;
        return context =>
        {
            var owner = classify(context);
            for (var i = 0; i < actions.Length; i++)
            {
                if ((calling[i] & owner) != 0)
                    actions[i](context);
            }
        };
    }
}
