using System;
using Microsoft.CodeAnalysis;

namespace MlOps.Analyzers.Facts.Leakage;

internal enum DataValueKind
{
    /// <summary>Not followed: never judged to overlap anything.</summary>
    Unknown,

    /// <summary>Rows that come from one place: a load or another call (<see cref="DataValue.Identity"/> is the call), a parameter, a field or property.</summary>
    Root,

    /// <summary>The same rows as <see cref="DataValue.Inner"/>, other columns: <c>Transform</c>, <c>Cache</c>.</summary>
    SameRows,

    /// <summary>The rows of <see cref="DataValue.Inner"/> in another order (<c>ShuffleRows</c>).</summary>
    Shuffled,

    /// <summary>Some rows of <see cref="DataValue.Inner"/>: <c>TakeRows</c>, <c>SkipRows</c>, a filter, a bootstrap sample.</summary>
    Subset,

    /// <summary>One part of a <c>TrainTestSplit</c> of <see cref="DataValue.Inner"/>.</summary>
    SplitPart,
}

internal enum SubsetKind
{
    Take,
    Skip,
    Other,
}

/// <summary>
/// Where the rows of an <c>IDataView</c> come from, as far as one method shows it: a root (a load, a parameter, a
/// field) and the row operations applied to it. Two values share rows (<see cref="RowOverlap"/>) when one derives from
/// the other, or when they are parts of two different splits of the same rows.
/// </summary>
internal sealed class DataValue
{
    public static readonly DataValue Unknown = new(DataValueKind.Unknown, null, null);

    private readonly DataValue? _inner;

    private DataValue(DataValueKind kind, object? identity, DataValue? inner)
    {
        Kind = kind;
        Identity = identity;
        _inner = inner;
    }

    public DataValueKind Kind { get; }

    /// <summary>Root: the symbol or the call the rows come from. Subset / Shuffled: the call. SplitPart: the <see cref="SplitInfo"/>.</summary>
    public object? Identity { get; }

    /// <summary>The rows this view was made from (a split part's: the split's input, followed on first use).</summary>
    public DataValue? Inner => Kind == DataValueKind.SplitPart ? Split!.Source : _inner;

    /// <summary>SameRows made by a model's <c>Transform</c>: that model.</summary>
    public ModelValue? TransformedBy { get; private set; }

    public SubsetKind SubsetKind { get; private set; }

    /// <summary>Take / Skip: the constant row count, when known.</summary>
    public long? Count { get; private set; }

    public bool IsTestPart { get; private set; }

    public SplitInfo? Split => Identity as SplitInfo;

    public static DataValue Root(object identity) => new(DataValueKind.Root, identity, null);

    // A step over unknown rows is kept: its own facts (a TakeRows count) still hold; RowOverlap never judges it.
    public static DataValue SameRows(DataValue inner, ModelValue? transformedBy)
        => new(DataValueKind.SameRows, null, inner) { TransformedBy = transformedBy };

    public static DataValue Shuffled(object call, DataValue inner)
        => new(DataValueKind.Shuffled, call, inner);

    public static DataValue Subset(object call, DataValue inner, SubsetKind kind, long? count)
        => new(DataValueKind.Subset, call, inner) { SubsetKind = kind, Count = count };

    public static DataValue Part(SplitInfo split, bool test)
        => new(DataValueKind.SplitPart, split, null) { IsTestPart = test };

    /// <summary>True when a <c>TakeRows</c> of at most <paramref name="rows"/> rows made this view or one it derives from.</summary>
    public bool IsCutTo(long rows)
    {
        for (var value = this; value is not null; value = value.Inner)
        {
            if (value.Kind == DataValueKind.Subset && value.SubsetKind == SubsetKind.Take && value.Count is { } count && count <= rows)
                return true;
        }

        return false;
    }

    /// <summary>True when a parameter of the method is among the roots (its value is decided by the callers).</summary>
    public bool DependsOnParameter
    {
        get
        {
            for (var value = this; value is not null; value = value.Inner)
            {
                if (value.Kind == DataValueKind.Root && value.Identity is IParameterSymbol)
                    return true;
            }

            return false;
        }
    }

    /// <summary>True when <paramref name="ancestor"/> is this value or one it derives from.</summary>
    public bool DerivesFrom(DataValue ancestor)
    {
        for (var value = this; value is not null; value = value.Inner)
        {
            if (RowOverlap.SameStep(value, ancestor))
                return true;
        }

        return false;
    }

    /// <summary>This value with each parameter root replaced by what <paramref name="argumentOf"/> says a caller passed (unknown when it says nothing).</summary>
    public DataValue Substitute(Func<IParameterSymbol, DataValue?> argumentOf)
    {
        switch (Kind)
        {
            case DataValueKind.Unknown:
                return this;
            case DataValueKind.Root:
                return Identity is IParameterSymbol parameter ? argumentOf(parameter) ?? Unknown : this;
        }

        var inner = Inner!.Substitute(argumentOf);
        if (ReferenceEquals(inner, Inner))
            return this;
        return Kind switch
        {
            DataValueKind.SameRows => SameRows(inner, TransformedBy),
            DataValueKind.Shuffled => Shuffled(Identity!, inner),
            DataValueKind.Subset => Subset(Identity!, inner, SubsetKind, Count),
            _ => Part(Split!.WithSource(inner), IsTestPart),
        };
    }
}

/// <summary>One <c>TrainTestSplit</c> call: its input and the arguments that decide where it cuts.</summary>
internal sealed class SplitInfo
{
    private readonly Func<DataValue>? _findSource;
    private DataValue? _source;

    public SplitInfo(object call, Func<DataValue> findSource, double? testFraction, SplitSeed seed, string? samplingKey, bool samplingKeyKnown)
    {
        Call = call;
        _findSource = findSource;
        TestFraction = testFraction;
        Seed = seed;
        SamplingKey = samplingKey;
        SamplingKeyKnown = samplingKeyKnown;
    }

    public object Call { get; }

    /// <summary>The rows the split cuts, followed on first use: the two parts of one split need not know them.</summary>
    public DataValue Source => _source ??= _findSource?.Invoke() ?? DataValue.Unknown;

    /// <summary>The constant test fraction (0.1 when not passed), or null when it is not a constant.</summary>
    public double? TestFraction { get; }

    public SplitSeed Seed { get; }

    public string? SamplingKey { get; }

    public bool SamplingKeyKnown { get; }

    public SplitInfo WithSource(DataValue source) => new(Call, () => source, TestFraction, Seed, SamplingKey, SamplingKeyKnown);
}

/// <summary>The seed of a split: none (the context's seed, the same for every seed-less split of one context), a constant, or unknown.</summary>
internal readonly struct SplitSeed : IEquatable<SplitSeed>
{
    private SplitSeed(bool known, int? value)
    {
        Known = known;
        Value = value;
    }

    public static SplitSeed None => new(true, null);

    public static SplitSeed UnknownSeed => new(false, null);

    public bool Known { get; }

    /// <summary>The constant seed; null with <see cref="Known"/> means no seed was passed.</summary>
    public int? Value { get; }

    public static SplitSeed Constant(int value) => new(true, value);

    public bool Equals(SplitSeed other) => Known && other.Known && Value == other.Value;

    public override bool Equals(object? obj) => obj is SplitSeed other && Equals(other);

    public override int GetHashCode() => Value.GetHashCode();
}
