using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.IO.Compression;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using MlOps.Lineage.Internal;
using Polly;
using Polly.Retry;
using Polly.Timeout;

namespace MlOps.Lineage;

/// <summary>
/// Posts each OpenLineage RunEvent to a lineage server (Marquez or any OpenLineage consumer) at
/// <c>{url}/{endpoint}</c>, the way the OpenLineage clients' <c>http</c> transport does: JSON (optionally gzip), a bearer
/// API key, a bounded timeout per attempt, and retries with exponential back-off on connection errors, timeouts, 5xx,
/// 408 and 429 (waiting what <c>Retry-After</c> asks).
/// </summary>
/// <remarks>
/// Nothing is lost: an event the server does not accept after the retries is appended to a spool file
/// (<see cref="SpoolPath"/>) and sent, in order, before the next event, or by <see cref="FlushSpool"/>. An event is
/// removed from the spool only after the server accepted it, so it is not sent again after a success; only a crash
/// between the server's answer and the spool update can repeat one, and every event keeps its <c>eventTime</c> and
/// <c>runId</c>, so a consumer can recognise the repeat. Training does not fail because the server is down: failures are
/// reported to <see cref="OpenLineageHttpOptions.Log"/>, and thrown only with <see cref="OpenLineageHttpOptions.ThrowOnFailure"/>.
/// </remarks>
public sealed class OpenLineageHttpTransport : IOpenLineageTransport, IDisposable
{
    private readonly OpenLineageHttpOptions _options;
    private readonly HttpClient _client;
    private readonly ResiliencePipeline<HttpResponseMessage> _pipeline;
    private readonly JsonLinesFile _spool;
    private readonly JsonLinesFile _rejected;
    private readonly TextWriter _log;
    private readonly object _gate = new();

    /// <summary>Creates the transport.</summary>
    /// <exception cref="ArgumentException">The URL is missing or not an absolute http(s) URL, or a setting is out of range.</exception>
    public OpenLineageHttpTransport(OpenLineageHttpOptions options)
        : this(options, handler: null)
    {
    }

    /// <summary>Creates the transport over <paramref name="handler"/> (e.g. a proxy or certificate set-up); the transport does not dispose it.</summary>
    public OpenLineageHttpTransport(OpenLineageHttpOptions options, HttpMessageHandler? handler)
    {
        Guard.NotNull(options);
        _options = options;
        EndpointUri = EndpointOf(options);
        if (options.Timeout <= TimeSpan.Zero)
            throw new ArgumentException($"The OpenLineage HTTP timeout must be positive (got {options.Timeout}).", nameof(options));
        if (options.MaxRetries < 0)
            throw new ArgumentException($"The OpenLineage HTTP retry count cannot be negative (got {options.MaxRetries}).", nameof(options));
        if (options.RetryDelay < TimeSpan.Zero || options.MaxRetryDelay < TimeSpan.Zero)
            throw new ArgumentException("The OpenLineage HTTP retry delays cannot be negative.", nameof(options));
        if (options.ApiKey is { } key && key.Any(char.IsControl))
            throw new ArgumentException("The OpenLineage API key contains a control character (a line break?); it cannot be sent in a header.", nameof(options));
        if (string.IsNullOrWhiteSpace(options.SpoolPath))
            throw new ArgumentException("The OpenLineage spool path is empty.", nameof(options));

        SpoolPath = Path.GetFullPath(options.SpoolPath);
        RejectedPath = Path.Combine(Path.GetDirectoryName(SpoolPath)!, Path.GetFileNameWithoutExtension(SpoolPath) + ".rejected.jsonl");
        _log = TextWriter.Synchronized(options.Log ?? Console.Error);

        // The timeout is enforced per attempt by the pipeline, so HttpClient's own timeout is off.
        _client = handler is null
            ? new HttpClient { Timeout = Timeout.InfiniteTimeSpan }
            : new HttpClient(handler, disposeHandler: false) { Timeout = Timeout.InfiniteTimeSpan };
        try
        {
            _pipeline = BuildPipeline(options);
        }
        catch (System.ComponentModel.DataAnnotations.ValidationException ex)
        {
            // Polly checks its own ranges (e.g. a timeout from 10 ms to 1 day) when the pipeline is built.
            _client.Dispose();
            throw new ArgumentException("The OpenLineage HTTP settings are out of range: " + ex.Message, nameof(options), ex);
        }

        // Another process may hold the spool while it sends the spool's events: wait for as long as sending one event
        // can take (every attempt and pause), but not beyond an hour.
        var sendBudget = (options.MaxRetries + 1) * options.Timeout.TotalSeconds + options.MaxRetries * options.MaxRetryDelay.TotalSeconds;
        var lockTimeout = TimeSpan.FromSeconds(Math.Min(sendBudget + JsonLinesFile.DefaultLockTimeout.TotalSeconds, TimeSpan.FromHours(1).TotalSeconds));
        _spool = new JsonLinesFile(SpoolPath, lockTimeout);
        _rejected = new JsonLinesFile(RejectedPath, lockTimeout);
    }

