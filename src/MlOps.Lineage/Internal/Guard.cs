using System;
using System.Runtime.CompilerServices;

namespace MlOps.Lineage.Internal;

/// <summary>Argument checks that compile on netstandard2.0 (no <c>ArgumentNullException.ThrowIfNull</c> there).</summary>
internal static class Guard
{
    public static void NotNull(object? value, [CallerArgumentExpression(nameof(value))] string? name = null)
    {
#if NET
        ArgumentNullException.ThrowIfNull(value, name);
#else
        if (value is null)
            throw new ArgumentNullException(name);
#endif
    }
}
