using Microsoft.CodeAnalysis;

namespace MlOps.Analyzers.Facts.Types;

/// <summary>
/// Facts about one type that need all of the type's code (is it training code? is this context provably unseeded?):
/// built from every operation of the type's members, fed one at a time. <see cref="TypeFacts{T}"/> decides when the
/// facts are complete.
/// </summary>
internal abstract class TypeObserver
{
    protected TypeObserver(INamedTypeSymbol type) => Type = type;

    /// <summary>The type whose code is observed.</summary>
    public INamedTypeSymbol Type { get; }

    /// <summary>An operation of the type, of one of the kinds the facts observe, inside <paramref name="member"/>.</summary>
    /// <remarks>Called from several threads while a type's code is analyzed in several places at once: lock what you keep.</remarks>
    public abstract void Observe(IOperation operation, ISymbol member);
}
