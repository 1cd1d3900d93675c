using System.Threading.Tasks;
using MlOps.Analyzers.Tests.Infrastructure;
using Verify = MlOps.Analyzers.Tests.Infrastructure.AnalyzerVerifier<MlOps.Analyzers.Rules.Reproducibility.DataLoaderShuffleAnalyzer>;
using MlOps.Analyzers.Rules.Reproducibility;

namespace MlOps.Analyzers.Tests.Rules.Reproducibility;

public class DataLoaderShuffleAnalyzerTests
{
    private const string Usings = """
        using TorchSharp;
        using TorchSharp.Modules;
        using static TorchSharp.torch;

        """;

    private static Microsoft.CodeAnalysis.Testing.DiagnosticResult Expected(int location)
        => Verify.Diagnostic(DataLoaderShuffleAnalyzer.Rule).WithLocation(location);

    [Fact]
    public Task Shuffling_loaders_without_a_seed_are_reported() => Verify.VerifyAsync(Usings + """
        public static class Loaders
        {
            public static void Make(torch.utils.data.Dataset train, torch.utils.data.IterableDataset pairs)
            {
                using var a = {|#0:new DataLoader(train, 32, shuffle: true)|};
                using var b = torch.utils.data.{|#1:DataLoader|}(train, 32, true);
                using var c = {|#2:new IterableDataLoader(pairs, 16, shuffle: true, seed: null)|};
                DataLoader d = {|#3:new(train, 8, true, null, null)|};
                using var e = utils.data.{|#4:DataLoader|}(pairs, 4, shuffle: true, drop_last: true);
            }
        }
        """, Expected(0), Expected(1), Expected(2), Expected(3), Expected(4));

    [Fact]
    public Task A_seed_from_the_clock_is_no_seed() => Verify.VerifyAsync(Usings + """
        public static class Loaders
        {
            public static void Make(torch.utils.data.Dataset train, int? configured)
            {
                using var a = {|#0:new DataLoader(train, 32, shuffle: true, seed: System.Environment.TickCount)|};
                using var b = torch.utils.data.{|#1:DataLoader|}(train, 32, true, seed: System.Guid.NewGuid().GetHashCode());
                using var c = new DataLoader(train, 32, shuffle: true, seed: configured ?? System.Environment.TickCount);
            }
        }
        """, Expected(0), Expected(1));

    [Fact]
    public Task Loaders_with_a_seed_or_without_shuffling_are_not_reported() => Verify.VerifyAsync(Usings + """
        public static class Loaders
        {
            private const int Seed = 3;

            public static void Make(torch.utils.data.Dataset train, bool shuffle, int seed, System.Collections.Generic.IEnumerable<long> order)
            {
                using var a = new DataLoader(train, 32, shuffle: true, seed: 0);
                using var b = torch.utils.data.DataLoader(train, 32, true, seed: Seed);
                using var c = new DataLoader(train, 32, shuffle: true, seed: seed);
                using var d = new DataLoader(train, 32, shuffle: false);
                using var e = new DataLoader(train, 32);
                using var f = new DataLoader(train, 32, shuffle: shuffle);
                using var g = new DataLoader(train, 32, order);
            }
        }
        """);

    [Theory]
    [InlineData("new DataLoader(train, 32, shuffle: true")]
    [InlineData("new DataLoader(Undefined, shuffle: true);")]
    [InlineData("torch.utils.data.DataLoader(train, shuffle: true, seed: );")]
    [InlineData("new DataLoader(train, 32, shuffle: \"yes\");")]
    public async Task Broken_code_does_not_throw(string body)
    {
        var compilation = AnalyzerRunner.Compile(Usings + "public static class Broken { public static void M(torch.utils.data.Dataset train) { " + body + " } }");
        var result = await AnalyzerRunner.RunAsync(compilation, [new DataLoaderShuffleAnalyzer()]);
        Assert.Empty(result.Exceptions);
    }
}
