using System;
using System.IO;

namespace MlOps.Lineage;

/// <summary>
/// What <see cref="OpenLineageTransports.Resolve"/> reads: a transport configured in code, the environment variables,
/// the working and home directories (where <c>openlineage.yml</c> is looked for) and the default directory.
/// The defaults are the current process's.
/// </summary>
public sealed class OpenLineageTransportSettings
{
    /// <summary>A transport configured in code; it wins over <c>openlineage.yml</c> and <c>OPENLINEAGE_URL</c>, not over <c>OPENLINEAGE_DISABLED</c>.</summary>
    public IOpenLineageTransport? Transport { get; init; }

    /// <summary>Reads an environment variable; <see cref="Environment.GetEnvironmentVariable(string)"/> by default.</summary>
    public Func<string, string?> EnvironmentVariable { get; init; } = Environment.GetEnvironmentVariable;

    /// <summary>Where <c>openlineage.yml</c> is looked for first and relative paths are resolved; the current directory by default.</summary>
    public string WorkingDirectory { get; init; } = Directory.GetCurrentDirectory();

    /// <summary>The user's home, where <c>.openlineage/openlineage.yml</c> is looked for last; <see langword="null"/> skips it.</summary>
    public string? HomeDirectory { get; init; } = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);

    /// <summary>
    /// Relative to <see cref="WorkingDirectory"/>: where events go when nothing is configured
    /// (<c>openlineage.jsonl</c>) and where the HTTP transport keeps its spool. <c>lineage</c> by default.
    /// </summary>
    public string DefaultDirectory { get; init; } = "lineage";

    /// <summary>Where the HTTP transport reports retries and spooled events; standard error when <see langword="null"/>.</summary>
    public TextWriter? Log { get; init; }
}
