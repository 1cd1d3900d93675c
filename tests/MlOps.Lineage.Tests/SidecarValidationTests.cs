using System;
using System.IO;
using System.Text.Json;
using System.Text.Json.Nodes;
using MlOps.Lineage.Tests.Infrastructure;

namespace MlOps.Lineage.Tests;

/// <summary>
/// A sidecar is read by tools (the <c>mlops</c> CLI) long after the run: a damaged or hand-edited one must be refused
/// with a message that names the file and the missing or wrong field, never read as something it does not say.
/// </summary>
public sealed class SidecarValidationTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    /// <summary>A complete, valid sidecar as JSON, to damage one field at a time.</summary>
    private JsonObject ValidRecord()
    {
        var data = _temp.WriteFile("data/train.csv", "x,y\n1,0\n");
        var output = new ModelOutputDeclaration("churn", _temp.Combine("models", "churn-{version}.zip"));
        var run = TestPipelines.Create([new DatasetDeclaration("train", data)], [output]).Capture();
        var modelPath = run.ModelPath(output);
        ModelArtifact.Save(modelPath, stream => stream.WriteByte(7));
        run.Complete();
        run.WriteSidecar(modelPath);
        return JsonNode.Parse(File.ReadAllText(LineageRecord.SidecarPathFor(modelPath)))!.AsObject();
    }

    private string WriteSidecar(JsonNode record) => _temp.WriteFile("damaged.zip.lineage.json", record.ToJsonString());

    [Fact]
    public void A_valid_sidecar_reads_back()
    {
        var record = LineageRecord.ReadSidecar(WriteSidecar(ValidRecord()));

        Assert.Equal(RunStatus.Completed, record.Status);
        Assert.Single(record.Datasets);
    }

    [Theory]
    [InlineData("status")]
    [InlineData("runId")]
    [InlineData("pipelineName")]
    [InlineData("pipelineVersion")]
    [InlineData("startedAt")]
    [InlineData("codeFingerprint")]
    [InlineData("sourceRevision")]
    [InlineData("environment")]
    [InlineData("datasets")]
    [InlineData("models")]
    [InlineData("modelOutputs")]
    [InlineData("hyperparameters")]
    [InlineData("metrics")]
    [InlineData("formatVersion")]
    public void A_sidecar_missing_a_required_field_is_refused_naming_the_file_and_the_field(string field)
    {
        var json = ValidRecord();
        json.Remove(field);
        var path = WriteSidecar(json);

        var error = Assert.ThrowsAny<JsonException>(() => LineageRecord.ReadSidecar(path));

        Assert.Contains(path, error.Message, StringComparison.Ordinal);
        Assert.Contains("'" + field + "'", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("datasets", "sha256")]
    [InlineData("datasets", "fullPath")]
    [InlineData("datasets", "name")]
    [InlineData("models", "fullPath")]
    [InlineData("modelOutputs", "pathTemplate")]
    public void A_sidecar_entry_missing_a_required_field_is_refused_naming_the_entry(string list, string field)
    {
        var json = ValidRecord();
        json[list]!.AsArray()[0]!.AsObject().Remove(field);
        var path = WriteSidecar(json);

        var error = Assert.ThrowsAny<JsonException>(() => LineageRecord.ReadSidecar(path));

        Assert.Contains(path, error.Message, StringComparison.Ordinal);
        Assert.Contains($"'{list}[0].{field}'", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("datasets")]
    [InlineData("models")]
    [InlineData("modelOutputs")]
    public void A_null_entry_in_a_list_is_refused_not_a_NullReferenceException(string list)
    {
        var json = ValidRecord();
        json[list]!.AsArray().Add(null);
        var path = WriteSidecar(json);

        var error = Assert.ThrowsAny<JsonException>(() => LineageRecord.ReadSidecar(path));

        Assert.Contains(path, error.Message, StringComparison.Ordinal);
        Assert.Contains($"'{list}[1]'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_status_is_not_read_as_running()
    {
        var json = ValidRecord();
        json.Remove("status");

        Assert.ThrowsAny<JsonException>(() => LineageRecord.FromJson(json.ToJsonString()));
    }

    [Theory]
    [InlineData("{ not json")]
    [InlineData("""{"formatVersion": 1, "status": "exploded"}""")]
    [InlineData("[]")]
    [InlineData("")]
    public void Malformed_JSON_is_refused_naming_the_file(string text)
    {
        var path = _temp.WriteFile("broken.lineage.json", text);

        var error = Assert.ThrowsAny<JsonException>(() => LineageRecord.ReadSidecar(path));

        Assert.Contains(path, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_wrongly_typed_field_is_refused_naming_it()
    {
        var json = ValidRecord();
        json["datasets"]![0]!["sizeBytes"] = "twelve";
        var path = WriteSidecar(json);

        var error = Assert.ThrowsAny<JsonException>(() => LineageRecord.ReadSidecar(path));

        Assert.Contains(path, error.Message, StringComparison.Ordinal);
        Assert.Contains("datasets[0].sizeBytes", error.Message, StringComparison.Ordinal);
    }
}
