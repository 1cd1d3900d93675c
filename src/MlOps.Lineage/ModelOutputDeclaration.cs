using System;

namespace MlOps.Lineage;

/// <summary>A model artifact declared with <see cref="ModelOutputAttribute"/>, as the generated lineage class exposes it.</summary>
public sealed class ModelOutputDeclaration
{
    /// <summary>The token replaced by the pipeline version.</summary>
    public const string VersionToken = "{version}";

    /// <summary>The token replaced by the run id.</summary>
    public const string RunIdToken = "{runId}";

    /// <summary>Creates a declaration; the generated lineage class calls this for each <see cref="ModelOutputAttribute"/>.</summary>
    public ModelOutputDeclaration(string name, string pathTemplate)
    {
        Name = name ?? throw new ArgumentNullException(nameof(name));
        PathTemplate = pathTemplate ?? throw new ArgumentNullException(nameof(pathTemplate));
    }

    /// <summary>The output's name, unique within its pipeline.</summary>
    public string Name { get; }

    /// <summary>The path template with <c>{version}</c> and optionally <c>{runId}</c>.</summary>
    public string PathTemplate { get; }

    /// <summary>True when the template carries <c>{runId}</c>, so each run writes its own file.</summary>
    public bool HasRunId => PathTemplate.IndexOf(RunIdToken, StringComparison.Ordinal) >= 0;

    /// <summary>The artifact's path for <paramref name="version"/> (and <paramref name="runId"/> when the template has <c>{runId}</c>).</summary>
    /// <exception cref="ArgumentException">The version is empty, or the template needs a run id and none was given.</exception>
    public string Resolve(string version, string? runId = null)
    {
        if (string.IsNullOrWhiteSpace(version))
            throw new ArgumentException($"Model output '{Name}': a version is needed to resolve '{PathTemplate}'.", nameof(version));
        if (HasRunId && string.IsNullOrWhiteSpace(runId))
            throw new ArgumentException($"Model output '{Name}': the template '{PathTemplate}' has {RunIdToken}, so a run id is needed.", nameof(runId));

        var path = PathTemplate.Replace(VersionToken, version);
        return runId is null ? path : path.Replace(RunIdToken, runId);
    }

    /// <inheritdoc/>
    public override string ToString() => Name + " (" + PathTemplate + ")";
}
