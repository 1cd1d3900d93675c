using System;

namespace MlOps.Lineage;

/// <summary>
/// An OpenLineage event did not reach the server, with <see cref="OpenLineageHttpOptions.ThrowOnFailure"/> set. The event
/// is not lost: it is in the spool (<see cref="SpoolPath"/>) and is sent by the next emit or
/// <see cref="OpenLineageHttpTransport.FlushSpool"/>.
/// </summary>
public sealed class OpenLineageDeliveryException : LineageException
{
    /// <summary>Creates the exception.</summary>
    public OpenLineageDeliveryException(string message, string? spoolPath, Exception? innerException = null)
        : base(message, innerException)
    {
        SpoolPath = spoolPath;
    }

    /// <summary>The file that holds the event, or <see langword="null"/> when it could not be written (the event is then in the log).</summary>
    public string? SpoolPath { get; }
}
