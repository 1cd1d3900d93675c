using System.Threading.Tasks;
using MlOps.Analyzers.Tests.Infrastructure;
using Verify = MlOps.Analyzers.Tests.Infrastructure.AnalyzerVerifier<MlOps.Analyzers.Rules.Reproducibility.UnseededDataOperationAnalyzer>;
using MlOps.Analyzers.Rules.Reproducibility;

namespace MlOps.Analyzers.Tests.Rules.Reproducibility;

public class UnseededDataOperationAnalyzerTests
{
    private const string Usings = $"""
        using System.Collections.Generic;
        using Microsoft.ML;
        using Microsoft.ML.Data;

        {TestSources.Row}

        """;

    private static Microsoft.CodeAnalysis.Testing.DiagnosticResult Expected(int location, string method, string context)
        => Verify.Diagnostic(UnseededDataOperationAnalyzer.Rule).WithLocation(location).WithArguments(method, context);

    // --- findings ---

    [Fact]
    public Task ShuffleRows_on_an_unseeded_local_context_is_reported() => Verify.VerifyAsync(Usings + """
        public static class Training
        {
            public static IDataView Shuffle(IDataView data)
            {
                var ml = new MLContext();
                return ml.Data.{|#0:ShuffleRows|}(data);
            }
        }
        """, Expected(0, "ShuffleRows", "ml"));

    [Fact]
    public Task ShuffleRows_on_a_context_seeded_from_the_clock_is_reported() => Verify.VerifyAsync(Usings + """
        public static class Training
        {
            public static IDataView Shuffle(IDataView data)
            {
                var ml = new MLContext((int)System.DateTime.UtcNow.Ticks);
                return ml.Data.{|#0:ShuffleRows|}(data);
            }
        }
        """, Expected(0, "ShuffleRows", "ml"));

    [Fact]
    public Task BootstrapSample_with_explicit_null_seed_is_reported() => Verify.VerifyAsync(Usings + """
        public static class Training
        {
            public static IDataView Sample(IDataView data)
            {
                var ml = new MLContext(seed: null);
                return ml.Data.{|#0:BootstrapSample|}(data, seed: null);
            }
        }
        """, Expected(0, "BootstrapSample", "ml"));

    [Fact]
    public Task Positional_null_seed_is_reported() => Verify.VerifyAsync(Usings + """
        public static class Training
        {
            public static IDataView Shuffle(IDataView data)
            {
                MLContext ml = new();
                return ml.Data.{|#0:ShuffleRows|}(data, null, 100);
            }
        }
        """, Expected(0, "ShuffleRows", "ml"));

    [Fact]
    public Task Context_in_a_field_used_by_another_method_is_reported() => Verify.VerifyAsync(Usings + """
        public class ChurnTrainer
        {
            private readonly MLContext _ml = new();

            public IDataView Shuffle(IDataView data) => _ml.Data.{|#0:ShuffleRows|}(data);
        }
        """, Expected(0, "ShuffleRows", "_ml"));

    [Fact]
    public Task Get_only_property_assigned_in_the_constructor_is_reported() => Verify.VerifyAsync(Usings + """
        public class Experiment
        {
            private MLContext Context { get; }

            public Experiment() { Context = new MLContext(); }

            public IDataView Sample(IDataView data) => Context.Data.{|#0:BootstrapSample|}(data, complement: true);
        }
        """, Expected(0, "BootstrapSample", "Context"));

    [Fact]
    public Task Lazily_created_private_context_is_reported() => Verify.VerifyAsync(Usings + """
        public class Training
        {
            private MLContext? _ml;

            public IDataView Shuffle(IDataView data) => (_ml ??= new MLContext()).Data.{|#0:ShuffleRows|}(data);
        }
        """, Expected(0, "ShuffleRows", "_ml"));

    [Fact]
    public Task Context_created_in_place_is_reported() => Verify.VerifyAsync(Usings + """
        public static class Training
        {
            public static IDataView Shuffle(IDataView data) => new MLContext().Data.{|#0:ShuffleRows|}(data);
        }
        """, Expected(0, "ShuffleRows", "new MLContext()"));

    // --- not findings ---

    [Theory]
    [InlineData("new MLContext(seed: 1)")]
    [InlineData("new MLContext(0)")]
    [InlineData("new MLContext(seed: Seed)")]
    [InlineData("new MLContext(seed: seedParameter)")]
    [InlineData("new MLContext(seed: local)")]
    public Task Seeded_context_is_not_reported(string creation) => Verify.VerifyAsync(Usings + $$"""
        public static class Training
        {
            private const int Seed = 7;

            public static IDataView Shuffle(IDataView data, int seedParameter)
            {
                int? local = 3;
                var ml = {{creation}};
                return ml.Data.BootstrapSample(ml.Data.ShuffleRows(data));
            }
        }
        """);

    [Theory]
    [InlineData("ml.Data.ShuffleRows(data, seed: 1)")]
    [InlineData("ml.Data.ShuffleRows(data, 0)")]
    [InlineData("ml.Data.ShuffleRows(data, seed: seed)")]
    [InlineData("ml.Data.BootstrapSample(data, seed: seed)")]
    public Task Call_with_a_seed_is_not_reported(string call) => Verify.VerifyAsync(Usings + $$"""
        public static class Training
        {
            public static IDataView Shuffle(IDataView data, int seed)
            {
                var ml = new MLContext();
                return {{call}};
            }
        }
        """);

