using System.Collections.Immutable;

namespace MlOps.Analyzers.Infrastructure;

/// <summary>
/// A thread-safe, append-only list that allocates nothing until its first item. Rules keep one per type for the
/// candidates they judge at the type's end, and most types never get one: an eager <c>ConcurrentQueue</c> per type per
/// rule (32 slots each) was the largest allocation of the rules in the benchmark, paid as garbage-collection time.
/// </summary>
internal sealed class CandidateList<T>
{
    private ImmutableArray<T> _items;

    public void Add(T item)
        => ImmutableInterlocked.Update(ref _items, static (items, added) => items.IsDefault ? ImmutableArray.Create(added) : items.Add(added), item);

    /// <summary>The items added so far, in order.</summary>
    public ImmutableArray<T> Items
    {
        get
        {
            var items = _items;
            return items.IsDefault ? ImmutableArray<T>.Empty : items;
        }
    }
}
