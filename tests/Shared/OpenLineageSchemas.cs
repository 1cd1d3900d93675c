using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using Json.Schema;

namespace MlOps.Testing;

/// <summary>
/// The official OpenLineage schemas from <c>../shared/schemas/openlineage</c> (relative to the repository root),
/// loaded once with JsonSchema.Net and registered in <see cref="SchemaRegistry.Global"/> (the facet schemas
/// <c>$ref</c> the core by its https <c>$id</c>). A missing folder throws, so the tests fail rather than skip.
/// </summary>
public static class OpenLineageSchemas
{
    private static readonly Lazy<Loaded> Instance = new(Load);

    public static JsonSchema Core => Instance.Value.Core;

    /// <summary>A facet schema by file name without extension, e.g. <c>ExecutionParametersRunFacet</c>.</summary>
    public static JsonSchema Facet(string name) =>
        Instance.Value.Facets.TryGetValue(name, out var schema)
            ? schema
            : throw new InvalidOperationException($"Facet schema '{name}.json' is not in {RepoPaths.OpenLineageSchemas}/facets.");

    /// <summary>Our own run facet's schema, shipped in the source tree.</summary>
    public static JsonSchema TrainingFacet => Instance.Value.Training;

    public static EvaluationResults Evaluate(JsonSchema schema, JsonElement instance) =>
        schema.Evaluate(instance, new EvaluationOptions { RequireFormatValidation = true, OutputFormat = OutputFormat.List });

    /// <summary>Every error message of a failed evaluation, with its location, for assertion messages.</summary>
    public static string Describe(EvaluationResults results)
    {
        var lines = new List<string>();
        Collect(results, lines);
        return string.Join(Environment.NewLine, lines);
    }

    private static void Collect(EvaluationResults results, List<string> lines)
    {
        if (results.Errors is not null)
        {
            foreach (var error in results.Errors)
                lines.Add($"{results.InstanceLocation} ({results.EvaluationPath}): {error.Key}: {error.Value}");
        }

        if (results.Details is not null)
        {
            foreach (var detail in results.Details)
                Collect(detail, lines);
        }
    }

    private static Loaded Load()
    {
        var root = RepoPaths.OpenLineageSchemas;
        var corePath = Path.Combine(root, "OpenLineage.json");
        if (!File.Exists(corePath))
            throw new FileNotFoundException($"The OpenLineage schema is missing: expected '{corePath}' (../shared/schemas/openlineage relative to the repository root).", corePath);

        var core = JsonSchema.FromFile(corePath);
        SchemaRegistry.Global.Register(core);

        var facets = new Dictionary<string, JsonSchema>(StringComparer.Ordinal);
        foreach (var file in Directory.GetFiles(Path.Combine(root, "facets"), "*.json").OrderBy(f => f, StringComparer.Ordinal))
        {
            var schema = JsonSchema.FromFile(file);
            SchemaRegistry.Global.Register(schema);
            facets[Path.GetFileNameWithoutExtension(file)] = schema;
        }

        var trainingPath = Path.Combine(RepoPaths.Root, "src", "MlOps.Lineage", "Schemas", "MlOpsTrainingRunFacet.json");
        var training = JsonSchema.FromFile(trainingPath);
        SchemaRegistry.Global.Register(training);
        return new Loaded(core, facets, training);
    }

    private sealed record Loaded(JsonSchema Core, Dictionary<string, JsonSchema> Facets, JsonSchema Training);
}
