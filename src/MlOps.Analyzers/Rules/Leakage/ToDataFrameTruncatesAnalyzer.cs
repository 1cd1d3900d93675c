using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;
using MlOps.Analyzers.Catalog;
using MlOps.Analyzers.Engine;
using MlOps.Analyzers.Facts.Leakage;
using MlOps.Analyzers.Facts.Symbols;

namespace MlOps.Analyzers.Rules.Leakage;

/// <summary>
/// MLOPS032: <c>view.ToDataFrame()</c> without <c>maxRows</c>. Microsoft.Data.Analysis 0.23.1 defaults <c>maxRows</c>
/// to 100 and stops there without a word, so statistics, plots and exports built on the frame describe the first 100
/// rows only (<see cref="ToDataFrameCalls"/>). Fix: <c>maxRows: -1</c>.
/// </summary>
public sealed class ToDataFrameTruncatesAnalyzer : Rule
{
    internal static readonly DiagnosticDescriptor Rule = RuleDescriptors.Create(
        RuleIds.ToDataFrameTruncates,
        RuleCategories.Leakage,
        DiagnosticSeverity.Warning,
        title: "ToDataFrame keeps only the first 100 rows",
        messageFormat: "'ToDataFrame' without 'maxRows' keeps only the first 100 rows of '{0}' and drops the rest without a warning. Pass 'maxRows: -1' for every row, or the limit you mean.",
        description: "Microsoft.Data.Analysis' IDataView.ToDataFrame() defaults maxRows to 100 and silently stops there, so anything computed from the frame describes a sample of the data, not the data. Pass maxRows: -1 to convert every row.");

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(Rule);

    internal override void Start(RuleStart start)
    {
        if (!start.Symbols.HasDataFrame)
            return; // this compilation does not reference Microsoft.Data.Analysis

        var analysis = LeakageAnalysis.For(start.Symbols);
        start.OnInvocation(Calls.Named(ApiOwners.DataAnalysis, "ToDataFrame"), c =>
        {
            var invocation = (IInvocationOperation)c.Operation;
            if (!ToDataFrameCalls.IsToDataFrame(invocation, start.Symbols) || !ToDataFrameCalls.TruncatesSilently(invocation, analysis))
                return;
            var view = invocation.Arguments.IsEmpty ? "the view" : invocation.Arguments[0].Value.WalkDownConversions().Syntax.ToString();
            c.ReportDiagnostic(Diagnostic.Create(Rule, invocation.GetNameLocation(), view));
        });
    }
}