    /// <summary>Where events are posted: <c>{url}/{endpoint}</c>.</summary>
    public Uri EndpointUri { get; }

    /// <summary>The settings the transport was made with.</summary>
    public OpenLineageHttpOptions Options => _options;

    /// <summary>The absolute path of the spool: events waiting to be sent, one JSON line each.</summary>
    public string SpoolPath { get; }

    /// <summary>The absolute path of the file that keeps events the server refused as invalid (a 4xx other than 401, 403, 404, 408 and 429).</summary>
    public string RejectedPath { get; }

    /// <summary>
    /// Sends the spooled events first (in order), then <paramref name="runEvent"/>. While earlier events are still
    /// waiting, the event joins them in the spool instead, so the server receives every run's events in order.
    /// </summary>
    /// <exception cref="OpenLineageDeliveryException">
    /// Only with <see cref="OpenLineageHttpOptions.ThrowOnFailure"/>: the event was not delivered (it is in the spool).
    /// </exception>
    public void Emit(OpenLineageRunEvent runEvent)
    {
        Guard.NotNull(runEvent);

        var json = runEvent.ToJson();
        var what = Describe(runEvent);
        lock (_gate)
        {
            int waiting;
            try
            {
                waiting = FlushCore().Remaining;
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                // An unusable spool cannot order anything; the new event is still offered to the server.
                _log.WriteLine($"OpenLineage: the spool '{SpoolPath}' cannot be read or written ({ex.Message}).");
                waiting = 0;
            }

            if (waiting > 0)
            {
                Keep(json, what, $"{waiting} earlier event(s) are still waiting in the spool");
                return;
            }

            var outcome = Send(json);
            if (outcome.Kind == OutcomeKind.Rejected)
                Reject(json, what, outcome.Reason);
            else if (outcome.Kind == OutcomeKind.Failed)
                Keep(json, what, outcome.Reason);
        }
    }

    /// <summary>
    /// Sends the spooled events in order and removes each one the server accepts; stops at the first that cannot be
    /// delivered (the rest stay, in order). Events the server refuses as invalid move to <see cref="RejectedPath"/>.
    /// Safe to call from several processes at once: the spool is held while it is sent.
    /// </summary>
    /// <exception cref="IOException">The spool cannot be read or written.</exception>
    public OpenLineageSpoolFlush FlushSpool()
    {
        lock (_gate)
            return FlushCore();
    }

    /// <summary>Releases the HTTP client.</summary>
    public void Dispose() => _client.Dispose();

    /// <inheritdoc/>
    public override string ToString() => EndpointUri.AbsoluteUri;

    private OpenLineageSpoolFlush FlushCore()
    {
        // The common case, an empty spool, costs one stat and no lock.
        var spool = new FileInfo(SpoolPath);
        if (!spool.Exists || spool.Length == 0)
            return new OpenLineageSpoolFlush(0, 0, 0);

        return _spool.Update(lines =>
        {
            var sent = 0;
            var rejected = new List<string>();
            var index = 0;
            for (; index < lines.Count; index++)
            {
                var line = lines[index];
                if (!IsJsonObject(line))
                {
                    _log.WriteLine($"OpenLineage: a spooled line is not a JSON object (a write cut short?); moved to '{RejectedPath}'.");
                    rejected.Add(line);
                    continue;
                }

                var outcome = Send(line);
                if (outcome.Kind == OutcomeKind.Delivered)
                {
                    sent++;
                }
                else if (outcome.Kind == OutcomeKind.Rejected)
                {
                    _log.WriteLine($"OpenLineage: {EndpointUri} refused a spooled event ({outcome.Reason}); moved to '{RejectedPath}'.");
                    rejected.Add(line);
                }
                else
                {
                    _log.WriteLine($"OpenLineage: {lines.Count - index} spooled event(s) still waiting in '{SpoolPath}': {outcome.Reason}.");
                    break;
                }
            }

            // Written before the spool lets go of them.
            _rejected.Append(rejected);
            var keep = lines.Skip(index).ToList();
            return ((IReadOnlyList<string>)keep, new OpenLineageSpoolFlush(sent, rejected.Count, keep.Count));
        });
    }

