namespace MlOps.Cli;

/// <summary>The <c>mlops</c> tool's entry point.</summary>
public static class Program
{
    /// <summary>Runs one command; the exit code is the command's (see <see cref="ExitCodes"/>).</summary>
    public static int Main(string[] args) => MlOpsCommandLine.Run(args, Terminal.ForProcess());
}
