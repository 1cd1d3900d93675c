using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Threading.Tasks;
using MlOps.Lineage.Tests.Infrastructure;

namespace MlOpsAnalyzers.EndToEnd;

/// <summary>samples/ChurnTraining with OPENLINEAGE_URL set: its events go to the lineage server, not to the file.</summary>
public sealed class SampleLineageServerTests : IDisposable
{
    private readonly string _workDir = Directory.CreateTempSubdirectory("mlops-churn-server-").FullName;

    public void Dispose() => Directory.Delete(_workDir, recursive: true);

    [Fact]
    public async Task With_OPENLINEAGE_URL_the_run_is_sent_to_the_lineage_server()
    {
        await using var server = await LineageServer.StartAsync();

        var run = DotNet.RunWith(_workDir, new Dictionary<string, string> { ["OPENLINEAGE_URL"] = server.Url.AbsoluteUri }, FixedSampleTests.SampleDll.Value)
            .EnsureSuccess("training run with OPENLINEAGE_URL");

        var events = server.Store.Events.Select(e => JsonDocument.Parse(e).RootElement).ToList();
        Assert.Equal(["START", "COMPLETE"], events.Select(e => e.GetProperty("eventType").GetString()));
        Assert.Single(events.Select(e => e.GetProperty("run").GetProperty("runId").GetString()).Distinct());
        Assert.True(server.Store.Problems.Count == 0, string.Join(Environment.NewLine, server.Store.Problems));
        Assert.Contains("Events     " + server.Url.AbsoluteUri + "api/v1/lineage", run.Output);
        Assert.False(File.Exists(Path.Combine(_workDir, "lineage", "openlineage.jsonl")), "events were also written to the file");
        Assert.False(File.Exists(Path.Combine(_workDir, "lineage", "openlineage.spool.jsonl")), "events were spooled\n" + run.Output);
    }
}
