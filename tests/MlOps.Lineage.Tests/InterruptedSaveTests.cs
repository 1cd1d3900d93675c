using System;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Text;
using MlOps.Lineage.Tests.Infrastructure;

namespace MlOps.Lineage.Tests;

/// <summary>
/// A save killed with SIGKILL (kill -9, the OOM killer) cannot clean up after itself: the next save of the same target
/// removes the hidden temporaries it left, and never those of a save that is still running in another process.
/// The saving process is real: tests/MlOps.Lineage.SaveProcess, started here and killed mid-save.
/// </summary>
public sealed class InterruptedSaveTests : IDisposable
{
    private static readonly string SaveProcessDll = typeof(InterruptedSaveTests).Assembly
        .GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "SaveProcess").Value!;

    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    /// <summary>Starts a process that saves <paramref name="modelPath"/> and waits until it is inside the save; returns it and its temporary file.</summary>
    private static (Process Process, string TemporaryPath) StartSaving(string modelPath, string mode)
    {
        Assert.True(File.Exists(SaveProcessDll), "the save process is not built: " + SaveProcessDll);
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(SaveProcessDll);
        start.ArgumentList.Add(modelPath);
        start.ArgumentList.Add(mode);
        var process = Process.Start(start)!;
        var line = process.StandardOutput.ReadLine();
        if (line is null || !line.StartsWith("SAVING ", StringComparison.Ordinal))
        {
            process.WaitForExit();
            throw new InvalidOperationException($"the save process did not start saving (exit {process.ExitCode}): {line}\n{process.StandardError.ReadToEnd()}");
        }

        return (process, line.Substring("SAVING ".Length));
    }

    private static void KillHard(Process process)
    {
        process.Kill(); // SIGKILL on Unix: no finally block, no finalizer, no cleanup runs in the killed process
        process.WaitForExit();
        process.Dispose();
    }

    private static void WriteModel(Stream stream) => stream.Write(Encoding.UTF8.GetBytes("the model"));

    [Theory]
    [InlineData("stream")]
    [InlineData("path")]
    public void The_next_save_of_the_target_removes_what_a_killed_save_left(string mode)
    {
        var modelPath = _temp.Combine("models", "churn-1.0.0.zip");
        var (process, temporary) = StartSaving(modelPath, mode);
        KillHard(process);
        Assert.True(File.Exists(temporary), "the killed save left no temporary file, so this test proves nothing");
        Assert.True(new FileInfo(temporary).Length >= 8 << 20);
        Assert.False(File.Exists(modelPath));

        ModelArtifact.Save(modelPath, WriteModel);

        Assert.Equal("the model", File.ReadAllText(modelPath));
        Assert.Equal(["models/churn-1.0.0.zip"], _temp.AllFiles());
    }

    [Fact]
    public void A_refused_save_still_removes_what_a_killed_save_left()
    {
        var modelPath = _temp.Combine("churn-1.0.0.zip");
        var (process, temporary) = StartSaving(modelPath, "stream");
        KillHard(process);
        File.WriteAllText(modelPath, "an existing version");

        Assert.Throws<ModelVersionExistsException>(() => ModelArtifact.Save(modelPath, WriteModel));

        Assert.False(File.Exists(temporary));
        Assert.Equal(["churn-1.0.0.zip"], _temp.AllFiles());
    }

    [Fact]
    public void A_save_still_running_in_another_process_keeps_its_temporary_file()
    {
        var modelPath = _temp.Combine("churn-1.0.0.zip");
        var (process, temporary) = StartSaving(modelPath, "stream");
        try
        {
            ModelArtifact.Save(modelPath, WriteModel);

            Assert.True(File.Exists(temporary), "a live save's temporary file was deleted");
            Assert.Equal("the model", File.ReadAllText(modelPath));
        }
        finally
        {
            KillHard(process);
        }
    }

    [Fact]
    public void Temporaries_of_other_targets_in_the_folder_are_left_alone()
    {
        var modelPath = _temp.Combine("churn-1.0.0.zip");
        var (process, otherTemporary) = StartSaving(_temp.Combine("churn-1.0.0.zip.bak"), "stream");
        KillHard(process);

        ModelArtifact.Save(modelPath, WriteModel);

        Assert.True(File.Exists(otherTemporary), "the temporary file of another target was removed");
    }

    /// <summary>The files a recorded save killed between its two renames leaves: the model in place, its record staged under a hidden name.</summary>
    private (LineageRecord Run, string ModelPath, string Staged) KilledBetweenModelAndRecord()
    {
        var output = new ModelOutputDeclaration("churn", _temp.Combine("churn-{version}.zip"));
        var run = TestPipelines.Create([], [output]).Capture();
        var modelPath = run.ModelPath(output);
        ModelArtifact.Save(modelPath, WriteModel, run);
        var staged = _temp.Combine(".churn-1.2.0.zip." + Guid.NewGuid().ToString("N") + ".lineage.json.tmp");
        File.Move(LineageRecord.SidecarPathFor(modelPath), staged);
        return (run, modelPath, staged);
    }

    [Fact]
    public void The_next_save_puts_a_staged_record_beside_the_model_it_describes()
    {
        var (run, modelPath, staged) = KilledBetweenModelAndRecord();

        Assert.Throws<ModelVersionExistsException>(() => ModelArtifact.Save(modelPath, WriteModel));

        Assert.Equal(run.RunId, LineageRecord.ReadSidecar(LineageRecord.SidecarPathFor(modelPath)).RunId);
        Assert.False(File.Exists(staged));
        Assert.Equal(["churn-1.2.0.zip", "churn-1.2.0.zip.lineage.json"], _temp.AllFiles());
    }

    [Fact]
    public void A_staged_record_of_other_bytes_is_removed_not_put_beside_the_model()
    {
        var (_, modelPath, staged) = KilledBetweenModelAndRecord();
        File.WriteAllText(modelPath, "another model now");

        Assert.Throws<ModelVersionExistsException>(() => ModelArtifact.Save(modelPath, WriteModel));

        Assert.False(File.Exists(staged));
        Assert.Equal(["churn-1.2.0.zip"], _temp.AllFiles());
    }
}
