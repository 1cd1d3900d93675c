using System.Threading;
using System.Threading.Tasks;
using Verify = MlOps.Analyzers.Tests.Infrastructure.CodeFixVerifier<MlOps.Analyzers.Rules.Leakage.ToDataFrameTruncatesAnalyzer, MlOps.Analyzers.CodeFixes.Rules.Leakage.ToDataFrameTruncatesFixer>;

namespace MlOps.Analyzers.Tests.Rules.Leakage;

public class ToDataFrameTruncatesFixerTests
{
    private const string Usings = """
        using Microsoft.ML;
        using Microsoft.Data.Analysis;

        """;

    [Fact]
    public Task Adds_max_rows_minus_one() => Verify.VerifyAsync(Usings + """
        public static class Explore
        {
            public static DataFrame Frame(IDataView view) => view.{|MLOPS032:ToDataFrame|}();
        }
        """, Usings + """
        public static class Explore
        {
            public static DataFrame Frame(IDataView view) => view.ToDataFrame(maxRows: -1);
        }
        """);

    [Fact]
    public Task Puts_max_rows_before_the_columns() => Verify.VerifyAsync(Usings + """
        public static class Explore
        {
            public static DataFrame Frame(IDataView view) => view.{|MLOPS032:ToDataFrame|}("Age", "Income");
            public static DataFrame Static(IDataView view) => IDataViewExtensions.{|MLOPS032:ToDataFrame|}(view, "Age");
            public static DataFrame Named(IDataView view, string[] columns) => view.{|MLOPS032:ToDataFrame|}(selectColumns: columns);
        }
        """, Usings + """
        public static class Explore
        {
            public static DataFrame Frame(IDataView view) => view.ToDataFrame(maxRows: -1, "Age", "Income");
            public static DataFrame Static(IDataView view) => IDataViewExtensions.ToDataFrame(view, maxRows: -1, "Age");
            public static DataFrame Named(IDataView view, string[] columns) => view.ToDataFrame(selectColumns: columns, maxRows: -1);
        }
        """);

    [Fact]
    public async Task Fix_all_converts_every_call_in_two_documents()
    {
        const string First = Usings + """
            public static class A
            {
                public static void M(IDataView train, IDataView test)
                {
                    var a = train.{|MLOPS032:ToDataFrame|}();
                    var b = test.{|MLOPS032:ToDataFrame|}("Label");
                }
            }
            """;
        const string Second = Usings + """
            public static class B
            {
                public static DataFrame M(IDataView data) => IDataViewExtensions.{|MLOPS032:ToDataFrame|}(data);
            }
            """;
        var fixedFirst = First.Replace("train.{|MLOPS032:ToDataFrame|}()", "train.ToDataFrame(maxRows: -1)")
            .Replace("test.{|MLOPS032:ToDataFrame|}(\"Label\")", "test.ToDataFrame(maxRows: -1, \"Label\")");
        var fixedSecond = Second.Replace("{|MLOPS032:ToDataFrame|}(data)", "ToDataFrame(data, maxRows: -1)");
        var test = new Verify.Test();
        test.TestState.Sources.Add(("/A.cs", First));
        test.TestState.Sources.Add(("/B.cs", Second));
        test.FixedState.Sources.Add(("/A.cs", fixedFirst));
        test.FixedState.Sources.Add(("/B.cs", fixedSecond));
        test.BatchFixedState.Sources.Add(("/A.cs", fixedFirst));
        test.BatchFixedState.Sources.Add(("/B.cs", fixedSecond));
        await test.RunAsync(CancellationToken.None);
    }
}
