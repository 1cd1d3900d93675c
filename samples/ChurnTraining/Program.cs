using System;
using System.Diagnostics;
using System.Linq;
using MlOps.Lineage;
using MlOps.Samples;

namespace ChurnTraining;

public static class Program
{
    /// <summary>Exit codes: 0 trained and saved; 2 the model version already exists; 1 any other failure.</summary>
    public static int Main(string[] args)
    {
        var newRun = args.Contains("--new-run");
        var clock = Stopwatch.StartNew();
        void Progress(string step) => Console.WriteLine($"[{clock.Elapsed.TotalSeconds,5:F1}s] {step}");

        IOpenLineageTransport? events = null;
        LineageRecord? run = null;
        string? modelPath = null;
        try
        {
            // OPENLINEAGE_URL (or an openlineage.yml) sends the events to a lineage server; otherwise they go to lineage/openlineage.jsonl.
            events = OpenLineageTransports.FromEnvironment();
            if (SyntheticChurnData.EnsureExists(ChurnPipeline.Lineage.Datasets.Customers.Path))
                Progress($"generated {SyntheticChurnData.Rows} synthetic customers in {ChurnPipeline.Lineage.Datasets.Customers.Path}");

            Progress($"pipeline {ChurnPipeline.Lineage.Name} {ChurnPipeline.Lineage.Version}: capturing lineage (hashing datasets)");
            run = ChurnPipeline.Lineage.Capture();
            events.Emit(run.StartEvent());

            // Fail before training when this version is already saved: models are immutable.
            modelPath = run.ModelPath(newRun ? ChurnPipeline.Lineage.Models.ChurnRun : ChurnPipeline.Lineage.Models.Churn);
            if (ModelArtifact.Exists(modelPath))
                throw new ModelVersionExistsException(modelPath);

            var (model, schema, metrics) = ChurnPipeline.Train(run, Progress);
            Progress($"saving {modelPath}");
            ChurnPipeline.Save(model, schema, modelPath, run);
            run.Complete(ChurnPipeline.MetricsOf(metrics));
            run.WriteSidecar(modelPath);
            events.Emit(run.CompleteEvent());

            Console.WriteLine();
            Console.WriteLine($"Accuracy {metrics.Accuracy:P1}   AUC {metrics.AreaUnderRocCurve:F3}   F1 {metrics.F1Score:F3}");
            Console.WriteLine($"Model      {modelPath}");
            Console.WriteLine($"Lineage    {LineageRecord.SidecarPathFor(modelPath)}");
            Console.WriteLine($"Events     {(events is OpenLineageFileTransport file ? System.IO.Path.GetRelativePath(".", file.FilePath) : events.ToString())}");
            foreach (var dataset in run.Datasets)
                Console.WriteLine($"Dataset    {dataset.Name}: sha256 {dataset.Sha256} ({dataset.SizeBytes:N0} bytes)");
            Console.WriteLine($"Run        {run.RunId} (seed {run.Seed}, code {ChurnPipeline.Lineage.CodeFingerprint[..12]}, revision {ChurnPipeline.Lineage.SourceRevision})");
            return 0;
        }
        catch (ModelVersionExistsException ex)
        {
            RecordFailure(run, events, ex);
            Console.Error.WriteLine($"error: {ex.Message}");
            Console.Error.WriteLine($"Version {ChurnPipeline.Lineage.Version} is already trained. Bump [TrainingPipeline(Version = ...)] or pass --new-run to write a run-specific model.");
            return 2;
        }
        catch (Exception ex)
        {
            RecordFailure(run, events, ex);
            Console.Error.WriteLine($"error: training failed: {ex.Message}");
            if (modelPath is not null && ModelArtifact.Exists(modelPath))
                Console.Error.WriteLine($"The model {modelPath} was saved; its lineage record {LineageRecord.SidecarPathFor(modelPath)} says how far the run got.");
            return 1;
        }
    }

    /// <summary>
    /// Records the failure in the run and as a FAIL event. The error that stopped the run is the one to report: a
    /// FAIL event that cannot be written (e.g. lineage/ is not writable, the reason the run failed) is only a warning.
    /// </summary>
    private static void RecordFailure(LineageRecord? run, IOpenLineageTransport? events, Exception error)
    {
        if (run is null || events is null)
            return;

        try
        {
            events.Emit(run.FailEvent(error));
        }
        catch (Exception ex)
        {
            Console.Error.WriteLine($"warning: the FAIL event could not be recorded: {ex.Message}");
        }
    }
}
