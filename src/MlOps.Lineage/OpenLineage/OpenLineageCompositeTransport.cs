using System;
using System.Collections.Generic;
using System.Linq;
using MlOps.Lineage.Internal;

namespace MlOps.Lineage;

/// <summary>
/// Sends each event through several transports in turn (e.g. the lineage server and a local file): the OpenLineage
/// clients' <c>composite</c> transport, with its <c>continue_on_failure</c>.
/// </summary>
public sealed class OpenLineageCompositeTransport : IOpenLineageTransport, IDisposable
{
    /// <summary>Creates the composite.</summary>
    /// <param name="transports">The transports, in the order they are used.</param>
    /// <param name="continueOnFailure">
    /// Whether a transport that throws lets the next ones still run (the default, as in the OpenLineage clients); the
    /// emit then throws only when every transport failed. When <see langword="false"/>, the first failure is thrown.
    /// </param>
    public OpenLineageCompositeTransport(IEnumerable<IOpenLineageTransport> transports, bool continueOnFailure = true)
    {
        Guard.NotNull(transports);
        Transports = transports.ToList();
        if (Transports.Count == 0)
            throw new ArgumentException("A composite OpenLineage transport needs at least one transport.", nameof(transports));
        if (Transports.Any(t => t is null))
            throw new ArgumentException("A composite OpenLineage transport cannot hold a null transport.", nameof(transports));
        ContinueOnFailure = continueOnFailure;
    }

    /// <summary>The transports, in the order they are used.</summary>
    public IReadOnlyList<IOpenLineageTransport> Transports { get; }

    /// <summary>Whether a failing transport lets the next ones still run.</summary>
    public bool ContinueOnFailure { get; }

    /// <inheritdoc/>
    /// <exception cref="LineageException">Every transport failed, or one failed and <see cref="ContinueOnFailure"/> is off.</exception>
    public void Emit(OpenLineageRunEvent runEvent)
    {
        Guard.NotNull(runEvent);

        var failures = new List<Exception>();
        foreach (var transport in Transports)
        {
            try
            {
                transport.Emit(runEvent);
            }
            catch (Exception ex) when (ContinueOnFailure)
            {
                failures.Add(ex);
            }
            catch (Exception ex)
            {
                throw new LineageException($"OpenLineage transport '{transport}' failed to emit the {runEvent.EventType} event of run {runEvent.RunId}: {ex.Message}", ex);
            }
        }

        if (failures.Count == Transports.Count)
            throw new LineageException($"None of the OpenLineage transports emitted the {runEvent.EventType} event of run {runEvent.RunId}: " + string.Join("; ", failures.Select(f => f.Message)), new AggregateException(failures));
    }

    /// <summary>Disposes the transports that are disposable.</summary>
    public void Dispose()
    {
        foreach (var transport in Transports.OfType<IDisposable>())
            transport.Dispose();
    }

    /// <inheritdoc/>
    public override string ToString() => "composite (" + string.Join(", ", Transports) + ")";
}
