using System.Threading.Tasks;
using MlOps.Analyzers.Rules.TorchSharp;
using MlOps.Analyzers.Tests.Infrastructure;
using Verify = MlOps.Analyzers.Tests.Infrastructure.AnalyzerVerifier<MlOps.Analyzers.Rules.TorchSharp.TrainingLoopWithoutDisposeScopeAnalyzer>;

namespace MlOps.Analyzers.Tests.Rules.TorchSharp;

public class TrainingLoopWithoutDisposeScopeAnalyzerTests
{
    private const string Usings = """
        using System;
        using System.Collections.Generic;
        using TorchSharp;
        using TorchSharp.Modules;
        using static TorchSharp.torch;

        """;

    private static Microsoft.CodeAnalysis.Testing.DiagnosticResult Expected(int location, string call)
        => Verify.Diagnostic(TrainingLoopWithoutDisposeScopeAnalyzer.Rule).WithLocation(location).WithArguments(call);

    // --- not findings ---

    [Fact]
    public Task A_scope_per_iteration_is_not_reported() => Verify.VerifyAsync(Usings + """
        public static class Trainer
        {
            public static void Declaration(nn.Module<Tensor, Tensor> model, optim.Optimizer optimizer, DataLoader loader)
            {
                foreach (var batch in loader)
                {
                    using var scope = torch.NewDisposeScope();
                    optimizer.zero_grad();
                    nn.functional.cross_entropy(model.forward(batch["data"]), batch["label"]).backward();
                    optimizer.step();
                }
            }

            public static void Statement(nn.Module<Tensor, Tensor> model, optim.Optimizer optimizer, Tensor x, Tensor y)
            {
                for (var i = 0; i < 100; i++)
                {
                    using (NewDisposeScope())
                    {
                        optimizer.zero_grad();
                        nn.functional.mse_loss(model.forward(x), y).backward();
                        optimizer.step();
                    }
                }
            }

            public static void DisposedInFinally(nn.Module<Tensor, Tensor> model, optim.Optimizer optimizer, Tensor x, Tensor y)
            {
                while (true)
                {
                    var scope = NewDisposeScope();
                    try
                    {
                        optimizer.zero_grad();
                        nn.functional.mse_loss(model.forward(x), y).backward();
                        optimizer.step();
                    }
                    finally
                    {
                        scope.Dispose();
                    }
                }
            }
        }
        """);

    [Fact]
    public Task An_enclosing_scope_emptied_every_iteration_is_not_reported() => Verify.VerifyAsync(Usings + """
        public static class Trainer
        {
            public static Tensor Train(nn.Module<Tensor, Tensor> model, optim.Optimizer optimizer, Tensor x, Tensor y)
            {
                using var scope = NewDisposeScope();
                var best = torch.zeros(1);
                for (var i = 0; i < 100; i++)
                {
                    optimizer.zero_grad();
                    var loss = nn.functional.mse_loss(model.forward(x), y);
                    loss.backward();
                    optimizer.step();
                    best = torch.minimum(best, loss.detach());
                    scope.DisposeEverythingBut(best);
                }

                return best.MoveToOuterDisposeScope();
            }

            public static void Everything(nn.Module<Tensor, Tensor> model, optim.Optimizer optimizer, Tensor x, Tensor y)
            {
                using var scope = NewDisposeScope();
                for (var i = 0; i < 100; i++)
                {
                    nn.functional.mse_loss(model.forward(x), y).backward();
                    optimizer.step();
                    scope.DisposeEverything();
                }
            }
        }
        """);

