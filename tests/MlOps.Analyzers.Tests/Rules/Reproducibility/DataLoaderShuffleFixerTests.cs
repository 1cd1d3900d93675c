using System.Threading;
using System.Threading.Tasks;
using Verify = MlOps.Analyzers.Tests.Infrastructure.CodeFixVerifier<MlOps.Analyzers.Rules.Reproducibility.DataLoaderShuffleAnalyzer, MlOps.Analyzers.CodeFixes.Rules.Reproducibility.DataLoaderShuffleFixer>;

namespace MlOps.Analyzers.Tests.Rules.Reproducibility;

public class DataLoaderShuffleFixerTests
{
    private const string Usings = """
        using TorchSharp;
        using TorchSharp.Modules;
        using MlOps.Lineage;

        """;

    [Fact]
    public Task Adds_the_training_seed() => Verify.VerifyAsync(Usings + """
        [TrainingPipeline("mnist")]
        public partial class Mnist
        {
            [TrainingSeed] public const int Seed = 1;

            public DataLoader Loader(torch.utils.data.Dataset train) => {|MLOPS007:new DataLoader(train, 64, shuffle: true)|};
        }
        """, Usings + """
        [TrainingPipeline("mnist")]
        public partial class Mnist
        {
            [TrainingSeed] public const int Seed = 1;

            public DataLoader Loader(torch.utils.data.Dataset train) => new DataLoader(train, 64, shuffle: true, seed: Seed);
        }
        """);

    [Fact]
    public Task Replaces_a_positional_null_seed() => Verify.VerifyAsync(Usings + """
        public static class Loaders
        {
            public static DataLoader Make(torch.utils.data.Dataset train) => torch.utils.data.{|MLOPS007:DataLoader|}(train, 64, true, null, null);
        }
        """, Usings + """
        public static class Loaders
        {
            public static DataLoader Make(torch.utils.data.Dataset train) => torch.utils.data.DataLoader(train, 64, true, null, 42);
        }
        """);

    [Fact]
    public async Task Fix_all_seeds_every_loader_in_two_documents()
    {
        const string First = Usings + """
            public static class A
            {
                public static void M(torch.utils.data.Dataset d)
                {
                    using var x = {|MLOPS007:new DataLoader(d, 1, shuffle: true)|};
                    using var y = torch.utils.data.{|MLOPS007:DataLoader|}(d, 2, shuffle: true);
                }
            }
            """;
        const string Second = Usings + """
            public static class B
            {
                public static DataLoader M(torch.utils.data.Dataset d) => {|MLOPS007:new DataLoader(d, 3, true)|};
            }
            """;
        var fixedFirst = First.Replace("{|MLOPS007:new DataLoader(d, 1, shuffle: true)|}", "new DataLoader(d, 1, shuffle: true, seed: 42)")
            .Replace("{|MLOPS007:DataLoader|}(d, 2, shuffle: true)", "DataLoader(d, 2, shuffle: true, seed: 42)");
        var fixedSecond = Second.Replace("{|MLOPS007:new DataLoader(d, 3, true)|}", "new DataLoader(d, 3, true, seed: 42)");
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
