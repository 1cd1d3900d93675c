using System.IO;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace MlOps.Cli;

/// <summary>How every <c>--json</c> output is written: camelCase, indented, NaN metrics as <c>"NaN"</c> (as the sidecar writes them).</summary>
internal static class CliJson
{
    public static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        WriteIndented = true,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static void Write(TextWriter output, JsonNode node) => output.WriteLine(node.ToJsonString(Options));

    public static JsonNode? Number(double value) => JsonValue.Create(value);
}
