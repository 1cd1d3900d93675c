using System.Threading.Tasks;
using MlOps.Analyzers.Rules.TorchSharp;
using MlOps.Analyzers.Tests.Infrastructure;
using Verify = MlOps.Analyzers.Tests.Infrastructure.AnalyzerVerifier<MlOps.Analyzers.Rules.TorchSharp.FunctionalDropoutIgnoresModeAnalyzer>;

namespace MlOps.Analyzers.Tests.Rules.TorchSharp;

public class FunctionalDropoutIgnoresModeAnalyzerTests
{
    private const string Usings = """
        using TorchSharp;
        using TorchSharp.Modules;
        using static TorchSharp.torch;
        using F = TorchSharp.torch.nn.functional;

        """;

    private static Microsoft.CodeAnalysis.Testing.DiagnosticResult Expected(int location, string method, string flag)
        => Verify.Diagnostic(FunctionalDropoutIgnoresModeAnalyzer.Rule).WithLocation(location)
            .WithArguments(method, flag, flag == "true" ? "keeps dropping activations after eval()" : "never drops, even in training");

    // --- not findings ---

    [Fact]
    public Task Dropout_following_the_module_mode_is_not_reported() => Verify.VerifyAsync(Usings + """
        public sealed class Net : nn.Module<Tensor, Tensor>
        {
            private readonly Linear _fc = nn.Linear(8, 8);
            private readonly Dropout _drop = nn.Dropout(0.2);
            private readonly AlphaDropout _alpha = nn.AlphaDropout(0.1);

            public Net() : base(nameof(Net)) => RegisterComponents();

            public override Tensor forward(Tensor x)
            {
                var training = this.training;
                x = F.dropout(_fc.forward(x), 0.5, this.training);
                x = F.dropout2d(x, training: training);
                x = F.alpha_dropout(x, 0.1, training: this.training && x.shape[0] > 1);
                return _alpha.forward(_drop.forward(x));
            }
        }
        """);

    [Fact]
    public Task Dropout_outside_a_module_forward_is_not_reported() => Verify.VerifyAsync(Usings + """
        public static class Augment
        {
            public static Tensor Noise(Tensor x) => F.dropout(x, 0.1);
        }

        public sealed class Net : nn.Module<Tensor, Tensor>
        {
            public Net() : base(nameof(Net)) { }

            public override Tensor forward(Tensor x) => x;

            public Tensor Augment(Tensor x) => F.dropout(x);

            public static Tensor forward(Tensor x, double p) => F.dropout(x, p);
        }

        public sealed class NotAModule
        {
            public Tensor forward(Tensor x) => F.dropout(x);
        }
        """);

    [Fact]
    public Task Other_functionals_are_not_reported() => Verify.VerifyAsync(Usings + """
        public sealed class Net : nn.Module<Tensor, Tensor>
        {
            public Net() : base(nameof(Net)) { }

            public override Tensor forward(Tensor x) => F.relu(F.layer_norm(x, new long[] { x.shape[^1] }));
        }
        """);

    // --- findings ---

    [Fact]
    public Task Default_or_constant_training_flags_are_reported() => Verify.VerifyAsync(Usings + """
        public sealed class Net : nn.Module<Tensor, Tensor>
        {
            public Net() : base(nameof(Net)) { }

            public override Tensor forward(Tensor x)
            {
                x = nn.functional.{|#0:dropout|}(x, 0.5);
                x = F.{|#1:dropout1d|}(x, training: true);
                x = F.{|#2:dropout3d|}(x, 0.2, true);
                x = F.{|#3:alpha_dropout|}(x, 0.1);
                return F.{|#4:feature_alpha_dropout|}(x, p: 0.1, training: false, inplace: false);
            }
        }
        """,
        Expected(0, "dropout", "true"),
        Expected(1, "dropout1d", "true"),
        Expected(2, "dropout3d", "true"),
        Expected(3, "alpha_dropout", "false"),
        Expected(4, "feature_alpha_dropout", "false"));

    [Fact]
    public Task Multi_input_modules_and_lambdas_in_forward_are_reported() => Verify.VerifyAsync(Usings + """
        public sealed class Pair : nn.Module<Tensor, Tensor, Tensor>
        {
            public Pair() : base(nameof(Pair)) { }

            public override Tensor forward(Tensor a, Tensor b)
            {
                System.Func<Tensor, Tensor> drop = t => F.{|#0:dropout2d|}(t);
                return drop(a) + b;
            }
        }
        """, Expected(0, "dropout2d", "true"));
}
