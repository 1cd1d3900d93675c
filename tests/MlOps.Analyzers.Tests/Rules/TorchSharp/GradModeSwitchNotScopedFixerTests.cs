using System.Threading;
using System.Threading.Tasks;
using Verify = MlOps.Analyzers.Tests.Infrastructure.CodeFixVerifier<MlOps.Analyzers.Rules.TorchSharp.GradModeSwitchNotScopedAnalyzer, MlOps.Analyzers.CodeFixes.Rules.TorchSharp.GradModeSwitchNotScopedFixer>;

namespace MlOps.Analyzers.Tests.Rules.TorchSharp;

public class GradModeSwitchNotScopedFixerTests
{
    private const string Usings = """
        using System;
        using TorchSharp;
        using static TorchSharp.torch;

        """;

    [Fact]
    public Task A_bare_call_becomes_a_using_declaration() => Verify.VerifyAsync(Usings + """
        public static class Evaluation
        {
            public static float Score(nn.Module<Tensor, Tensor> model, Tensor x)
            {
                // gradients are not needed to score
                torch.{|MLOPS041:no_grad|}();
                return model.forward(x).sum().item<float>();
            }
        }
        """, Usings + """
        public static class Evaluation
        {
            public static float Score(nn.Module<Tensor, Tensor> model, Tensor x)
            {
                // gradients are not needed to score
                using var noGrad = torch.no_grad();
                return model.forward(x).sum().item<float>();
            }
        }
        """);

    [Fact]
    public Task A_local_and_a_discard_get_using_and_names_do_not_clash() => Verify.VerifyAsync(Usings + """
        public static class Evaluation
        {
            public static float Score(nn.Module<Tensor, Tensor> model, Tensor x, int noGrad)
            {
                var off = {|MLOPS041:no_grad|}();
                _ = torch.{|MLOPS041:no_grad|}();
                return model.forward(x).sum().item<float>() + noGrad;
            }
        }
        """, Usings + """
        public static class Evaluation
        {
            public static float Score(nn.Module<Tensor, Tensor> model, Tensor x, int noGrad)
            {
                using var off = no_grad();
                using var noGrad2 = torch.no_grad();
                return model.forward(x).sum().item<float>() + noGrad;
            }
        }
        """);

    [Fact]
    public Task Members_and_embedded_statements_get_no_fix()
    {
        const string Source = Usings + """
            public sealed class Session
            {
                private IDisposable? _mode;

                public void Begin(bool off)
                {
                    _mode = torch.{|MLOPS041:no_grad|}();
                    if (off)
                        torch.{|MLOPS041:no_grad|}();
                }
            }
            """;
        return Verify.VerifyAsync(Source, Source);
    }

    [Fact]
    public async Task Fix_all_scopes_every_switch_in_two_documents()
    {
        const string First = Usings + """
            public static class A
            {
                public static void M()
                {
                    torch.{|MLOPS041:inference_mode|}();
                    {|MLOPS041:set_grad_enabled|}(false);
                }
            }
            """;
        const string Second = Usings + """
            public static class B
            {
                public static void M()
                {
                    torch.{|MLOPS041:enable_grad|}();
                }
            }
            """;
        const string FixedFirst = Usings + """
            public static class A
            {
                public static void M()
                {
                    using var inferenceMode = torch.inference_mode();
                    using var gradMode = set_grad_enabled(false);
                }
            }
            """;
        const string FixedSecond = Usings + """
            public static class B
            {
                public static void M()
                {
                    using var gradEnabled = torch.enable_grad();
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
