using System.Text.Json;

namespace MlOps.Lineage.Internal;

/// <summary>
/// The fields a sidecar must have, checked before it is read: System.Text.Json fills a missing property with its
/// default (a missing status would read as "running", a null list entry would surface as a NullReferenceException),
/// so a damaged or hand-edited record is refused here with the JSON path of what is wrong.
/// </summary>
internal static class LineageDocumentSchema
{
    // JsonValueKind.True stands for "a boolean" (true or false).
    private static readonly (string Name, JsonValueKind Kind)[] Root =
    [
        ("formatVersion", JsonValueKind.Number), ("runId", JsonValueKind.String), ("pipelineName", JsonValueKind.String),
        ("pipelineVersion", JsonValueKind.String), ("status", JsonValueKind.String), ("startedAt", JsonValueKind.String),
        ("codeFingerprint", JsonValueKind.String), ("sourceRevision", JsonValueKind.String), ("environment", JsonValueKind.Object),
        ("datasets", JsonValueKind.Array), ("models", JsonValueKind.Array), ("modelOutputs", JsonValueKind.Array),
        ("hyperparameters", JsonValueKind.Object), ("metrics", JsonValueKind.Object),
    ];

    private static readonly (string Name, JsonValueKind Kind)[] Environment =
    [
        ("dotNetRuntime", JsonValueKind.String), ("operatingSystem", JsonValueKind.String), ("processArchitecture", JsonValueKind.String),
        ("lineageVersion", JsonValueKind.String), ("libraries", JsonValueKind.Object),
    ];

    private static readonly (string Name, JsonValueKind Kind)[] Dataset =
    [
        ("name", JsonValueKind.String), ("path", JsonValueKind.String), ("fullPath", JsonValueKind.String), ("role", JsonValueKind.String),
        ("sha256", JsonValueKind.String), ("sizeBytes", JsonValueKind.Number), ("fileCount", JsonValueKind.Number),
        ("lastWriteTime", JsonValueKind.String), ("isDirectory", JsonValueKind.True),
    ];

    private static readonly (string Name, JsonValueKind Kind)[] Model =
        [("name", JsonValueKind.String), ("path", JsonValueKind.String), ("fullPath", JsonValueKind.String)];

    private static readonly (string Name, JsonValueKind Kind)[] ModelOutput =
        [("name", JsonValueKind.String), ("pathTemplate", JsonValueKind.String)];

    private static readonly (string Name, JsonValueKind Kind)[] Failure =
        [("type", JsonValueKind.String), ("message", JsonValueKind.String)];

    /// <summary>The first problem of <paramref name="root"/> as a sentence naming its JSON path, or null when it has every required field.</summary>
    public static string? FindProblem(JsonElement root)
    {
        if (root.ValueKind != JsonValueKind.Object)
            return $"the JSON is {Describe(root.ValueKind)}, not a lineage record (an object)";

        return Check(root, "", Root)
            ?? Check(root.GetProperty("environment"), "environment.", Environment)
            ?? CheckList(root.GetProperty("datasets"), "datasets", Dataset)
            ?? CheckList(root.GetProperty("models"), "models", Model)
            ?? CheckList(root.GetProperty("modelOutputs"), "modelOutputs", ModelOutput)
            ?? (root.TryGetProperty("failure", out var failure) && failure.ValueKind != JsonValueKind.Null
                ? CheckObject(failure, "failure", Failure)
                : null);
    }

    private static string? CheckList(JsonElement list, string path, (string Name, JsonValueKind Kind)[] fields)
    {
        var index = 0;
        foreach (var entry in list.EnumerateArray())
        {
            var problem = CheckObject(entry, $"{path}[{index++}]", fields);
            if (problem is not null)
                return problem;
        }

        return null;
    }

    private static string? CheckObject(JsonElement value, string path, (string Name, JsonValueKind Kind)[] fields) =>
        value.ValueKind == JsonValueKind.Object
            ? Check(value, path + ".", fields)
            : $"'{path}' is {Describe(value.ValueKind)}, expected an object";

    private static string? Check(JsonElement value, string prefix, (string Name, JsonValueKind Kind)[] fields)
    {
        foreach (var (name, kind) in fields)
        {
            if (!value.TryGetProperty(name, out var field) || field.ValueKind == JsonValueKind.Null)
                return $"the required field '{prefix}{name}' is missing";
            var isBoolean = field.ValueKind is JsonValueKind.True or JsonValueKind.False;
            if (kind == JsonValueKind.True ? !isBoolean : field.ValueKind != kind)
                return $"'{prefix}{name}' is {Describe(field.ValueKind)}, expected {Describe(kind)}";
        }

        return null;
    }

    private static string Describe(JsonValueKind kind) => kind switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        _ => "null",
    };
}
