using System;
using System.IO;
using System.IO.Compression;
using System.Linq;
using System.Threading;
using Microsoft.ML;
using MlOps.Lineage.Tests.Infrastructure;

namespace MlOps.Lineage.Tests;

/// <summary>
/// ML.NET writes each model zip with the time of the save, so a retrain of the same model never has the same file
/// digest: the record carries a content digest (entry names and bytes) beside it, equal for the same model.
/// </summary>
public sealed class ModelContentDigestTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    private static (MLContext Ml, ITransformer Model, DataViewSchema Schema) TrainSmallModel()
    {
        var ml = new MLContext(seed: 7);
        var rows = Enumerable.Range(0, 60).Select(i => new Row { A = i % 7, B = (i * 3) % 11, Label = i % 7 > 3 }).ToArray();
        var data = ml.Data.LoadFromEnumerable(rows);
        var model = ml.Transforms.Concatenate("Features", nameof(Row.A), nameof(Row.B))
            .Append(ml.Transforms.NormalizeMinMax("Features"))
            .Append(ml.BinaryClassification.Trainers.SdcaLogisticRegression(labelColumnName: nameof(Row.Label), maximumNumberOfIterations: 5))
            .Fit(data);
        return (ml, model, data.Schema);
    }

    [Fact]
    public void Two_MLNET_saves_of_the_same_model_differ_as_files_and_match_in_content()
    {
        var (ml, model, schema) = TrainSmallModel();
        var output = new ModelOutputDeclaration("churn", _temp.Combine("churn-{version}-{runId}.zip"));
        var first = TestPipelines.Create([], [output]).Capture();
        var firstPath = first.ModelPath(output);
        ModelArtifact.Save(firstPath, stream => ml.Model.Save(model, schema, stream), first);
        Thread.Sleep(2100); // zip timestamps have a 2-second resolution: the second save must fall in another slot
        var second = TestPipelines.Create([], [output]).Capture();
        var secondPath = second.ModelPath(output);
        ModelArtifact.Save(secondPath, stream => ml.Model.Save(model, schema, stream), second);

        var (a, b) = (first.Models.Single(), second.Models.Single());
        Assert.NotEqual(a.Sha256, b.Sha256);
        Assert.NotNull(a.ContentSha256);
        Assert.Equal(a.ContentSha256, b.ContentSha256);

        var read = LineageRecord.ReadSidecar(LineageRecord.SidecarPathFor(secondPath)).Models.Single();
        Assert.Equal(b.ContentSha256, read.ContentSha256);
        Assert.Equal(b.Sha256, read.Sha256);
    }

    [Fact]
    public void A_different_model_has_a_different_content_digest()
    {
        var (ml, model, schema) = TrainSmallModel();
        var other = ml.Transforms.Concatenate("Features", nameof(Row.A)).Fit(ml.Data.LoadFromEnumerable([new Row()]));
        var first = _temp.Combine("a.zip");
        var second = _temp.Combine("b.zip");
        ModelArtifact.Save(first, stream => ml.Model.Save(model, schema, stream));
        ModelArtifact.Save(second, stream => ml.Model.Save(other, schema, stream));

        Assert.NotEqual(ModelArtifact.ComputeContentSha256(first), ModelArtifact.ComputeContentSha256(second));
    }

    [Fact]
    public void The_content_digest_is_the_directory_digest_of_the_extracted_archive()
    {
        var (ml, model, schema) = TrainSmallModel();
        var path = _temp.Combine("model.zip");
        ModelArtifact.Save(path, stream => ml.Model.Save(model, schema, stream));
        var extracted = _temp.Combine("extracted");
        ZipFile.ExtractToDirectory(path, extracted);

        Assert.Equal(DatasetHasher.ComputeSha256(extracted), ModelArtifact.ComputeContentSha256(path));
    }

    [Fact]
    public void Entry_order_compression_and_timestamps_do_not_change_it_and_an_entry_byte_does()
    {
        string Zip(string name, (string Entry, string Text)[] entries, CompressionLevel level, DateTimeOffset time)
        {
            var path = _temp.Combine(name);
            using var archive = ZipFile.Open(path, ZipArchiveMode.Create);
            foreach (var (entry, text) in entries)
            {
                var zipEntry = archive.CreateEntry(entry, level);
                zipEntry.LastWriteTime = time;
                using var writer = new StreamWriter(zipEntry.Open());
                writer.Write(text);
            }

            return path;
        }

        var one = Zip("one.zip", [("Model/Key", "w=1"), ("Schema", "a:float")], CompressionLevel.Optimal, new DateTimeOffset(2020, 1, 1, 0, 0, 0, TimeSpan.Zero));
        var reordered = Zip("two.zip", [("Schema", "a:float"), ("Model/Key", "w=1")], CompressionLevel.NoCompression, new DateTimeOffset(2024, 6, 1, 0, 0, 0, TimeSpan.Zero));
        var changed = Zip("three.zip", [("Model/Key", "w=2"), ("Schema", "a:float")], CompressionLevel.Optimal, new DateTimeOffset(2020, 1, 1, 0, 0, 0, TimeSpan.Zero));

        Assert.NotEqual(DatasetHasher.ComputeSha256(one), DatasetHasher.ComputeSha256(reordered));
        Assert.Equal(ModelArtifact.ComputeContentSha256(one), ModelArtifact.ComputeContentSha256(reordered));
        Assert.NotEqual(ModelArtifact.ComputeContentSha256(one), ModelArtifact.ComputeContentSha256(changed));
    }

    [Fact]
    public void A_file_that_is_not_a_zip_archive_has_no_content_digest()
    {
        var weights = _temp.WriteFile("net.bin", "torch weights");
        var broken = _temp.WriteFile("broken.zip", "PK\u0003\u0004 and then nothing a zip reader accepts");

        Assert.Null(ModelArtifact.ComputeContentSha256(weights));
        Assert.Null(ModelArtifact.ComputeContentSha256(broken));

        var output = new ModelOutputDeclaration("net", _temp.Combine("net-{version}.bin"));
        var run = TestPipelines.Create([], [output]).Capture();
        ModelArtifact.SaveUsingPath(run.ModelPath(output), temporary => File.WriteAllText(temporary, "weights"), run);
        Assert.Null(run.Models.Single().ContentSha256);
    }

    private sealed class Row
    {
        public float A { get; set; }

        public float B { get; set; }

        public bool Label { get; set; }
    }
}
