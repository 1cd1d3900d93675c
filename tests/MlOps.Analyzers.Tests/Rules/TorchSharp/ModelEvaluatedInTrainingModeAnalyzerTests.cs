using System.Threading.Tasks;
using MlOps.Analyzers.Rules.TorchSharp;
using MlOps.Analyzers.Tests.Infrastructure;
using Verify = MlOps.Analyzers.Tests.Infrastructure.AnalyzerVerifier<MlOps.Analyzers.Rules.TorchSharp.ModelEvaluatedInTrainingModeAnalyzer>;

namespace MlOps.Analyzers.Tests.Rules.TorchSharp;

public class ModelEvaluatedInTrainingModeAnalyzerTests
{
    private const string Usings = """
        using System;
        using System.Collections.Generic;
        using TorchSharp;
        using TorchSharp.Modules;
        using static TorchSharp.torch;

        public sealed class Net : nn.Module<Tensor, Tensor>
        {
            private readonly Sequential _layers = nn.Sequential(nn.Linear(4, 8), nn.Dropout(0.3), nn.Linear(8, 2));

            public Net() : base(nameof(Net)) => RegisterComponents();

            public override Tensor forward(Tensor x) => _layers.forward(x);
        }

        """;

    private static Microsoft.CodeAnalysis.Testing.DiagnosticResult Evaluated(int location, string model, string where)
        => Verify.Diagnostic(ModelEvaluatedInTrainingModeAnalyzer.EvaluatedInTrainingMode).WithLocation(location).WithArguments(model, where)
            .WithOptions(Microsoft.CodeAnalysis.Testing.DiagnosticOptions.IgnoreAdditionalLocations);

    private static Microsoft.CodeAnalysis.Testing.DiagnosticResult Trained(int location, string model)
        => Verify.Diagnostic(ModelEvaluatedInTrainingModeAnalyzer.TrainedInEvaluationMode).WithLocation(location).WithArguments(model)
            .WithOptions(Microsoft.CodeAnalysis.Testing.DiagnosticOptions.IgnoreAdditionalLocations);

    // --- not findings ---

    [Fact]
    public Task Eval_earlier_in_the_method_is_not_reported() => Verify.VerifyAsync(Usings + """
        public static class Evaluation
        {
            public static float Accuracy(Net model, IEnumerable<(Tensor X, Tensor Y)> batches)
            {
                model.eval();
                var correct = 0L;
                using (torch.no_grad())
                {
                    foreach (var (x, y) in batches)
                        correct += model.forward(x).argmax(1).eq(y).sum().item<long>();
                }

                return correct;
            }

            public static Tensor Validate(Sequential model, Tensor x)
            {
                model.train(false);
                return model.call(x);
            }
        }
        """);

    [Fact]
    public Task Eval_chained_after_moving_the_model_is_not_reported() => Verify.VerifyAsync(Usings + """
        public static class Evaluation
        {
            public static Tensor Predict(Net model, Tensor x, Device device)
            {
                model.to(device).eval();
                using var noGrad = torch.no_grad();
                return model.forward(x.to(device));
            }

            public static Tensor PredictOnCpu(Net model, Tensor x)
            {
                model.cpu().train(false);
                using var noGrad = torch.no_grad();
                return model.forward(x);
            }
        }
        """);

    [Fact]
    public Task A_helper_that_puts_the_model_in_eval_is_not_reported() => Verify.VerifyAsync(Usings + """
        public static class Distillation
        {
            private static void Freeze(nn.Module<Tensor, Tensor> module)
            {
                module.eval();
                foreach (var parameter in module.parameters())
                    parameter.requires_grad = false;
            }

            public static Tensor Targets(Net teacher, Tensor x)
            {
                Freeze(teacher);
                using (torch.no_grad())
                    return teacher.forward(x);
            }
        }
        """);

