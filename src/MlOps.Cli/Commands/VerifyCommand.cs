using System;
using System.Collections.Generic;
using System.CommandLine;
using System.IO;
using System.Linq;
using System.Text.Json.Nodes;
using MlOps.Cli.Runs;
using MlOps.Lineage;

namespace MlOps.Cli.Commands;

/// <summary>
/// <c>mlops verify MODEL</c>: re-hashes the model and every recorded dataset still on disk and compares them with the
/// lineage record. Exit 0 when all match, 1 when any differs, 2 when the model or its record cannot be read.
/// </summary>
internal static class VerifyCommand
{
    public static Command Create(Terminal terminal)
    {
        var model = new Argument<string>("MODEL") { Description = "The model file, or its <model>.lineage.json record." };
        var json = new Option<bool>("--json") { Description = "Write each check as JSON." };
        var command = new Command("verify", "Re-hash the model and its datasets and compare them with the lineage record (exit 0 all match, 1 a difference, 2 unreadable input).") { model, json };
        command.SetAction(parsed => Execute(terminal, parsed.GetValue(model)!, parsed.GetValue(json)));
        return command;
    }

    private enum Outcome
    {
        Matches,
        Differs,
        NotOnDisk,
    }

    private sealed record Check(string Kind, string Name, string FullPath, string RecordedSha256, string? ActualSha256, Outcome Outcome);

    private static int Execute(Terminal terminal, string argument, bool json)
    {
        var sidecar = SidecarFile.Locate(argument);
        var record = sidecar.Read();
        if (!File.Exists(sidecar.ModelPath))
            throw new CliException($"the model '{sidecar.ModelPath}' does not exist (its lineage record is '{sidecar.SidecarPath}')");

        var recordedModel = RecordedModel(record, sidecar.ModelPath)
            ?? throw new CliException($"the lineage record '{sidecar.SidecarPath}' holds no digest for the model '{sidecar.ModelPath}'");

        var checks = new List<Check> { CheckContent(terminal, "model", recordedModel.Name, sidecar.ModelPath, recordedModel.Sha256!) };
        foreach (var other in record.Models.Where(m => m.Sha256 is not null && !ReferenceEquals(m, recordedModel)))
            checks.Add(CheckContent(terminal, "model", other.Name, other.FullPath, other.Sha256!));
        foreach (var dataset in record.Datasets)
            checks.Add(CheckContent(terminal, "dataset", dataset.Name, dataset.FullPath, dataset.Sha256));

        if (json)
            CliJson.Write(terminal.Output, ToJson(sidecar, record, checks));
        else
            WriteTable(terminal, sidecar, record, checks);

        var differing = checks.Where(c => c.Outcome == Outcome.Differs).ToList();
        var checkedCount = checks.Count(c => c.Outcome != Outcome.NotOnDisk);
        var missing = checks.Count - checkedCount;
        var missingNote = missing == 0 ? "" : $"; {missing} not on disk, not checked";
        foreach (var check in differing)
            terminal.WriteError($"{check.Kind} '{check.Name}' at '{check.FullPath}' differs from its record: recorded sha256 {check.RecordedSha256}, on disk {check.ActualSha256}");

        if (!json)
        {
            terminal.WriteLine(differing.Count > 0
                ? $"verify: {differing.Count} of {checkedCount} checked differ{missingNote}"
                : $"verify: all {checkedCount} checked match{missingNote}");
        }

        return differing.Count > 0 ? ExitCodes.Differs : ExitCodes.Ok;
    }

    private static string Result(Check check) => check.Outcome switch
    {
        Outcome.Matches => "matches",
        Outcome.Differs => "DIFFERS",
        _ => "not on disk (not checked)",
    };

    private static void WriteTable(Terminal terminal, SidecarFile sidecar, LineageRecord record, List<Check> checks)
    {
        terminal.WriteLine($"{sidecar.ShownPath}: run {record.RunId} of {record.PipelineName} {record.PipelineVersion}");
        var table = Terminal.NewTable("WHAT", "NAME", "PATH", "RECORDED", "ON DISK", "RESULT");
        foreach (var check in checks)
            Terminal.AddRow(table, check.Kind, check.Name, check.FullPath, Format.Digest(check.RecordedSha256), Format.Digest(check.ActualSha256), Result(check));
        terminal.Write(table);
    }

    private static JsonObject ToJson(SidecarFile sidecar, LineageRecord record, List<Check> checks) => new()
    {
        ["model"] = sidecar.ModelPath,
        ["sidecar"] = sidecar.SidecarPath,
        ["runId"] = record.RunId,
        ["matches"] = checks.All(c => c.Outcome != Outcome.Differs),
        ["checks"] = new JsonArray(checks.Select(c => (JsonNode)new JsonObject
        {
            ["kind"] = c.Kind,
            ["name"] = c.Name,
            ["path"] = c.FullPath,
            ["recordedSha256"] = c.RecordedSha256,
            ["actualSha256"] = c.ActualSha256,
            ["result"] = c.Outcome switch
            {
                Outcome.Matches => "matches",
                Outcome.Differs => "differs",
                _ => "not-on-disk",
            },
        }).ToArray()),
    };

    /// <summary>The record's entry for the model file the sidecar sits beside: the same path, else the same file name (the pair was moved), else the only recorded model.</summary>
    private static ModelArtifactRecord? RecordedModel(LineageRecord record, string modelPath)
    {
        var recorded = record.Models.Where(m => m.Sha256 is not null).ToList();
        return recorded.FirstOrDefault(m => string.Equals(m.FullPath, modelPath, StringComparison.Ordinal))
            ?? recorded.FirstOrDefault(m => string.Equals(Path.GetFileName(m.FullPath), Path.GetFileName(modelPath), StringComparison.Ordinal))
            ?? (recorded.Count == 1 ? recorded[0] : null);
    }

    private static Check CheckContent(Terminal terminal, string kind, string name, string fullPath, string recordedSha256)
    {
        if (!File.Exists(fullPath) && !Directory.Exists(fullPath))
            return new Check(kind, name, fullPath, recordedSha256, null, Outcome.NotOnDisk);

        var actual = ContentHasher.Sha256(terminal, $"{kind} '{name}'", fullPath);
        var outcome = string.Equals(actual, recordedSha256, StringComparison.OrdinalIgnoreCase) ? Outcome.Matches : Outcome.Differs;
        return new Check(kind, name, fullPath, recordedSha256, actual, outcome);
    }
}
