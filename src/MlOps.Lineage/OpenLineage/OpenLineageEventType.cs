namespace MlOps.Lineage;

/// <summary>The run-state transitions this library emits (OpenLineage <c>eventType</c>).</summary>
public enum OpenLineageEventType
{
    /// <summary><c>START</c>: the run began.</summary>
    Start = 0,

    /// <summary><c>COMPLETE</c>: the run ended successfully.</summary>
    Complete = 1,

    /// <summary><c>FAIL</c>: the run ended with an error.</summary>
    Fail = 2,
}
