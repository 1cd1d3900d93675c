using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using MlOps.Analyzers.Tests.Infrastructure;
using Verify = MlOps.Analyzers.Tests.Infrastructure.AnalyzerVerifier<MlOps.Analyzers.Rules.Reproducibility.UnseededTorchSharpAnalyzer>;
using MlOps.Analyzers.Rules.Reproducibility;

namespace MlOps.Analyzers.Tests.Rules.Reproducibility;

public class UnseededTorchSharpAnalyzerTests
{
    private const string Usings = """
        using TorchSharp;
        using static TorchSharp.torch;

        """;

    private const string Trainer = """
        public class Trainer
        {
            public void {|#0:Train|}(nn.Module<Tensor, Tensor> model, Tensor x, Tensor y)
            {
                var optimizer = optim.Adam(model.parameters());
                var loss = nn.functional.mse_loss(model.forward(x), y);
                loss.backward();
                optimizer.step();
            }
        }

        """;

    private static Microsoft.CodeAnalysis.Testing.DiagnosticResult Expected(int location, string method)
        => Verify.Diagnostic(UnseededTorchSharpAnalyzer.Rule).WithLocation(location).WithArguments(method);

    private static Task VerifyProgramAsync(string source, params Microsoft.CodeAnalysis.Testing.DiagnosticResult[] expected)
    {
        var test = new Verify.Test { TestCode = source };
        test.TestState.OutputKind = OutputKind.ConsoleApplication;
        test.ExpectedDiagnostics.AddRange(expected);
        return test.RunAsync(CancellationToken.None);
    }

    // --- findings ---

    [Fact]
    public Task Training_method_in_a_library_without_a_seed_is_reported() => Verify.VerifyAsync(Usings + Trainer, Expected(0, "Train"));

    [Fact]
    public Task Step_alone_makes_a_training_method() => Verify.VerifyAsync(Usings + """
        public static class Loop
        {
            public static void {|#0:Step|}(optim.Optimizer optimizer) => optimizer.step();
        }
        """, Expected(0, "Step"));

    [Fact]
    public Task Unseeded_top_level_training_is_reported_at_the_training_call() => VerifyProgramAsync(Usings + """
        System.Console.WriteLine("training");
        var model = nn.Linear(4, 1);
        var optimizer = optim.SGD(model.parameters(), 0.1);
        var loss = model.forward(randn(8, 4)).sum();
        loss.{|#0:backward|}();
        optimizer.step();
        """, Expected(0, "the top-level statements"));

    [Fact]
    public Task Seeded_top_level_training_is_not_reported() => VerifyProgramAsync(Usings + """
        torch.manual_seed(1);
        var model = nn.Linear(4, 1);
        var optimizer = optim.SGD(model.parameters(), 0.1);
        model.forward(randn(8, 4)).sum().backward();
        optimizer.step();
        """);

    [Fact]
    public Task Entry_point_that_does_not_seed_is_reported() => VerifyProgramAsync(Usings + Trainer + """
        public static class Program
        {
            public static void Main() => new Trainer().Train(null!, null!, null!);
        }
        """, Expected(0, "Train"));

    [Fact]
    public Task Seed_in_another_types_method_does_not_count() => VerifyProgramAsync(Usings + Trainer + """
        public static class Setup
        {
            public static void Seed() => torch.manual_seed(1);
        }

        public static class Program
        {
            public static void Main() { }
        }
        """, Expected(0, "Train"));

    [Fact]
    public Task Training_type_that_calls_a_seeding_helper_of_another_type_is_not_reported() => Verify.VerifyAsync(Usings + """
        public static class Seeding
        {
            public static void SeedEverything(int seed) => torch.manual_seed(seed);
        }

        public class Trainer
        {
            public void Train(nn.Module<Tensor, Tensor> model, Tensor x, Tensor y)
            {
                Seeding.SeedEverything(42);
                var optimizer = optim.Adam(model.parameters());
                nn.functional.mse_loss(model.forward(x), y).backward();
                optimizer.step();
            }
        }
        """);

