using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using MlOps.Lineage;

namespace TorchSharpTrainer;

public static class Program
{
    public static int Main()
    {
        var dataPath = SpiralPipeline.Lineage.Datasets.Spirals.Path;
        if (!File.Exists(dataPath))
            WriteSpirals(dataPath);

        var run = SpiralPipeline.Lineage.Capture();
        var model = SpiralPipeline.Train(SpiralPipeline.LoadPoints(run));
        var modelPath = run.ModelPath(SpiralPipeline.Lineage.Models.Mlp);
        SpiralPipeline.Save(model, modelPath);
        run.Complete();
        run.WriteSidecar(modelPath);
        Console.WriteLine($"Model {modelPath}, lineage {LineageRecord.SidecarPathFor(modelPath)}");
        return 0;
    }

    /// <summary>Two interleaved spirals, 1,000 points each; seeded so the file's digest is the same everywhere.</summary>
    private static void WriteSpirals(string path)
    {
        var random = new Random(SpiralPipeline.Seed);
        var lines = new List<string> { "x,y,label" };
        for (var label = 0; label < 2; label++)
        {
            for (var i = 0; i < 1000; i++)
            {
                var t = i / 1000.0 * 3 * Math.PI;
                var sign = label == 0 ? 1 : -1;
                var x = sign * t * Math.Cos(t) / 10 + random.NextDouble() * 0.05;
                var y = sign * t * Math.Sin(t) / 10 + random.NextDouble() * 0.05;
                lines.Add(string.Create(CultureInfo.InvariantCulture, $"{x:F5},{y:F5},{label}"));
            }
        }

        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        File.WriteAllLines(path, lines);
    }
}
