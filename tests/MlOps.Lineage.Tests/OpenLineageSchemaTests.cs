using System;
using System.IO;
using System.Linq;
using System.Text.Json;
using MlOps.Lineage.Tests.Infrastructure;

namespace MlOps.Lineage.Tests;

/// <summary>The schemas the event tests validate against are really there (a missing folder fails, never skips).</summary>
public sealed class OpenLineageSchemaTests
{
    [Theory]
    [InlineData("ExecutionParametersRunFacet")]
    [InlineData("ProcessingEngineRunFacet")]
    [InlineData("DatasetVersionDatasetFacet")]
    [InlineData("InputStatisticsInputDatasetFacet")]
    [InlineData("OutputStatisticsOutputDatasetFacet")]
    [InlineData("SourceCodeLocationJobFacet")]
    [InlineData("JobTypeJobFacet")]
    [InlineData("ErrorMessageRunFacet")]
    [InlineData("OwnershipJobFacet")]
    public void The_official_facet_schemas_are_loaded(string facet)
    {
        Assert.NotNull(OpenLineageSchemas.Core);
        Assert.NotNull(OpenLineageSchemas.Facet(facet));
    }

    [Fact]
    public void The_schema_folder_is_the_shared_one_beside_the_repository()
    {
        var expected = Path.GetFullPath(Path.Combine(RepoPaths.Root, "..", "shared", "schemas", "openlineage"));

        Assert.Equal(expected, RepoPaths.OpenLineageSchemas);
        Assert.True(File.Exists(Path.Combine(expected, "OpenLineage.json")), "Missing " + expected + "/OpenLineage.json");
    }

    [Fact]
    public void Every_facet_schemaURL_the_events_use_names_a_schema_id_that_exists()
    {
        // A _schemaURL is "<$id of the facet schema>#/$defs/<Facet>": each must point at a loaded schema and definition.
        var files = Directory.GetFiles(Path.Combine(RepoPaths.OpenLineageSchemas, "facets"), "*.json")
            .Append(Path.Combine(RepoPaths.Root, "src", "MlOps.Lineage", "Schemas", "MlOpsTrainingRunFacet.json"))
            .Select(f => JsonDocument.Parse(File.ReadAllText(f)).RootElement)
            .ToDictionary(s => s.GetProperty("$id").GetString()!, s => s);
        using var temp = new TempDirectory();
        var output = new ModelOutputDeclaration("m", temp.Combine("m-{version}.bin"));
        var run = TestPipelines.Create([new DatasetDeclaration("d", temp.WriteFile("d.csv", "1"))], [output]).Capture();
        var modelPath = run.ModelPath(output);
        ModelArtifact.Save(modelPath, s => s.WriteByte(1));
        run.RecordModel(modelPath);
        var json = run.CompleteEvent(new OpenLineageOptions { SourceRepositoryUrl = new Uri("https://example.com/repo") }).ToJson();

        var urls = System.Text.RegularExpressions.Regex.Matches(json, "\"_schemaURL\":\"([^\"]+)\"").Select(m => m.Groups[1].Value).Distinct().ToList();

        Assert.Equal(8, urls.Count); // 3 run, 2 job, version, inputStatistics, outputStatistics
        foreach (var url in urls)
        {
            var parts = url.Split("#/$defs/");
            Assert.True(files.TryGetValue(parts[0], out var schema), "No schema with $id " + parts[0]);
            Assert.True(schema.GetProperty("$defs").TryGetProperty(parts[1], out _), url);
        }
    }
}
