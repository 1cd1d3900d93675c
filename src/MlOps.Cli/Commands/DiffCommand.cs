using System;
using System.Collections.Generic;
using System.CommandLine;
using System.Linq;
using System.Text.Json.Nodes;
using MlOps.Cli.Runs;
using MlOps.Lineage;
using Spectre.Console;

namespace MlOps.Cli.Commands;

/// <summary>
/// <c>mlops diff MODEL_A MODEL_B [--json]</c>: the two models' lineage side by side, what differs first. Exit 0
/// when every compared field is equal, 1 when any differs. Run ids, times and the model files' own digests are
/// shown but not compared: they differ between any two runs.
/// </summary>
internal static class DiffCommand
{
    public static Command Create(Terminal terminal)
    {
        var modelA = new Argument<string>("MODEL_A") { Description = "The first model file, or its lineage record." };
        var modelB = new Argument<string>("MODEL_B") { Description = "The second model file, or its lineage record." };
        var json = new Option<bool>("--json") { Description = "Write the comparison as JSON." };
        var command = new Command("diff", "Compare the lineage of two models: datasets, seed, hyper-parameters, code, source revision, library versions, metrics (exit 0 equal, 1 different).") { modelA, modelB, json };
        command.SetAction(parsed => Execute(terminal, parsed.GetValue(modelA)!, parsed.GetValue(modelB)!, parsed.GetValue(json)));
        return command;
    }

    /// <summary>One compared field; <see langword="null"/> on a side means "absent there".</summary>
    internal sealed record Field(string Section, string Key, string? A, string? B)
    {
        public bool Differs => !string.Equals(A, B, StringComparison.Ordinal);
    }

    private static int Execute(Terminal terminal, string argumentA, string argumentB, bool json)
    {
        var a = SidecarFile.Locate(argumentA);
        var b = SidecarFile.Locate(argumentB);
        var recordA = a.Read();
        var recordB = b.Read();
        var fields = Compare(recordA, recordB);
        var differing = fields.Where(f => f.Differs).ToList();

        if (json)
            CliJson.Write(terminal.Output, ToJson(a, recordA, b, recordB, fields));
        else
            WriteTable(terminal, a, recordA, b, recordB, fields);

        return differing.Count == 0 ? ExitCodes.Ok : ExitCodes.Differs;
    }

    /// <summary>Every compared field of the two records, in section order.</summary>
    internal static List<Field> Compare(LineageRecord a, LineageRecord b)
    {
        var fields = new List<Field>
        {
            new("pipeline", "name", a.PipelineName, b.PipelineName),
            new("pipeline", "version", a.PipelineVersion, b.PipelineVersion),
        };

        foreach (var name in Keys(a.Datasets.Select(d => d.Name), b.Datasets.Select(d => d.Name)))
            fields.Add(new("dataset", name, a.Datasets.FirstOrDefault(d => d.Name == name)?.Sha256, b.Datasets.FirstOrDefault(d => d.Name == name)?.Sha256));

        fields.Add(new("seed", "seed", SeedOf(a), SeedOf(b)));

        foreach (var name in Keys(a.Hyperparameters.Keys, b.Hyperparameters.Keys))
            fields.Add(new("hyper-parameter", name, ValueOf(a.Hyperparameters, name), ValueOf(b.Hyperparameters, name)));

        fields.Add(new("code", "fingerprint", a.CodeFingerprint, b.CodeFingerprint));
        fields.Add(new("source", "revision", a.SourceRevision, b.SourceRevision));

        fields.Add(new("library", ".NET", a.Environment.DotNetRuntime, b.Environment.DotNetRuntime));
        foreach (var name in Keys(a.Environment.Libraries.Keys, b.Environment.Libraries.Keys))
            fields.Add(new("library", name, a.Environment.Libraries.GetValueOrDefault(name), b.Environment.Libraries.GetValueOrDefault(name)));
        fields.Add(new("library", "MlOps.Lineage", a.Environment.LineageVersion, b.Environment.LineageVersion));

        foreach (var name in Keys(a.Metrics.Keys, b.Metrics.Keys))
            fields.Add(new("metric", name, MetricOf(a, name), MetricOf(b, name)));

        return fields;
    }

    private static IEnumerable<string> Keys(IEnumerable<string> a, IEnumerable<string> b) =>
        a.Concat(b).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal);

    private static string SeedOf(LineageRecord record) => record.Seed is { } seed ? Format.Value(seed) : "none";

    private static string? ValueOf(IReadOnlyDictionary<string, object?> values, string name) =>
        values.TryGetValue(name, out var value) ? Format.Value(value) : null;

    private static string? MetricOf(LineageRecord record, string name) =>
        record.Metrics.TryGetValue(name, out var value) ? Format.Number(value) : null;

    private static void WriteTable(Terminal terminal, SidecarFile a, LineageRecord recordA, SidecarFile b, LineageRecord recordB, List<Field> fields)
    {
        terminal.WriteLine($"A  {a.ShownPath}  (run {recordA.RunId}, {Format.Time(recordA.EndedAt)}, sha256 {Format.Digest(recordA.Models.FirstOrDefault(m => m.Sha256 is not null)?.Sha256)})");
        terminal.WriteLine($"B  {b.ShownPath}  (run {recordB.RunId}, {Format.Time(recordB.EndedAt)}, sha256 {Format.Digest(recordB.Models.FirstOrDefault(m => m.Sha256 is not null)?.Sha256)})");
        terminal.WriteLine();

        var differing = fields.Where(f => f.Differs).ToList();
        var table = Terminal.NewTable("", "FIELD", "A", "B");
        foreach (var field in differing)
            AddField(table, "≠", field);
        foreach (var field in fields.Where(f => !f.Differs))
            AddField(table, "", field);
        terminal.Write(table);

        terminal.WriteLine(differing.Count == 0
            ? "diff: the two lineages are equal"
            : $"diff: {differing.Count} of {fields.Count} fields differ: " + string.Join(", ", differing.Select(Label)));
    }

    private static void AddField(Table table, string marker, Field field) =>
        Terminal.AddRow(table, marker, Label(field), Show(field, field.A), Show(field, field.B));

    private static string Label(Field field) => field.Section == field.Key ? field.Key : field.Section + " " + field.Key;

    /// <summary>Digests by their short form, unless two different digests share it.</summary>
    private static string Show(Field field, string? value)
    {
        if (value is null)
            return "(absent)";

        var isDigest = field.Section is "dataset" or "code";
        var shortFormsCollide = field.Differs && Format.Digest(field.A) == Format.Digest(field.B);
        return isDigest && !shortFormsCollide ? Format.Digest(value) : value;
    }

    private static JsonObject ToJson(SidecarFile a, LineageRecord recordA, SidecarFile b, LineageRecord recordB, List<Field> fields)
    {
        static JsonObject Side(SidecarFile file, LineageRecord record) => new()
        {
            ["model"] = file.ModelPath,
            ["sidecar"] = file.SidecarPath,
            ["runId"] = record.RunId,
            ["finishedAt"] = record.EndedAt,
        };

        static JsonArray List(IEnumerable<Field> items) => new(items.Select(f => (JsonNode)new JsonObject
        {
            ["section"] = f.Section,
            ["key"] = f.Key,
            ["a"] = f.A,
            ["b"] = f.B,
        }).ToArray());

        return new JsonObject
        {
            ["equal"] = fields.All(f => !f.Differs),
            ["a"] = Side(a, recordA),
            ["b"] = Side(b, recordB),
            ["differences"] = List(fields.Where(f => f.Differs)),
            ["same"] = List(fields.Where(f => !f.Differs)),
        };
    }
}
