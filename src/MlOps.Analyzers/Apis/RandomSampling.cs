using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;
using MlOps.Analyzers.Facts.Symbols;

namespace MlOps.Analyzers.Apis;

/// <summary>
/// Which calls shuffle or sample rows with a random generator. Shared by the training scope (a type that shuffles or
/// samples rows it turns into tensors or an <c>IDataView</c> builds training data) and by MLOPS004 (a random value used
/// as an ordering key, a Guid used as a sort, fold or sampling key: <see cref="GuidKeyUse"/>).
/// </summary>
internal static class RandomSampling
{
    /// <summary>
    /// True for a call that reorders or picks rows at random: <c>Random.Shuffle</c> / <c>GetItems</c> / <c>Next</c> /
    /// <c>NextInt64</c> (an index draw), <c>RandomNumberGenerator.Shuffle</c> / <c>GetItems</c> / <c>GetInt32</c>,
    /// <c>DataFrame.Sample</c>, ML.NET <c>ShuffleRows</c> / <c>BootstrapSample</c>, and LINQ ordering by a random key.
    /// <c>NextDouble</c> / <c>NextSingle</c> / <c>NextBytes</c> make values, not selections (fake rows, jitter): not counted.
    /// </summary>
    public static bool IsShuffleOrSample(IInvocationOperation invocation, MlSymbols symbols)
    {
        var method = invocation.TargetMethod;
        if (!ShuffleOrSampleNames.Contains(method.Name))
            return false;
        var containing = method.ContainingType;

        if (symbols.Random is not null && !method.IsStatic && MlSymbols.IsOrDerivesFrom(containing, symbols.Random))
            return method.Name is "Shuffle" or "GetItems" || (method.Name is "Next" or "NextInt64" && IsUsedAsIndex(invocation));

        if (symbols.RandomNumberGenerator is not null && method.IsStatic
            && SymbolEqualityComparer.Default.Equals(containing, symbols.RandomNumberGenerator))
            return method.Name is "Shuffle" or "GetItems" || (method.Name == "GetInt32" && IsUsedAsIndex(invocation));

        if (symbols.DataFrame is not null && method.Name == "Sample" && MlSymbols.IsOrDerivesFrom(containing, symbols.DataFrame))
            return true;

        if (symbols.DataOperationsCatalog is not null && method.Name is "ShuffleRows" or "BootstrapSample"
            && MlSymbols.IsOrDerivesFrom(containing, symbols.DataOperationsCatalog))
            return true;

        return IsOrderingCall(invocation, symbols) && HasRandomKey(invocation, symbols);
    }

    /// <summary>The method names <see cref="IsShuffleOrSample"/> accepts (its first test): a name pre-filter for callers.</summary>
    public static ImmutableHashSet<string> ShuffleOrSampleNames { get; } = ImmutableHashSet.Create(
        System.StringComparer.Ordinal,
        "Shuffle", "GetItems", "Next", "NextInt64", "GetInt32", "Sample", "ShuffleRows", "BootstrapSample",
        "OrderBy", "OrderByDescending", "ThenBy", "ThenByDescending");

    /// <summary>
    /// When <paramref name="operation"/> sits in the key selector lambda of a LINQ <c>OrderBy*</c> / <c>ThenBy*</c>,
    /// that ordering call; otherwise null (a random value in a <c>Select</c> is not an ordering key).
    /// </summary>
    public static IInvocationOperation? EnclosingOrderingByKey(IOperation operation, MlSymbols symbols)
    {
        for (var current = operation.Parent; current is not null; current = current.Parent)
        {
            if (current is not IAnonymousFunctionOperation lambda)
                continue;

            var parent = lambda.Parent;
            while (parent is IDelegateCreationOperation or IConversionOperation)
                parent = parent.Parent;
            return parent is IArgumentOperation { Parent: IInvocationOperation invocation } && IsOrderingCall(invocation, symbols)
                ? invocation
                : null;
        }

        return null;
    }

