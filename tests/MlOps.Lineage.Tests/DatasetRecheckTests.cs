using System;
using System.IO;
using System.Text;
using MlOps.Lineage.Tests.Infrastructure;

namespace MlOps.Lineage.Tests;

/// <summary>
/// ML.NET reads data lazily, during Fit, long after <c>run.DatasetPath</c> handed the path out: the datasets are hashed
/// again when the run records its model and when it completes, and a change is refused (the run does not complete, a
/// recorded save leaves no model), with a message naming the dataset and both digests.
/// </summary>
public sealed class DatasetRecheckTests : IDisposable
{
    private readonly TempDirectory _temp = new();
    private readonly DatasetDeclaration _train = new("train", "train.csv");
    private readonly ModelOutputDeclaration _output;

    public DatasetRecheckTests() => _output = new ModelOutputDeclaration("churn", _temp.Combine("models", "churn-{version}.zip"));

    public void Dispose() => _temp.Dispose();

    private LineageRecord Capture() => TestPipelines.Create([_train], [_output]).Capture(_temp.Path);

    /// <summary>Rewrites the file with other bytes of the same length and restores its last-write time: what the cheap check cannot see.</summary>
    private static void ChangeContentKeepingSizeAndTime(string path, string content)
    {
        var written = File.GetLastWriteTimeUtc(path);
        Assert.Equal(new FileInfo(path).Length, Encoding.UTF8.GetByteCount(content));
        File.WriteAllText(path, content);
        File.SetLastWriteTimeUtc(path, written);
    }

    [Fact]
    public void Complete_refuses_data_that_changed_after_DatasetPath_handed_it_out()
    {
        var path = _temp.WriteFile("train.csv", "a,b\n1,0\n");
        var run = Capture();
        var before = run.Fingerprint(_train).Sha256;
        Assert.Equal(path, run.DatasetPath(_train));

        ChangeContentKeepingSizeAndTime(path, "a,b\n9,1\n");
        Assert.Equal(path, run.DatasetPath(_train)); // size and time alone do not show the change

        var error = Assert.Throws<DatasetChangedException>(() => run.Complete());
        Assert.Equal("train", error.DatasetName);
        Assert.Equal(path, error.Path);
        Assert.Equal(before, error.CapturedSha256);
        Assert.Equal(DatasetHasher.ComputeSha256(path), error.CurrentSha256);
        Assert.Contains(before, error.Message, StringComparison.Ordinal);
        Assert.Contains(error.CurrentSha256!, error.Message, StringComparison.Ordinal);
        Assert.Equal(RunStatus.Running, run.Status);

        run.Fail(error);
        Assert.Equal(RunStatus.Failed, run.Status);
    }

    [Fact]
    public void A_recorded_save_refuses_changed_data_and_leaves_no_model()
    {
        var path = _temp.WriteFile("train.csv", "a,b\n1,0\n");
        var run = Capture();
        var modelPath = run.ModelPath(_output);
        ChangeContentKeepingSizeAndTime(path, "a,b\n1,1\n");

        Assert.Throws<DatasetChangedException>(() => ModelArtifact.Save(modelPath, stream => stream.WriteByte(1), run));

        Assert.Equal(["train.csv"], _temp.AllFiles());
    }

    [Fact]
    public void A_dataset_deleted_during_training_is_refused_at_Complete()
    {
        var path = _temp.WriteFile("train.csv", "a,b\n1,0\n");
        var run = Capture();
        File.Delete(path);

        var error = Assert.Throws<DatasetChangedException>(() => run.Complete());

        Assert.Null(error.CurrentSha256);
        Assert.Contains(path, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Unchanged_data_completes_and_a_second_Complete_does_not_hash_again()
    {
        var path = _temp.WriteFile("train.csv", "a,b\n1,0\n");
        var run = Capture();

        run.Complete();
        File.Delete(path); // the run has ended: what happens to the data now is not part of it

        run.Complete(new System.Collections.Generic.Dictionary<string, double> { ["auc"] = 0.5 });
        Assert.Equal(RunStatus.Completed, run.Status);
        Assert.Equal(0.5, run.Metrics["auc"]);
    }

    [Fact]
    public void Touching_a_dataset_without_changing_it_is_not_a_change()
    {
        var path = _temp.WriteFile("data/images/a.png", "png");
        var images = new DatasetDeclaration("images", "data/images");
        var run = TestPipelines.Create([images], [_output]).Capture(_temp.Path);
        File.SetLastWriteTimeUtc(path, DateTime.UtcNow.AddHours(1));

        run.Complete();

        Assert.Equal(RunStatus.Completed, run.Status);
    }
}
