using System;
using System.CommandLine;
using System.CommandLine.Invocation;
using MlOps.Cli.Commands;

namespace MlOps.Cli;

/// <summary>The <c>mlops</c> command line: its commands, and the one place where failures become exit codes.</summary>
internal static class MlOpsCommandLine
{
    public static RootCommand Create(Terminal terminal) => new("Reads back the lineage of ML training runs recorded by MlOpsAnalyzers: sidecars (<model>.lineage.json) and OpenLineage events.")
    {
        RunsCommand.Create(terminal),
        ShowCommand.Create(terminal),
        VerifyCommand.Create(terminal),
        DiffCommand.Create(terminal),
        GraphCommand.Create(terminal),
        LockCommand.Create(terminal),
    };

    /// <summary>Parses and runs one command line; never throws.</summary>
    public static int Run(string[] args, Terminal terminal)
    {
        var configuration = new InvocationConfiguration
        {
            Output = terminal.Output,
            Error = terminal.Error,
            EnableDefaultExceptionHandler = false,
        };

        try
        {
            var parsed = Create(terminal).Parse(args);
            if (parsed.Action is ParseErrorAction usageError)
            {
                // A usage error is "could not answer" (2), never "differs" (1): scripts read 1 from diff and verify.
                usageError.ShowHelp = false;
                parsed.Invoke(configuration);
                terminal.Error.WriteLine("Run 'mlops --help' for usage.");
                return ExitCodes.CannotRead;
            }

            return parsed.Invoke(configuration);
        }
        catch (CliException ex)
        {
            terminal.WriteError(ex.Message);
            return ExitCodes.CannotRead;
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            terminal.WriteError($"{ex.Message} ({ex.GetType().Name})");
            return ExitCodes.CannotRead;
        }
    }
}
