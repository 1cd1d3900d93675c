using System;
using System.Collections.Generic;
using System.Collections.Immutable;

namespace MlOps.Analyzers.Hosting;

/// <summary>
/// The actions the rules registered for one kind of event, keyed by operation or symbol kind, turned into one action per
/// key that calls them all: the driver then dispatches each operation once, not once per rule.
/// </summary>
internal sealed class ActionTable<TKind, TContext>
    where TKind : struct, Enum
{
    private readonly Dictionary<TKind, List<Action<TContext>>> _actions = new();

    public void Add(Action<TContext> action, ImmutableArray<TKind> kinds)
    {
        foreach (var kind in kinds)
        {
            if (!_actions.TryGetValue(kind, out var list))
                _actions[kind] = list = new List<Action<TContext>>();
            list.Add(action);
        }
    }

    /// <summary>Calls <paramref name="register"/> once per kind with an action that runs every rule's action for it, in registration order.</summary>
    public void RegisterEach(Action<Action<TContext>, TKind> register)
    {
        foreach (var pair in _actions)
            register(Combine(pair.Value), pair.Key);
    }

    private static Action<TContext> Combine(List<Action<TContext>> actions)
    {
        if (actions.Count == 1)
            return actions[0];
        var all = actions.ToArray();
        return context =>
        {
            foreach (var action in all)
                action(context);
        };
    }
}
