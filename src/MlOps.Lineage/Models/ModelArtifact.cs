using System;
using System.IO;
using MlOps.Lineage.Internal;

namespace MlOps.Lineage;

/// <summary>
/// Saves versioned model artifacts safely: the file is written atomically (a temporary file in the same directory,
/// flushed, then renamed), so a crash never leaves a half-written model, and an existing version is never replaced
/// unless the caller says so. Given the run, the model's lineage record is written before the model appears, so a
/// model never exists without it.
/// </summary>
/// <example>
/// <code>
/// var modelPath = run.ModelPath(ChurnTraining.Lineage.Models.Churn);
/// ModelArtifact.Save(modelPath, stream => mlContext.Model.Save(model, data.Schema, stream), run);
/// run.Complete(metrics);
/// run.WriteSidecar(modelPath);
/// </code>
/// </example>
public static class ModelArtifact
{
    /// <summary>Writes the artifact at <paramref name="path"/> through a stream (ML.NET's <c>Model.Save(model, schema, stream)</c>).</summary>
    /// <param name="path">The artifact's path, usually from <see cref="LineageRecord.ModelPath(ModelOutputDeclaration)"/>.</param>
    /// <param name="write">Writes the model to the stream; it may dispose the stream.</param>
    /// <param name="overwrite">True to replace an existing artifact deliberately; by default an existing one is an error.</param>
    /// <exception cref="ModelVersionExistsException">A file exists at <paramref name="path"/> and <paramref name="overwrite"/> is false; it is left untouched.</exception>
    /// <exception cref="IOException">The artifact could not be written; the message names <paramref name="path"/>.</exception>
    public static void Save(string path, Action<Stream> write, bool overwrite = false)
    {
        Guard.NotNull(write);

        AtomicFile.Write(path, write, overwrite, Refusal, recovers: LineageRecord.DescribesModel);
    }

    /// <summary>
    /// Writes the artifact at <paramref name="path"/> through a stream and records it in <paramref name="run"/>: its
    /// digests go into the run, and the run's sidecar (<c>&lt;path&gt;.lineage.json</c>) is written before the model is
    /// renamed into place. When the sidecar cannot be written, or a dataset changed since the run hashed it, no model
    /// appears. Call <see cref="LineageRecord.Complete"/> and <see cref="LineageRecord.WriteSidecar"/> afterwards to record
    /// the end of the run.
    /// </summary>
    /// <param name="path">The artifact's path, usually from <see cref="LineageRecord.ModelPath(ModelOutputDeclaration)"/>.</param>
    /// <param name="write">Writes the model to the stream; it may dispose the stream.</param>
    /// <param name="run">The run that trained the model.</param>
    /// <param name="overwrite">True to replace an existing artifact deliberately; by default an existing one is an error.</param>
    /// <exception cref="ModelVersionExistsException">A file exists at <paramref name="path"/> and <paramref name="overwrite"/> is false; it is left untouched.</exception>
    /// <exception cref="DatasetChangedException">A dataset's content changed since the run hashed it; nothing was saved.</exception>
    /// <exception cref="IOException">The artifact or its sidecar could not be written; nothing was saved.</exception>
    public static void Save(string path, Action<Stream> write, LineageRecord run, bool overwrite = false)
    {
        Guard.NotNull(write);
        Guard.NotNull(run);

        AtomicFile.Write(path, write, overwrite, Refusal, run.SidecarCompanion(path), LineageRecord.DescribesModel);
    }

    /// <summary>
    /// Writes the artifact at <paramref name="path"/> through a library call that only takes a file path (TorchSharp's
    /// <c>module.save(path)</c>): <paramref name="writeFile"/> receives a temporary path in the same directory, and
    /// the file it writes there is renamed to <paramref name="path"/>.
    /// </summary>
    /// <param name="path">The artifact's path, usually from <see cref="LineageRecord.ModelPath(ModelOutputDeclaration)"/>.</param>
    /// <param name="writeFile">Writes the model to the temporary path it is given.</param>
    /// <param name="overwrite">True to replace an existing artifact deliberately; by default an existing one is an error.</param>
    /// <exception cref="ModelVersionExistsException">A file exists at <paramref name="path"/> and <paramref name="overwrite"/> is false; it is left untouched.</exception>
    /// <exception cref="IOException">The artifact could not be written; the message names <paramref name="path"/>.</exception>
    public static void SaveUsingPath(string path, Action<string> writeFile, bool overwrite = false)
    {
        Guard.NotNull(writeFile);

        AtomicFile.WriteUsingPath(path, writeFile, overwrite, Refusal, recovers: LineageRecord.DescribesModel);
    }

    /// <summary>
    /// Like <see cref="SaveUsingPath(string, Action{string}, bool)"/>, recording the artifact in <paramref name="run"/>
    /// the way <see cref="Save(string, Action{Stream}, LineageRecord, bool)"/> does: the sidecar is in place before the model.
    /// </summary>
    /// <exception cref="ModelVersionExistsException">A file exists at <paramref name="path"/> and <paramref name="overwrite"/> is false; it is left untouched.</exception>
    /// <exception cref="DatasetChangedException">A dataset's content changed since the run hashed it; nothing was saved.</exception>
    /// <exception cref="IOException">The artifact or its sidecar could not be written; nothing was saved.</exception>
    public static void SaveUsingPath(string path, Action<string> writeFile, LineageRecord run, bool overwrite = false)
    {
        Guard.NotNull(writeFile);
        Guard.NotNull(run);

        AtomicFile.WriteUsingPath(path, writeFile, overwrite, Refusal, run.SidecarCompanion(path), LineageRecord.DescribesModel);
    }

    /// <summary>
    /// The content digest of the zip archive at <paramref name="path"/> (every ML.NET model is one): the SHA-256 of the
    /// manifest <c>"&lt;sha256 of entry&gt;  &lt;entry name&gt;\n"</c> over its file entries, sorted ordinally. It ignores
    /// what differs between two saves of the same model (entry timestamps, compression, entry order), and equals the
    /// <see cref="DatasetHasher"/> digest of the extracted archive.
    /// </summary>
    /// <returns>The digest (64 lower-case hex digits), or <see langword="null"/> when the file is not a readable zip archive.</returns>
    /// <exception cref="FileNotFoundException">No file exists at <paramref name="path"/>.</exception>
    public static string? ComputeContentSha256(string path)
    {
        Guard.NotNull(path);

        return ArchiveContentHasher.ContentSha256(Path.GetFullPath(path));
    }

    /// <summary>True when an artifact already exists at <paramref name="path"/> (so a save without overwrite would fail).</summary>
    public static bool Exists(string path) => File.Exists(path);

    private static Exception Refusal(string existing) => new ModelVersionExistsException(existing);
}
