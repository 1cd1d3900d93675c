using System;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace DefectDetectorTorch;

/// <summary>Trains the teacher CNN, validates after every epoch and checkpoints it.</summary>
public sealed class DefectTrainer
{
    private const int Seed = 20240611;
    private const int BatchSize = 64;
    private const string PretrainedWeights = "pretrained/defect-cnn-base.bin";

    private readonly int _epochs;

    public DefectTrainer(int epochs) => _epochs = epochs;

    public DefectCnn Train(CropFolderDataset train, CropFolderDataset valid)
    {
        torch.manual_seed(Seed);
        var model = new DefectCnn();
        if (System.IO.File.Exists(PretrainedWeights))
            model.load(PretrainedWeights); // expect: MLOPS022
        var optimizer = optim.Adam(model.parameters(), lr: 1e-3);
        var loss = nn.CrossEntropyLoss();
        using var loader = new DataLoader(train, BatchSize, shuffle: true, seed: Seed);

        for (var epoch = 1; epoch <= _epochs; epoch++)
        {
            model.train();
            foreach (var batch in loader)
            {
                using var scope = NewDisposeScope();
                optimizer.zero_grad();
                var output = loss.forward(model.forward(batch["image"]), batch["label"]);
                output.backward();
                optimizer.step();
            }

            Console.WriteLine($"epoch {epoch}: validation accuracy {Validate(model, valid):P1}");
            model.save($"checkpoints/defect-cnn-epoch{epoch:D3}.bin"); // expect: MLOPS021
        }

        FineTuneHead(model, train);
        model.save("checkpoints/defect-cnn-final.bin"); // expect: MLOPS020
        return model;
    }

    /// <summary>A few extra steps on the head only, at a lower learning rate.</summary>
    private static void FineTuneHead(DefectCnn model, CropFolderDataset train)
    {
        var optimizer = optim.SGD(model.parameters(), learningRate: 1e-4);
        var loss = nn.CrossEntropyLoss();
        using var loader = new DataLoader(train, BatchSize, shuffle: false);
        optimizer.zero_grad();
        model.train();
        foreach (var batch in loader) // expect: MLOPS043
        {
            var output = loss.forward(model.forward(batch["image"]), batch["label"]);
            output.backward(); // expect: MLOPS040
            optimizer.step();
        }
    }

    private static double Validate(DefectCnn model, CropFolderDataset valid)
    {
        model.eval();
        using var noGrad = torch.no_grad();
        using var loader = new DataLoader(valid, BatchSize, shuffle: false);
        long correct = 0, total = 0;
        foreach (var batch in loader)
        {
            using var scope = NewDisposeScope();
            var predicted = model.forward(batch["image"]).argmax(1);
            correct += predicted.eq(batch["label"]).sum().ToInt64();
            total += batch["label"].shape[0];
        }

        return total == 0 ? 0 : (double)correct / total;
    }
}
