using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Threading.Tasks;
using MlOps.Lineage.Tests.Infrastructure;

namespace MlOps.Lineage.Tests.Transport;

/// <summary>
/// The HTTP transport against a real lineage server (Kestrel on the loopback interface) with faults injected. After
/// each scenario the server's store plus the spool hold every event of the run exactly once, in order, every stored
/// event validates against the official schemas, and the training code saw no exception.
/// </summary>
public sealed class HttpTransportTests : IDisposable
{
    private readonly TempDirectory _temp = new();
    private readonly StringWriter _log = new();

    public void Dispose() => _temp.Dispose();

    private string SpoolPath => _temp.Combine("lineage", "openlineage.spool.jsonl");

    private OpenLineageHttpTransport Transport(Uri url, Func<OpenLineageHttpOptions, OpenLineageHttpOptions>? change = null)
    {
        // Short pauses keep the suite fast; correctness never depends on them (faults are queued, not timed).
        var options = new OpenLineageHttpOptions
        {
            Url = url,
            Timeout = TimeSpan.FromSeconds(10),
            MaxRetries = 3,
            RetryDelay = TimeSpan.FromMilliseconds(10),
            MaxRetryDelay = TimeSpan.FromSeconds(2),
            SpoolPath = SpoolPath,
            Log = _log,
        };
        return new OpenLineageHttpTransport(change is null ? options : change(options));
    }

    /// <summary>A training run as the sample does it: START, then COMPLETE (or FAIL). Returns the events in order.</summary>
    private List<OpenLineageRunEvent> Train(IOpenLineageTransport transport, bool fail = false)
    {
        _temp.WriteFile("data/train.csv", "x,y\n1,0\n");
        var run = TestPipelines.Create([new DatasetDeclaration("train", "data/train.csv")], []).Capture(_temp.Path);
        var events = new List<OpenLineageRunEvent> { run.StartEvent() };
        var thrown = Record.Exception(() =>
        {
            transport.Emit(events[0]);
            events.Add(fail ? run.FailEvent(new InvalidDataException("label column is empty")) : run.CompleteEvent());
            transport.Emit(events[1]);
        });
        Assert.Null(thrown);
        return events;
    }

    private string[] SpoolLines() => File.Exists(SpoolPath) ? File.ReadAllLines(SpoolPath) : [];

    /// <summary>Server store, then spool: each expected event exactly once, each run's events in order, all valid.</summary>
    private void AssertEachEventOnceInOrder(LineageStore store, IEnumerable<OpenLineageRunEvent> expected)
    {
        var seen = store.Events.Concat(SpoolLines()).ToList();
        var expectedList = expected.ToList();
        foreach (var runEvent in expectedList)
            Assert.True(seen.Count(s => s == runEvent.ToJson()) == 1, $"{runEvent.EventType} of {runEvent.RunId} seen {seen.Count(s => s == runEvent.ToJson())} times\n{_log}");
        Assert.Equal(expectedList.Count, seen.Count);
        foreach (var run in expectedList.GroupBy(e => e.RunId))
            Assert.Equal(run.Select(e => e.ToJson()), seen.Where(s => RunIdOf(s) == run.Key));
        Assert.True(store.Problems.Count == 0, string.Join(Environment.NewLine, store.Problems));
    }

    private static string RunIdOf(string json) =>
        JsonDocument.Parse(json).RootElement.GetProperty("run").GetProperty("runId").GetString()!;

    [Fact]
    public async Task Events_are_posted_to_the_endpoint_and_validate()
    {
        await using var server = await LineageServer.StartAsync();
        using var transport = Transport(server.Url);

        var events = Train(transport);

        AssertEachEventOnceInOrder(server.Store, events);
        Assert.Equal(2, server.Store.Events.Count);
        Assert.Equal(new Uri(server.Url, "api/v1/lineage"), transport.EndpointUri);
        Assert.All(server.Store.Requests, r => Assert.Null(r.Authorization));
        Assert.All(server.Store.Requests, r => Assert.Equal("application/json; charset=utf-8", r.ContentType));
        Assert.Empty(SpoolLines());
        Assert.Equal("", _log.ToString());
    }

