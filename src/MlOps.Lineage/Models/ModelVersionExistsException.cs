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
        // Training programs print this to people who run them, who cannot pass an argument to a method: the message
        // names the remedies in the pipeline's terms; the API documentation describes `overwrite`.
        : base($"A model already exists at '{path}', and model versions are immutable, so it was not replaced. " +
               "Train a new version (bump the pipeline version, or put {runId} in the [ModelOutput] path template).")
    {
        Path = path;
    }

    /// <summary>The full path of the existing artifact.</summary>
    public string Path { get; }
}