    [Fact]
    public Task Context_received_as_a_parameter_is_unknown() => Verify.VerifyAsync(Usings + """
        public static class Training
        {
            public static IDataView Shuffle(MLContext ml, IDataView data) => ml.Data.ShuffleRows(data);
        }
        """);

    [Fact]
    public Task Splits_and_cross_validation_fall_back_to_a_fixed_seed() => Verify.VerifyAsync(Usings + """
        public static class Training
        {
            public static void Evaluate(IDataView data)
            {
                var ml = new MLContext();
                var split = ml.Data.TrainTestSplit(data, testFraction: 0.2);
                var folds = ml.Data.CrossValidationSplit(data, numberOfFolds: 5);
                ml.BinaryClassification.CrossValidate(data, ml.BinaryClassification.Trainers.LbfgsLogisticRegression());
            }
        }
        """);

    [Fact]
    public Task Field_that_may_hold_a_seeded_context_is_not_provably_unseeded() => Verify.VerifyAsync(Usings + """
        public class Trainer
        {
            private MLContext _ml = new();

            public void Reseed(int seed) => _ml = new MLContext(seed);

            public IDataView Shuffle(IDataView data) => _ml.Data.ShuffleRows(data);
        }
        """);

    [Fact]
    public Task Members_others_can_assign_are_not_provably_unseeded() => Verify.VerifyAsync(Usings + """
        public class Trainer
        {
            public MLContext Field = new();
            public MLContext Property { get; set; } = new();

            public IDataView Shuffle(IDataView data) => Field.Data.ShuffleRows(Property.Data.ShuffleRows(data));
        }
        """);

    [Fact]
    public Task Context_from_a_factory_is_unknown() => Verify.VerifyAsync(Usings + """
        public static class Training
        {
            private static MLContext Create() => new MLContext(seed: 1);

            public static IDataView Shuffle(IDataView data)
            {
                var ml = Create();
                return ml.Data.ShuffleRows(data);
            }
        }
        """);

    [Fact]
    public Task Context_passed_by_ref_or_out_to_a_method_is_not_provably_unseeded() => Verify.VerifyAsync(Usings + """
        public static class Training
        {
            private static void Replace(ref MLContext ml) => ml = new MLContext(seed: 1);
            private static void Create(out MLContext ml) => ml = new MLContext(seed: 1);

            public static IDataView Shuffle(IDataView data)
            {
                var a = new MLContext();
                Replace(ref a);
                var b = new MLContext();
                Create(out b);
                return b.Data.ShuffleRows(a.Data.ShuffleRows(data));
            }
        }
        """);

    [Fact]
    public Task Context_field_passed_out_to_a_constructor_or_constructor_initializer_is_not_provably_unseeded() => Verify.VerifyAsync(Usings + """
        public class Holder
        {
            public Holder(out MLContext ml) => ml = new MLContext(seed: 1);
        }

        public class Base
        {
            protected Base(out MLContext ml) => ml = new MLContext(seed: 1);
        }

        public class Trainer : Base
        {
            private static MLContext s_fromBase = new();
            private MLContext _fromHolder = new();

            public Trainer() : base(out s_fromBase) { }

            public void Make() => _ = new Holder(out _fromHolder);

            public IDataView Shuffle(IDataView data) => _fromHolder.Data.ShuffleRows(s_fromBase.Data.ShuffleRows(data));
        }
        """);

    [Fact]
    public Task Context_passed_by_value_stays_provably_unseeded() => Verify.VerifyAsync(Usings + """
        public static class Training
        {
            private static void Use(MLContext ml) { }

            public static IDataView Shuffle(IDataView data)
            {
                var ml = new MLContext();
                Use(ml);
                return ml.Data.{|#0:ShuffleRows|}(data);
            }
        }
        """, Expected(0, "ShuffleRows", "ml"));

    [Fact]
    public Task Nested_types_report_once() => Verify.VerifyAsync(Usings + """
        public class Outer
        {
            public class Inner
            {
                public IDataView Shuffle(IDataView data)
                {
                    var ml = new MLContext();
                    return ml.Data.{|#0:ShuffleRows|}(data);
                }
            }
        }
        """, Expected(0, "ShuffleRows", "ml"));

    [Theory]
    [InlineData("var ml = new MLContext(); ml.Data.ShuffleRows(")]
    [InlineData("var ml = new MLContext(); ml.Data.ShuffleRows(data, seed: );")]
    [InlineData("var ml = new MLContext(seed: \"x\"); ml.Data.BootstrapSample(Undefined);")]
    [InlineData("Undefined ml = new(); ml.Data.ShuffleRows(data);")]
    [InlineData("var (a, b) = (new MLContext(), 1); a.Data.ShuffleRows(data);")]
    public async Task Broken_code_does_not_throw(string body)
    {
        var compilation = AnalyzerRunner.Compile(Usings + "public static class Broken { public static void M(IDataView data) { " + body + " } }");
        var result = await AnalyzerRunner.RunAsync(compilation, [new UnseededDataOperationAnalyzer()]);
        Assert.Empty(result.Exceptions);
    }
}
