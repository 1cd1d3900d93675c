using System;
using System.Text.Json.Nodes;

namespace MlOps.Lineage;

/// <summary>
/// One OpenLineage RunEvent (START, COMPLETE or FAIL), as made by <see cref="LineageRecord.StartEvent"/>,
/// <see cref="LineageRecord.CompleteEvent"/> and <see cref="LineageRecord.FailEvent"/>. It is a snapshot: later
/// changes to the run do not change it.
/// </summary>
public sealed class OpenLineageRunEvent
{
    private readonly string _json;

    internal OpenLineageRunEvent(OpenLineageEventType eventType, DateTimeOffset eventTime, string runId, string jobName, JsonObject json)
    {
        EventType = eventType;
        EventTime = eventTime;
        RunId = runId;
        JobName = jobName;
        _json = json.ToJsonString();
    }

    /// <summary>The run-state transition.</summary>
    public OpenLineageEventType EventType { get; }

    /// <summary>When the transition happened (UTC).</summary>
    public DateTimeOffset EventTime { get; }

    /// <summary>The run's id.</summary>
    public string RunId { get; }

    /// <summary>The job's name (the pipeline name).</summary>
    public string JobName { get; }

    /// <summary>The event as compact JSON on one line, ready for an HTTP body or a line of a JSON-lines file.</summary>
    public string ToJson() => _json;

    /// <summary>A mutable copy of the event's JSON, e.g. to add a facet before sending it.</summary>
    public JsonObject ToJsonObject() => (JsonObject)JsonNode.Parse(_json)!;

    /// <inheritdoc/>
    public override string ToString() => _json;
}
