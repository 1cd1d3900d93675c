using System.Threading.Tasks;
using MlOps.Analyzers.Rules.TorchSharp;
using MlOps.Analyzers.Tests.Infrastructure;
using Verify = MlOps.Analyzers.Tests.Infrastructure.AnalyzerVerifier<MlOps.Analyzers.Rules.TorchSharp.GradientsNotClearedAnalyzer>;

namespace MlOps.Analyzers.Tests.Rules.TorchSharp;

public class GradientsNotClearedAnalyzerTests
{
    private const string Usings = """
        using System;
        using System.Collections.Generic;
        using TorchSharp;
        using TorchSharp.Modules;
        using static TorchSharp.torch;

        """;

    private static Microsoft.CodeAnalysis.Testing.DiagnosticResult Expected(int location, string call)
        => Verify.Diagnostic(GradientsNotClearedAnalyzer.Rule).WithLocation(location).WithArguments(call).WithOptions(Microsoft.CodeAnalysis.Testing.DiagnosticOptions.IgnoreAdditionalLocations);

    // --- not findings ---

    [Fact]
    public Task Zero_grad_anywhere_in_the_iteration_is_not_reported() => Verify.VerifyAsync(Usings + """
        public static class Trainer
        {
            public static void BeforeForward(nn.Module<Tensor, Tensor> model, optim.Optimizer optimizer, IEnumerable<(Tensor X, Tensor Y)> batches)
            {
                foreach (var (x, y) in batches)
                {
                    optimizer.zero_grad();
                    var loss = nn.functional.mse_loss(model.forward(x), y);
                    loss.backward();
                    optimizer.step();
                }
            }

            public static void AfterStep(nn.Module<Tensor, Tensor> model, optim.Optimizer optimizer, IEnumerable<(Tensor X, Tensor Y)> batches)
            {
                foreach (var (x, y) in batches)
                {
                    nn.functional.mse_loss(model.forward(x), y).backward();
                    optimizer.step();
                    optimizer.zero_grad();
                }
            }

            public static void ModuleZeroGrad(nn.Module<Tensor, Tensor> model, optim.Optimizer optimizer, Tensor x, Tensor y)
            {
                for (var i = 0; i < 100; i++)
                {
                    model.zero_grad();
                    nn.functional.mse_loss(model.forward(x), y).backward();
                    optimizer.step();
                }
            }

            public static void ByHand(nn.Module<Tensor, Tensor> model, optim.Optimizer optimizer, Tensor x, Tensor y)
            {
                var epoch = 0;
                while (epoch++ < 10)
                {
                    foreach (var p in model.parameters())
                        p.grad?.zero_();
                    nn.functional.mse_loss(model.forward(x), y).backward();
                    optimizer.step();
                }
            }
        }
        """);

    [Fact]
    public Task Zero_grad_in_the_step_closure_is_not_reported() => Verify.VerifyAsync(Usings + """
        public static class Lbfgs
        {
            public static void Train(nn.Module<Tensor, Tensor> model, Tensor x, Tensor y)
            {
                var optimizer = optim.LBFGS(model.parameters());
                for (var i = 0; i < 20; i++)
                {
                    optimizer.step(() =>
                    {
                        optimizer.zero_grad();
                        var loss = nn.functional.mse_loss(model.forward(x), y);
                        loss.backward();
                        return loss;
                    });
                }
            }
        }
        """);

    [Fact]
    public Task Gradient_accumulation_is_not_reported() => Verify.VerifyAsync(Usings + """
        public static class Accumulate
        {
            private const int Steps = 4;

            public static void Train(nn.Module<Tensor, Tensor> model, optim.Optimizer optimizer, IList<(Tensor X, Tensor Y)> batches)
            {
                for (var i = 0; i < batches.Count; i++)
                {
                    var loss = nn.functional.mse_loss(model.forward(batches[i].X), batches[i].Y) / Steps;
                    loss.backward();
                    if ((i + 1) % Steps == 0)
                    {
                        optimizer.step();
                        optimizer.zero_grad();
                    }
                }
            }
        }
        """);

