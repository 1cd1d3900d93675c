namespace MlOps.Lineage;

/// <summary>The OpenLineage configuration (environment variables or <c>openlineage.yml</c>) is invalid; the message names the source and the key.</summary>
public sealed class OpenLineageConfigurationException : LineageException
{
    /// <summary>Creates the exception.</summary>
    public OpenLineageConfigurationException(string message, System.Exception? innerException = null)
        : base(message, innerException)
    {
    }
}
