using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Text.Json.Nodes;
using MlOps.Lineage.Tests.Infrastructure;

namespace MlOps.Lineage.Tests;

/// <summary>The standard <c>errorMessage</c> run facet and <c>ownership</c> job facet, checked against the official facet schemas.</summary>
public sealed class OpenLineageStandardFacetTests
{
    private static PipelineInfo Pipeline(string? owner) =>
        new("churn-training", "1.2.0", 42, [], [], new Dictionary<string, object?>(), TestPipelines.Fingerprint, "unknown", owner);

    private static JsonElement Parse(OpenLineageRunEvent runEvent) => JsonDocument.Parse(runEvent.ToJson()).RootElement;

    private static void AssertValid(JsonElement runEvent)
    {
        var problems = OpenLineageSchemas.ValidateRunEvent(runEvent);
        Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems));
    }

    [Fact]
    public void A_FAIL_event_carries_the_errorMessage_facet()
    {
        var run = Pipeline(owner: null).Capture();

        var e = Parse(run.FailEvent(new InvalidDataException("label column is empty")));

        AssertValid(e);
        var error = e.GetProperty("run").GetProperty("facets").GetProperty("errorMessage");
        Assert.Equal("System.IO.InvalidDataException: label column is empty", error.GetProperty("message").GetString());
        Assert.Equal("C#", error.GetProperty("programmingLanguage").GetString());
        Assert.EndsWith("ErrorMessageRunFacet.json#/$defs/ErrorMessageRunFacet", error.GetProperty("_schemaURL").GetString());
    }

    [Fact]
    public void START_and_COMPLETE_events_have_no_errorMessage_facet()
    {
        var run = Pipeline(owner: null).Capture();

        var start = Parse(run.StartEvent());
        var complete = Parse(run.CompleteEvent());

        AssertValid(start);
        AssertValid(complete);
        Assert.False(start.GetProperty("run").GetProperty("facets").TryGetProperty("errorMessage", out _));
        Assert.False(complete.GetProperty("run").GetProperty("facets").TryGetProperty("errorMessage", out _));
    }

    [Fact]
    public void The_pipeline_owner_becomes_the_ownership_job_facet_of_every_event()
    {
        var run = Pipeline(owner: "team:churn-science").Capture();

        foreach (var e in new[] { Parse(run.StartEvent()), Parse(run.FailEvent(new InvalidOperationException("x"))) })
        {
            AssertValid(e);
            var owners = e.GetProperty("job").GetProperty("facets").GetProperty("ownership").GetProperty("owners").EnumerateArray().ToList();
            Assert.Equal("team:churn-science", Assert.Single(owners).GetProperty("name").GetString());
        }
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("  ")]
    public void Without_an_owner_there_is_no_ownership_facet(string? owner)
    {
        var e = Parse(Pipeline(owner).Capture().StartEvent());

        AssertValid(e);
        Assert.False(e.GetProperty("job").GetProperty("facets").TryGetProperty("ownership", out _));
    }

    [Fact]
    public void The_validator_rejects_an_errorMessage_without_programmingLanguage_and_an_owner_without_name()
    {
        var run = Pipeline(owner: "team:churn-science").Capture();
        var json = run.FailEvent(new InvalidOperationException("x")).ToJsonObject();
        json["run"]!["facets"]!["errorMessage"]!.AsObject().Remove("programmingLanguage");
        json["job"]!["facets"]!["ownership"]!["owners"]![0]!.AsObject().Remove("name");

        var problems = OpenLineageSchemas.ValidateRunEvent(JsonDocument.Parse(json.ToJsonString()).RootElement);

        Assert.Contains(problems, p => p.StartsWith("run.facets.errorMessage", StringComparison.Ordinal) && p.Contains("programmingLanguage", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("job.facets.ownership", StringComparison.Ordinal) && p.Contains("name", StringComparison.Ordinal));
    }

    [Fact]
    public void The_validator_reports_a_facet_it_has_no_schema_for()
    {
        var json = Pipeline(owner: null).Capture().StartEvent().ToJsonObject();
        json["run"]!["facets"]!["madeUp"] = new JsonObject { ["_producer"] = "https://example.com", ["_schemaURL"] = "https://example.com/s.json" };

        var problems = OpenLineageSchemas.ValidateRunEvent(JsonDocument.Parse(json.ToJsonString()).RootElement);

        Assert.Equal("run.facets.madeUp: no schema is known for this facet", Assert.Single(problems));
    }
}
