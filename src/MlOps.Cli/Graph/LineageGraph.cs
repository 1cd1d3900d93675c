using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using MlOps.Cli.Runs;

namespace MlOps.Cli.Graph;

/// <summary>A node: a dataset version, a run of pipeline@version, or a model version.</summary>
internal sealed record GraphNode(string Id, string Kind, IReadOnlyList<string> Lines, string Detail, string? Status);

/// <summary>A dataset version read by a run, or a run that wrote a model version.</summary>
internal sealed record GraphEdge(string From, string To);

/// <summary>
/// The lineage graph of the runs under a directory: dataset versions → runs (pipeline@version) → model versions.
/// A dataset version is a path with a digest, so runs that read the same bytes share a node; a changed file is a
/// new node.
/// </summary>
internal sealed class LineageGraph
{
    public const string Dataset = "dataset";
    public const string Run = "run";
    public const string Model = "model";

    private LineageGraph(IReadOnlyList<GraphNode> nodes, IReadOnlyList<GraphEdge> edges)
    {
        Nodes = nodes;
        Edges = edges;
    }

    public IReadOnlyList<GraphNode> Nodes { get; }

    public IReadOnlyList<GraphEdge> Edges { get; }

    /// <summary>The graph of the catalog's runs, oldest run first (the order a reader follows history in).</summary>
    public static LineageGraph From(RunCatalog catalog)
    {
        var nodes = new List<GraphNode>();
        var edges = new List<GraphEdge>();
        var datasets = new Dictionary<string, string>(StringComparer.Ordinal);
        var models = new Dictionary<string, string>(StringComparer.Ordinal);

        // OpenLineage events name a dataset by its path only; a sidecar of any run that read the path knows its name.
        var declaredNames = catalog.Runs.SelectMany(r => r.Datasets).Where(d => d.Name is not null)
            .GroupBy(d => d.FullPath, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.First().Name!, StringComparer.Ordinal);

        foreach (var run in catalog.Runs.Reverse())
        {
            var runId = "r" + (nodes.Count(n => n.Kind == Run) + 1);
            nodes.Add(new GraphNode(
                runId,
                Run,
                [run.Pipeline + "@" + run.Version, "run " + Format.RunId(run.RunId) + " · " + run.Status],
                $"run {run.RunId}\nstarted {Format.Time(run.StartedAt)}\nfinished {Format.Time(run.FinishedAt)}"
                    + (run.FailureMessage is null ? "" : "\nfailure: " + run.FailureMessage),
                run.Status));

            foreach (var dataset in run.Datasets)
            {
                var key = dataset.FullPath + "\n" + dataset.Sha256;
                if (!datasets.TryGetValue(key, out var datasetId))
                {
                    datasetId = datasets[key] = "d" + (datasets.Count + 1);
                    nodes.Add(new GraphNode(
                        datasetId,
                        Dataset,
                        [dataset.Name ?? declaredNames.GetValueOrDefault(dataset.FullPath) ?? Path.GetFileName(dataset.FullPath.TrimEnd('/', '\\')), "sha256 " + Format.Digest(dataset.Sha256)],
                        $"{Format.PathUnder(catalog.Root, dataset.FullPath)}\nsha256 {dataset.Sha256}\n{Format.Bytes(dataset.SizeBytes)}",
                        null));
                }

                edges.Add(new GraphEdge(datasetId, runId));
            }

            foreach (var model in run.Models.Where(m => m.Sha256 is not null))
            {
                var key = model.FullPath + "\n" + model.Sha256;
                if (!models.TryGetValue(key, out var modelId))
                {
                    modelId = models[key] = "m" + (models.Count + 1);
                    nodes.Add(new GraphNode(
                        modelId,
                        Model,
                        [Path.GetFileName(model.FullPath), "sha256 " + Format.Digest(model.Sha256)],
                        $"{Format.PathUnder(catalog.Root, model.FullPath)}\nsha256 {model.Sha256}\n{Format.Bytes(model.SizeBytes)}",
                        null));
                }

                edges.Add(new GraphEdge(runId, modelId));
            }
        }

        return new LineageGraph(nodes, edges);
    }
}
