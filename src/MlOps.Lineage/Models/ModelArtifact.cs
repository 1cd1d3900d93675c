using System;
using System.IO;
using MlOps.Lineage.Internal;

namespace MlOps.Lineage;

/// <summary>
/// Saves versioned model artifacts safely: the file is written atomically (a temporary file in the same directory,
/// flushed, then renamed), so a crash never leaves a half-written model, and an existing version is never replaced
/// unless the caller says so.
/// </summary>
/// <example>
/// <code>
/// var modelPath = run.ModelPath(ChurnTraining.Lineage.Models.Churn);
/// ModelArtifact.Save(modelPath, stream => mlContext.Model.Save(model, data.Schema, stream));
/// </code>
/// </example>
public static class ModelArtifact
{
    /// <summary>Writes the artifact at <paramref name="path"/> through a stream (ML.NET's <c>Model.Save(model, schema, stream)</c>).</summary>
    /// <param name="path">The artifact's path, usually from <see cref="LineageRecord.ModelPath(ModelOutputDeclaration)"/>.</param>
    /// <param name="write">Writes the model to the stream; it may dispose the stream.</param>
    /// <param name="overwrite">True to replace an existing artifact deliberately; by default an existing one is an error.</param>
    /// <exception cref="ModelVersionExistsException">A file exists at <paramref name="path"/> and <paramref name="overwrite"/> is false; it is left untouched.</exception>
    public static void Save(string path, Action<Stream> write, bool overwrite = false)
    {
        Guard.NotNull(write);

        AtomicFile.Write(path, write, overwrite, existing => new ModelVersionExistsException(existing));
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
    public static void SaveUsingPath(string path, Action<string> writeFile, bool overwrite = false)
    {
        Guard.NotNull(writeFile);

        AtomicFile.WriteUsingPath(path, writeFile, overwrite, existing => new ModelVersionExistsException(existing));
    }

    /// <summary>True when an artifact already exists at <paramref name="path"/> (so a save without overwrite would fail).</summary>
    public static bool Exists(string path) => File.Exists(path);
}
