using System;
using System.Linq;

namespace MlOps.Analyzers.Benchmarks.Harness;

/// <summary>Command line: <c>--quick</c> (fewer iterations; under 5 minutes on 2 cores), <c>--out PATH</c> (the Markdown report).</summary>
public sealed record BenchmarkOptions(bool Quick, string? OutputPath, int Seed, int[] Sizes, int Warmup, int Iterations, int RuleIterations, string CommandLine)
{
    public const int ReferenceSize = 1000;

    public static BenchmarkOptions Parse(string[] args)
    {
        var quick = args.Contains("--quick");
        string? output = null;
        var seed = 20240607;
        for (var i = 0; i < args.Length - 1; i++)
        {
            if (args[i] == "--out")
                output = args[i + 1];
            else if (args[i] == "--seed")
                seed = int.Parse(args[i + 1], System.Globalization.CultureInfo.InvariantCulture);
        }

        var commandLine = "dotnet run -c Release --project tests/MlOps.Analyzers.Benchmarks" + (args.Length > 0 ? " -- " + string.Join(" ", args) : string.Empty);
        return quick
            ? new BenchmarkOptions(true, output, seed, new[] { 200, 1000, 5000 }, Warmup: 1, Iterations: 2, RuleIterations: 0, commandLine)
            : new BenchmarkOptions(false, output, seed, new[] { 200, 1000, 5000 }, Warmup: 1, Iterations: 5, RuleIterations: 2, commandLine);
    }

    /// <summary>
    /// How many of the main iterations (the last ones) also measure <paramref name="size"/> files: every one for the small
    /// size; for 5,000 files (five times the work) one in quick mode, three in full mode. The <see cref="Warmup"/>
    /// iterations before them warm that size up.
    /// </summary>
    public int ScalingIterations(int size)
        => size < ReferenceSize ? Iterations : Math.Min(Iterations, Quick ? 1 : 3);
}