    private void Keep(string json, string what, string reason)
    {
        string? spooledAt = SpoolPath;
        try
        {
            _spool.Append([json]);
            _log.WriteLine($"OpenLineage: {what} not delivered to {EndpointUri} ({reason}); kept in '{SpoolPath}' and sent before the next event (or by FlushSpool).");
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // The last place the event can go: the log, whole, so that it can still be recovered.
            spooledAt = null;
            _log.WriteLine($"OpenLineage: {what} not delivered to {EndpointUri} ({reason}) and the spool '{SpoolPath}' cannot be written ({ex.Message}); the event follows.");
            _log.WriteLine(json);
        }

        if (_options.ThrowOnFailure)
            throw new OpenLineageDeliveryException($"{what} was not delivered to {EndpointUri}: {reason}.", spooledAt);
    }

    private void Reject(string json, string what, string reason)
    {
        string? keptAt = RejectedPath;
        try
        {
            _rejected.Append([json]);
            _log.WriteLine($"OpenLineage: {EndpointUri} refused {what} ({reason}); kept in '{RejectedPath}'.");
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            keptAt = null;
            _log.WriteLine($"OpenLineage: {EndpointUri} refused {what} ({reason}) and '{RejectedPath}' cannot be written ({ex.Message}); the event follows.");
            _log.WriteLine(json);
        }

        if (_options.ThrowOnFailure)
            throw new OpenLineageDeliveryException($"{EndpointUri} refused {what}: {reason}.", keptAt);
    }

    private Outcome Send(string json)
    {
        var body = Encode(json);
        try
        {
            using var response = _pipeline.Execute(cancellation => Post(body, cancellation));
            if (response.IsSuccessStatusCode)
                return new Outcome(OutcomeKind.Delivered, "");

            var reason = "HTTP " + (int)response.StatusCode + " " + response.ReasonPhrase + BodyExcerpt(response);
            return IsRefusal(response.StatusCode) ? new Outcome(OutcomeKind.Rejected, reason) : new Outcome(OutcomeKind.Failed, reason);
        }
        catch (TimeoutRejectedException)
        {
            return new Outcome(OutcomeKind.Failed, $"no answer within {_options.Timeout.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture)} s");
        }
        catch (HttpRequestException ex)
        {
            return new Outcome(OutcomeKind.Failed, ex.InnerException?.Message ?? ex.Message);
        }
        catch (Exception ex) when (ex is IOException or System.Net.Sockets.SocketException or OperationCanceledException)
        {
            // Handlers other than the default one can surface a broken connection without wrapping it.
            return new Outcome(OutcomeKind.Failed, ex.Message);
        }
    }

