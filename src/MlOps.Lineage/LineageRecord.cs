using System;

namespace MlOps.Lineage;

/// <summary>
/// What one training run used and produced: captured by the generated <c>Lineage.Capture()</c> when a run starts,
/// completed when it ends, and written beside the model and as OpenLineage events.
/// </summary>
public sealed class LineageRecord
{
    internal LineageRecord(PipelineInfo pipeline, string runId, DateTimeOffset startedAt)
    {
        Pipeline = pipeline;
        RunId = runId;
        StartedAt = startedAt;
    }

    /// <summary>The pipeline the run belongs to.</summary>
    public PipelineInfo Pipeline { get; }

    /// <summary>A unique id for the run (a UUID, as OpenLineage requires).</summary>
    public string RunId { get; }

    /// <summary>When the run started.</summary>
    public DateTimeOffset StartedAt { get; }
}
