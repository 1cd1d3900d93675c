using System;
using System.IO;

namespace DefectDetectorTorch;

public static class Program
{
    public static int Main(string[] args)
    {
        var cropsFolder = args.Length > 0 ? args[0] : "/mnt/line-camera/crops";
        var epochs = args.Length > 1 ? int.Parse(args[1]) : 20;
        try
        {
            Run(cropsFolder, epochs);
            return 0;
        }
        catch (InvalidDataException ex)
        {
            Console.Error.WriteLine($"bad crop: {ex.Message}");
            return 1;
        }
    }

    private static void Run(string cropsFolder, int epochs)
    {
        Directory.CreateDirectory("checkpoints");
        using var train = new CropFolderDataset(Path.Combine(cropsFolder, "train"));
        using var valid = new CropFolderDataset(Path.Combine(cropsFolder, "valid"));
        Console.WriteLine($"{train.Count} training crops, {valid.Count} validation crops");

        var trainer = new DefectTrainer(epochs);
        var teacher = trainer.Train(train, valid);

        var student = Distillation.Distill(teacher, train, epochs: 5);
        Distillation.Evaluate(student, valid);
    }
}