    [Fact]
    public Task Backward_without_step_is_not_a_training_loop() => Verify.VerifyAsync(Usings + """
        public static class Adversarial
        {
            public static List<Tensor> Saliency(nn.Module<Tensor, Tensor> model, IEnumerable<Tensor> images)
            {
                var maps = new List<Tensor>();
                foreach (var image in images)
                {
                    var input = image.detach().requires_grad_();
                    model.forward(input).max().backward();
                    maps.Add(input.grad!.abs());
                }

                return maps;
            }

            public static Tensor Fgsm(nn.Module<Tensor, Tensor> model, Tensor x, Tensor y, optim.Optimizer unused)
            {
                var input = x.detach().requires_grad_();
                for (var i = 0; i < 10; i++)
                {
                    nn.functional.cross_entropy(model.forward(input), y).backward();
                    input = (input + 0.01 * input.grad!.sign()).detach().requires_grad_();
                }

                return input;
            }
        }
        """);

    [Fact]
    public Task Full_batch_training_clears_in_the_loop_that_steps() => Verify.VerifyAsync(Usings + """
        public static class FullBatch
        {
            public static void Train(nn.Module<Tensor, Tensor> model, optim.Optimizer optimizer, IList<(Tensor X, Tensor Y)> chunks)
            {
                for (var epoch = 0; epoch < 50; epoch++)
                {
                    optimizer.zero_grad();
                    foreach (var (x, y) in chunks)
                        nn.functional.mse_loss(model.forward(x), y).backward();
                    optimizer.step();
                }
            }
        }
        """);

    [Fact]
    public Task A_helper_of_the_compilation_that_clears_counts() => Verify.VerifyAsync(Usings + """
        public static class Helpers
        {
            public static void Reset(optim.Optimizer optimizer) => optimizer.zero_grad();

            public static void Train(nn.Module<Tensor, Tensor> model, optim.Optimizer optimizer, Tensor x, Tensor y)
            {
                for (var i = 0; i < 100; i++)
                {
                    Reset(optimizer);
                    nn.functional.mse_loss(model.forward(x), y).backward();
                    optimizer.step();
                }
            }
        }
        """);

    [Fact]
    public Task Scheduler_step_and_code_outside_loops_are_not_reported() => Verify.VerifyAsync(Usings + """
        public static class Schedules
        {
            public static void OneStep(nn.Module<Tensor, Tensor> model, optim.Optimizer optimizer, Tensor x, Tensor y)
            {
                nn.functional.mse_loss(model.forward(x), y).backward();
                optimizer.step();
            }

            public static void Epochs(nn.Module<Tensor, Tensor> model, optim.Optimizer optimizer, optim.lr_scheduler.LRScheduler scheduler, Tensor x, Tensor y)
            {
                for (var epoch = 0; epoch < 10; epoch++)
                {
                    nn.functional.mse_loss(model.forward(x), y).backward();
                    scheduler.step();
                }
            }
        }
        """);

    // --- findings ---

    [Fact]
    public Task Zero_grad_only_before_the_loop_is_reported_at_the_first_backward() => Verify.VerifyAsync(Usings + """
        public static class Trainer
        {
            public static void Train(nn.Module<Tensor, Tensor> model, IEnumerable<(Tensor X, Tensor Y)> batches)
            {
                var optimizer = optim.Adam(model.parameters());
                optimizer.zero_grad();
                foreach (var (x, y) in batches)
                {
                    var loss = nn.functional.mse_loss(model.forward(x), y);
                    loss.{|#0:backward|}();
                    nn.functional.l1_loss(model.forward(x), y).backward();
                    optimizer.step();
                }
            }
        }
        """, Expected(0, "optimizer.zero_grad()"));

    [Fact]
    public Task Zero_grad_only_in_the_epoch_loop_is_reported() => Verify.VerifyAsync(Usings + """
        public class Trainer
        {
            private readonly optim.Optimizer _optimizer;
            private readonly nn.Module<Tensor, Tensor> _model;

            public Trainer(nn.Module<Tensor, Tensor> model) { _model = model; _optimizer = optim.SGD(model.parameters(), 0.1); }

            public void Train(DataLoader loader, int epochs)
            {
                for (var epoch = 0; epoch < epochs; epoch++)
                {
                    _optimizer.zero_grad();
                    foreach (var batch in loader)
                    {
                        nn.functional.cross_entropy(_model.forward(batch["data"]), batch["label"]).{|#0:backward|}();
                        _optimizer.step();
                    }
                }
            }

            public static void Unnamed(Func<optim.Optimizer> make, nn.Module<Tensor, Tensor> model, Tensor x, Tensor y)
            {
                do
                {
                    nn.functional.mse_loss(model.forward(x), y).{|#1:backward|}();
                    make().step();
                }
                while (true);
            }
        }
        """, Expected(0, "_optimizer.zero_grad()"), Expected(1, "the optimizer's zero_grad()"));
}