    /// <summary>
    /// How a <c>Guid.NewGuid()</c> decides the order or membership of rows, as a phrase for the message ("as a sort key"),
    /// or null when it is an id. A fresh Guid is a random number: it decides when it is (part of) a LINQ ordering key or
    /// is compared in a <c>Comparison&lt;T&gt;</c> (<c>Sort((a, b) =&gt; Guid.NewGuid().CompareTo(...))</c>); or when it is
    /// reduced to a bucket or a threshold test (<c>% k</c>, <c>&amp; mask</c>, <c>&lt;</c>, <c>CompareTo</c>: a hash of it
    /// included) inside a <c>GroupBy</c> / <c>ToLookup</c> key (a fold), a <c>Where</c> predicate (a sample) or a
    /// <c>Select</c> (a fold or split column), or when a <c>Select</c> makes it a member of its rows and the orderings right
    /// after it sort by that member (<c>Select(r =&gt; new { r, Key = Guid.NewGuid() }).OrderBy(x =&gt; x.Key)</c>).
    /// Otherwise it is an id: <c>Select(r =&gt; new { Id = Guid.NewGuid(), r })</c>, <c>"run-" + Guid.NewGuid()</c>; and a
    /// <c>GroupBy</c> on a whole fresh Guid puts every row in a group of its own.
    /// </summary>
    public static string? GuidKeyUse(IInvocationOperation newGuid, MlSymbols symbols)
    {
        var reduced = false;
        string? member = null;
        IOperation current = newGuid;
        for (var parent = current.Parent; parent is not null; current = parent, parent = parent.Parent)
        {
            if (parent is IAnonymousFunctionOperation lambda)
                return KeyUse(lambda, reduced, member, symbols);
            reduced |= IsReduction(parent);
            member ??= MemberOfReturnedRow(current, parent);
        }

        return null;
    }

    /// <summary>
    /// The member of the row a lambda returns that <paramref name="value"/> becomes: <c>Key</c> in
    /// <c>r =&gt; new { r, Key = Guid.NewGuid() }</c> or <c>r =&gt; (r, Key: Guid.NewGuid())</c>; null otherwise.
    /// </summary>
    private static string? MemberOfReturnedRow(IOperation value, IOperation parent)
    {
        var (member, row) = parent switch
        {
            ISimpleAssignmentOperation { Target: IPropertyReferenceOperation target, Parent: IAnonymousObjectCreationOperation created } assignment
                when assignment.Value == value => (target.Property.Name, (IOperation)created),
            ITupleOperation { Type: INamedTypeSymbol { IsTupleType: true } tupleType } tuple
                when tuple.Elements.IndexOf(value) is var index and >= 0 && index < tupleType.TupleElements.Length
                => (tupleType.TupleElements[index].Name, tuple),
            _ => (null, null),
        };
        var returned = row?.Parent;
        while (returned is IConversionOperation)
            returned = returned.Parent;
        return returned is IReturnOperation ? member : null;
    }

    /// <summary>A value that turns a random number into a bucket or a yes / no decision.</summary>
    private static bool IsReduction(IOperation parent) => parent switch
    {
        IBinaryOperation binary => binary.OperatorKind is BinaryOperatorKind.Remainder or BinaryOperatorKind.And
            or BinaryOperatorKind.LessThan or BinaryOperatorKind.LessThanOrEqual
            or BinaryOperatorKind.GreaterThan or BinaryOperatorKind.GreaterThanOrEqual,
        IInvocationOperation call => call.TargetMethod.Name is "CompareTo" or "Compare",
        IArgumentOperation { Parent: IInvocationOperation call } => call.TargetMethod.Name is "CompareTo" or "Compare",
        _ => false,
    };

    private static string? KeyUse(IAnonymousFunctionOperation lambda, bool reduced, string? member, MlSymbols symbols)
    {
        var parent = lambda.Parent;
        if (parent is IDelegateCreationOperation { Type: INamedTypeSymbol { Name: "Comparison", Arity: 1 } comparison }
            && comparison.ContainingNamespace?.ToDisplayString() == "System")
            return "in a sort comparison";
        while (parent is IDelegateCreationOperation or IConversionOperation)
            parent = parent.Parent;
        if (parent is not IArgumentOperation { Parent: IInvocationOperation call } argument || !IsLinq(call, symbols))
            return null;

        return call.TargetMethod.Name switch
        {
            "OrderBy" or "OrderByDescending" or "ThenBy" or "ThenByDescending" => "as a sort key",
            "GroupBy" or "ToLookup" when reduced && argument.Parameter?.Name == "keySelector" => "as a fold or group key",
            "Where" when reduced => "as a sampling key",
            "Select" when reduced => "as a fold or split key",
            "Select" when member is not null && IsOrderedBy(call, member, symbols) => "as a sort key (carried out of a Select)",
            _ => null,
        };
    }

