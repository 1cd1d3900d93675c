using System.Threading.Tasks;
using Verify = MlOps.Analyzers.Tests.Infrastructure.AnalyzerVerifier<MlOps.Analyzers.Rules.Leakage.ToDataFrameTruncatesAnalyzer>;

namespace MlOps.Analyzers.Tests.Rules.Leakage;

public class ToDataFrameTruncatesAnalyzerTests
{
    private const string Usings = """
        using Microsoft.ML;
        using Microsoft.Data.Analysis;

        """;

    // Not a finding

    [Fact]
    public Task Explicit_max_rows_is_not_reported() => Verify.VerifyAsync(Usings + """
        public static class Explore
        {
            public static DataFrame All(IDataView view) => view.ToDataFrame(maxRows: -1);
            public static DataFrame Positional(IDataView view) => view.ToDataFrame(5000);
            public static DataFrame Columns(IDataView view) => view.ToDataFrame(-1, "Age", "Income");
            public static DataFrame Static(IDataView view) => IDataViewExtensions.ToDataFrame(view, maxRows: 10);
        }
        """);

    [Fact]
    public Task View_already_cut_to_100_rows_or_fewer_is_not_reported() => Verify.VerifyAsync(Usings + """
        public static class Explore
        {
            public static DataFrame Direct(MLContext ml, IDataView view) => ml.Data.TakeRows(view, 50).ToDataFrame();

            public static DataFrame ThroughLocals(MLContext ml, IDataView view)
            {
                var head = ml.Data.TakeRows(view, 100);
                var scored = ml.Transforms.Concatenate("Features", "A", "B").Fit(head).Transform(head);
                return scored.ToDataFrame("Features");
            }
        }
        """);

    [Fact]
    public Task A_local_reassigned_to_a_short_view_before_the_call_is_not_reported() => Verify.VerifyAsync(Usings + """
        public static class Explore
        {
            public static DataFrame Head(MLContext ml, IDataView data)
            {
                var view = data;
                view = ml.Data.TakeRows(view, 20);
                return view.ToDataFrame();
            }
        }
        """);

    [Fact]
    public Task Preview_and_other_frames_are_not_reported() => Verify.VerifyAsync(Usings + """
        public static class Explore
        {
            public static void Look(IDataView view, string path)
            {
                var preview = view.Preview();
                var frame = DataFrame.LoadCsv(path);
                var head = frame.Head(5);
            }
        }
        """);

    [Fact]
    public Task Code_without_Microsoft_Data_Analysis_calls_is_not_reported() => Verify.VerifyAsync(Usings + """
        public static class Explore
        {
            public static long? Count(IDataView view) => view.GetRowCount();
        }
        """);

    // Findings

    [Fact]
    public Task ToDataFrame_without_max_rows_is_reported() => Verify.VerifyAsync(Usings + """
        public static class Explore
        {
            public static DataFrame Frame(IDataView view) => view.{|MLOPS032:ToDataFrame|}();
            public static DataFrame Columns(IDataView view) => view.{|MLOPS032:ToDataFrame|}("Age", "Income");
            public static DataFrame Static(IDataView view) => IDataViewExtensions.{|MLOPS032:ToDataFrame|}(view);
        }
        """);

    [Fact]
    public Task The_message_names_the_view() => Verify.VerifyAsync(Usings + """
        public static class Explore
        {
            public static DataFrame Frame(IDataView trainingData) => trainingData.ToDataFrame();
        }
        """,
        Verify.Diagnostic("MLOPS032").WithSpan(5, 75, 5, 86).WithArguments("trainingData"));

    [Fact]
    public Task A_view_cut_to_more_than_100_rows_is_reported() => Verify.VerifyAsync(Usings + """
        public static class Explore
        {
            public static DataFrame Head(MLContext ml, IDataView view) => ml.Data.TakeRows(view, 500).{|MLOPS032:ToDataFrame|}();
        }
        """);

    [Fact]
    public Task A_local_whose_short_value_is_overwritten_before_the_call_is_reported() => Verify.VerifyAsync(Usings + """
        public static class Explore
        {
            public static DataFrame Frame(MLContext ml, IDataView data, bool all)
            {
                var view = ml.Data.TakeRows(data, 20);
                if (all)
                    view = data;
                return view.{|MLOPS032:ToDataFrame|}();
            }
        }
        """);
}
