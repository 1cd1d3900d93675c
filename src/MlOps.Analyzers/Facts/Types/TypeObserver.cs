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

    /// <summary>
    /// True while the observed operations recorded nothing, so the facts are those of a type without code. Facts that
    /// observe every type (<see cref="TypeFacts{T}"/> with <c>accumulateEveryType</c>) keep no entry for such a type: most
    /// types of a code base never record anything. False by default: the facts are always kept. Asked only of facts that no
    /// other thread sees yet, right after their first <see cref="Observe"/>.
    /// </summary>
    public virtual bool IsEmpty => false;
}
