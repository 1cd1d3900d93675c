using System;

namespace MlOps.Analyzers.Hosting;

/// <summary>
/// Facts several rules compute the same way in one pass (the training scope of a type, the MLContext seeding of a type,
/// the call sites of a compilation). When the rules run inside <see cref="MlOpsAnalyzer"/>, the pass's context is a
/// fan-out context and the first rule that asks creates the object (and registers the actions that fill it); the other
/// rules get the same object, so each fact is computed once. A rule analyzer running alone (as in its unit tests) gets
/// its own object, exactly as before.
/// </summary>
internal static class SharedAnalysisState
{
    /// <summary>The <typeparamref name="T"/> of the pass that <paramref name="context"/> belongs to, created by <paramref name="create"/> on first use.</summary>
    /// <remarks>The factory takes its inputs as <paramref name="state"/> so that callers pass a static lambda: this runs once per rule per type.</remarks>
    public static T GetOrAdd<TState, T>(object context, TState state, Func<TState, T> create)
        where T : class
        => context is ISharedStateOwner owner ? owner.SharedState.GetOrAdd(state, create) : create(state);
}

/// <summary>A pass context of <see cref="MlOpsAnalyzer"/> whose rules share facts.</summary>
internal interface ISharedStateOwner
{
    SharedStateBag SharedState { get; }
}

/// <summary>Per-pass storage of <see cref="SharedAnalysisState"/>, keyed by the fact's type. A pass's start actions run on one thread.</summary>
/// <remarks>A pass shares two or three facts and one exists per type of the code base: a short array, searched linearly.</remarks>
internal sealed class SharedStateBag
{
    private (Type Type, object Value)[] _values = new (Type, object)[2];
    private int _count;

    public T GetOrAdd<TState, T>(TState state, Func<TState, T> create)
        where T : class
    {
        for (var i = 0; i < _count; i++)
        {
            if (_values[i].Type == typeof(T))
                return (T)_values[i].Value;
        }

        var created = create(state);
        if (_count == _values.Length)
            Array.Resize(ref _values, _count * 2);
        _values[_count++] = (typeof(T), created);
        return created;
    }
}
