using System;
using System.IO;
using System.Text;
using Microsoft.ML;
using MlOps.Lineage.Tests.Infrastructure;

namespace MlOps.Lineage.Tests;

public sealed class ModelArtifactTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    private static Action<Stream> Writes(string content) => stream =>
    {
        var bytes = Encoding.UTF8.GetBytes(content);
        stream.Write(bytes, 0, bytes.Length);
    };

    [Fact]
    public void Save_writes_the_model_creating_its_directory_and_leaves_no_temporary_file()
    {
        var path = _temp.Combine("models", "v1", "churn-1.0.0.zip");

        ModelArtifact.Save(path, Writes("model v1"));

        Assert.Equal("model v1", File.ReadAllText(path));
        Assert.Equal(["models/v1/churn-1.0.0.zip"], _temp.AllFiles());
    }

    [Fact]
    public void Saving_an_existing_version_fails_naming_the_path_and_keeps_the_old_bytes()
    {
        var path = _temp.Combine("churn-1.0.0.zip");
        ModelArtifact.Save(path, Writes("original"));
        var original = File.ReadAllBytes(path);
        var writerCalled = false;

        var error = Assert.Throws<ModelVersionExistsException>(() => ModelArtifact.Save(path, stream =>
        {
            writerCalled = true;
            Writes("replacement")(stream);
        }));

        Assert.Equal(path, error.Path);
        Assert.Contains(path, error.Message, StringComparison.Ordinal);
        // The message reaches command-line users of training programs, who cannot pass an argument to a method.
        Assert.DoesNotContain("overwrite", error.Message, StringComparison.OrdinalIgnoreCase);
        Assert.False(writerCalled, "The model should not be serialized when the version already exists.");
        Assert.Equal(original, File.ReadAllBytes(path));
        Assert.Equal(["churn-1.0.0.zip"], _temp.AllFiles());
        Assert.True(ModelArtifact.Exists(path));
    }

    [Fact]
    public void A_version_that_appears_while_saving_is_not_overwritten()
    {
        // Another process writes the same version after the up-front check: the final rename must still refuse.
        var path = _temp.Combine("churn-1.0.0.zip");

        var error = Assert.Throws<ModelVersionExistsException>(() => ModelArtifact.SaveUsingPath(path, temporaryPath =>
        {
            File.WriteAllText(path, "the other writer");
            File.WriteAllText(temporaryPath, "ours");
        }));

        Assert.Equal(path, error.Path);
        Assert.Equal("the other writer", File.ReadAllText(path));
        Assert.Equal(["churn-1.0.0.zip"], _temp.AllFiles());
    }

    [Fact]
    public void Overwrite_true_replaces_an_existing_version_atomically()
    {
        var path = _temp.Combine("churn-1.0.0.zip");
        ModelArtifact.Save(path, Writes("original"));

        ModelArtifact.Save(path, Writes("replacement"), overwrite: true);

        Assert.Equal("replacement", File.ReadAllText(path));
        Assert.Equal(["churn-1.0.0.zip"], _temp.AllFiles());
    }

    [Fact]
    public void Overwrite_true_also_writes_a_new_version()
    {
        var path = _temp.Combine("churn-2.0.0.zip");

        ModelArtifact.Save(path, Writes("new"), overwrite: true);

        Assert.Equal("new", File.ReadAllText(path));
        Assert.Equal(["churn-2.0.0.zip"], _temp.AllFiles());
    }

    [Fact]
    public void A_writer_that_throws_leaves_neither_a_model_nor_a_temporary_file()
    {
        var path = _temp.Combine("churn-1.0.0.zip");

        var error = Assert.Throws<InvalidOperationException>(() => ModelArtifact.Save(path, stream =>
        {
            Writes("half a mod")(stream);
            throw new InvalidOperationException("crash while serializing");
        }));

        Assert.Equal("crash while serializing", error.Message);
        Assert.False(File.Exists(path));
        Assert.Empty(_temp.AllFiles());
    }

    [Fact]
    public void A_writer_that_throws_does_not_touch_the_version_being_replaced()
    {
        var path = _temp.Combine("churn-1.0.0.zip");
        ModelArtifact.Save(path, Writes("original"));

        Assert.Throws<IOException>(() => ModelArtifact.Save(path, _ => throw new IOException("disk full"), overwrite: true));

        Assert.Equal("original", File.ReadAllText(path));
        Assert.Equal(["churn-1.0.0.zip"], _temp.AllFiles());
    }

    [Fact]
    public void An_IO_error_while_writing_names_the_model_not_the_hidden_temporary_file()
    {
        var path = _temp.Combine("churn-1.0.0.zip");

        // What FileStream throws on a full disk (ENOSPC): the message names the file being written, the temporary one.
        var error = Assert.Throws<IOException>(() => ModelArtifact.Save(path, stream =>
            throw new IOException($"No space left on device : '{((FileStream)stream).Name}'")));

        Assert.Contains(path, error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(".tmp", error.Message, StringComparison.Ordinal);
        Assert.Contains("No space left on device", error.Message, StringComparison.Ordinal);
        Assert.Empty(_temp.AllFiles());
    }

    [Fact]
    public void A_model_whose_name_leaves_no_room_for_a_temporary_name_still_saves()
    {
        var path = _temp.Combine(new string('m', 240) + ".zip");

        ModelArtifact.Save(path, Writes("long"));

        Assert.Equal("long", File.ReadAllText(path));
        Assert.Equal([Path.GetFileName(path)], _temp.AllFiles());
    }

    [Fact]
    public void A_writer_may_dispose_the_stream()
    {
        var path = _temp.Combine("m.bin");

        ModelArtifact.Save(path, stream =>
        {
            Writes("disposed")(stream);
            stream.Dispose();
        });

        Assert.Equal("disposed", File.ReadAllText(path));
    }

    [Fact]
    public void SaveUsingPath_renames_the_file_the_library_wrote()
    {
        var path = _temp.Combine("torch", "net-1.0.0.bin");
        string? given = null;

        ModelArtifact.SaveUsingPath(path, temporaryPath =>
        {
            given = temporaryPath;
            File.WriteAllText(temporaryPath, "weights");
        });

        Assert.Equal("weights", File.ReadAllText(path));
        Assert.Equal(Path.GetDirectoryName(path), Path.GetDirectoryName(given));
        Assert.NotEqual(path, given);
        Assert.Equal(["torch/net-1.0.0.bin"], _temp.AllFiles());
    }

    [Fact]
    public void SaveUsingPath_fails_clearly_when_nothing_was_written()
    {
        var path = _temp.Combine("net.bin");

        var error = Assert.Throws<IOException>(() => ModelArtifact.SaveUsingPath(path, _ => { }));

        Assert.Contains(path, error.Message, StringComparison.Ordinal);
        Assert.Empty(_temp.AllFiles());
    }

    [Fact]
    public void A_real_MLNET_model_saves_through_the_stream_and_loads_back()
    {
        var ml = new MLContext(seed: 1);
        var data = ml.Data.LoadFromEnumerable([new Row { A = 1, B = 2 }, new Row { A = 3, B = 4 }]);
        var model = ml.Transforms.Concatenate("Features", nameof(Row.A), nameof(Row.B)).Fit(data);
        var path = _temp.Combine("models", "concat-1.0.0.zip");

        ModelArtifact.Save(path, stream => ml.Model.Save(model, data.Schema, stream));

        var loaded = ml.Model.Load(path, out var schema);
        Assert.NotNull(loaded);
        Assert.NotNull(schema.GetColumnOrNull(nameof(Row.A)));
        Assert.Equal(["models/concat-1.0.0.zip"], _temp.AllFiles());
        Assert.Throws<ModelVersionExistsException>(() => ModelArtifact.Save(path, stream => ml.Model.Save(model, data.Schema, stream)));
    }

    private sealed class Row
    {
        public float A { get; set; }

        public float B { get; set; }
    }
}
