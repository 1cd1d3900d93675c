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

    /// <summary>A context created in another file of a partial type: the call gets the seed (an explicit null is replaced).</summary>
    [Fact]
    public async Task Passes_a_seed_to_the_call_when_another_document_creates_the_context()
    {
        const string Context = Usings + """
            public partial class Churn
            {
                private readonly MLContext _ml = new();
            }
            """;
        const string Calls = Usings + """
            public partial class Churn
            {
                [TrainingSeed] public const int Seed = 2024;

                public IDataView Sample(IDataView data) => _ml.Data.{|MLOPS002:BootstrapSample|}(data, null);

                public IDataView Shuffle(IDataView data) => _ml.Data.{|MLOPS002:ShuffleRows|}(data, shufflePoolSize: 10);
            }
            """;
        var fixedCalls = Calls.Replace("{|MLOPS002:BootstrapSample|}(data, null)", "BootstrapSample(data, Seed)")
            .Replace("{|MLOPS002:ShuffleRows|}(data, shufflePoolSize: 10)", "ShuffleRows(data, shufflePoolSize: 10, seed: Seed)");
        var test = new Verify.Test();
        test.TestState.Sources.Add(("/Context.cs", Context));
        test.TestState.Sources.Add(("/Calls.cs", Calls));
        test.FixedState.Sources.Add(("/Context.cs", Context));
        test.FixedState.Sources.Add(("/Calls.cs", fixedCalls));
        test.BatchFixedState.Sources.Add(("/Context.cs", Context));
        test.BatchFixedState.Sources.Add(("/Calls.cs", fixedCalls));
        await test.RunAsync(CancellationToken.None);
    }

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
