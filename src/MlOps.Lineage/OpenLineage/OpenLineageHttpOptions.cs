using System;
using System.IO;

namespace MlOps.Lineage;

/// <summary>
/// Settings of <see cref="OpenLineageHttpTransport"/>. The names and defaults follow the OpenLineage clients' <c>http</c>
/// transport (<c>url</c>, <c>endpoint</c>, <c>timeout</c>, <c>auth.apiKey</c>, <c>compression</c>, <c>retry</c>).
/// </summary>
public sealed class OpenLineageHttpOptions
{
    /// <summary>The endpoint used when none is set: Marquez's and the OpenLineage clients' <c>api/v1/lineage</c>.</summary>
    public const string DefaultEndpoint = "api/v1/lineage";

    /// <summary>The spool file used when none is set, relative to the current directory.</summary>
    public static readonly string DefaultSpoolPath = Path.Combine("lineage", "openlineage.spool.jsonl");

    /// <summary>The server's base URL, e.g. <c>http://localhost:5000</c> (<c>OPENLINEAGE_URL</c>).</summary>
    public Uri? Url { get; init; }

    /// <summary>The path below <see cref="Url"/> events are posted to (<c>OPENLINEAGE_ENDPOINT</c>); <see cref="DefaultEndpoint"/> by default.</summary>
    public string Endpoint { get; init; } = DefaultEndpoint;

    /// <summary>Sent as <c>Authorization: Bearer &lt;key&gt;</c> when set (<c>OPENLINEAGE_API_KEY</c>).</summary>
    public string? ApiKey { get; init; }

    /// <summary>How long one attempt may take, connection included; 5 s by default.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>The request body's encoding; plain JSON by default.</summary>
    public OpenLineageCompression Compression { get; init; } = OpenLineageCompression.None;

    /// <summary>
    /// Retries after a connection error, a timeout, a 5xx, 408 or 429 response; 5 by default (the Python client's
    /// <c>retry.total</c>). 0 sends once.
    /// </summary>
    public int MaxRetries { get; init; } = 5;

    /// <summary>The first back-off; it doubles on each retry, with jitter. 0.3 s by default (the Python client's <c>retry.backoff_factor</c>).</summary>
    public TimeSpan RetryDelay { get; init; } = TimeSpan.FromSeconds(0.3);

    /// <summary>The longest pause between two attempts, a server's <c>Retry-After</c> included; 30 s by default.</summary>
    public TimeSpan MaxRetryDelay { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Where events the server did not accept are kept until they can be sent (one JSON line each);
    /// <see cref="DefaultSpoolPath"/> by default. Events the server refused as invalid go beside it, to
    /// <c>&lt;spool&gt;.rejected.jsonl</c>.
    /// </summary>
    public string SpoolPath { get; init; } = DefaultSpoolPath;

    /// <summary>
    /// Whether <see cref="OpenLineageHttpTransport.Emit"/> throws <see cref="OpenLineageDeliveryException"/> when an event
    /// could not be delivered (it is spooled first). <see langword="false"/> by default: training does not fail because
    /// the lineage server is down.
    /// </summary>
    public bool ThrowOnFailure { get; init; }

    /// <summary>Where the transport reports retries, spooled and rejected events; standard error when <see langword="null"/>.</summary>
    public TextWriter? Log { get; init; }
}
