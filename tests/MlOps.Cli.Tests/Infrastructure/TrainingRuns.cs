using System;
using System.Collections.Generic;
using System.IO;
using MlOps.Lineage;

namespace MlOps.Cli.Tests.Infrastructure;

/// <summary>
/// Records real training runs with the run-time library, as a training program does (capture, save the model with
/// <see cref="ModelArtifact"/>, complete, write the sidecar, emit OpenLineage events), without training: the model's
/// bytes are given.
/// </summary>
public sealed class TrainingRuns(string root)
{
    public const string Fingerprint = "3f1c2b7e9a0d4c5b6e7f8091a2b3c4d5e6f708192a3b4c5d6e7f8091a2b3c4d5";

    public string Root { get; } = root;

    public string EventsDirectory => Path.Combine(Root, "lineage");

    public string WriteFile(string relativePath, string content)
    {
        var path = Path.Combine(Root, relativePath);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, content);
        return path;
    }

    public static Dictionary<string, object?> DefaultHyperparameters() => new()
    {
        ["learning_rate"] = 0.2,
        ["trees"] = 100,
        ["use_bias"] = true,
    };

    /// <summary>A pipeline as the generated lineage class declares it; model outputs go to <c>models/</c> below <see cref="Root"/>.</summary>
    public PipelineInfo Pipeline(
        string version = "1.0.0",
        IReadOnlyList<DatasetDeclaration>? datasets = null,
        IReadOnlyDictionary<string, object?>? hyperparameters = null,
        string fingerprint = Fingerprint,
        string name = "churn") =>
        new(
            name,
            version,
            42,
            datasets ?? [new DatasetDeclaration("customers", "data/churn.csv")],
            [
                new ModelOutputDeclaration("churn", Path.Combine(Root, "models", name + "-{version}.zip")),
                new ModelOutputDeclaration("churnRun", Path.Combine(Root, "models", name + "-{version}-{runId}.zip")),
            ],
            hyperparameters ?? DefaultHyperparameters(),
            fingerprint,
            "0123456789abcdef0123456789abcdef01234567");

    /// <summary>A completed run: returns the model's path (its sidecar is beside it).</summary>
    public string Completed(PipelineInfo pipeline, IReadOnlyDictionary<string, double>? metrics = null, string modelContent = "model", bool perRun = false)
    {
        var run = pipeline.Capture(Root);
        var events = new OpenLineageFileTransport(EventsDirectory);
        events.Emit(run.StartEvent());
        var modelPath = run.ModelPath(pipeline.ModelOutputs[perRun ? 1 : 0]);
        ModelArtifact.Save(modelPath, stream => stream.Write(System.Text.Encoding.UTF8.GetBytes(modelContent)));
        run.Complete(metrics);
        run.WriteSidecar(modelPath);
        events.Emit(run.CompleteEvent());
        return modelPath;
    }

    /// <summary>A run that failed after saving a model (a checkpoint), and recorded the failure in the model's sidecar.</summary>
    public string FailedWithSidecar(PipelineInfo pipeline, string message)
    {
        var run = pipeline.Capture(Root);
        var modelPath = run.ModelPath(pipeline.ModelOutputs[0]);
        ModelArtifact.Save(modelPath, stream => stream.Write("checkpoint"u8));
        run.Fail(new InvalidOperationException(message));
        run.WriteSidecar(modelPath);
        return modelPath;
    }

    /// <summary>A run that failed while training: it leaves OpenLineage events and no model, as samples/ChurnTraining does.</summary>
    public string Failed(PipelineInfo pipeline, string message)
    {
        var run = pipeline.Capture(Root);
        var events = new OpenLineageFileTransport(EventsDirectory);
        events.Emit(run.StartEvent());
        events.Emit(run.FailEvent(new InvalidOperationException(message)));
        return run.RunId;
    }
}