    private HttpResponseMessage Post(byte[] body, CancellationToken cancellation)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, EndpointUri) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
        if (_options.Compression == OpenLineageCompression.Gzip)
            request.Content.Headers.ContentEncoding.Add("gzip");
        if (!string.IsNullOrEmpty(_options.ApiKey))
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", _options.ApiKey);

        // HttpClient.Send (synchronous) is not on netstandard2.0; SendAsync does not capture a synchronization context.
        return _client.SendAsync(request, HttpCompletionOption.ResponseContentRead, cancellation).GetAwaiter().GetResult();
    }

    private ResiliencePipeline<HttpResponseMessage> BuildPipeline(OpenLineageHttpOptions options)
    {
        var builder = new ResiliencePipelineBuilder<HttpResponseMessage>();
        if (options.MaxRetries > 0)
        {
            builder.AddRetry(new RetryStrategyOptions<HttpResponseMessage>
            {
                MaxRetryAttempts = options.MaxRetries,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = options.RetryDelay,
                MaxDelay = options.MaxRetryDelay,
                ShouldHandle = static args => new ValueTask<bool>(args.Outcome switch
                {
                    { Exception: HttpRequestException or TimeoutRejectedException } => true,
                    { Result: { } response } => IsTransient(response.StatusCode),
                    _ => false,
                }),
                DelayGenerator = args => new ValueTask<TimeSpan?>(RetryAfter(args.Outcome.Result)),
                OnRetry = args =>
                {
                    var response = args.Outcome.Result;
                    var failure = response is null
                        ? args.Outcome.Exception is TimeoutRejectedException
                            ? "no answer within " + options.Timeout.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture) + " s"
                            : args.Outcome.Exception?.InnerException?.Message ?? args.Outcome.Exception?.Message
                        : "HTTP " + (int)response.StatusCode;
                    var retryAfter = response?.Headers.RetryAfter is null ? "" : " (Retry-After)";
                    _log.WriteLine($"OpenLineage: POST {EndpointUri}: {failure}; retry {args.AttemptNumber + 1} of {options.MaxRetries} in {args.RetryDelay.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture)} s{retryAfter}.");
                    response?.Dispose();
                    return default;
                },
            });
        }

        return builder.AddTimeout(options.Timeout).Build();
    }

    /// <summary>The server's <c>Retry-After</c> (seconds or a date), capped at the longest allowed pause; null without one.</summary>
    private TimeSpan? RetryAfter(HttpResponseMessage? response)
    {
        var header = response?.Headers.RetryAfter;
        if (header is null)
            return null;

        var wait = header.Delta ?? (header.Date is { } date ? date - DateTimeOffset.UtcNow : TimeSpan.Zero);
        if (wait < TimeSpan.Zero)
            wait = TimeSpan.Zero;
        return wait > _options.MaxRetryDelay ? _options.MaxRetryDelay : wait;
    }

    // Worth another attempt: the server is overloaded, restarting or rate-limiting (RFC 9110: 408, 429, 5xx).
    private static bool IsTransient(HttpStatusCode status) =>
        (int)status >= 500 || status == HttpStatusCode.RequestTimeout || (int)status == 429;

    // The event itself is refused (400, 413, 422 ...): sending it again cannot succeed, and keeping it at the head of the
    // spool would hold back every later event. 401, 403 and 404 are configuration problems that can be fixed; those
    // events wait in the spool.
    private static bool IsRefusal(HttpStatusCode status) =>
        (int)status is >= 400 and < 500
        && status is not (HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden or HttpStatusCode.NotFound or HttpStatusCode.RequestTimeout)
        && (int)status != 429;

    private byte[] Encode(string json)
    {
        var bytes = Encoding.UTF8.GetBytes(json);
        if (_options.Compression != OpenLineageCompression.Gzip)
            return bytes;

        using var buffer = new MemoryStream();
        using (var gzip = new GZipStream(buffer, CompressionLevel.Fastest, leaveOpen: true))
            gzip.Write(bytes, 0, bytes.Length);
        return buffer.ToArray();
    }

    private static string BodyExcerpt(HttpResponseMessage response)
    {
        try
        {
            var text = response.Content.ReadAsStringAsync().GetAwaiter().GetResult().Trim();
            const int Shown = 200;
            return text.Length == 0 ? "" : ": " + (text.Length > Shown ? text.Remove(Shown) + "..." : text);
        }
        catch (Exception ex) when (ex is HttpRequestException or IOException or InvalidOperationException)
        {
            return "";
        }
    }

    private static bool IsJsonObject(string line)
    {
        try
        {
            using var document = JsonDocument.Parse(line);
            return document.RootElement.ValueKind == JsonValueKind.Object;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    private static string Describe(OpenLineageRunEvent runEvent) =>
        $"the {runEvent.EventType.ToString().ToUpperInvariant()} event of run {runEvent.RunId} ('{runEvent.JobName}')";

    private static Uri EndpointOf(OpenLineageHttpOptions options)
    {
        if (options.Url is not { IsAbsoluteUri: true } url || (url.Scheme != Uri.UriSchemeHttp && url.Scheme != Uri.UriSchemeHttps))
            throw new ArgumentException($"The OpenLineage URL must be an absolute http or https URL, e.g. http://localhost:5000 (got '{options.Url}').", nameof(options));

        var endpoint = (options.Endpoint ?? OpenLineageHttpOptions.DefaultEndpoint).Trim().TrimStart('/');
        var baseUrl = url.GetLeftPart(UriPartial.Path).TrimEnd('/');
        return new Uri(endpoint.Length == 0 ? baseUrl : baseUrl + "/" + endpoint);
    }

    private enum OutcomeKind
    {
        Delivered,
        Rejected,
        Failed,
    }

    private readonly struct Outcome(OutcomeKind kind, string reason)
    {
        public OutcomeKind Kind { get; } = kind;

        public string Reason { get; } = reason;
    }
}
