using System;
using System.IO;
using System.Linq;

namespace LineCameraInference;

public static class Program
{
    public static int Main(string[] args)
    {
        var inbox = args.Length > 0 ? args[0] : "/mnt/line-camera/inbox";
        using var predictor = new DefectPredictor();

        var crops = Directory.GetFiles(inbox, "*.gray").OrderBy(f => f).ToList();
        foreach (var chunk in crops.Chunk(32))
        {
            var probabilities = predictor.DefectProbabilities(chunk.Select(File.ReadAllBytes).ToList());
            for (var i = 0; i < chunk.Length; i++)
            {
                if (probabilities[i] > 0.8f)
                    Console.WriteLine($"DEFECT {Path.GetFileName(chunk[i])} p={probabilities[i]:F2}");
                File.Move(chunk[i], Path.Combine(inbox, "done", Path.GetFileName(chunk[i])));
            }
        }

        return 0;
    }
}
