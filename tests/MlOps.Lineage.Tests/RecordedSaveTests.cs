using System;
using System.IO;
using System.Linq;
using System.Text;
using MlOps.Lineage.Tests.Infrastructure;

namespace MlOps.Lineage.Tests;

/// <summary>
/// <c>ModelArtifact.Save(path, write, run)</c>: the model's lineage record is in place before the model is, so a model
/// never exists without its record; a failure while recording leaves nothing, and the error that reaches the caller is
/// the real one.
/// </summary>
public sealed class RecordedSaveTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    private (LineageRecord Run, string ModelPath) Run()
    {
        var output = new ModelOutputDeclaration("churn", _temp.Combine("models", "churn-{version}.zip"));
        var run = TestPipelines.Create([], [output]).Capture();
        return (run, run.ModelPath(output));
    }

    private static void WriteModel(Stream stream) => stream.Write(Encoding.UTF8.GetBytes("model bytes"));

    [Fact]
    public void Save_with_the_run_writes_the_model_and_its_record_together()
    {
        var (run, modelPath) = Run();

        ModelArtifact.Save(modelPath, WriteModel, run);

        var record = LineageRecord.ReadSidecar(LineageRecord.SidecarPathFor(modelPath));
        Assert.Equal(run.RunId, record.RunId);
        Assert.Equal(RunStatus.Running, record.Status);
        Assert.Equal(DatasetHasher.ComputeSha256(modelPath), Assert.Single(record.Models).Sha256);
        Assert.Equal(["models/churn-1.2.0.zip", "models/churn-1.2.0.zip.lineage.json"], _temp.AllFiles());
    }

    [Fact]
    public void Complete_then_WriteSidecar_records_the_end_of_a_recorded_save()
    {
        var (run, modelPath) = Run();
        ModelArtifact.Save(modelPath, WriteModel, run);

        run.Complete();
        run.WriteSidecar(modelPath);

        Assert.Equal(RunStatus.Completed, LineageRecord.ReadSidecar(LineageRecord.SidecarPathFor(modelPath)).Status);
        Assert.Equal(2, _temp.AllFiles().Length);
    }

    [Fact]
    public void When_the_record_cannot_be_written_no_model_appears_and_the_version_can_be_trained_again()
    {
        var (run, modelPath) = Run();
        var sidecar = LineageRecord.SidecarPathFor(modelPath);
        Directory.CreateDirectory(sidecar);

        var error = Assert.Throws<IOException>(() => ModelArtifact.Save(modelPath, WriteModel, run));

        Assert.Contains(sidecar, error.Message, StringComparison.Ordinal);
        Assert.False(File.Exists(modelPath), "a model without its lineage record was left behind");
        Assert.Empty(_temp.AllFiles());

        Directory.Delete(sidecar);
        ModelArtifact.Save(modelPath, WriteModel, run);
        Assert.True(File.Exists(modelPath));
        Assert.True(File.Exists(sidecar));
    }

    [Fact]
    public void When_the_record_cannot_be_put_in_place_after_the_model_the_model_is_taken_back()
    {
        var (run, modelPath) = Run();
        var sidecar = LineageRecord.SidecarPathFor(modelPath);

        // The directory appears after the up-front check, while the model is being written: the last rename fails.
        var error = Assert.Throws<IOException>(() => ModelArtifact.Save(modelPath, stream =>
        {
            Directory.CreateDirectory(sidecar);
            WriteModel(stream);
        }, run));

        Assert.Contains(modelPath, error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(".tmp", error.Message, StringComparison.Ordinal);
        Assert.False(File.Exists(modelPath), "a model was left without its lineage record");
        Assert.Empty(_temp.AllFiles());
    }

    [Fact]
    public void A_recorded_save_of_an_existing_version_is_refused_and_leaves_its_record_alone()
    {
        var (first, modelPath) = Run();
        ModelArtifact.Save(modelPath, WriteModel, first);
        var (second, _) = Run();

        Assert.Throws<ModelVersionExistsException>(() => ModelArtifact.Save(modelPath, WriteModel, second));

        Assert.Equal(first.RunId, LineageRecord.ReadSidecar(LineageRecord.SidecarPathFor(modelPath)).RunId);
    }

    [Fact]
    public void The_documented_catch_reports_the_real_error_when_recording_fails_after_Complete()
    {
        var (run, modelPath) = Run();
        ModelArtifact.Save(modelPath, WriteModel);
        Directory.CreateDirectory(LineageRecord.SidecarPathFor(modelPath));
        OpenLineageRunEvent? failEvent = null;

        var error = Assert.ThrowsAny<Exception>(() =>
        {
            try
            {
                run.Complete();
                run.WriteSidecar(modelPath);
            }
            catch (Exception ex)
            {
                failEvent = run.FailEvent(ex);
                throw;
            }
        });

        Assert.IsAssignableFrom<IOException>(error);
        Assert.Contains(LineageRecord.SidecarPathFor(modelPath), error.Message, StringComparison.Ordinal);
        Assert.NotNull(failEvent);
        Assert.Equal(RunStatus.Failed, run.Status);
        Assert.Equal(error.Message, run.FailureMessage);
    }

    [Fact]
    public void Fail_after_Complete_ends_the_run_failed_with_that_error()
    {
        var (run, _) = Run();
        run.Complete();

        run.Fail(new IOException("No space left on device"));

        Assert.Equal(RunStatus.Failed, run.Status);
        Assert.Equal("System.IO.IOException", run.FailureType);
        Assert.Equal("No space left on device", run.FailureMessage);
        Assert.Contains("\"FAIL\"", run.FailEvent().ToJson(), StringComparison.Ordinal);
    }

    [Fact]
    public void SaveUsingPath_with_the_run_records_the_file_the_library_wrote()
    {
        var (run, modelPath) = Run();

        ModelArtifact.SaveUsingPath(modelPath, temporary => File.WriteAllText(temporary, "weights"), run);

        var record = LineageRecord.ReadSidecar(LineageRecord.SidecarPathFor(modelPath));
        Assert.Equal(DatasetHasher.ComputeSha256(modelPath), Assert.Single(record.Models).Sha256);
        Assert.Equal(2, _temp.AllFiles().Length);
    }

    [Fact]
    public void A_recorded_save_of_a_path_the_run_did_not_hand_out_records_it_under_its_file_name()
    {
        var (run, _) = Run();
        var other = _temp.Combine("elsewhere", "extra.bin");

        ModelArtifact.Save(other, WriteModel, run);

        Assert.Contains(LineageRecord.ReadSidecar(LineageRecord.SidecarPathFor(other)).Models, m => m.Name == "extra.bin" && m.Sha256 is not null);
        Assert.Equal(2, run.Models.Count);
        Assert.Equal(2, _temp.AllFiles().Count(f => f.StartsWith("elsewhere/", StringComparison.Ordinal)));
    }
}
