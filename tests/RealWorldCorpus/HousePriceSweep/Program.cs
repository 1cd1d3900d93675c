using System;

namespace HousePriceSweep;

public static class Program
{
    private const int ExperimentSeed = 7;

    public static int Main(string[] args)
    {
        if (args.Length == 0)
        {
            Console.Error.WriteLine("usage: HousePriceSweep <houses.csv> [--baseline]");
            return 2;
        }

        var dataPath = args[0];
        if (Array.IndexOf(args, "--baseline") >= 0)
        {
            Console.WriteLine($"baseline RMSE {QuickBaseline.Run(dataPath):F0}");
            return 0;
        }

        var runner = new SweepRunner(ExperimentSeed);
        var best = runner.Run(dataPath);
        Console.WriteLine($"best: {best.Name} (RMSE {best.Rmse:F0}), saved to {best.ModelPath}");
        return 0;
    }
}
