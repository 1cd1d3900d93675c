using System;
using System.IO;
using MlOps.Lineage.Internal;

namespace MlOps.Lineage;

/// <summary>Writes each event as one JSON line to standard output (or another writer): the OpenLineage clients' <c>console</c> transport.</summary>
public sealed class OpenLineageConsoleTransport : IOpenLineageTransport
{
    private readonly TextWriter _writer;

    /// <summary>Writes to <paramref name="writer"/>, or to standard output when <see langword="null"/>.</summary>
    public OpenLineageConsoleTransport(TextWriter? writer = null) => _writer = TextWriter.Synchronized(writer ?? Console.Out);

    /// <inheritdoc/>
    public void Emit(OpenLineageRunEvent runEvent)
    {
        Guard.NotNull(runEvent);
        _writer.WriteLine(runEvent.ToJson());
        _writer.Flush();
    }

    /// <inheritdoc/>
    public override string ToString() => "console";
}