    [Fact]
    public Task A_helper_that_also_trains_does_not_count_as_eval() => Verify.VerifyAsync(Usings + """
        public static class Evaluation
        {
            private static void SetMode(nn.Module<Tensor, Tensor> module, bool training)
            {
                if (training)
                    module.train();
                else
                    module.eval();
            }

            public static Tensor Predict(Net model, Tensor x, bool training)
            {
                SetMode(model, training);
                using var noGrad = torch.no_grad();
                return model.{|#0:forward|}(x);
            }
        }
        """, Evaluated(0, "model", "with gradients off"));

    [Fact]
    public Task A_model_handed_to_an_evaluation_method_with_gradients_on_is_not_reported() => Verify.VerifyAsync(Usings + """
        public static class Attack
        {
            public static void Run(Net model, IEnumerable<(Tensor, Tensor)> test)
            {
                model.eval();
                foreach (var epsilon in new[] { 0.0, 0.1, 0.2 })
                    Console.WriteLine(Test(model, test, epsilon));
            }

            // The fast gradient sign attack: gradients on, the caller put the model in eval().
            private static double Test(Net model, IEnumerable<(Tensor, Tensor)> test, double epsilon)
            {
                var correct = 0;
                foreach (var (data, target) in test)
                {
                    using var scope = torch.NewDisposeScope();
                    data.requires_grad = true;
                    var loss = nn.functional.nll_loss(model.forward(data), target);
                    model.zero_grad();
                    loss.backward();
                    var perturbed = (data + epsilon * data.grad!.sign()).clamp(0.0, 1.0);
                    correct += model.forward(perturbed).argmax(1).eq(target).sum().ToInt32();
                }

                return correct;
            }
        }
        """);

    [Fact]
    public Task Train_restored_in_the_epoch_loop_is_not_reported() => Verify.VerifyAsync(Usings + """
        public static class Trainer
        {
            public static void Train(Net model, optim.Optimizer optimizer, DataLoader train, Tensor valX, Tensor valY)
            {
                for (var epoch = 0; epoch < 10; epoch++)
                {
                    model.train();
                    foreach (var batch in train)
                    {
                        optimizer.zero_grad();
                        nn.functional.cross_entropy(model.forward(batch["data"]), batch["label"]).backward();
                        optimizer.step();
                    }

                    model.eval();
                    using (no_grad())
                        Console.WriteLine(nn.functional.cross_entropy(model.forward(valX), valY).item<float>());
                }
            }
        }
        """);

    [Fact]
    public Task A_frozen_teacher_put_in_eval_once_is_not_reported() => Verify.VerifyAsync(Usings + """
        public static class Distillation
        {
            public static void Train(Net student, Net teacher, optim.Optimizer optimizer, DataLoader loader)
            {
                teacher.eval();
                foreach (var batch in loader)
                {
                    using var scope = NewDisposeScope();
                    Tensor target;
                    using (no_grad())
                        target = teacher.forward(batch["data"]);
                    optimizer.zero_grad();
                    nn.functional.mse_loss(student.forward(batch["data"]), target).backward();
                    optimizer.step();
                }
            }
        }

        public sealed class Distiller
        {
            private readonly Net _teacher;
            private readonly Net _student = new Net();

            public Distiller(Net teacher)
            {
                _teacher = teacher;
                _teacher.eval();
            }

            public void Step(optim.Optimizer optimizer, Tensor x)
            {
                using var off = no_grad();
                var target = _teacher.forward(x);
            }
        }

        public sealed class Predictor
        {
            private Net? _model;

            public void Load(string path)
            {
                _model = new Net();
                _model.load(path);
                _model.eval();
            }

            public Tensor Predict(Tensor x)
            {
                using var off = inference_mode();
                return _model!.forward(x);
            }
        }
        """);

