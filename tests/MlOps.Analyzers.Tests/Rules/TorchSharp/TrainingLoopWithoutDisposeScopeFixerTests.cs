using System.Threading;
using System.Threading.Tasks;
using Verify = MlOps.Analyzers.Tests.Infrastructure.CodeFixVerifier<MlOps.Analyzers.Rules.TorchSharp.TrainingLoopWithoutDisposeScopeAnalyzer, MlOps.Analyzers.CodeFixes.Rules.TorchSharp.TrainingLoopWithoutDisposeScopeFixer>;

namespace MlOps.Analyzers.Tests.Rules.TorchSharp;

public class TrainingLoopWithoutDisposeScopeFixerTests
{
    private const string Usings = """
        using System.Collections.Generic;
        using TorchSharp;
        using TorchSharp.Modules;

        """;

    [Fact]
    public Task Opens_a_scope_first_in_the_loop_body() => Verify.VerifyAsync(Usings + """
        public sealed class Net() : torch.nn.Module<torch.Tensor, torch.Tensor>("net")
        {
            public override torch.Tensor forward(torch.Tensor x) => x;
        }

        public static class Trainer
        {
            public static void Train(Net model, torch.optim.Optimizer optimizer, DataLoader loader)
            {
                {|MLOPS043:foreach|} (var batch in loader)
                {
                    optimizer.zero_grad();
                    torch.nn.functional.cross_entropy(model.forward(batch["data"]), batch["label"]).backward();
                    optimizer.step();
                }
            }
        }
        """, Usings + """
        public sealed class Net() : torch.nn.Module<torch.Tensor, torch.Tensor>("net")
        {
            public override torch.Tensor forward(torch.Tensor x) => x;
        }

        public static class Trainer
        {
            public static void Train(Net model, torch.optim.Optimizer optimizer, DataLoader loader)
            {
                foreach (var batch in loader)
                {
                    using var scope = torch.NewDisposeScope();
                    optimizer.zero_grad();
                    torch.nn.functional.cross_entropy(model.forward(batch["data"]), batch["label"]).backward();
                    optimizer.step();
                }
            }
        }
        """);

    [Fact]
    public Task A_loop_that_keeps_tensors_gets_no_fix()
    {
        const string Source = Usings + """
            public static class Trainer
            {
                public static List<torch.Tensor> Train(torch.nn.Module<torch.Tensor, torch.Tensor> model, torch.optim.Optimizer optimizer, torch.Tensor x, torch.Tensor y)
                {
                    var losses = new List<torch.Tensor>();
                    torch.Tensor last = x;
                    {|MLOPS043:for|} (var i = 0; i < 10; i++)
                    {
                        var loss = torch.nn.functional.mse_loss(model.forward(x), y);
                        loss.backward();
                        optimizer.step();
                        losses.Add(loss);
                    }

                    {|MLOPS043:for|} (var i = 0; i < 10; i++)
                    {
                        last = torch.nn.functional.mse_loss(model.forward(x), y);
                        last.backward();
                        optimizer.step();
                    }

                    return losses;
                }
            }
            """;
        return Verify.VerifyAsync(Source, Source);
    }

    [Fact]
    public async Task Fix_all_scopes_every_loop_in_two_documents()
    {
        const string First = Usings + """
            using static TorchSharp.torch;

            public static class A
            {
                public static void M(nn.Module<Tensor, Tensor> model, optim.Optimizer optimizer, Tensor x, Tensor y, int scope)
                {
                    {|MLOPS043:for|} (var i = 0; i < scope; i++)
                        optimizer.step(() => { var loss = nn.functional.mse_loss(model.forward(x), y); loss.backward(); return loss; });
                    {|MLOPS043:while|} (scope-- > 0)
                    {
                        nn.functional.mse_loss(model.forward(x), y).backward();
                        optimizer.step();
                    }
                }
            }
            """;
        const string Second = Usings + """
            public static class B
            {
                public static void M(torch.optim.Optimizer optimizer)
                {
                    {|MLOPS043:do|}
                    {
                        optimizer.step();
                    }
                    while (true);
                }
            }
            """;
        const string FixedFirst = Usings + """
            using static TorchSharp.torch;

            public static class A
            {
                public static void M(nn.Module<Tensor, Tensor> model, optim.Optimizer optimizer, Tensor x, Tensor y, int scope)
                {
                    for (var i = 0; i < scope; i++)
                    {
                        using var scope2 = NewDisposeScope();
                        optimizer.step(() => { var loss = nn.functional.mse_loss(model.forward(x), y); loss.backward(); return loss; });
                    }

                    while (scope-- > 0)
                    {
                        using var scope2 = NewDisposeScope();
                        nn.functional.mse_loss(model.forward(x), y).backward();
                        optimizer.step();
                    }
                }
            }
            """;
        const string FixedSecond = Usings + """
            public static class B
            {
                public static void M(torch.optim.Optimizer optimizer)
                {
                    do
                    {
                        using var scope = torch.NewDisposeScope();
                        optimizer.step();
                    }
                    while (true);
                }
            }
            """;
        var test = new Verify.Test();
        test.TestState.Sources.Add(("/A.cs", First));
        test.TestState.Sources.Add(("/B.cs", Second));
        test.FixedState.Sources.Add(("/A.cs", FixedFirst));
        test.FixedState.Sources.Add(("/B.cs", FixedSecond));
        test.BatchFixedState.Sources.Add(("/A.cs", FixedFirst));
        test.BatchFixedState.Sources.Add(("/B.cs", FixedSecond));
        await test.RunAsync(CancellationToken.None);
    }
}
