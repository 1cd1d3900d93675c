using System.Threading;
using System.Threading.Tasks;
using Verify = MlOps.Analyzers.Tests.Infrastructure.CodeFixVerifier<MlOps.Analyzers.Rules.TorchSharp.FunctionalDropoutIgnoresModeAnalyzer, MlOps.Analyzers.CodeFixes.Rules.TorchSharp.FunctionalDropoutIgnoresModeFixer>;

namespace MlOps.Analyzers.Tests.Rules.TorchSharp;

public class FunctionalDropoutIgnoresModeFixerTests
{
    private const string Usings = """
        using TorchSharp;
        using static TorchSharp.torch;
        using F = TorchSharp.torch.nn.functional;

        """;

    [Fact]
    public Task Appends_or_replaces_the_training_flag() => Verify.VerifyAsync(Usings + """
        public sealed class Net : nn.Module<Tensor, Tensor>
        {
            public Net() : base(nameof(Net)) { }

            public override Tensor forward(Tensor x)
            {
                x = F.{|MLOPS042:dropout|}(x, 0.5);
                x = F.{|MLOPS042:dropout2d|}(x, 0.5, true);
                return F.{|MLOPS042:alpha_dropout|}(x, training: false, inplace: true);
            }
        }
        """, Usings + """
        public sealed class Net : nn.Module<Tensor, Tensor>
        {
            public Net() : base(nameof(Net)) { }

            public override Tensor forward(Tensor x)
            {
                x = F.dropout(x, 0.5, training: this.training);
                x = F.dropout2d(x, 0.5, this.training);
                return F.alpha_dropout(x, training: this.training, inplace: true);
            }
        }
        """);

    [Fact]
    public async Task Fix_all_passes_the_mode_in_two_documents()
    {
        const string First = Usings + """
            public sealed class A : nn.Module<Tensor, Tensor>
            {
                public A() : base("a") { }

                public override Tensor forward(Tensor x)
                {
                    var hidden = F.{|MLOPS042:dropout1d|}(x);
                    return F.{|MLOPS042:dropout|}(hidden);
                }
            }
            """;
        const string Second = Usings + """
            public sealed class B : nn.Module<Tensor, Tensor>
            {
                public B() : base("b") { }

                public override Tensor forward(Tensor x) => nn.functional.{|MLOPS042:feature_alpha_dropout|}(x, 0.2);
            }
            """;
        const string FixedFirst = Usings + """
            public sealed class A : nn.Module<Tensor, Tensor>
            {
                public A() : base("a") { }

                public override Tensor forward(Tensor x)
                {
                    var hidden = F.dropout1d(x, training: this.training);
                    return F.dropout(hidden, training: this.training);
                }
            }
            """;
        const string FixedSecond = Usings + """
            public sealed class B : nn.Module<Tensor, Tensor>
            {
                public B() : base("b") { }

                public override Tensor forward(Tensor x) => nn.functional.feature_alpha_dropout(x, 0.2, training: this.training);
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