    [Fact]
    public Task A_seeding_helper_the_training_type_never_calls_does_not_count() => Verify.VerifyAsync(Usings + Trainer + """
        public static class Seeding
        {
            public static void SeedEverything(int seed) => torch.manual_seed(seed);
        }

        public static class Other
        {
            public static void Setup() => Seeding.SeedEverything(42);
        }
        """, Expected(0, "Train"));

    [Fact]
    public Task Seed_two_calls_away_from_Main_does_not_count() => VerifyProgramAsync(Usings + Trainer + """
        public static class Program
        {
            public static void Main() => Configure();
            private static void Configure() => Setup.Seed();
        }

        public static class Setup
        {
            public static void Seed() => torch.manual_seed(1);
        }
        """, Expected(0, "Train"));

    [Fact]
    public Task A_clock_seed_in_Main_does_not_seed() => VerifyProgramAsync(Usings + Trainer + """
        public static class Program
        {
            public static void Main()
            {
                torch.manual_seed(System.DateTime.Now.Ticks);
                new Trainer().Train(null!, null!, null!);
            }
        }
        """, Expected(0, "Train"));

    [Fact]
    public Task A_seed_from_configuration_in_Main_seeds() => VerifyProgramAsync(Usings + Trainer.Replace("{|#0:Train|}", "Train") + """
        public static class Program
        {
            public static void Main(string[] args)
            {
                torch.manual_seed(args.Length > 0 ? long.Parse(args[0]) : System.Environment.TickCount64);
                new Trainer().Train(null!, null!, null!);
            }
        }
        """);

    // --- not findings ---

    [Fact]
    public Task Training_type_that_seeds_is_not_reported() => Verify.VerifyAsync(Usings + """
        public class Trainer
        {
            public Trainer() => torch.manual_seed(42);

            public void Train(Tensor loss) => loss.backward();
        }
        """);

    [Fact]
    public Task Seeded_in_Main_and_trained_elsewhere_is_not_reported() => VerifyProgramAsync(Usings + Trainer.Replace("{|#0:Train|}", "Train") + """
        public static class Program
        {
            public static void Main()
            {
                torch.manual_seed(7);
                new Trainer().Train(null!, null!, null!);
            }
        }
        """);

    [Fact]
    public Task Seeded_in_top_level_statements_with_using_static_is_not_reported() => VerifyProgramAsync(Usings + """
        _ = manual_seed(7);
        new Trainer().Train(null!, null!, null!);

        """ + Trainer.Replace("{|#0:Train|}", "Train"));

    [Fact]
    public Task Seeded_through_a_method_Main_calls_directly_is_not_reported() => VerifyProgramAsync(Usings + Trainer.Replace("{|#0:Train|}", "Train") + """
        public static class Program
        {
            public static async System.Threading.Tasks.Task Main()
            {
                Reproducibility.Seed(3);
                await System.Threading.Tasks.Task.Yield();
            }
        }

        public static class Reproducibility
        {
            public static void Seed(int seed) => torch.random.manual_seed(seed);
        }
        """);

    [Fact]
    public Task Code_without_training_steps_is_not_reported() => Verify.VerifyAsync(Usings + """
        public static class Inference
        {
            public static Tensor Predict(nn.Module<Tensor, Tensor> model, Tensor x)
            {
                model.eval();
                using var _ = no_grad();
                return model.forward(x);
            }
        }
        """);

    [Theory]
    [InlineData("public class C { void M(Tensor t) { t.backward(; } }")]
    [InlineData("public class C { void M(Tensor t) { manual_seed(); t.backward(); } }")]
    [InlineData("public class C { void M() { Undefined.backward(); torch.manual_seed(\"x\"); } }")]
    [InlineData("manual_seed(; public class C { void M(optim.Optimizer o) => o.step( }")]
    public async Task Broken_code_does_not_throw(string code)
    {
        var compilation = AnalyzerRunner.Compile(Usings + code);
        var result = await AnalyzerRunner.RunAsync(compilation, [new UnseededTorchSharpAnalyzer()]);
        Assert.Empty(result.Exceptions);
    }
}