    [Fact]
    public Task Layers_losses_and_training_code_are_not_reported() => Verify.VerifyAsync(Usings + """
        namespace Xunit { public sealed class FactAttribute : Attribute { } }

        public static class Misc
        {
            public static float TestLoss(Linear layer, CrossEntropyLoss loss, Tensor x, Tensor y)
            {
                using (no_grad())
                    return loss.forward(layer.forward(x), y).item<float>();
            }

            public static void EvaluateAndTune(Net model, optim.Optimizer optimizer, Tensor x, Tensor y)
            {
                nn.functional.mse_loss(model.forward(x), y).backward();
                optimizer.step();
            }

            public static Tensor GetLatest(Net model, Tensor x) => model.forward(x);

            public static Tensor Predict(Func<Net> make, Tensor x)
            {
                using (no_grad())
                    return make().forward(x);
            }

            [Xunit.Fact]
            public static void Test_output_shape_of_an_untrained_model()
            {
                var model = new Net();
                model.forward(torch.zeros(1, 4));
            }
        }
        """);

    [Fact]
    public Task Grad_enabled_switches_do_not_make_an_evaluation() => Verify.VerifyAsync(Usings + """
        public static class Trainer
        {
            public static Tensor Run(Net model, Tensor x, bool train)
            {
                using (set_grad_enabled(train))
                using (enable_grad())
                    return model.forward(x);
            }
        }
        """);

    // --- findings ---

    [Fact]
    public Task Forward_under_no_grad_without_eval_is_reported_once_per_model() => Verify.VerifyAsync(Usings + """
        public static class Evaluation
        {
            public static float Accuracy(Net model, Sequential baseline, IEnumerable<(Tensor X, Tensor Y)> batches)
            {
                var correct = 0L;
                using (torch.no_grad())
                {
                    foreach (var (x, y) in batches)
                    {
                        correct += model.{|#0:forward|}(x).argmax(1).eq(y).sum().item<long>();
                        correct -= model.forward(x).argmax(1).eq(y).sum().item<long>();
                        correct -= baseline.{|#1:call|}(x).argmax(1).eq(y).sum().item<long>();
                    }
                }

                return correct;
            }

            public static Tensor Infer(nn.Module<Tensor, Tensor> model, Tensor x)
            {
                using var mode = inference_mode();
                return model.{|#2:forward|}(x);
            }
        }
        """,
        Evaluated(0, "model", "with gradients off"),
        Evaluated(1, "baseline", "with gradients off"),
        Evaluated(2, "model", "with gradients off"));

    [Fact]
    public Task Forward_in_an_evaluation_method_without_eval_is_reported() => Verify.VerifyAsync(Usings + """
        public sealed class Runner
        {
            private readonly Net _model = new Net();

            public float Evaluate(Tensor x, Tensor y) => nn.functional.mse_loss(_model.{|#0:forward|}(x), y).item<float>();

            public float RunValidation(Tensor x)
            {
                _model.eval();
                _model.train();
                return _model.{|#1:forward|}(x).sum().item<float>();
            }
        }
        """,
        Evaluated(0, "_model", "in 'Evaluate'"),
        Evaluated(1, "_model", "in 'RunValidation'"));

    [Fact]
    public Task Eval_in_the_epoch_loop_never_undone_is_reported_at_the_training_forward() => Verify.VerifyAsync(Usings + """
        public static class Trainer
        {
            public static void Train(Net model, optim.Optimizer optimizer, DataLoader train, Tensor valX, Tensor valY)
            {
                model.train();
                for (var epoch = 0; epoch < 10; epoch++)
                {
                    foreach (var batch in train)
                    {
                        optimizer.zero_grad();
                        nn.functional.cross_entropy(model.{|#0:forward|}(batch["data"]), batch["label"]).backward();
                        nn.functional.cross_entropy(model.forward(batch["data"]), batch["label"]).backward();
                        optimizer.step();
                    }

                    model.eval();
                    using (no_grad())
                        Console.WriteLine(nn.functional.cross_entropy(model.forward(valX), valY).item<float>());
                }
            }
        }
        """, Trained(0, "model"));
}
