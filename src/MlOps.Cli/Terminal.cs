using System;
using System.IO;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace MlOps.Cli;

/// <summary>
/// Where a command writes: <see cref="Output"/> (stdout: results, as text for people or JSON for scripts),
/// <see cref="Error"/> (stderr: errors and progress). Tests build one over string writers.
/// </summary>
internal sealed class Terminal
{
    // A table written to a file or a pipe is not cut at 80 columns: paths and digests stay whole.
    private const int RedirectedWidth = 240;

    public Terminal(TextWriter output, TextWriter error, IAnsiConsole console, IAnsiConsole? progress)
    {
        Output = output;
        Error = error;
        Console = console;
        Progress = progress;
    }

    /// <summary>stdout, for plain text and JSON.</summary>
    public TextWriter Output { get; }

    /// <summary>stderr.</summary>
    public TextWriter Error { get; }

    /// <summary>stdout, for tables and other renderables.</summary>
    public IAnsiConsole Console { get; }

    /// <summary>stderr as a live display for progress bars; <see langword="null"/> when stderr is not a terminal.</summary>
    public IAnsiConsole? Progress { get; }

    /// <summary>The process's own stdout and stderr; progress only when stderr is a terminal.</summary>
    public static Terminal ForProcess()
    {
        var output = System.Console.Out;
        var error = System.Console.Error;
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(output) });
        if (System.Console.IsOutputRedirected)
            console.Profile.Width = RedirectedWidth;

        var progress = System.Console.IsErrorRedirected
            ? null
            : AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(error) });
        return new Terminal(output, error, console, progress);
    }

    /// <summary>Plain writers, no colours, no live display unless <paramref name="progress"/> is given (tests).</summary>
    public static Terminal ForWriters(TextWriter output, TextWriter error, IAnsiConsole? progress = null)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(output),
            Ansi = AnsiSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.No,
        });
        console.Profile.Width = RedirectedWidth;
        return new Terminal(output, error, console, progress);
    }

    public void WriteError(string message) => Error.WriteLine("error: " + message);

    public void WriteWarning(string message) => Error.WriteLine("warning: " + message);

    public void Write(IRenderable renderable) => Console.Write(renderable);

    public void WriteLine(string text = "") => Console.WriteLine(text);

    /// <summary>A table with the tool's look: aligned columns under a header, no borders, as <c>docker ps</c> or <c>dotnet list package</c> print them.</summary>
    public static Table NewTable(params string[] columns)
    {
        var table = new Table().Border(TableBorder.None);
        foreach (var column in columns)
            table.AddColumn(new TableColumn(new Text(column)).Padding(0, 0, 3, 0));
        return table;
    }

    /// <summary>Adds a row of plain text cells (never parsed as Spectre markup: paths may hold '[').</summary>
    public static void AddRow(Table table, params string[] cells)
    {
        var renderables = new IRenderable[cells.Length];
        for (var i = 0; i < cells.Length; i++)
            renderables[i] = new Text(cells[i]);
        table.AddRow(renderables);
    }
}
