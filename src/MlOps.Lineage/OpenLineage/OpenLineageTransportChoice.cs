namespace MlOps.Lineage;

/// <summary>The transport <see cref="OpenLineageTransports.Resolve"/> chose, and which setting chose it.</summary>
public sealed class OpenLineageTransportChoice
{
    internal OpenLineageTransportChoice(IOpenLineageTransport transport, string source)
    {
        Transport = transport;
        Source = source;
    }

    /// <summary>The transport to emit events with.</summary>
    public IOpenLineageTransport Transport { get; }

    /// <summary>The setting that chose it, e.g. <c>OPENLINEAGE_URL</c> or <c>openlineage.yml (/path/openlineage.yml)</c>, for a start-up log line.</summary>
    public string Source { get; }

    /// <inheritdoc/>
    public override string ToString() => Transport + " (from " + Source + ")";
}
