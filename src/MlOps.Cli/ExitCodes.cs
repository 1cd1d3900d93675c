namespace MlOps.Cli;

/// <summary>
/// The exit codes every command uses, in the convention of <c>diff</c> and <c>git</c>: 0 for "yes / all good",
/// 1 for a finding (something differs, a check failed), 2 for "could not answer" (bad input, bad usage).
/// </summary>
internal static class ExitCodes
{
    public const int Ok = 0;

    public const int Differs = 1;

    public const int CannotRead = 2;
}
