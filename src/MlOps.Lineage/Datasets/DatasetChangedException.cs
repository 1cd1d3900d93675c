namespace MlOps.Lineage;

/// <summary>
/// A dataset's content changed after the run hashed it. ML.NET reads data lazily, while training, so the model may
/// have been trained on the new content while the record names the old: the run refuses to record it. The message
/// names the dataset, the path and both digests.
/// </summary>
public sealed class DatasetChangedException : LineageException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="datasetName">The dataset's declared name.</param>
    /// <param name="path">The full path that was hashed.</param>
    /// <param name="capturedSha256">The digest taken when the run was captured.</param>
    /// <param name="currentSha256">The digest of the content now, or <see langword="null"/> when it is gone or unreadable.</param>
    /// <param name="reason">What happened, e.g. "changed while the run was training".</param>
    public DatasetChangedException(string datasetName, string path, string capturedSha256, string? currentSha256, string reason)
        : base($"Dataset '{datasetName}' at '{path}' {reason}: sha256 {capturedSha256} when the run started, " +
               (currentSha256 is null ? "unreadable now" : currentSha256 + " now") +
               ". The model may have been trained on either content, so the run does not record it; train again in a new run.")
    {
        DatasetName = datasetName;
        Path = path;
        CapturedSha256 = capturedSha256;
        CurrentSha256 = currentSha256;
    }

    /// <summary>The dataset's declared name.</summary>
    public string DatasetName { get; }

    /// <summary>The full path of the dataset.</summary>
    public string Path { get; }

    /// <summary>The digest taken when the run was captured.</summary>
    public string CapturedSha256 { get; }

    /// <summary>The digest of the content now; <see langword="null"/> when the dataset is gone or unreadable.</summary>
    public string? CurrentSha256 { get; }
}
