using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;
using MlOps.Analyzers.Facts.Symbols;

namespace MlOps.Analyzers.Facts.Leakage;

/// <summary>
/// MLOPS032's question: does this <c>ToDataFrame</c> call silently keep only the first 100 rows? Microsoft.Data.Analysis
/// 0.23.1 (<c>IDataView.Extension.cs</c>): <c>ToDataFrame(this IDataView, long maxRows = 100)</c> and
/// <c>ToDataFrame(this IDataView, params string[] selectColumns)</c> both stop after 100 rows; only an explicit
/// <c>maxRows</c> (-1 for all rows) says otherwise.
/// </summary>
internal static class ToDataFrameCalls
{
    /// <summary>The most rows a call without <c>maxRows</c> keeps.</summary>
    public const long DefaultMaxRows = 100;

    /// <summary>True for a call of <c>IDataViewExtensions.ToDataFrame</c> (checked by name first: this runs for every call into Microsoft.Data.Analysis).</summary>
    public static bool IsToDataFrame(IInvocationOperation invocation, MlSymbols symbols)
        => invocation.TargetMethod.Name == "ToDataFrame"
           && MlSymbols.Is(invocation.TargetMethod.ContainingType, LeakageSymbols.For(symbols).DataViewExtensions);

    /// <summary>
    /// True when <paramref name="toDataFrame"/> passes no <c>maxRows</c> and its view is not already cut to 100 rows or
    /// fewer by a <c>TakeRows</c> (followed through the locals whose assignments reach the call).
    /// </summary>
    public static bool TruncatesSilently(IInvocationOperation toDataFrame, LeakageAnalysis analysis)
    {
        foreach (var argument in toDataFrame.Arguments)
        {
            if (argument.Parameter?.Name == "maxRows" && argument.ArgumentKind != ArgumentKind.DefaultValue)
                return false;
        }

        if (toDataFrame.Arguments.IsEmpty)
            return true;
        var view = toDataFrame.Arguments[0].Value.WalkDownConversions();
        if (view is not (IInvocationOperation or ILocalReferenceOperation))
            return true;
        return !analysis.FlowOf(view).DataOf(view).IsCutTo(DefaultMaxRows);
    }
}
