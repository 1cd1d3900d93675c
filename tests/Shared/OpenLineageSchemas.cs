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

    /// <summary>The facet schema of each facet key the events use, by where the facet sits in a RunEvent.</summary>
    private static readonly Dictionary<string, string> RunFacetSchemas = new(StringComparer.Ordinal)
    {
        ["executionParameters"] = "ExecutionParametersRunFacet",
        ["processing_engine"] = "ProcessingEngineRunFacet",
        ["errorMessage"] = "ErrorMessageRunFacet",
        ["mlops_training"] = "",
    };

    private static readonly Dictionary<string, string> JobFacetSchemas = new(StringComparer.Ordinal)
    {
        ["jobType"] = "JobTypeJobFacet",
        ["ownership"] = "OwnershipJobFacet",
        ["sourceCodeLocation"] = "SourceCodeLocationJobFacet",
    };

    private static readonly Dictionary<string, string> DatasetFacetSchemas = new(StringComparer.Ordinal)
    {
        ["version"] = "DatasetVersionDatasetFacet",
        ["inputStatistics"] = "InputStatisticsInputDatasetFacet",
        ["outputStatistics"] = "OutputStatisticsOutputDatasetFacet",
    };

    /// <summary>
    /// Every problem of a RunEvent: the core schema, then each facet it carries against that facet's own schema (the
    /// core only checks facets as BaseFacet). A facet key without a known schema is a problem too, so nothing passes
    /// unchecked. Empty when the event is valid.
    /// </summary>
    public static IReadOnlyList<string> ValidateRunEvent(JsonElement runEvent)
    {
        var problems = new List<string>();
        var core = Evaluate(Core, runEvent);
        if (!core.IsValid)
            problems.Add("RunEvent: " + Describe(core));

        if (runEvent.ValueKind != JsonValueKind.Object)
            return problems;
        if (runEvent.TryGetProperty("run", out var run) && run.TryGetProperty("facets", out var runFacets))
            CheckFacets("run.facets", runFacets, RunFacetSchemas, problems);
        if (runEvent.TryGetProperty("job", out var job) && job.TryGetProperty("facets", out var jobFacets))
            CheckFacets("job.facets", jobFacets, JobFacetSchemas, problems);
        foreach (var side in new[] { "inputs", "outputs" })
        {
            if (!runEvent.TryGetProperty(side, out var datasets) || datasets.ValueKind != JsonValueKind.Array)
                continue;
            var index = 0;
            foreach (var dataset in datasets.EnumerateArray())
            {
                foreach (var container in new[] { "facets", "inputFacets", "outputFacets" })
                {
                    if (dataset.TryGetProperty(container, out var facets))
                        CheckFacets($"{side}[{index}].{container}", facets, DatasetFacetSchemas, problems);
                }

                index++;
            }
        }

        return problems;
    }

    private static void CheckFacets(string where, JsonElement facets, Dictionary<string, string> schemas, List<string> problems)
    {
        if (facets.ValueKind != JsonValueKind.Object)
            return;
        foreach (var facet in facets.EnumerateObject())
        {
            if (!schemas.TryGetValue(facet.Name, out var schemaName))
            {
                problems.Add($"{where}.{facet.Name}: no schema is known for this facet");
                continue;
            }

            // A facet schema's top-level properties name the facet key, so the container is what is evaluated.
            var schema = schemaName.Length == 0 ? TrainingFacet : Facet(schemaName);
            var container = JsonDocument.Parse("{" + JsonSerializer.Serialize(facet.Name) + ":" + facet.Value.GetRawText() + "}").RootElement;
            var results = Evaluate(schema, container);
            if (!results.IsValid)
                problems.Add($"{where}.{facet.Name}: " + Describe(results));
        }
    }

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
