using System.Collections.Generic;
using System.Collections.Immutable;
using MlOps.Analyzers.Facts.Symbols;

namespace MlOps.Analyzers.Engine;

/// <summary>
/// The calls a handler wants, as data: whose code declares the callee (<see cref="ApiOwners"/>) and, optionally, the
/// callee's names. The engine classifies each call once and only runs the handlers that want it, so a rule about ML.NET
/// trainers never sees the calls into LINQ or the team's own code that make up most of a code base.
/// </summary>
internal sealed class Calls
{
    private Calls(ApiOwners owners, ImmutableHashSet<string>? names)
    {
        Owners = owners;
        Names = names;
    }

    /// <summary>Whose methods or constructors: a call into any other code does not reach the handler.</summary>
    public ApiOwners Owners { get; }

    /// <summary>The callee names the handler wants, or null for any name.</summary>
    public ImmutableHashSet<string>? Names { get; }

    /// <summary>Every call into <paramref name="owners"/>.</summary>
    public static Calls Into(ApiOwners owners) => new(owners, null);

    /// <summary>The calls into <paramref name="owners"/> of a method named one of <paramref name="names"/> (take them from the API table the handler reads).</summary>
    public static Calls Named(ApiOwners owners, IEnumerable<string> names) => new(owners, ImmutableHashSet.CreateRange(System.StringComparer.Ordinal, names));

    /// <inheritdoc cref="Named(ApiOwners, IEnumerable{string})"/>
    public static Calls Named(ApiOwners owners, params string[] names) => Named(owners, (IEnumerable<string>)names);
}
