using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace MlOps.Lineage.Tests.Infrastructure;

/// <summary>What a lineage server answers to one request instead of accepting the event.</summary>
public abstract record Fault
{
    /// <summary>Answers with the status code; the event is not stored.</summary>
    public static Fault Status(int code) => new StatusFault(code, null);

    /// <summary>Answers 429 with <c>Retry-After: seconds</c>; the event is not stored.</summary>
    public static Fault TooManyRequests(int retryAfterSeconds) => new StatusFault(429, retryAfterSeconds);

    /// <summary>Does not answer until the client gives up (bounded at 30 s); the event is not stored.</summary>
    public static Fault NoAnswer { get; } = new NoAnswerFault();

    internal sealed record StatusFault(int Code, int? RetryAfterSeconds) : Fault;

    internal sealed record NoAnswerFault : Fault;
}

/// <summary>One request the server saw.</summary>
public sealed record ReceivedRequest(DateTimeOffset At, string? Authorization, string? ContentType, string? ContentEncoding, string Outcome);

/// <summary>
/// What a lineage server received, kept across restarts of the server: every accepted event (as sent), every request,
/// and every schema problem of an accepted event (official OpenLineage schema and facet schemas).
/// </summary>
public sealed class LineageStore
{
    private readonly object _gate = new();
    private readonly List<string> _events = [];
    private readonly List<ReceivedRequest> _requests = [];
    private readonly List<string> _problems = [];

    /// <summary>Faults answered to the next requests, one per request, in order.</summary>
    public ConcurrentQueue<Fault> Faults { get; } = new();

    /// <summary>When true, every request is answered 503 (after the queued faults).</summary>
    public bool Down { get; set; }

    public IReadOnlyList<string> Events
    {
        get
        {
            lock (_gate)
                return _events.ToList();
        }
    }

    public IReadOnlyList<ReceivedRequest> Requests
    {
        get
        {
            lock (_gate)
                return _requests.ToList();
        }
    }

    public IReadOnlyList<string> Problems
    {
        get
        {
            lock (_gate)
                return _problems.ToList();
        }
    }

    internal void Record(ReceivedRequest request, string? acceptedEvent, IReadOnlyList<string> problems)
    {
        lock (_gate)
        {
            _requests.Add(request);
            if (acceptedEvent is not null)
                _events.Add(acceptedEvent);
            _problems.AddRange(problems);
        }
    }
}

/// <summary>
/// A real OpenLineage HTTP endpoint: Kestrel on 127.0.0.1 (an ephemeral port unless one is given), in the test process,
/// <c>POST /api/v1/lineage</c> (gzip bodies accepted), answering 201 like Marquez and storing each event, unless a
/// fault is queued.
/// </summary>
public sealed class LineageServer : IAsyncDisposable
{
    public const string Endpoint = "/api/v1/lineage";

    private const string ContentEncodingKey = "original Content-Encoding";
    private readonly WebApplication _app;

    private LineageServer(WebApplication app, LineageStore store, int port)
    {
        _app = app;
        Store = store;
        Port = port;
    }

    public LineageStore Store { get; }

    public int Port { get; }

    public Uri Url => new($"http://127.0.0.1:{Port}");

    public static async Task<LineageServer> StartAsync(LineageStore? store = null, int port = 0)
    {
        store ??= new LineageStore();
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, port));
        builder.Services.AddRequestDecompression();
        var app = builder.Build();
        // The decompression middleware removes Content-Encoding once it has decoded the body: note it first.
        app.Use((context, next) =>
        {
            context.Items[ContentEncodingKey] = context.Request.Headers.ContentEncoding.FirstOrDefault();
            return next(context);
        });
        app.UseRequestDecompression();
        app.MapPost(Endpoint, (HttpContext context) => HandleAsync(context, store));
        await app.StartAsync();

        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        return new LineageServer(app, store, new Uri(address).Port);
    }

    public async Task StopAsync() => await _app.StopAsync();

    /// <summary>
    /// Holds a loopback port with a socket that is bound but not listening: connections to it are refused, and no
    /// other test's server can take the port until the hold is disposed (<paramref name="port"/> 0 picks a free one).
    /// </summary>
    public static Socket HoldPort(int port = 0)
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        socket.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
        socket.Bind(new IPEndPoint(IPAddress.Loopback, port));
        return socket;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private static async Task HandleAsync(HttpContext context, LineageStore store)
    {
        var request = context.Request;
        var authorization = request.Headers.Authorization.FirstOrDefault();
        var contentType = request.ContentType;
        var encoding = context.Items[ContentEncodingKey] as string;
        var at = DateTimeOffset.UtcNow;

        if (!store.Faults.TryDequeue(out var fault) && store.Down)
            fault = Fault.Status(503);

        switch (fault)
        {
            case Fault.StatusFault status:
                store.Record(new ReceivedRequest(at, authorization, contentType, encoding, status.Code.ToString()), null, []);
                if (status.RetryAfterSeconds is { } seconds)
                    context.Response.Headers.RetryAfter = seconds.ToString();
                context.Response.StatusCode = status.Code;
                return;
            case Fault.NoAnswerFault:
                try
                {
                    await Task.Delay(TimeSpan.FromSeconds(30), context.RequestAborted);
                }
                catch (OperationCanceledException)
                {
                }

                store.Record(new ReceivedRequest(at, authorization, contentType, encoding, context.RequestAborted.IsCancellationRequested ? "abandoned" : "no answer"), null, []);
                return;
        }

        using var reader = new StreamReader(request.Body);
        var body = await reader.ReadToEndAsync();
        IReadOnlyList<string> problems;
        try
        {
            using var json = JsonDocument.Parse(body);
            problems = OpenLineageSchemas.ValidateRunEvent(json.RootElement);
        }
        catch (JsonException ex)
        {
            problems = ["not JSON: " + ex.Message];
        }

        store.Record(new ReceivedRequest(at, authorization, contentType, encoding, "201"), body, problems);
        context.Response.StatusCode = StatusCodes.Status201Created;
    }
}
