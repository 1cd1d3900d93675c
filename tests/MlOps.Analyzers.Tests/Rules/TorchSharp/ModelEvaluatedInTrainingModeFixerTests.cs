using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis.Testing;
using MlOps.Analyzers.Rules.TorchSharp;
using Verify = MlOps.Analyzers.Tests.Infrastructure.CodeFixVerifier<MlOps.Analyzers.Rules.TorchSharp.ModelEvaluatedInTrainingModeAnalyzer, MlOps.Analyzers.CodeFixes.Rules.TorchSharp.ModelEvaluatedInTrainingModeFixer>;

namespace MlOps.Analyzers.Tests.Rules.TorchSharp;

public class ModelEvaluatedInTrainingModeFixerTests
{
    private const string Usings = """
        using System;
        using System.Collections.Generic;
        using TorchSharp;
        using TorchSharp.Modules;
        using static TorchSharp.torch;

        """;

    /// <summary>MLOPS044 has two messages (two descriptors): the markup names the id, the fix is the same either way.</summary>
    private static Task VerifyAsync(string source, string fixedSource)
        => new Verify.Test { TestCode = source, FixedCode = fixedSource, MarkupOptions = MarkupOptions.UseFirstDescriptor }.RunAsync(CancellationToken.None);

    [Fact]
    public Task Eval_goes_before_the_no_grad_block_and_the_batch_loop() => VerifyAsync(Usings + """
        public static class Evaluation
        {
            public static long Correct(Sequential model, IEnumerable<(Tensor X, Tensor Y)> batches)
            {
                var correct = 0L;
                foreach (var (x, y) in batches)
                {
                    using (no_grad())
                    {
                        correct += model.{|MLOPS044:forward|}(x).argmax(1).eq(y).sum().item<long>();
                    }
                }

                return correct;
            }
        }
        """, Usings + """
        public static class Evaluation
        {
            public static long Correct(Sequential model, IEnumerable<(Tensor X, Tensor Y)> batches)
            {
                var correct = 0L;
                model.eval();
                foreach (var (x, y) in batches)
                {
                    using (no_grad())
                    {
                        correct += model.forward(x).argmax(1).eq(y).sum().item<long>();
                    }
                }

                return correct;
            }
        }
        """);

    [Fact]
    public Task Train_goes_at_the_top_of_the_epoch_loop() => VerifyAsync(Usings + """
        public static class Trainer
        {
            public static void Train(Sequential model, optim.Optimizer optimizer, Tensor x, Tensor y)
            {
                for (var epoch = 0; epoch < 10; epoch++)
                {
                    for (var i = 0; i < 100; i++)
                    {
                        optimizer.zero_grad();
                        nn.functional.mse_loss(model.{|MLOPS044:forward|}(x), y).backward();
                        optimizer.step();
                    }

                    model.eval();
                }
            }
        }
        """, Usings + """
        public static class Trainer
        {
            public static void Train(Sequential model, optim.Optimizer optimizer, Tensor x, Tensor y)
            {
                for (var epoch = 0; epoch < 10; epoch++)
                {
                    model.train();
                    for (var i = 0; i < 100; i++)
                    {
                        optimizer.zero_grad();
                        nn.functional.mse_loss(model.forward(x), y).backward();
                        optimizer.step();
                    }

                    model.eval();
                }
            }
        }
        """);

    [Fact]
    public Task An_evaluation_inside_a_loop_that_trains_the_model_gets_no_fix()
    {
        const string Source = Usings + """
            public static class Trainer
            {
                public static void Train(Sequential model, optim.Optimizer optimizer, Tensor x, Tensor y)
                {
                    for (var i = 0; i < 100; i++)
                    {
                        optimizer.zero_grad();
                        nn.functional.mse_loss(model.forward(x), y).backward();
                        optimizer.step();
                        using (no_grad())
                            Console.WriteLine(model.{|MLOPS044:forward|}(x).sum().item<float>());
                    }
                }
            }
            """;
        return VerifyAsync(Source, Source);
    }

    [Fact]
    public async Task Fix_all_evaluates_every_model_in_two_documents()
    {
        const string First = Usings + """
            public sealed class A
            {
                private readonly Sequential _model = nn.Sequential(nn.Linear(2, 2));
                private readonly Sequential _other = nn.Sequential(nn.Linear(2, 2));

                public float Evaluate(Tensor x) => _other.{|MLOPS044:forward|}(x).sum().item<float>();

                public float Test(Tensor x)
                {
                    var score = 0f;
                    score += _model.{|MLOPS044:call|}(x).sum().item<float>();
                    return score;
                }
            }
            """;
        const string Second = Usings + """
            public static class B
            {
                public static Tensor Infer(nn.Module<Tensor, Tensor> net, Tensor x)
                {
                    using var mode = inference_mode();
                    return net.{|MLOPS044:forward|}(x);
                }
            }
            """;
        const string FixedFirst = Usings + """
            public sealed class A
            {
                private readonly Sequential _model = nn.Sequential(nn.Linear(2, 2));
                private readonly Sequential _other = nn.Sequential(nn.Linear(2, 2));

                public float Evaluate(Tensor x) => _other.forward(x).sum().item<float>();

                public float Test(Tensor x)
                {
                    var score = 0f;
                    _model.eval();
                    score += _model.call(x).sum().item<float>();
                    return score;
                }
            }
            """;
        const string FixedSecond = Usings + """
            public static class B
            {
                public static Tensor Infer(nn.Module<Tensor, Tensor> net, Tensor x)
                {
                    using var mode = inference_mode();
                    net.eval();
                    return net.forward(x);
                }
            }
            """;
        var test = new Verify.Test { MarkupOptions = MarkupOptions.UseFirstDescriptor };
        // An expression-bodied evaluation has no statement to put eval() before: it stays for a person.
        var remaining = Verify.Diagnostic(ModelEvaluatedInTrainingModeAnalyzer.EvaluatedInTrainingMode).WithSpan("/A.cs", 11, 47, 11, 54)
            .WithArguments("_other", "in 'Evaluate'").WithOptions(DiagnosticOptions.IgnoreAdditionalLocations);
        test.FixedState.ExpectedDiagnostics.Add(remaining);
        test.BatchFixedState.ExpectedDiagnostics.Add(remaining);
        test.TestState.Sources.Add(("/A.cs", First));
        test.TestState.Sources.Add(("/B.cs", Second));
        test.FixedState.Sources.Add(("/A.cs", FixedFirst));
        test.FixedState.Sources.Add(("/B.cs", FixedSecond));
        test.BatchFixedState.Sources.Add(("/A.cs", FixedFirst));
        test.BatchFixedState.Sources.Add(("/B.cs", FixedSecond));
        await test.RunAsync(CancellationToken.None);
    }
}
