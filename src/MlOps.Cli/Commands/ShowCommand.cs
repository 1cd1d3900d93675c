using System.CommandLine;
using System.Linq;
using MlOps.Cli.Runs;
using MlOps.Lineage;
using Spectre.Console;

namespace MlOps.Cli.Commands;

/// <summary><c>mlops show MODEL [--json]</c>: one model's lineage record, readable.</summary>
internal static class ShowCommand
{
    public static Command Create(Terminal terminal)
    {
        var model = new Argument<string>("MODEL") { Description = "The model file, or its <model>.lineage.json record." };
        var json = new Option<bool>("--json") { Description = "Write the lineage record as the sidecar's JSON." };
        var command = new Command("show", "Show the lineage of one model: run, pipeline, data, settings, metrics, environment.") { model, json };
        command.SetAction(parsed => Execute(terminal, parsed.GetValue(model)!, parsed.GetValue(json)));
        return command;
    }

    private static int Execute(Terminal terminal, string model, bool json)
    {
        var sidecar = SidecarFile.Locate(model);
        var record = sidecar.Read();
        if (json)
        {
            terminal.Output.WriteLine(record.ToJson());
            return ExitCodes.Ok;
        }

        var facts = new Grid().AddColumn().AddColumn();
        void Fact(string name, string value) => facts.AddRow(new Text(name), new Text(value));
        Fact("Model", sidecar.ModelPath);
        Fact("Pipeline", record.PipelineName + " " + record.PipelineVersion);
        Fact("Run", record.RunId);
        Fact("Status", record.Status.ToString().ToLowerInvariant());
        Fact("Started", Format.Time(record.StartedAt));
        Fact("Finished", Format.Time(record.EndedAt));
        if (record.FailureType is not null)
            Fact("Failure", record.FailureType + ": " + record.FailureMessage);
        Fact("Seed", record.Seed is { } seed ? Format.Value(seed) : "none declared");
        Fact("Code", record.CodeFingerprint);
        Fact("Revision", record.SourceRevision);
        Fact(".NET", record.Environment.DotNetRuntime + " on " + record.Environment.OperatingSystem + " (" + record.Environment.ProcessArchitecture + ")");
        foreach (var library in record.Environment.Libraries)
            Fact(library.Key, library.Value);
        Fact("MlOps.Lineage", record.Environment.LineageVersion);
        terminal.Write(facts);

        terminal.WriteLine();
        var datasets = Terminal.NewTable("DATASET", "ROLE", "PATH", "SHA256", "SIZE", "FILES");
        foreach (var d in record.Datasets)
            Terminal.AddRow(datasets, d.Name, d.Role.ToString().ToLowerInvariant(), d.FullPath, d.Sha256, Format.Bytes(d.SizeBytes), Format.Value(d.FileCount));
        WriteSection(terminal, "Datasets", record.Datasets.Count, datasets);

        var models = Terminal.NewTable("MODEL", "PATH", "SHA256", "SIZE");
        foreach (var m in record.Models)
            Terminal.AddRow(models, m.Name, m.FullPath, m.Sha256 ?? "not recorded", Format.Bytes(m.SizeBytes));
        WriteSection(terminal, "Models", record.Models.Count, models);

        var parameters = Terminal.NewTable("HYPER-PARAMETER", "VALUE");
        foreach (var p in record.Hyperparameters)
            Terminal.AddRow(parameters, p.Key, Format.Value(p.Value));
        WriteSection(terminal, "Hyper-parameters", record.Hyperparameters.Count, parameters);

        var metrics = Terminal.NewTable("METRIC", "VALUE");
        foreach (var m in record.Metrics)
            Terminal.AddRow(metrics, m.Key, Format.Number(m.Value));
        WriteSection(terminal, "Metrics", record.Metrics.Count, metrics);
        return ExitCodes.Ok;
    }

    private static void WriteSection(Terminal terminal, string title, int count, Table table)
    {
        if (count == 0)
        {
            terminal.WriteLine(title + ": none recorded");
            return;
        }

        terminal.Write(table);
    }
}