    [Fact]
    public async Task An_api_key_is_sent_as_a_bearer_token_and_gzip_bodies_arrive_whole()
    {
        await using var server = await LineageServer.StartAsync();
        using var transport = Transport(server.Url, o => new OpenLineageHttpOptions
        {
            Url = o.Url, SpoolPath = o.SpoolPath, Log = o.Log, ApiKey = "s3cret", Compression = OpenLineageCompression.Gzip,
        });

        var events = Train(transport);

        AssertEachEventOnceInOrder(server.Store, events);
        Assert.All(server.Store.Requests, r => Assert.Equal("Bearer s3cret", r.Authorization));
        Assert.All(server.Store.Requests, r => Assert.Equal("gzip", r.ContentEncoding));
    }

    [Fact]
    public async Task Server_errors_are_retried_and_the_event_arrives_once()
    {
        await using var server = await LineageServer.StartAsync();
        server.Store.Faults.Enqueue(Fault.Status(500));
        server.Store.Faults.Enqueue(Fault.Status(503));
        using var transport = Transport(server.Url);

        var events = Train(transport);

        AssertEachEventOnceInOrder(server.Store, events);
        Assert.Equal(["500", "503", "201", "201"], server.Store.Requests.Select(r => r.Outcome));
        Assert.Empty(SpoolLines());
        Assert.Contains("HTTP 500; retry 1 of 3", _log.ToString());
        Assert.Contains("HTTP 503; retry 2 of 3", _log.ToString());
    }

    [Fact]
    public async Task A_429_is_retried_after_the_Retry_After_the_server_asks_for()
    {
        await using var server = await LineageServer.StartAsync();
        server.Store.Faults.Enqueue(Fault.TooManyRequests(retryAfterSeconds: 1));
        using var transport = Transport(server.Url);

        var events = Train(transport);

        AssertEachEventOnceInOrder(server.Store, events);
        var requests = server.Store.Requests;
        Assert.Equal(["429", "201", "201"], requests.Select(r => r.Outcome));
        // The retry waited the server's second, not the 10 ms back-off (a lower bound: a wait is never shorter).
        Assert.True(requests[1].At - requests[0].At >= TimeSpan.FromMilliseconds(900), $"retried after {(requests[1].At - requests[0].At).TotalMilliseconds} ms");
        Assert.Contains("HTTP 429; retry 1 of 3 in 1 s (Retry-After)", _log.ToString());
    }

    [Fact]
    public async Task A_response_slower_than_the_timeout_is_abandoned_and_retried()
    {
        await using var server = await LineageServer.StartAsync();
        server.Store.Faults.Enqueue(Fault.NoAnswer);
        using var transport = Transport(server.Url, o => new OpenLineageHttpOptions
        {
            // Long enough that an answered attempt never times out on a loaded machine (that would be a real
            // at-least-once repeat, not what this test is about); the unanswered one waits for the client to leave.
            Url = o.Url, SpoolPath = o.SpoolPath, Log = o.Log, Timeout = TimeSpan.FromSeconds(2),
            MaxRetries = o.MaxRetries, RetryDelay = o.RetryDelay, MaxRetryDelay = o.MaxRetryDelay,
        });

        var events = Train(transport);

        AssertEachEventOnceInOrder(server.Store, events);
        Assert.Contains("no answer within 2 s; retry 1 of 3", _log.ToString());
        // The abandoned request never stored its event: the server saw the client leave.
        Assert.Contains(server.Store.Requests, r => r.Outcome == "abandoned");
    }

