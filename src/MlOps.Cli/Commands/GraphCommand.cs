using System.CommandLine;
using System.IO;
using System.Text;
using MlOps.Cli.Graph;
using MlOps.Cli.Runs;

namespace MlOps.Cli.Commands;

/// <summary><c>mlops graph [DIR] --format mermaid|dot|html [--out FILE]</c>: the lineage graph of the runs under DIR.</summary>
internal static class GraphCommand
{
    public static Command Create(Terminal terminal)
    {
        var directory = new Argument<string>("DIR") { Description = "The directory to search (sidecars and openlineage.jsonl files below it).", DefaultValueFactory = _ => "." };
        var format = new Option<string>("--format") { Description = "mermaid, dot (Graphviz) or html (one self-contained page).", DefaultValueFactory = _ => GraphWriters.Mermaid };
        format.AcceptOnlyFromAmong(GraphWriters.Mermaid, GraphWriters.Dot, GraphWriters.Html);
        var output = new Option<string?>("--out") { Description = "Write to FILE instead of stdout." };
        var command = new Command("graph", "Draw the lineage graph: dataset versions -> runs of pipeline@version -> models.") { directory, format, output };
        command.SetAction(parsed => Execute(terminal, parsed.GetValue(directory)!, parsed.GetValue(format)!, parsed.GetValue(output)));
        return command;
    }

    private static int Execute(Terminal terminal, string directory, string format, string? output)
    {
        var catalog = RunCatalog.Scan(directory);
        var text = GraphWriters.Write(LineageGraph.From(catalog), format);
        if (output is null)
        {
            terminal.Output.Write(text);
        }
        else
        {
            try
            {
                var full = Path.GetFullPath(output);
                Directory.CreateDirectory(Path.GetDirectoryName(full)!);
                File.WriteAllText(full, text, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
                terminal.Error.WriteLine($"wrote {full}");
            }
            catch (System.Exception ex) when (ex is IOException or System.UnauthorizedAccessException)
            {
                throw new CliException($"cannot write '{output}': {ex.Message}", ex);
            }
        }

        foreach (var problem in catalog.Problems)
            terminal.WriteError(problem);
        return catalog.Problems.Count == 0 ? ExitCodes.Ok : ExitCodes.CannotRead;
    }
}
