namespace MlOps.Lineage;

/// <summary>Where a run is in its life.</summary>
public enum RunStatus
{
    /// <summary>Captured and not yet ended.</summary>
    Running = 0,

    /// <summary>Ended successfully (<see cref="LineageRecord.Complete"/>).</summary>
    Completed = 1,

    /// <summary>Ended with an error (<see cref="LineageRecord.Fail"/>).</summary>
    Failed = 2,
}
