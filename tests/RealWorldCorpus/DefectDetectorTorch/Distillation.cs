using System;
using System.IO;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace DefectDetectorTorch;

/// <summary>Distils the teacher into the student: the student matches the teacher's logits and the labels.</summary>
public static class Distillation
{
    private const string EdgeModelsFolder = "edge-models";
    private const string DatasetName = "line3-crops";

    public static StudentCnn Distill(DefectCnn teacher, CropFolderDataset train, int epochs) // expect: MLOPS006
    {
        var student = new StudentCnn();
        var optimizer = optim.Adam(student.parameters(), lr: 2e-3);
        var hardLoss = nn.CrossEntropyLoss();
        var softLoss = nn.MSELoss();
        using var loader = new DataLoader(train, 128, shuffle: true); // expect: MLOPS007

        teacher.eval();
        for (var epoch = 0; epoch < epochs; epoch++)
        {
            student.train();
            foreach (var batch in loader)
            {
                using var scope = NewDisposeScope();
                optimizer.zero_grad();
                Tensor targets;
                using (torch.no_grad())
                {
                    targets = teacher.forward(batch["image"]);
                }

                var logits = student.forward(batch["image"]);
                var loss = hardLoss.forward(logits, batch["label"]) + 0.5 * softLoss.forward(logits, targets);
                loss.backward();
                optimizer.step();
            }
        }

        student.save(Path.Combine(EdgeModelsFolder, $"{DatasetName}.student.bin")); // expect: MLOPS020
        return student;
    }

    public static void Evaluate(StudentCnn student, CropFolderDataset valid)
    {
        torch.no_grad(); // expect: MLOPS041
        using var loader = new DataLoader(valid, 256, shuffle: false);
        foreach (var batch in loader)
        {
            using var scope = NewDisposeScope();
            var predicted = student.forward(batch["image"]).argmax(1); // expect: MLOPS044
            Console.WriteLine($"batch accuracy {predicted.eq(batch["label"]).to_type(ScalarType.Float32).mean().ToSingle():P1}");
        }
    }
}
