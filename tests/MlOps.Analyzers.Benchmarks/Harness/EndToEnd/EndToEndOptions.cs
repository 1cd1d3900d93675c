using System.Globalization;
using System.Linq;

namespace MlOps.Analyzers.Benchmarks.Harness.EndToEnd;

/// <summary>
/// Command line of the end-to-end benchmark (<c>--end-to-end</c>): <c>--quick</c> (about 200 files a project and 3 rounds,
/// for development), <c>--rounds N</c>, <c>--keep</c> (leave the generated projects on disk), <c>--out PATH</c> (the
/// Markdown file whose "What a user's build pays" section is written; the full mode writes docs/performance.md),
/// <c>--as-you-type-only</c> (only the in-process per-document measurement: minutes, not the builds' hour).
/// </summary>
public sealed record EndToEndOptions(bool Quick, int MlFiles, int NonMlFiles, int Rounds, int AsYouTypeWarmup, int AsYouTypeRuns, bool Keep, bool AsYouTypeOnly, string? OutputPath, string CommandLine)
{
    public static EndToEndOptions Parse(string[] args)
    {
        var quick = args.Contains("--quick");
        var rounds = quick ? 3 : 5;
        string? output = null;
        for (var i = 0; i < args.Length - 1; i++)
        {
            if (args[i] == "--rounds")
                rounds = int.Parse(args[i + 1], CultureInfo.InvariantCulture);
            else if (args[i] == "--out")
                output = args[i + 1];
        }

        var commandLine = "dotnet run -c Release --project tests/MlOps.Analyzers.Benchmarks -- " + string.Join(" ", args);
        return quick
            ? new EndToEndOptions(true, MlFiles: 200, NonMlFiles: 200, rounds, AsYouTypeWarmup: 2, AsYouTypeRuns: 6, args.Contains("--keep"), args.Contains("--as-you-type-only"), output, commandLine)
            : new EndToEndOptions(false, MlFiles: 1000, NonMlFiles: 1000, rounds, AsYouTypeWarmup: 3, AsYouTypeRuns: 15, args.Contains("--keep"), args.Contains("--as-you-type-only"), output, commandLine);
    }
}