    /// <summary>
    /// True when the rows <paramref name="select"/> makes are ordered next by their <paramref name="member"/>:
    /// <c>.Select(r =&gt; new { r, Key = Guid.NewGuid() }).OrderBy(x =&gt; x.Key)</c>, also after other orderings
    /// (<c>.OrderBy(x =&gt; x.r.Day).ThenBy(x =&gt; x.Key)</c>).
    /// </summary>
    private static bool IsOrderedBy(IInvocationOperation select, string member, MlSymbols symbols)
    {
        for (var sequence = (IOperation)select; NextCall(sequence) is { } next && IsOrderingCall(next, symbols); sequence = next)
        {
            if (next.GetArgument("keySelector")?.Value is { } selector && ReadsMember(selector, member))
                return true;
        }

        return false;

        static IInvocationOperation? NextCall(IOperation sequence)
        {
            var parent = sequence.Parent;
            while (parent is IConversionOperation)
                parent = parent.Parent;
            return parent is IArgumentOperation { Parameter.Ordinal: 0, Parent: IInvocationOperation call } && call.TargetMethod.IsExtensionMethod ? call : null;
        }

        static bool ReadsMember(IOperation selector, string member)
        {
            while (selector is IDelegateCreationOperation { Target: var target })
                selector = target;
            if (selector is not IAnonymousFunctionOperation { Body.Operations: [IReturnOperation { ReturnedValue: { } returned }] } key)
                return false;
            return returned.WalkDownConversions() switch
            {
                IPropertyReferenceOperation { Instance: IParameterReferenceOperation row } read => read.Property.Name == member && SymbolEqualityComparer.Default.Equals(row.Parameter.ContainingSymbol, key.Symbol),
                IFieldReferenceOperation { Instance: IParameterReferenceOperation row } read => read.Field.Name == member && SymbolEqualityComparer.Default.Equals(row.Parameter.ContainingSymbol, key.Symbol),
                _ => false,
            };
        }
    }

    private static bool IsLinq(IInvocationOperation call, MlSymbols symbols)
        => SymbolEqualityComparer.Default.Equals(call.TargetMethod.ContainingType, symbols.Enumerable)
           || SymbolEqualityComparer.Default.Equals(call.TargetMethod.ContainingType, symbols.Queryable);

    /// <summary>True for <c>Guid.NewGuid()</c>, or a call that draws from <c>Random</c> / <c>RandomNumberGenerator</c>.</summary>
    public static bool IsRandomValue(IInvocationOperation invocation, MlSymbols symbols)
    {
        var method = invocation.TargetMethod;
        var containing = method.ContainingType;
        if (method.Name == "NewGuid" && method.IsStatic && SymbolEqualityComparer.Default.Equals(containing, symbols.Guid))
            return true;
        if (!method.IsStatic && MlSymbols.IsOrDerivesFrom(containing, symbols.Random))
            return true;
        return method.IsStatic && symbols.RandomNumberGenerator is not null
               && SymbolEqualityComparer.Default.Equals(containing, symbols.RandomNumberGenerator);
    }

    /// <summary>
    /// A random integer picks a row when it indexes a collection, directly (<c>rows[rng.Next(n)]</c>) or through a local
    /// of the same method (<c>var j = rng.Next(i + 1); (a[i], a[j]) = (a[j], a[i]);</c>, the hand-written shuffle).
    /// A random integer used as an id, a delay or a value is not a selection.
    /// </summary>
    private static bool IsUsedAsIndex(IOperation value)
    {
        var use = SkipConversions(value);
        if (IsIndex(use))
            return true;
        if (use.Parent is not IVariableInitializerOperation { Parent: IVariableDeclaratorOperation declarator })
            return false;

        IOperation body = declarator;
        while (body.Parent is not null)
            body = body.Parent;
        foreach (var descendant in body.Descendants())
        {
            if (descendant is ILocalReferenceOperation reference
                && SymbolEqualityComparer.Default.Equals(reference.Local, declarator.Symbol)
                && IsIndex(SkipConversions(reference)))
                return true;
        }

        return false;
    }

    private static IOperation SkipConversions(IOperation operation)
    {
        while (operation.Parent is IConversionOperation or IParenthesizedOperation)
            operation = operation.Parent;
        return operation;
    }

    private static bool IsIndex(IOperation operation) => operation.Parent switch
    {
        IArrayElementReferenceOperation element => element.Indices.Contains(operation),
        IArgumentOperation { Parent: IPropertyReferenceOperation { Property.IsIndexer: true } } => true,
        IArgumentOperation { Parent: IInvocationOperation { TargetMethod.Name: "ElementAt" or "RemoveAt" or "Swap" } } => true,
        _ => false,
    };

    private static bool IsOrderingCall(IInvocationOperation invocation, MlSymbols symbols)
        => invocation.TargetMethod.Name is "OrderBy" or "OrderByDescending" or "ThenBy" or "ThenByDescending" && IsLinq(invocation, symbols);

    private static bool HasRandomKey(IInvocationOperation ordering, MlSymbols symbols)
    {
        // Only the key selector: a random value elsewhere (e.g. in the source sequence) does not make the order random.
        if (ordering.GetArgument("keySelector") is { } argument)
        {
            foreach (var descendant in argument.Value.DescendantsAndSelf())
            {
                if (descendant is IInvocationOperation call && IsRandomValue(call, symbols))
                    return true;
            }
        }

        return false;
    }
}
