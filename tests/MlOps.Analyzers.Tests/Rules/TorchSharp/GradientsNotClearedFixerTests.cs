using System.Threading;
using System.Threading.Tasks;
using Verify = MlOps.Analyzers.Tests.Infrastructure.CodeFixVerifier<MlOps.Analyzers.Rules.TorchSharp.GradientsNotClearedAnalyzer, MlOps.Analyzers.CodeFixes.Rules.TorchSharp.GradientsNotClearedFixer>;

namespace MlOps.Analyzers.Tests.Rules.TorchSharp;

public class GradientsNotClearedFixerTests
{
    private const string Usings = """
        using System.Collections.Generic;
        using TorchSharp;
        using static TorchSharp.torch;

        """;

    [Fact]
    public Task Inserts_zero_grad_first_in_the_loop_body() => Verify.VerifyAsync(Usings + """
        public static class Trainer
        {
            public static void Train(nn.Module<Tensor, Tensor> model, IEnumerable<(Tensor X, Tensor Y)> batches)
            {
                var optimizer = optim.Adam(model.parameters());
                foreach (var (x, y) in batches)
                {
                    nn.functional.mse_loss(model.forward(x), y).{|MLOPS040:backward|}();
                    optimizer.step();
                }
            }
        }
        """, Usings + """
        public static class Trainer
        {
            public static void Train(nn.Module<Tensor, Tensor> model, IEnumerable<(Tensor X, Tensor Y)> batches)
            {
                var optimizer = optim.Adam(model.parameters());
                foreach (var (x, y) in batches)
                {
                    optimizer.zero_grad();
                    nn.functional.mse_loss(model.forward(x), y).backward();
                    optimizer.step();
                }
            }
        }
        """);

    [Fact]
    public Task An_optimizer_made_in_the_iteration_gets_no_fix()
    {
        const string Source = Usings + """
            public static class Trainer
            {
                public static void Train(nn.Module<Tensor, Tensor> model, Tensor x, Tensor y)
                {
                    for (var i = 0; i < 3; i++)
                    {
                        var optimizer = optim.SGD(model.parameters(), 0.1);
                        nn.functional.mse_loss(model.forward(x), y).{|MLOPS040:backward|}();
                        optimizer.step();
                    }
                }
            }
            """;
        return Verify.VerifyAsync(Source, Source);
    }

    [Fact]
    public async Task Fix_all_clears_every_loop_in_two_documents()
    {
        const string First = Usings + """
            public sealed class A
            {
                private readonly optim.Optimizer _optimizer;

                public A(optim.Optimizer optimizer) => _optimizer = optimizer;

                public void Train(nn.Module<Tensor, Tensor> model, Tensor x, Tensor y)
                {
                    for (var i = 0; i < 10; i++)
                    {
                        nn.functional.mse_loss(model.forward(x), y).{|MLOPS040:backward|}();
                        _optimizer.step();
                    }

                    while (true)
                        _optimizer.step(() => { var loss = model.forward(x).sum(); loss.{|MLOPS040:backward|}(); return loss; });
                }
            }
            """;
        const string Second = Usings + """
            public static class B
            {
                public static void Train(nn.Module<Tensor, Tensor> model, optim.Optimizer opt, Tensor x)
                {
                    for (var i = 0; i < 10; i++)
                    {
                        model.forward(x).sum().{|MLOPS040:backward|}();
                        opt.step();
                    }
                }
            }
            """;
        var fixedFirst = Usings + """
            public sealed class A
            {
                private readonly optim.Optimizer _optimizer;

                public A(optim.Optimizer optimizer) => _optimizer = optimizer;

                public void Train(nn.Module<Tensor, Tensor> model, Tensor x, Tensor y)
                {
                    for (var i = 0; i < 10; i++)
                    {
                        _optimizer.zero_grad();
                        nn.functional.mse_loss(model.forward(x), y).backward();
                        _optimizer.step();
                    }

                    while (true)
                    {
                        _optimizer.zero_grad();
                        _optimizer.step(() => { var loss = model.forward(x).sum(); loss.backward(); return loss; });
                    }
                }
            }
            """;
        const string FixedSecond = Usings + """
            public static class B
            {
                public static void Train(nn.Module<Tensor, Tensor> model, optim.Optimizer opt, Tensor x)
                {
                    for (var i = 0; i < 10; i++)
                    {
                        opt.zero_grad();
                        model.forward(x).sum().backward();
                        opt.step();
                    }
                }
            }
            """;
        var test = new Verify.Test();
        test.TestState.Sources.Add(("/A.cs", First));
        test.TestState.Sources.Add(("/B.cs", Second));
        test.FixedState.Sources.Add(("/A.cs", fixedFirst));
        test.FixedState.Sources.Add(("/B.cs", FixedSecond));
        test.BatchFixedState.Sources.Add(("/A.cs", fixedFirst));
        test.BatchFixedState.Sources.Add(("/B.cs", FixedSecond));
        await test.RunAsync(CancellationToken.None);
    }
}
