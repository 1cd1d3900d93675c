using System.Collections.Generic;
using Microsoft.CodeAnalysis;

namespace MlOps.Analyzers.Facts.Leakage;

internal enum OverlapVerdict
{
    /// <summary>Not decided from what the method shows (different roots, filters, a value not followed): never a finding.</summary>
    Unknown,

    /// <summary>The two views certainly share rows.</summary>
    Overlap,

    /// <summary>The two views certainly share no row (the two parts of one split).</summary>
    Disjoint,
}

/// <summary>
/// Whether two views share rows, from the row operations that made them (ML.NET 5.0.1, DataOperationsCatalog).
/// <c>TrainTestSplit</c> keeps the rows whose random split column is below <c>testFraction</c> for the test part and the
/// complement for the train part (two <c>RangeFilter</c>s over one generated column), so its two parts are disjoint; the
/// column is drawn from the split's seed, else the context's seed, so two splits with the same fraction, seed and
/// sampling key cut the same rows, and two with a different seed or fraction cut differently and overlap.
/// <c>Transform</c> and <c>Cache</c> keep every row; <c>ShuffleRows</c> keeps them in another order.
/// </summary>
internal static class RowOverlap
{
    public static OverlapVerdict Judge(DataValue x, DataValue y)
    {
        // The two parts of one split share no row, whatever the split cut and whatever subsets were taken of each part:
        // decided without following the split's input.
        if (NearestSplitPart(x) is { } partOfX && NearestSplitPart(y) is { } partOfY
            && ReferenceEquals(partOfX.Split!.Call, partOfY.Split!.Call) && partOfX.IsTestPart != partOfY.IsTestPart)
            return OverlapVerdict.Disjoint;

        var a = Steps(x);
        var b = Steps(y);
        if (a is null || b is null || !SameRoot(a[0], b[0]))
            return OverlapVerdict.Unknown;

        var i = 1;
        while (i < a.Count && i < b.Count && SameSingleStep(a[i], b[i]))
            i++;

        // One is the other, or derives from it: every row of the smaller view is in the larger one.
        if (i == a.Count || i == b.Count)
            return OverlapVerdict.Overlap;

        var left = a[i];
        var right = b[i];
        if (left.Kind == DataValueKind.SplitPart && right.Kind == DataValueKind.SplitPart)
        {
            if (EquivalentCuts(left.Split!, right.Split!))
                return left.IsTestPart == right.IsTestPart ? OverlapVerdict.Overlap : OverlapVerdict.Disjoint;
            return CertainlyDifferentCuts(left.Split!, right.Split!) ? OverlapVerdict.Overlap : OverlapVerdict.Unknown;
        }

        if (left.Kind == DataValueKind.Subset && right.Kind == DataValueKind.Subset)
            return JudgeTakeSkip(left, right);

        return OverlapVerdict.Unknown;
    }

    private static DataValue? NearestSplitPart(DataValue value)
    {
        for (var current = value; current is not null; current = current.Inner)
        {
            switch (current.Kind)
            {
                case DataValueKind.SplitPart:
                    return current;
                case DataValueKind.Root or DataValueKind.Unknown:
                    return null;
            }
        }

        return null;
    }

    /// <summary>True when <paramref name="x"/> and <paramref name="y"/> are the same step on the same rows.</summary>
    public static bool SameStep(DataValue x, DataValue y)
    {
        var a = Steps(x);
        var b = Steps(y);
        if (a is null || b is null || a.Count != b.Count || !SameRoot(a[0], b[0]))
            return false;
        for (var i = 1; i < a.Count; i++)
        {
            if (!SameSingleStep(a[i], b[i]))
                return false;
        }

        return true;
    }

    /// <summary>The row-changing steps from the root to <paramref name="value"/>, root first; null when unknown.</summary>
    private static List<DataValue>? Steps(DataValue value)
    {
        var steps = new List<DataValue>();
        for (var current = value; current is not null; current = current.Inner)
        {
            if (current.Kind == DataValueKind.Unknown)
                return null;
            if (current.Kind != DataValueKind.SameRows)
                steps.Add(current);
        }

        steps.Reverse();
        return steps.Count > 0 && steps[0].Kind == DataValueKind.Root ? steps : null;
    }

    private static bool SameRoot(DataValue x, DataValue y)
        => x.Identity is ISymbol a && y.Identity is ISymbol b
            ? SymbolEqualityComparer.Default.Equals(a, b)
            : ReferenceEquals(x.Identity, y.Identity);

    private static bool SameSingleStep(DataValue x, DataValue y)
    {
        if (x.Kind != y.Kind)
            return false;
        return x.Kind switch
        {
            DataValueKind.Root => SameRoot(x, y),
            DataValueKind.SplitPart => x.IsTestPart == y.IsTestPart && (ReferenceEquals(x.Split!.Call, y.Split!.Call) || EquivalentCuts(x.Split, y.Split)),
            _ => ReferenceEquals(x.Identity, y.Identity),
        };
    }

    /// <summary>Two splits of the same rows that cut them the same way.</summary>
    private static bool EquivalentCuts(SplitInfo a, SplitInfo b)
        => ReferenceEquals(a.Call, b.Call)
           || (a.TestFraction is { } fa && b.TestFraction == fa && a.Seed.Equals(b.Seed) && a.SamplingKeyKnown && b.SamplingKeyKnown && a.SamplingKey == b.SamplingKey);

    /// <summary>Two splits of the same rows whose constant arguments differ (fraction or seed): they cut differently.</summary>
    private static bool CertainlyDifferentCuts(SplitInfo a, SplitInfo b)
        => a.TestFraction is { } fa && b.TestFraction is { } fb && a.Seed.Known && b.Seed.Known
           && (fa != fb || a.Seed.Value != b.Seed.Value);

    /// <summary><c>TakeRows(x, n)</c> and <c>SkipRows(x, m)</c> share rows exactly when m &lt; n; two takes or two skips always do.</summary>
    private static OverlapVerdict JudgeTakeSkip(DataValue left, DataValue right)
    {
        if (left.SubsetKind == SubsetKind.Other || right.SubsetKind == SubsetKind.Other)
            return OverlapVerdict.Unknown;
        if (left.SubsetKind == right.SubsetKind)
            return OverlapVerdict.Overlap;
        var take = left.SubsetKind == SubsetKind.Take ? left : right;
        var skip = left.SubsetKind == SubsetKind.Skip ? left : right;
        if (take.Count is not { } taken || skip.Count is not { } skipped)
            return OverlapVerdict.Unknown;
        return skipped >= taken ? OverlapVerdict.Disjoint : OverlapVerdict.Overlap;
    }
}
