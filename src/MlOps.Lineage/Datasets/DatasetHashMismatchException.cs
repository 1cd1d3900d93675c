namespace MlOps.Lineage;

/// <summary>
/// A dataset's content differs from the SHA-256 pinned in its <see cref="DatasetInputAttribute.Sha256"/>: the run
/// would train on other data than the pipeline declares. The message names the dataset, the path and both digests.
/// </summary>
public sealed class DatasetHashMismatchException : LineageException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="datasetName">The dataset's declared name.</param>
    /// <param name="path">The full path that was hashed.</param>
    /// <param name="expectedSha256">The declared digest.</param>
    /// <param name="actualSha256">The digest of the content on disk.</param>
    public DatasetHashMismatchException(string datasetName, string path, string expectedSha256, string actualSha256)
        : base($"Dataset '{datasetName}' at '{path}' does not match its declared SHA-256: expected {expectedSha256}, actual {actualSha256}. " +
               "Restore the declared data, or update Sha256 in its [DatasetInput] if the change is intended.")
    {
        DatasetName = datasetName;
        Path = path;
        ExpectedSha256 = expectedSha256;
        ActualSha256 = actualSha256;
    }

    /// <summary>The dataset's declared name.</summary>
    public string DatasetName { get; }

    /// <summary>The full path that was hashed.</summary>
    public string Path { get; }

    /// <summary>The declared digest.</summary>
    public string ExpectedSha256 { get; }

    /// <summary>The digest of the content on disk (lower-case hex).</summary>
    public string ActualSha256 { get; }
}
