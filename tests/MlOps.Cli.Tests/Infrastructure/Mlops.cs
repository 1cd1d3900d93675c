using System.IO;

namespace MlOps.Cli.Tests.Infrastructure;

/// <summary>Runs the tool in-process, as <c>mlops ARGS</c> would, with stdout and stderr captured.</summary>
public static class Mlops
{
    public sealed record Result(int ExitCode, string Output, string Error);

    public static Result Run(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exit = MlOpsCommandLine.Run(args, Terminal.ForWriters(output, error));
        return new Result(exit, output.ToString(), error.ToString());
    }

    /// <summary>Like <see cref="Run"/>, with stderr as a live terminal so progress bars are drawn.</summary>
    internal static Result RunWithProgress(Spectre.Console.IAnsiConsole progress, StringWriter error, params string[] args)
    {
        using var output = new StringWriter();
        var exit = MlOpsCommandLine.Run(args, Terminal.ForWriters(output, error, progress));
        return new Result(exit, output.ToString(), error.ToString());
    }
}