    [Fact]
    public async Task With_the_server_unreachable_the_run_goes_to_the_spool_and_a_later_flush_delivers_it_once()
    {
        var refusing = LineageServer.HoldPort();
        var port = ((System.Net.IPEndPoint)refusing.LocalEndPoint!).Port;
        var url = new Uri($"http://127.0.0.1:{port}");

        List<OpenLineageRunEvent> events;
        using (refusing)
        using (var transport = Transport(url))
            events = Train(transport);

        var store = new LineageStore();
        AssertEachEventOnceInOrder(store, events);
        Assert.Equal(2, SpoolLines().Length);
        Assert.Contains("refused", _log.ToString(), StringComparison.OrdinalIgnoreCase);
        Assert.Contains("kept in", _log.ToString());

        await using var server = await LineageServer.StartAsync(store, port);
        using (var transport = Transport(url))
        {
            var flush = transport.FlushSpool();
            Assert.Equal((2, 0, 0), (flush.Sent, flush.Rejected, flush.Remaining));

            // Nothing is sent twice after a success.
            var again = transport.FlushSpool();
            Assert.Equal((0, 0, 0), (again.Sent, again.Rejected, again.Remaining));
        }

        AssertEachEventOnceInOrder(store, events);
        Assert.Equal(2, store.Events.Count);
        Assert.Empty(SpoolLines());
    }

    [Fact]
    public async Task A_server_restarted_mid_run_gets_the_spooled_event_before_the_next_one()
    {
        var store = new LineageStore();
        await using var server = await LineageServer.StartAsync(store);
        var port = server.Port;
        using var transport = Transport(server.Url);
        _temp.WriteFile("data/train.csv", "x,y\n1,0\n");
        var pipeline = TestPipelines.Create([new DatasetDeclaration("train", "data/train.csv")], []);
        var first = pipeline.Capture(_temp.Path);
        var events = new List<OpenLineageRunEvent> { first.StartEvent() };
        transport.Emit(events[0]);

        await server.StopAsync();
        using (LineageServer.HoldPort(port))
        {
            events.Add(first.CompleteEvent());
            transport.Emit(events[1]);
        }

        Assert.Single(store.Events);
        AssertEachEventOnceInOrder(store, events);

        await using var restarted = await LineageServer.StartAsync(store, port);
        var second = pipeline.Capture(_temp.Path);
        events.Add(second.StartEvent());
        transport.Emit(events[2]);

        Assert.Equal(events.Select(e => e.ToJson()), store.Events);
        Assert.Empty(SpoolLines());
        AssertEachEventOnceInOrder(store, events);
    }

    [Fact]
    public async Task While_the_server_keeps_failing_later_events_queue_behind_earlier_ones()
    {
        await using var server = await LineageServer.StartAsync();
        server.Store.Down = true;
        using var transport = Transport(server.Url);

        var events = Train(transport, fail: true);

        AssertEachEventOnceInOrder(server.Store, events);
        Assert.Equal(events.Select(e => e.ToJson()), SpoolLines());
        // START: 1 + 3 retries; FAIL: the spooled START is tried first (1 + 3), so FAIL joins the spool unsent.
        Assert.Equal(8, server.Store.Requests.Count);

        server.Store.Down = false;
        var flush = transport.FlushSpool();

        Assert.Equal(2, flush.Sent);
        Assert.Equal(events.Select(e => e.ToJson()), server.Store.Events);
        AssertEachEventOnceInOrder(server.Store, events);
    }

    [Fact]
    public async Task An_event_the_server_refuses_as_invalid_is_kept_aside_and_does_not_block_later_events()
    {
        await using var server = await LineageServer.StartAsync();
        server.Store.Faults.Enqueue(Fault.Status(400));
        using var transport = Transport(server.Url);

        var events = Train(transport);

        Assert.Equal(["400", "201"], server.Store.Requests.Select(r => r.Outcome));
        Assert.Equal([events[0].ToJson()], File.ReadAllLines(transport.RejectedPath));
        Assert.Equal([events[1].ToJson()], server.Store.Events);
        Assert.Empty(SpoolLines());
        Assert.Contains("refused the START event", _log.ToString());
    }

    [Fact]
    public async Task A_torn_line_in_the_spool_is_moved_aside_and_the_events_around_it_are_sent()
    {
        await using var server = await LineageServer.StartAsync();
        using var transport = Transport(server.Url);
        var pipeline = TestPipelines.Create([], []);
        var before = pipeline.Capture().StartEvent().ToJson();
        var after = pipeline.Capture().StartEvent().ToJson();
        const string Torn = "{\"eventType\":\"START\",\"eventTi";
        _temp.WriteFile("lineage/openlineage.spool.jsonl", before + "\n" + Torn + "\n\n" + after + "\n");

        var flush = transport.FlushSpool();

        Assert.Equal((2, 1, 0), (flush.Sent, flush.Rejected, flush.Remaining));
        Assert.Equal([before, after], server.Store.Events);
        Assert.Equal([Torn], File.ReadAllLines(transport.RejectedPath));
        Assert.Empty(SpoolLines());
    }

