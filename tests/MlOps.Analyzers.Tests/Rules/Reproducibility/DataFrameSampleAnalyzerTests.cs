using System.Threading.Tasks;
using MlOps.Analyzers.Tests.Infrastructure;
using Verify = MlOps.Analyzers.Tests.Infrastructure.AnalyzerVerifier<MlOps.Analyzers.Rules.Reproducibility.DataFrameSampleAnalyzer>;
using MlOps.Analyzers.Rules.Reproducibility;

namespace MlOps.Analyzers.Tests.Rules.Reproducibility;

public class DataFrameSampleAnalyzerTests
{
    private const string Usings = """
        using System;
        using System.Linq;
        using Microsoft.Data.Analysis;
        using Microsoft.ML;
        using MlOps.Lineage;

        """;

    private static Microsoft.CodeAnalysis.Testing.DiagnosticResult Expected(int location)
        => Verify.Diagnostic(DataFrameSampleAnalyzer.Rule).WithLocation(location);

    [Fact]
    public Task Sample_in_a_method_that_trains_is_reported() => Verify.VerifyAsync(Usings + """
        public class Trainer
        {
            public ITransformer Train(MLContext ml, DataFrame frame)
            {
                var sample = frame.{|#0:Sample|}(1000);
                return ml.Regression.Trainers.Sdca(labelColumnName: "y").Fit(sample);
            }
        }
        """, Expected(0));

    [Fact]
    public Task Sample_in_a_helper_of_an_attributed_pipeline_is_reported() => Verify.VerifyAsync(Usings + """
        [TrainingPipeline("p")]
        public partial class Pipeline
        {
            private static DataFrame Subset(DataFrame frame) => frame.{|#0:Sample|}(numberOfRows: 50);
        }
        """, Expected(0));

    [Fact]
    public Task Sample_in_a_preparation_helper_of_a_training_type_is_reported() => Verify.VerifyAsync(Usings + """
        public class Trainer
        {
            private DataFrame Prepare(DataFrame frame) => frame.{|#0:Sample|}(100);

            public ITransformer Train(MLContext ml, DataFrame frame) => ml.Regression.Trainers.Sdca(labelColumnName: "y").Fit(Prepare(frame));
        }
        """, Expected(0));

    [Fact]
    public Task Sample_for_exploration_outside_training_code_is_not_reported() => Verify.VerifyAsync(Usings + """
        public static class Explore
        {
            public static void Peek(DataFrame frame) => Console.WriteLine(frame.Sample(5));
        }
        """);

    [Fact]
    public Task Seeded_index_sampling_is_not_reported() => Verify.VerifyAsync(Usings + """
        public class Trainer
        {
            public ITransformer Train(MLContext ml, DataFrame frame)
            {
                var rng = new Random(42);
                var indices = Enumerable.Range(0, (int)frame.Rows.Count).OrderBy(_ => rng.Next()).Take(100).Select(i => (long)i);
                var sample = frame[indices];
                return ml.Regression.Trainers.Sdca(labelColumnName: "y").Fit(sample);
            }
        }
        """);

    [Fact]
    public Task Attributed_scope_ignores_unattributed_training_code() => Verify.VerifyAsync(Usings + """
        public class Trainer
        {
            public ITransformer Train(MLContext ml, DataFrame frame) => ml.Regression.Trainers.Sdca(labelColumnName: "y").Fit(frame.Sample(10));
        }
        """, "mlops_analyzers.training_scope = attributed");

    [Theory]
    [InlineData("public class C { ITransformer T(MLContext ml, DataFrame f) => ml.Regression.Trainers.Sdca().Fit(f.Sample(); }")]
    [InlineData("public class C { void T(DataFrame f) { f.Sample(\"x\"); Undefined.Fit(); } }")]
    [InlineData("[TrainingPipeline] public partial class C { object T(DataFrame f) => f.Sample }")]
    public async Task Broken_code_does_not_throw(string code)
    {
        var compilation = AnalyzerRunner.Compile(Usings + code);
        var result = await AnalyzerRunner.RunAsync(compilation, [new DataFrameSampleAnalyzer()]);
        Assert.Empty(result.Exceptions);
    }
}
