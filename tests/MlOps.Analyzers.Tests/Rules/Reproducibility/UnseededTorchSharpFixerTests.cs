using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis.Testing;
using Verify = MlOps.Analyzers.Tests.Infrastructure.CodeFixVerifier<MlOps.Analyzers.Rules.Reproducibility.UnseededTorchSharpAnalyzer, MlOps.Analyzers.CodeFixes.Rules.Reproducibility.UnseededTorchSharpFixer>;

namespace MlOps.Analyzers.Tests.Rules.Reproducibility;

public class UnseededTorchSharpFixerTests
{
    private const string Usings = """
        using TorchSharp;
        using MlOps.Lineage;

        """;

    // MLOPS006 is a compilation-end diagnostic (it needs the entry point); the IDE offers its fix from the error list.
    private static Verify.Test NewTest() => new() { CodeFixTestBehaviors = CodeFixTestBehaviors.SkipLocalDiagnosticCheck };

    private static Task VerifyAsync(string source, string fixedSource)
    {
        var test = NewTest();
        test.TestCode = source;
        test.FixedCode = fixedSource;
        return test.RunAsync(CancellationToken.None);
    }

    [Fact]
    public Task Inserts_manual_seed_at_the_start_of_the_method() => VerifyAsync(Usings + """
        public class Trainer
        {
            public void {|MLOPS006:Train|}(torch.Tensor loss)
            {
                loss.backward();
            }
        }
        """, Usings + """
        public class Trainer
        {
            public void Train(torch.Tensor loss)
            {
                torch.manual_seed(42);
                loss.backward();
            }
        }
        """);

    [Fact]
    public Task Converts_an_expression_body_and_uses_the_training_seed() => VerifyAsync(Usings + """
        [TrainingPipeline("p")]
        public partial class Pipeline
        {
            [TrainingSeed] public const int Seed = 9;

            public static float {|MLOPS006:Step|}(torch.optim.Optimizer optimizer) => optimizer.step().item<float>();
        }
        """, Usings + """
        [TrainingPipeline("p")]
        public partial class Pipeline
        {
            [TrainingSeed] public const int Seed = 9;

            public static float Step(torch.optim.Optimizer optimizer)
            {
                torch.manual_seed(Seed);
                return optimizer.step().item<float>();
            }
        }
        """);

    [Fact]
    public async Task Fix_all_seeds_each_training_method_in_two_documents()
    {
        const string First = Usings + """
            public class A
            {
                public void {|MLOPS006:One|}(torch.Tensor loss)
                {
                    loss.backward();
                }
            }
            """;
        const string Second = Usings + """
            public class B
            {
                public void {|MLOPS006:Two|}(torch.optim.Optimizer o)
                {
                    o.step();
                }
            }
            """;
        var fixedFirst = First.Replace("{|MLOPS006:One|}", "One").Replace("        loss.backward();", "        torch.manual_seed(42);\n        loss.backward();");
        var fixedSecond = Second.Replace("{|MLOPS006:Two|}", "Two").Replace("        o.step();", "        torch.manual_seed(42);\n        o.step();");
        var test = NewTest();
        test.TestState.Sources.Add(("/A.cs", First));
        test.TestState.Sources.Add(("/B.cs", Second));
        test.FixedState.Sources.Add(("/A.cs", fixedFirst));
        test.FixedState.Sources.Add(("/B.cs", fixedSecond));
        test.BatchFixedState.Sources.Add(("/A.cs", fixedFirst));
        test.BatchFixedState.Sources.Add(("/B.cs", fixedSecond));
        await test.RunAsync(CancellationToken.None);
    }
}