    [Fact]
    public async Task ThrowOnFailure_reports_the_failure_after_spooling_the_event()
    {
        await using var server = await LineageServer.StartAsync();
        server.Store.Down = true;
        using var transport = Transport(server.Url, o => new OpenLineageHttpOptions
        {
            Url = o.Url, SpoolPath = o.SpoolPath, Log = o.Log, MaxRetries = 1, RetryDelay = o.RetryDelay, ThrowOnFailure = true,
        });
        var run = TestPipelines.Create([], []).Capture();
        var start = run.StartEvent();

        var thrown = Assert.Throws<OpenLineageDeliveryException>(() => transport.Emit(start));

        Assert.Equal(SpoolPath, thrown.SpoolPath);
        Assert.Contains("HTTP 503", thrown.Message);
        Assert.Contains(run.RunId, thrown.Message);
        Assert.Equal([start.ToJson()], SpoolLines());
    }

    [Fact]
    public async Task When_the_spool_cannot_be_written_the_event_is_written_whole_to_the_log()
    {
        await using var server = await LineageServer.StartAsync();
        server.Store.Down = true;
        Directory.CreateDirectory(SpoolPath); // a directory where the spool file should be
        using var transport = Transport(server.Url, o => new OpenLineageHttpOptions
        {
            Url = o.Url, SpoolPath = o.SpoolPath, Log = o.Log, MaxRetries = 1, RetryDelay = o.RetryDelay,
        });
        var start = TestPipelines.Create([], []).Capture().StartEvent();

        var thrown = Record.Exception(() => transport.Emit(start));

        Assert.Null(thrown);
        Assert.Contains("cannot be written", _log.ToString());
        Assert.Contains(start.ToJson(), _log.ToString().Split(Environment.NewLine));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("localhost:5000")]
    [InlineData("ftp://example.com")]
    public void A_missing_or_non_http_url_is_refused_with_a_clear_message(string? url)
    {
        var thrown = Assert.Throws<ArgumentException>(() => new OpenLineageHttpTransport(new OpenLineageHttpOptions { Url = url is null ? null : new Uri(url, UriKind.RelativeOrAbsolute) }));

        Assert.Contains("absolute http or https URL", thrown.Message);
    }

    [Theory]
    [InlineData(0.001)]
    [InlineData(200_000)]
    public void A_timeout_out_of_the_retry_library_range_is_refused_with_a_clear_message(double seconds)
    {
        var thrown = Assert.Throws<ArgumentException>(() => new OpenLineageHttpTransport(new OpenLineageHttpOptions { Url = new Uri("http://m:5000"), Timeout = TimeSpan.FromSeconds(seconds) }));

        Assert.Contains("out of range", thrown.Message);
        Assert.Contains("Timeout", thrown.Message);
    }

    [Fact]
    public void An_api_key_with_a_line_break_is_refused_before_it_reaches_a_header()
    {
        var thrown = Assert.Throws<ArgumentException>(() => new OpenLineageHttpTransport(new OpenLineageHttpOptions { Url = new Uri("http://m:5000"), ApiKey = "key\nX-Injected: 1" }));

        Assert.Contains("control character", thrown.Message);
    }

    [Theory]
    [InlineData("http://marquez:5000", "api/v1/lineage", "http://marquez:5000/api/v1/lineage")]
    [InlineData("http://marquez:5000/", "/api/v1/lineage", "http://marquez:5000/api/v1/lineage")]
    [InlineData("https://lineage.example.com/openlineage", "events", "https://lineage.example.com/openlineage/events")]
    public void The_endpoint_is_joined_to_the_url(string url, string endpoint, string expected)
    {
        using var transport = new OpenLineageHttpTransport(new OpenLineageHttpOptions { Url = new Uri(url), Endpoint = endpoint });

        Assert.Equal(expected, transport.EndpointUri.AbsoluteUri);
    }
}
