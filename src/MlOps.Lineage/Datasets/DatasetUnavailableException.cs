using System;

namespace MlOps.Lineage;

/// <summary>A declared dataset does not exist or cannot be read; the message names the dataset and the path.</summary>
public sealed class DatasetUnavailableException : LineageException
{
    /// <summary>Creates the exception for <paramref name="datasetName"/> at <paramref name="path"/>.</summary>
    /// <param name="datasetName">The dataset's declared name.</param>
    /// <param name="path">The full path that was looked for or read.</param>
    /// <param name="reason">Why it is unavailable, e.g. "does not exist".</param>
    /// <param name="innerException">The I/O error, when there was one.</param>
    public DatasetUnavailableException(string datasetName, string path, string reason, Exception? innerException = null)
        : base($"Dataset '{datasetName}' at '{path}' {reason}.", innerException)
    {
        DatasetName = datasetName;
        Path = path;
    }

    /// <summary>The dataset's declared name.</summary>
    public string DatasetName { get; }

    /// <summary>The full path of the dataset.</summary>
    public string Path { get; }
}
