namespace MlOps.Lineage;

/// <summary>Sends OpenLineage events somewhere: a file (<see cref="OpenLineageFileTransport"/>), an HTTP endpoint, a queue.</summary>
public interface IOpenLineageTransport
{
    /// <summary>Sends one event.</summary>
    void Emit(OpenLineageRunEvent runEvent);
}
