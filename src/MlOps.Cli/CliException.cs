using System;

namespace MlOps.Cli;

/// <summary>
/// A problem with the command's input (a missing or unreadable file, a corrupt record, a failed build): reported as
/// one line on stderr, without a stack trace, and exit code <see cref="ExitCodes.CannotRead"/>.
/// </summary>
internal sealed class CliException : Exception
{
    public CliException(string message)
        : base(message)
    {
    }

    public CliException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
