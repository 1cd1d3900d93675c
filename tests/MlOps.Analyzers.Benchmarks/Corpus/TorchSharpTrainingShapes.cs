using System.Text;

namespace MlOps.Analyzers.Benchmarks.Corpus;

/// <summary>
/// The TorchSharp training shapes a careful team writes that the training-hygiene rules (MLOPS040-044) must not report:
/// a dispose scope released in <c>finally</c>, one scope emptied with <c>DisposeEverythingBut</c> every iteration,
/// gradient accumulation, an adversarial example (<c>backward()</c> and no <c>step()</c>), and a frozen teacher put in
/// <c>eval()</c> once. Each TorchSharp training file of the corpus gets one of them, chosen by its index (not drawn from the
/// corpus's generator, so the other files stay as they are), in a type that seeds LibTorch itself (MLOPS006).
/// </summary>
internal static class TorchSharpTrainingShapes
{
    public const int Count = 5;

    /// <summary>The shape for file <paramref name="index"/>: a type named after <paramref name="name"/>, clean for every rule.</summary>
    public static string Write(string name, int index)
    {
        var sb = new StringBuilder();
        sb.AppendLine();
        switch (index % Count)
        {
            case 0:
                sb.AppendLine($"public static class {name}ScopedInFinally");
                sb.AppendLine("{");
                sb.AppendLine("    public static void Train(nn.Module<Tensor, Tensor> model, optim.Optimizer optimizer, Tensor x, Tensor y, int steps)");
                sb.AppendLine("    {");
                sb.AppendLine($"        torch.manual_seed({index});");
                sb.AppendLine("        for (var i = 0; i < steps; i++)");
                sb.AppendLine("        {");
                sb.AppendLine("            var scope = torch.NewDisposeScope();");
                sb.AppendLine("            try");
                sb.AppendLine("            {");
                sb.AppendLine("                optimizer.zero_grad();");
                sb.AppendLine("                nn.functional.mse_loss(model.forward(x), y).backward();");
                sb.AppendLine("                optimizer.step();");
                sb.AppendLine("            }");
                sb.AppendLine("            finally");
                sb.AppendLine("            {");
                sb.AppendLine("                scope.Dispose();");
                sb.AppendLine("            }");
                sb.AppendLine("        }");
                sb.AppendLine("    }");
                sb.AppendLine();
                sb.AppendLine("    public static Tensor Predict(nn.Module<Tensor, Tensor> model, Tensor x)");
                sb.AppendLine("    {");
                sb.AppendLine("        model.eval();");
                sb.AppendLine("        var noGrad = torch.no_grad();");
                sb.AppendLine("        try");
                sb.AppendLine("        {");
                sb.AppendLine("            return model.forward(x);");
                sb.AppendLine("        }");
                sb.AppendLine("        finally");
                sb.AppendLine("        {");
                sb.AppendLine("            noGrad.Dispose();");
                sb.AppendLine("        }");
                sb.AppendLine("    }");
                sb.AppendLine("}");
                break;
            case 1:
                sb.AppendLine($"public static class {name}ScopeEmptiedEachStep");
                sb.AppendLine("{");
                sb.AppendLine("    public static Tensor Train(nn.Module<Tensor, Tensor> model, optim.Optimizer optimizer, Tensor x, Tensor y, int steps)");
                sb.AppendLine("    {");
                sb.AppendLine($"        torch.manual_seed({index});");
                sb.AppendLine("        using var scope = torch.NewDisposeScope();");
                sb.AppendLine("        var total = torch.zeros(1);");
                sb.AppendLine("        for (var i = 0; i < steps; i++)");
                sb.AppendLine("        {");
                sb.AppendLine("            optimizer.zero_grad();");
                sb.AppendLine("            var loss = nn.functional.mse_loss(model.forward(x), y);");
                sb.AppendLine("            loss.backward();");
                sb.AppendLine("            optimizer.step();");
                sb.AppendLine("            total = total + loss.detach();");
                sb.AppendLine("            scope.DisposeEverythingBut(total);");
                sb.AppendLine("        }");
                sb.AppendLine();
                sb.AppendLine("        return total.MoveToOuterDisposeScope();");
                sb.AppendLine("    }");
                sb.AppendLine("}");
                break;
            case 2:
                sb.AppendLine($"public static class {name}AccumulatedGradients");
                sb.AppendLine("{");
                sb.AppendLine("    private const int AccumulationSteps = 4;");
                sb.AppendLine();
                sb.AppendLine("    public static void Train(nn.Module<Tensor, Tensor> model, optim.Optimizer optimizer, IReadOnlyList<(Tensor X, Tensor Y)> batches)");
                sb.AppendLine("    {");
                sb.AppendLine($"        torch.manual_seed({index});");
                sb.AppendLine("        model.train();");
                sb.AppendLine("        optimizer.zero_grad();");
                sb.AppendLine("        for (var i = 0; i < batches.Count; i++)");
                sb.AppendLine("        {");
                sb.AppendLine("            using var scope = torch.NewDisposeScope();");
                sb.AppendLine("            var loss = nn.functional.cross_entropy(model.forward(batches[i].X), batches[i].Y) / AccumulationSteps;");
                sb.AppendLine("            loss.backward();");
                sb.AppendLine("            if ((i + 1) % AccumulationSteps == 0)");
                sb.AppendLine("            {");
                sb.AppendLine("                optimizer.step();");
                sb.AppendLine("                optimizer.zero_grad();");
                sb.AppendLine("            }");
                sb.AppendLine("        }");
                sb.AppendLine("    }");
                sb.AppendLine("}");
                break;
            case 3:
                sb.AppendLine($"public static class {name}AdversarialExamples");
                sb.AppendLine("{");
                sb.AppendLine("    /// <summary>The fast gradient sign method: the gradient of the loss with respect to the input, no step.</summary>");
                sb.AppendLine("    public static Tensor Perturb(nn.Module<Tensor, Tensor> model, Tensor x, Tensor y, double epsilon)");
                sb.AppendLine("    {");
                sb.AppendLine($"        torch.manual_seed({index});");
                sb.AppendLine("        model.eval();");
                sb.AppendLine("        using var scope = torch.NewDisposeScope();");
                sb.AppendLine("        var input = x.detach().requires_grad_(true);");
                sb.AppendLine("        nn.functional.cross_entropy(model.forward(input), y).backward();");
                sb.AppendLine("        return (input + epsilon * input.grad!.sign()).detach().MoveToOuterDisposeScope();");
                sb.AppendLine("    }");
                sb.AppendLine("}");
                break;
            default:
                sb.AppendLine($"public sealed class {name}Distillation");
                sb.AppendLine("{");
                sb.AppendLine("    private readonly nn.Module<Tensor, Tensor> _teacher;");
                sb.AppendLine("    private readonly nn.Module<Tensor, Tensor> _student;");
                sb.AppendLine();
                sb.AppendLine($"    public {name}Distillation(nn.Module<Tensor, Tensor> teacher, nn.Module<Tensor, Tensor> student)");
                sb.AppendLine("    {");
                sb.AppendLine("        _teacher = teacher;");
                sb.AppendLine("        _teacher.eval(); // frozen: it only gives the targets");
                sb.AppendLine("        _student = student;");
                sb.AppendLine("    }");
                sb.AppendLine();
                sb.AppendLine("    public void Train(optim.Optimizer optimizer, Tensor x, int steps)");
                sb.AppendLine("    {");
                sb.AppendLine($"        torch.manual_seed({index});");
                sb.AppendLine("        _student.train();");
                sb.AppendLine("        for (var i = 0; i < steps; i++)");
                sb.AppendLine("        {");
                sb.AppendLine("            using var scope = torch.NewDisposeScope();");
                sb.AppendLine("            optimizer.zero_grad();");
                sb.AppendLine("            Tensor target;");
                sb.AppendLine("            using (torch.no_grad())");
                sb.AppendLine("                target = _teacher.forward(x);");
                sb.AppendLine("            nn.functional.mse_loss(_student.forward(x), target).backward();");
                sb.AppendLine("            optimizer.step();");
                sb.AppendLine("        }");
                sb.AppendLine("    }");
                sb.AppendLine("}");
                break;
        }

        return sb.ToString();
    }
}