    [Fact]
    public Task Loops_that_call_a_scoped_step_method_are_not_reported() => Verify.VerifyAsync(Usings + """
        public sealed class Trainer(nn.Module<Tensor, Tensor> model, optim.Optimizer optimizer)
        {
            public void Epochs(DataLoader loader, int epochs)
            {
                for (var epoch = 0; epoch < epochs; epoch++)
                    foreach (var batch in loader)
                        Step(batch["data"], batch["label"]);
            }

            private float Step(Tensor x, Tensor y)
            {
                using var scope = NewDisposeScope();
                optimizer.zero_grad();
                var loss = nn.functional.mse_loss(model.forward(x), y);
                loss.backward();
                optimizer.step();
                return loss.item<float>();
            }

            public float Wrapped(Tensor x, Tensor y)
            {
                var total = 0f;
                for (var i = 0; i < 10; i++)
                {
                    total += WrappedTensorDisposeScope(() =>
                    {
                        optimizer.zero_grad();
                        var loss = nn.functional.mse_loss(model.forward(x), y);
                        loss.backward();
                        optimizer.step();
                        return loss.detach();
                    }).item<float>();
                }

                return total;
            }
        }
        """);

    [Fact]
    public Task Loops_without_backward_or_step_are_not_reported() => Verify.VerifyAsync(Usings + """
        public static class Inference
        {
            public static List<long> Predict(nn.Module<Tensor, Tensor> model, IEnumerable<Tensor> inputs, optim.lr_scheduler.LRScheduler scheduler)
            {
                var labels = new List<long>();
                foreach (var input in inputs)
                    labels.Add(model.forward(input).argmax().item<long>());
                for (var i = 0; i < 3; i++)
                    scheduler.step();
                return labels;
            }

            public static void Once(nn.Module<Tensor, Tensor> model, optim.Optimizer optimizer, Tensor x, Tensor y)
            {
                nn.functional.mse_loss(model.forward(x), y).backward();
                optimizer.step();
            }
        }
        """);

    // --- findings ---

    [Fact]
    public Task Unscoped_training_loops_are_reported_at_the_loop_keyword() => Verify.VerifyAsync(Usings + """
        public static class Trainer
        {
            public static void Train(nn.Module<Tensor, Tensor> model, optim.Optimizer optimizer, DataLoader loader, Tensor x, Tensor y)
            {
                for (var epoch = 0; epoch < 10; epoch++)
                {
                    {|#0:foreach|} (var batch in loader)
                    {
                        optimizer.zero_grad();
                        nn.functional.cross_entropy(model.forward(batch["data"]), batch["label"]).backward();
                        optimizer.step();
                    }
                }

                var i = 0;
                {|#1:while|} (i++ < 10)
                    nn.functional.mse_loss(model.forward(x), y).backward();

                {|#2:do|}
                {
                    optimizer.step();
                }
                while (i-- > 0);
            }
        }
        """, Expected(0, "backward"), Expected(1, "backward"), Expected(2, "step"));

    [Fact]
    public Task One_scope_around_the_whole_epoch_loop_is_still_reported() => Verify.VerifyAsync(Usings + """
        public static class Trainer
        {
            public static void Train(nn.Module<Tensor, Tensor> model, optim.Optimizer optimizer, Tensor x, Tensor y)
            {
                using var scope = NewDisposeScope();
                {|#0:for|} (var i = 0; i < 1000; i++)
                {
                    optimizer.zero_grad();
                    nn.functional.mse_loss(model.forward(x), y).backward();
                    optimizer.step();
                }
            }

            public static void EpochScope(nn.Module<Tensor, Tensor> model, optim.Optimizer optimizer, IEnumerable<(Tensor X, Tensor Y)> batches)
            {
                for (var epoch = 0; epoch < 10; epoch++)
                {
                    using var scope = NewDisposeScope();
                    {|#1:foreach|} (var (x, y) in batches)
                    {
                        optimizer.zero_grad();
                        nn.functional.mse_loss(model.forward(x), y).backward();
                        optimizer.step();
                    }
                }
            }

            public static void NeverDisposed(nn.Module<Tensor, Tensor> model, optim.Optimizer optimizer, Tensor x, Tensor y)
            {
                {|#2:for|} (var i = 0; i < 1000; i++)
                {
                    var scope = NewDisposeScope();
                    nn.functional.mse_loss(model.forward(x), y).backward();
                    optimizer.step();
                }
            }
        }
        """, Expected(0, "backward"), Expected(1, "backward"), Expected(2, "backward"));
}
