using System.CommandLine;
using System.Linq;
using System.Text.Json.Nodes;
using MlOps.Cli.Runs;

namespace MlOps.Cli.Commands;

/// <summary><c>mlops runs [DIR] [--json]</c>: the runs recorded under DIR, newest first.</summary>
internal static class RunsCommand
{
    public static Command Create(Terminal terminal)
    {
        var directory = new Argument<string>("DIR") { Description = "The directory to search (sidecars and openlineage.jsonl files below it).", DefaultValueFactory = _ => "." };
        var json = new Option<bool>("--json") { Description = "Write the runs as a JSON array (for scripts)." };
        var command = new Command("runs", "List the training runs found under DIR, newest first.") { directory, json };
        command.SetAction(parsed => Execute(terminal, parsed.GetValue(directory)!, parsed.GetValue(json)));
        return command;
    }

    private static int Execute(Terminal terminal, string directory, bool json)
    {
        var catalog = RunCatalog.Scan(directory);
        if (json)
            CliJson.Write(terminal.Output, new JsonArray(catalog.Runs.Select(r => (JsonNode)ToJson(catalog, r)).ToArray()));
        else
            WriteTable(terminal, catalog);

        foreach (var problem in catalog.Problems)
            terminal.WriteError(problem);
        return catalog.Problems.Count == 0 ? ExitCodes.Ok : ExitCodes.CannotRead;
    }

    private static void WriteTable(Terminal terminal, RunCatalog catalog)
    {
        if (catalog.Runs.Count == 0)
        {
            terminal.WriteLine($"No runs found under {catalog.Root} (no *.lineage.json or openlineage.jsonl files).");
            return;
        }

        var table = Terminal.NewTable("MODEL", "PIPELINE", "VERSION", "RUN", "FINISHED", "STATUS", "METRIC");
        foreach (var run in catalog.Runs)
        {
            var model = run.PrimaryModel is { } m ? Format.PathUnder(catalog.Root, m.FullPath) : "-";
            var metric = run.HeadlineMetric is { } h ? h.Key + " " + Format.ShortNumber(h.Value) : "-";
            Terminal.AddRow(table, model, run.Pipeline, run.Version, Format.RunId(run.RunId), Format.Time(run.FinishedAt), run.Status, metric);
        }

        terminal.Write(table);
    }

    private static JsonObject ToJson(RunCatalog catalog, RunSummary run)
    {
        var model = run.PrimaryModel;
        var headline = run.HeadlineMetric;
        var metrics = new JsonObject();
        foreach (var metric in run.Metrics)
            metrics[metric.Key] = CliJson.Number(metric.Value);

        return new JsonObject
        {
            ["runId"] = run.RunId,
            ["pipeline"] = run.Pipeline,
            ["version"] = run.Version,
            ["status"] = run.Status,
            ["startedAt"] = run.StartedAt,
            ["finishedAt"] = run.FinishedAt,
            ["model"] = model is null ? null : Format.PathUnder(catalog.Root, model.FullPath),
            ["modelPath"] = model?.FullPath,
            ["modelSha256"] = model?.Sha256,
            ["headlineMetric"] = headline is { } h ? new JsonObject { ["name"] = h.Key, ["value"] = CliJson.Number(h.Value) } : null,
            ["metrics"] = metrics,
            ["sidecar"] = run.SidecarPath,
            ["events"] = run.EventsPath,
        };
    }
}
