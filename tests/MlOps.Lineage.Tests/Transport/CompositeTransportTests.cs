using System;
using System.Collections.Generic;
using System.IO;
using MlOps.Lineage.Tests.Infrastructure;

namespace MlOps.Lineage.Tests.Transport;

public sealed class CompositeTransportTests
{
    private sealed class Recording(bool fail) : IOpenLineageTransport
    {
        public List<string> Seen { get; } = [];

        public void Emit(OpenLineageRunEvent runEvent)
        {
            if (fail)
                throw new IOException("disk full");
            Seen.Add(runEvent.ToJson());
        }

        public override string ToString() => fail ? "failing" : "recording";
    }

    private static OpenLineageRunEvent Start() => TestPipelines.Create([], []).Capture().StartEvent();

    [Fact]
    public void A_failing_transport_does_not_stop_the_others_by_default()
    {
        var after = new Recording(fail: false);
        var composite = new OpenLineageCompositeTransport([new Recording(fail: true), after]);
        var start = Start();

        composite.Emit(start);

        Assert.Equal([start.ToJson()], after.Seen);
    }

    [Fact]
    public void When_every_transport_fails_the_emit_says_so()
    {
        var composite = new OpenLineageCompositeTransport([new Recording(fail: true), new Recording(fail: true)]);

        var thrown = Assert.Throws<LineageException>(() => composite.Emit(Start()));

        Assert.Contains("None of the OpenLineage transports", thrown.Message);
        Assert.Contains("disk full", thrown.Message);
    }

    [Fact]
    public void Without_continue_on_failure_the_first_failure_stops_the_emit()
    {
        var after = new Recording(fail: false);
        var composite = new OpenLineageCompositeTransport([new Recording(fail: true), after], continueOnFailure: false);

        var thrown = Assert.Throws<LineageException>(() => composite.Emit(Start()));

        Assert.Contains("'failing'", thrown.Message);
        Assert.Empty(after.Seen);
    }

    [Fact]
    public void The_console_transport_writes_one_line_per_event()
    {
        var writer = new StringWriter();
        var start = Start();

        new OpenLineageConsoleTransport(writer).Emit(start);

        Assert.Equal(start.ToJson() + Environment.NewLine, writer.ToString());
    }

    [Fact]
    public void A_composite_needs_a_transport()
    {
        Assert.Throws<ArgumentException>(() => new OpenLineageCompositeTransport([]));
    }
}
