using System;

namespace MlOps.Lineage;

/// <summary>
/// The base of every error the lineage library reports about the run's data or artifacts (a missing or changed
/// dataset, an existing model version), so a training program can report them all with one <c>catch</c>.
/// </summary>
public class LineageException : Exception
{
    /// <summary>Creates the exception with a message.</summary>
    public LineageException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and the error that caused it.</summary>
    public LineageException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }
}
