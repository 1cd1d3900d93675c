using System.Threading;
using System.Threading.Tasks;
using MlOps.Analyzers.CodeFixes.Rules.Reproducibility;
using Verify = MlOps.Analyzers.Tests.Infrastructure.CodeFixVerifier<MlOps.Analyzers.Rules.Reproducibility.UnseededDataOperationAnalyzer, MlOps.Analyzers.CodeFixes.Rules.Reproducibility.UnseededDataOperationFixer>;
using MlOps.Analyzers.Rules.Reproducibility;

namespace MlOps.Analyzers.Tests.Rules.Reproducibility;

public class UnseededDataOperationFixerTests
{
    private const string Usings = """
        using Microsoft.ML;
        using MlOps.Lineage;

        """;

    [Fact]
    public Task Seeds_the_context_the_document_creates_as_the_MLOPS001_fix_does() => Verify.VerifyAsync(Usings + """
        public static class Training
        {
            public static IDataView Shuffle(IDataView data)
            {
                var ml = new MLContext();
                return ml.Data.{|MLOPS002:ShuffleRows|}(data, shufflePoolSize: 10);
            }
        }
        """, Usings + """
        public static class Training
        {
            public static IDataView Shuffle(IDataView data)
            {
                var ml = new MLContext(seed: 42);
                return ml.Data.ShuffleRows(data, shufflePoolSize: 10);
            }
        }
        """);

    [Fact]
    public Task Replaces_the_clock_seed_of_the_context_as_the_MLOPS001_fix_does() => Verify.VerifyAsync(Usings + """
        public static class Training
        {
            public static IDataView Shuffle(IDataView data)
            {
                var ml = new MLContext(System.Environment.TickCount);
                return ml.Data.{|MLOPS002:ShuffleRows|}(data);
            }
        }
        """, Usings + """
        public static class Training
        {
            public static IDataView Shuffle(IDataView data)
            {
                var ml = new MLContext(seed: 42);
                return ml.Data.ShuffleRows(data);
            }
        }
        """);

    [Fact]
    public Task Seeds_a_field_context_with_the_training_seed() => Verify.VerifyAsync(Usings + """
        [TrainingPipeline("churn")]
        public partial class Churn
        {
            [TrainingSeed] public const int Seed = 2024;
            private readonly MLContext _ml = new();

            public IDataView Sample(IDataView data) => _ml.Data.{|MLOPS002:BootstrapSample|}(data, null);
        }
        """, Usings + """
        [TrainingPipeline("churn")]
        public partial class Churn
        {
            [TrainingSeed] public const int Seed = 2024;
            private readonly MLContext _ml = new(seed: Seed);

            public IDataView Sample(IDataView data) => _ml.Data.BootstrapSample(data, null);
        }
        """);

    [Fact]
    public Task Uses_the_configured_default_seed() => Verify.VerifyAsync(Usings + """
        public static class Training
        {
            public static IDataView Shuffle(IDataView data) => new MLContext().Data.{|MLOPS002:ShuffleRows|}(data);
        }
        """, Usings + """
        public static class Training
        {
            public static IDataView Shuffle(IDataView data) => new MLContext(seed: 0).Data.ShuffleRows(data);
        }
        """, "mlops_analyzers.default_seed = 0");

    /// <summary>A context created lazily in place: the call gets the seed (an explicit null is replaced).</summary>
    [Fact]
    public Task Passes_a_seed_to_the_call_when_the_context_is_created_lazily_in_place() => Verify.VerifyAsync(Usings + """
        [TrainingPipeline("churn")]
        public partial class Churn
        {
            [TrainingSeed] public const int Seed = 2024;
            private MLContext? _ml;

            public IDataView Sample(IDataView data)
            {
                var sample = (_ml ??= new MLContext()).Data.{|MLOPS002:BootstrapSample|}(data, null);
                return (_ml ??= new MLContext()).Data.{|MLOPS002:ShuffleRows|}(sample, shufflePoolSize: 10);
            }
        }
        """, Usings + """
        [TrainingPipeline("churn")]
        public partial class Churn
        {
            [TrainingSeed] public const int Seed = 2024;
            private MLContext? _ml;

            public IDataView Sample(IDataView data)
            {
                var sample = (_ml ??= new MLContext()).Data.BootstrapSample(data, Seed);
                return (_ml ??= new MLContext()).Data.ShuffleRows(sample, shufflePoolSize: 10, seed: Seed);
            }
        }
        """);

    [Fact]
    public async Task Fix_all_seeds_every_context_once_in_two_documents()
    {
        const string First = Usings + """
            public static class A
            {
                public static IDataView M(IDataView data)
                {
                    var ml = new MLContext();
                    var sample = ml.Data.{|MLOPS002:BootstrapSample|}(data);
                    return ml.Data.{|MLOPS002:ShuffleRows|}(sample);
                }
            }
            """;
        const string Second = Usings + """
            public class B
            {
                private readonly MLContext _ml = new();
                public IDataView M(IDataView data) => _ml.Data.{|MLOPS002:ShuffleRows|}(data);
            }
            """;
        var fixedFirst = First.Replace("new MLContext()", "new MLContext(seed: 42)").Replace("{|MLOPS002:BootstrapSample|}", "BootstrapSample").Replace("{|MLOPS002:ShuffleRows|}", "ShuffleRows");
        var fixedSecond = Second.Replace("new()", "new(seed: 42)").Replace("{|MLOPS002:ShuffleRows|}", "ShuffleRows");
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
