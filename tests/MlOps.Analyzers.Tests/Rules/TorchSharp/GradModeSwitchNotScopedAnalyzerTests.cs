using System.Threading.Tasks;
using MlOps.Analyzers.Rules.TorchSharp;
using MlOps.Analyzers.Tests.Infrastructure;
using Verify = MlOps.Analyzers.Tests.Infrastructure.AnalyzerVerifier<MlOps.Analyzers.Rules.TorchSharp.GradModeSwitchNotScopedAnalyzer>;

namespace MlOps.Analyzers.Tests.Rules.TorchSharp;

public class GradModeSwitchNotScopedAnalyzerTests
{
    private const string Usings = """
        using System;
        using System.Collections.Generic;
        using TorchSharp;
        using static TorchSharp.torch;

        """;

    private static Microsoft.CodeAnalysis.Testing.DiagnosticResult Expected(int location, string method, string how)
        => Verify.Diagnostic(GradModeSwitchNotScopedAnalyzer.Rule).WithLocation(location).WithArguments(method, how);

    // --- not findings ---

    [Fact]
    public Task Using_statements_and_declarations_are_not_reported() => Verify.VerifyAsync(Usings + """
        public static class Evaluation
        {
            public static float Score(nn.Module<Tensor, Tensor> model, Tensor x)
            {
                using (torch.no_grad())
                {
                    using var inference = inference_mode();
                    using (var on = enable_grad())
                    using (set_grad_enabled(false))
                        return model.forward(x).sum().item<float>();
                }
            }
        }
        """);

    [Fact]
    public Task Returned_or_handed_on_switches_are_not_reported() => Verify.VerifyAsync(Usings + """
        public static class Modes
        {
            public static IDisposable Off() => no_grad();

            public static IDisposable Maybe(bool train)
            {
                return set_grad_enabled(train);
            }

            public static void Collect(List<IDisposable> scopes, Action<IDisposable> keep)
            {
                scopes.Add(torch.no_grad());
                keep(inference_mode());
                var switches = new[] { enable_grad() };
            }
        }
        """);

    [Fact]
    public Task A_local_disposed_in_finally_is_not_reported() => Verify.VerifyAsync(Usings + """
        public static class Evaluation
        {
            public static float Score(nn.Module<Tensor, Tensor> model, Tensor x)
            {
                var noGrad = torch.no_grad();
                try
                {
                    return model.forward(x).sum().item<float>();
                }
                finally
                {
                    noGrad.Dispose();
                }
            }

            public static void Conditional(bool off)
            {
                IDisposable? mode = null;
                if (off)
                    mode = no_grad();
                mode?.Dispose();
            }

            public static IDisposable Escapes()
            {
                var mode = no_grad();
                return mode;
            }
        }
        """);

    [Fact]
    public Task A_field_the_type_disposes_or_others_can_reach_is_not_reported() => Verify.VerifyAsync(Usings + """
        public sealed class InferenceSession : IDisposable
        {
            private readonly IDisposable _noGrad = torch.no_grad();
            private IDisposable? _inference;
            public IDisposable? Mode;

            public void Start()
            {
                _inference = inference_mode();
                Mode = no_grad();
            }

            public void Dispose()
            {
                _noGrad.Dispose();
                this._inference?.Dispose();
            }
        }
        """);

    [Fact]
    public Task Other_disposables_and_lookalikes_are_not_reported() => Verify.VerifyAsync(Usings + """
        public static class Other
        {
            private static IDisposable no_grad() => new System.IO.MemoryStream();

            public static void M()
            {
                no_grad();
                torch.NewDisposeScope();
                var anomaly = new AnomalyMode(true);
                using var _ = anomaly;
            }
        }
        """);

    // --- findings ---

    [Fact]
    public Task Bare_and_discarded_switches_are_reported() => Verify.VerifyAsync(Usings + """
        public static class Evaluation
        {
            public static float Score(nn.Module<Tensor, Tensor> model, Tensor x)
            {
                torch.{|#0:no_grad|}();
                _ = {|#1:inference_mode|}(true);
                {|#2:set_grad_enabled|}(false);
                return model.forward(x).sum().item<float>();
            }
        }
        """,
        Expected(0, "no_grad", "its result is thrown away"),
        Expected(1, "inference_mode", "its result is thrown away"),
        Expected(2, "set_grad_enabled", "its result is thrown away"));

    [Fact]
    public Task Locals_and_private_fields_never_disposed_are_reported() => Verify.VerifyAsync(Usings + """
        public sealed class Evaluator
        {
            private IDisposable? _mode;

            public void Begin() => _mode = torch.{|#0:no_grad|}();

            public static float Score(nn.Module<Tensor, Tensor> model, Tensor x)
            {
                var off = torch.{|#1:no_grad|}();
                return model.forward(x).sum().item<float>();
            }
        }
        """,
        Expected(0, "no_grad", "'_mode' is never disposed by 'Evaluator'"),
        Expected(1, "no_grad", "'off' is never disposed"));
}
