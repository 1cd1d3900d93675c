namespace MlOps.Lineage;

/// <summary>
/// A model artifact already exists at the path a save would write: versions are immutable, so the save was refused
/// and the existing file is untouched.
/// </summary>
public sealed class ModelVersionExistsException : LineageException
{
    /// <summary>Creates the exception for the artifact at <paramref name="path"/>.</summary>
    /// <param name="path">The full path of the existing artifact.</param>
    public ModelVersionExistsException(string path)
        : base($"A model already exists at '{path}', and model versions are immutable, so it was not overwritten. " +
               "Bump the pipeline version (or put {runId} in the [ModelOutput] path template), " +
               "or pass overwrite: true to replace this version deliberately.")
    {
        Path = path;
    }

    /// <summary>The full path of the existing artifact.</summary>
    public string Path { get; }
}
