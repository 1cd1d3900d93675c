using System;
using System.Collections.Generic;
using System.Linq;

namespace MlOps.Cli.Runs;

/// <summary>
/// One training run as found on disk: from its sidecar (everything), from its OpenLineage events (what the events
/// carry: no declared dataset names), or both.
/// </summary>
internal sealed record RunSummary
{
    public required string RunId { get; init; }

    public required string Pipeline { get; init; }

    public required string Version { get; init; }

    /// <summary><c>completed</c>, <c>failed</c>, <c>running</c> (a START without an end) or <c>aborted</c>.</summary>
    public required string Status { get; init; }

    public DateTimeOffset? StartedAt { get; init; }

    public DateTimeOffset? FinishedAt { get; init; }

    public IReadOnlyDictionary<string, double> Metrics { get; init; } = new Dictionary<string, double>();

    public IReadOnlyList<DatasetVersion> Datasets { get; init; } = [];

    public IReadOnlyList<ModelVersion> Models { get; init; } = [];

    /// <summary>The sidecar's path when the run was read from one.</summary>
    public string? SidecarPath { get; init; }

    /// <summary>The events file when the run was seen in one.</summary>
    public string? EventsPath { get; init; }

    public string? FailureMessage { get; init; }

    /// <summary>The model the sidecar belongs to, else the run's first recorded model.</summary>
    public ModelVersion? PrimaryModel =>
        SidecarPath is { } sidecar
            ? Models.FirstOrDefault(m => string.Equals(m.FullPath + MlOps.Lineage.LineageRecord.SidecarSuffix, sidecar, StringComparison.Ordinal))
              ?? Models.FirstOrDefault(m => m.Sha256 is not null)
            : Models.FirstOrDefault(m => m.Sha256 is not null) ?? (Models.Count > 0 ? Models[0] : null);

    /// <summary>
    /// The metric a person looks at first. Records name no primary metric, so the first of the usual headline
    /// names that the run has wins (AUC before accuracy before F1, R² before RMSE ...), else the first by name.
    /// </summary>
    public KeyValuePair<string, double>? HeadlineMetric
    {
        get
        {
            foreach (var name in HeadlineMetricNames)
            {
                foreach (var metric in Metrics)
                {
                    if (string.Equals(metric.Key, name, StringComparison.OrdinalIgnoreCase))
                        return metric;
                }
            }

            return Metrics.Count == 0 ? null : Metrics.OrderBy(m => m.Key, StringComparer.Ordinal).First();
        }
    }

    /// <summary>The order in which <see cref="HeadlineMetric"/> looks for a metric (documented in docs/mlops-tool.md).</summary>
    public static readonly IReadOnlyList<string> HeadlineMetricNames =
    [
        "auc", "area_under_roc_curve", "accuracy", "macro_accuracy", "micro_accuracy", "f1", "r_squared", "rsquared",
        "rmse", "root_mean_squared_error", "mae", "mean_absolute_error", "log_loss", "loss",
    ];
}

/// <summary>A dataset as a run read it: its declared name (sidecars only), where it was, and its digest.</summary>
internal sealed record DatasetVersion(string? Name, string FullPath, string Sha256, long? SizeBytes);

/// <summary>A model a run wrote: where, and its digest once recorded.</summary>
internal sealed record ModelVersion(string Name, string FullPath, string? Sha256, long? SizeBytes);
