using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Threading.Tasks;
using MlOps.Lineage.Tests.Infrastructure;

namespace MlOps.Lineage.Tests.Transport;

/// <summary>
/// Several real processes at once (tests/MlOps.Lineage.ConcurrentClient): appending to one events file (issue 20,
/// item 1), every event arrives and every line is one whole JSON object; flushing one spool, every event reaches the
/// server once, in order.
/// </summary>
public sealed class CrossProcessTests : IDisposable
{
    private const int Writers = 4;
    private const int EventsPerWriter = 150;
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public async Task Concurrent_processes_appending_to_one_file_lose_no_event_and_tear_no_line()
    {
        var processes = Enumerable.Range(0, Writers)
            .Select(_ => HelperProcess.Start("MlOps.Lineage.ConcurrentClient", "append", _temp.Path, OpenLineageFileTransport.DefaultFileName, EventsPerWriter.ToString()))
            .ToList();

        // This process appends too, through its own build of the library (netstandard2.0 in the NetStandard project).
        var transport = new OpenLineageFileTransport(_temp.Path);
        var pipeline = TestPipelines.Create([], []);
        for (var i = 0; i < EventsPerWriter; i++)
            transport.Emit(pipeline.Capture().StartEvent());

        foreach (var process in processes)
        {
            using (process)
            {
                var (exitCode, _, error) = await HelperProcess.WaitAsync(process, TimeSpan.FromMinutes(2));
                Assert.True(exitCode == 0, $"writer {process.Id} exited {exitCode}: {error}");
            }
        }

        var lines = File.ReadAllLines(transport.FilePath);
        var runIds = new HashSet<string>(StringComparer.Ordinal);
        var torn = new List<string>();
        foreach (var line in lines)
        {
            try
            {
                using var json = JsonDocument.Parse(line);
                runIds.Add(json.RootElement.GetProperty("run").GetProperty("runId").GetString()!);
            }
            catch (JsonException)
            {
                torn.Add(line.Length > 80 ? line[..80] + "..." : line);
            }
        }

        Assert.True(torn.Count == 0, $"{torn.Count} torn lines, e.g. {torn.FirstOrDefault()}");
        Assert.Equal((Writers + 1) * EventsPerWriter, lines.Length);
        Assert.Equal((Writers + 1) * EventsPerWriter, runIds.Count);
    }

    [Fact]
    public void An_append_after_a_line_cut_short_starts_on_a_new_line()
    {
        // A writer killed mid-write leaves a partial last line; the next event must still be a line of its own.
        var transport = new OpenLineageFileTransport(_temp.Path);
        File.WriteAllText(transport.FilePath, "{\"eventType\":\"START\",\"eventTi");
        var runEvent = TestPipelines.Create([], []).Capture().StartEvent();

        transport.Emit(runEvent);

        var lines = File.ReadAllLines(transport.FilePath);
        Assert.Equal(2, lines.Length);
        Assert.Equal(runEvent.ToJson(), lines[1]);
    }

    [Fact]
    public async Task Processes_flushing_one_spool_at_once_send_each_event_once_and_in_order()
    {
        var spool = _temp.Combine("lineage", "openlineage.spool.jsonl");
        var pipeline = TestPipelines.Create([], []);
        var events = Enumerable.Range(0, 40).Select(_ => pipeline.Capture().StartEvent().ToJson()).ToList();
        Directory.CreateDirectory(Path.GetDirectoryName(spool)!);
        File.WriteAllLines(spool, events);
        await using var server = await LineageServer.StartAsync();

        var processes = Enumerable.Range(0, 3)
            .Select(_ => HelperProcess.Start("MlOps.Lineage.ConcurrentClient", "flush", spool, server.Url.AbsoluteUri))
            .ToList();
        using var transport = new OpenLineageHttpTransport(new OpenLineageHttpOptions { Url = server.Url, SpoolPath = spool, Log = TextWriter.Null });
        var sent = transport.FlushSpool().Sent;
        foreach (var process in processes)
        {
            using (process)
            {
                var (exitCode, output, error) = await HelperProcess.WaitAsync(process, TimeSpan.FromMinutes(2));
                Assert.True(exitCode == 0, $"flusher {process.Id} exited {exitCode}: {error}");
                sent += int.Parse(output.Trim(), System.Globalization.CultureInfo.InvariantCulture);
            }
        }

        Assert.Equal(events, server.Store.Events);
        Assert.Equal(events.Count, sent);
        Assert.Empty(File.ReadAllLines(spool));
    }
}
