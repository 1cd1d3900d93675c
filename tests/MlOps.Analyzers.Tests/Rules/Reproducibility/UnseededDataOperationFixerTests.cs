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
    public Task Adds_the_default_seed() => Verify.VerifyAsync(Usings + """
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
                var ml = new MLContext();
                return ml.Data.ShuffleRows(data, shufflePoolSize: 10, seed: 42);
            }
        }
        """);

    [Fact]
    public Task Uses_the_training_seed_and_replaces_an_explicit_null() => Verify.VerifyAsync(Usings + """
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
            private readonly MLContext _ml = new();

            public IDataView Sample(IDataView data) => _ml.Data.BootstrapSample(data, Seed);
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
            public static IDataView Shuffle(IDataView data) => new MLContext().Data.ShuffleRows(data, seed: 0);
        }
        """, "mlops_analyzers.default_seed = 0");

    [Fact]
    public async Task Fix_all_seeds_every_call_in_two_documents()
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
        var fixedFirst = First.Replace("{|MLOPS002:BootstrapSample|}(data)", "BootstrapSample(data, seed: 42)").Replace("{|MLOPS002:ShuffleRows|}(sample)", "ShuffleRows(sample, seed: 42)");
        var test = new Verify.Test();
        test.TestState.Sources.Add(("/A.cs", First));
        test.TestState.Sources.Add(("/B.cs", Second));
        test.FixedState.Sources.Add(("/A.cs", fixedFirst));
        test.FixedState.Sources.Add(("/B.cs", Second.Replace("{|MLOPS002:ShuffleRows|}(data)", "ShuffleRows(data, seed: 42)")));
        test.BatchFixedState.Sources.Add(("/A.cs", fixedFirst));
        test.BatchFixedState.Sources.Add(("/B.cs", Second.Replace("{|MLOPS002:ShuffleRows|}(data)", "ShuffleRows(data, seed: 42)")));
        await test.RunAsync(CancellationToken.None);
    }
}
