namespace MlOps.Lineage;

/// <summary>What <see cref="OpenLineageHttpTransport.FlushSpool"/> did with the spooled events.</summary>
public sealed class OpenLineageSpoolFlush
{
    internal OpenLineageSpoolFlush(int sent, int rejected, int remaining)
    {
        Sent = sent;
        Rejected = rejected;
        Remaining = remaining;
    }

    /// <summary>Events the server accepted; they left the spool.</summary>
    public int Sent { get; }

    /// <summary>Events the server refused as invalid (a 4xx other than 401, 403, 404, 408 and 429); moved to the rejected file.</summary>
    public int Rejected { get; }

    /// <summary>Events still in the spool, because the server was not reachable or not accepting.</summary>
    public int Remaining { get; }

    /// <inheritdoc/>
    public override string ToString() => $"{Sent} sent, {Rejected} rejected, {Remaining} remaining";
}
