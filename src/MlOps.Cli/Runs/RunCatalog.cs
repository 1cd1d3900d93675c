using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using MlOps.Lineage;

namespace MlOps.Cli.Runs;

/// <summary>
/// The runs recorded under a directory: every sidecar (<c>*.lineage.json</c>) and every OpenLineage events file
/// (<c>openlineage.jsonl</c>) below it, merged by run id. A file that cannot be read is a problem to report, not a
/// reason to hide the runs that can.
/// </summary>
internal sealed class RunCatalog
{
    private RunCatalog(string root, IReadOnlyList<RunSummary> runs, IReadOnlyList<string> problems)
    {
        Root = root;
        Runs = runs;
        Problems = problems;
    }

    /// <summary>The directory that was searched (absolute).</summary>
    public string Root { get; }

    /// <summary>The runs, newest first (by end time, else start time).</summary>
    public IReadOnlyList<RunSummary> Runs { get; }

    /// <summary>One line per file or event line that could not be read.</summary>
    public IReadOnlyList<string> Problems { get; }

    /// <exception cref="CliException">The directory does not exist.</exception>
    public static RunCatalog Scan(string directory)
    {
        var root = Path.GetFullPath(directory);
        if (!Directory.Exists(root))
            throw new CliException(File.Exists(root) ? $"'{directory}' is a file; give the directory to search for runs" : $"the directory '{directory}' does not exist");

        var problems = new List<string>();
        var fromSidecars = new List<RunSummary>();
        var fromEvents = new List<RunSummary>();
        var options = new EnumerationOptions { RecurseSubdirectories = true, IgnoreInaccessible = true };
        foreach (var file in Directory.EnumerateFiles(root, "*", options).Order(StringComparer.Ordinal))
        {
            if (file.EndsWith(LineageRecord.SidecarSuffix, StringComparison.Ordinal))
            {
                try
                {
                    fromSidecars.Add(FromRecord(SidecarFile.Read(file), file));
                }
                catch (CliException ex)
                {
                    problems.Add(ex.Message);
                }
            }
            else if (string.Equals(Path.GetFileName(file), OpenLineageFileTransport.DefaultFileName, StringComparison.Ordinal))
            {
                fromEvents.AddRange(OpenLineageEventsFile.Read(file, problems));
            }
        }

        var runs = new Dictionary<string, RunSummary>(StringComparer.Ordinal);
        foreach (var run in fromEvents)
            runs[run.RunId] = run;
        foreach (var run in fromSidecars)
        {
            // A sidecar holds everything the events do and more; the events file is still worth naming.
            runs[run.RunId] = runs.TryGetValue(run.RunId, out var seen) && seen.SidecarPath is null
                ? run with { EventsPath = seen.EventsPath }
                : run;
        }

        var ordered = runs.Values
            .OrderByDescending(r => r.FinishedAt ?? r.StartedAt ?? DateTimeOffset.MinValue)
            .ThenBy(r => r.RunId, StringComparer.Ordinal)
            .ToList();
        return new RunCatalog(root, ordered, problems);
    }

    /// <summary>A run as its sidecar records it.</summary>
    public static RunSummary FromRecord(LineageRecord record, string sidecarPath) => new()
    {
        RunId = record.RunId,
        Pipeline = record.PipelineName,
        Version = record.PipelineVersion,
        Status = record.Status.ToString().ToLowerInvariant(),
        StartedAt = record.StartedAt,
        FinishedAt = record.EndedAt,
        Metrics = record.Metrics,
        Datasets = record.Datasets.Select(d => new DatasetVersion(d.Name, d.FullPath, d.Sha256, d.SizeBytes)).ToList(),
        Models = record.Models.Select(m => new ModelVersion(m.Name, m.FullPath, m.Sha256, m.SizeBytes)).ToList(),
        SidecarPath = Path.GetFullPath(sidecarPath),
        FailureMessage = record.FailureMessage,
    };
}
