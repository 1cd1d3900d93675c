namespace MlOps.Lineage;

/// <summary>How the HTTP transport encodes request bodies (OpenLineage's <c>compression</c> key).</summary>
public enum OpenLineageCompression
{
    /// <summary>Plain JSON.</summary>
    None = 0,

    /// <summary>gzip, sent with <c>Content-Encoding: gzip</c>.</summary>
    Gzip = 1,
}
