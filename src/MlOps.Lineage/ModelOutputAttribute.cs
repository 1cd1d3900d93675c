using System;

namespace MlOps.Lineage;

/// <summary>
/// Declares a model artifact a training pipeline writes. The path template carries a <c>{version}</c> token
/// (and may carry <c>{runId}</c>), so every version is written to a new, immutable file.
/// </summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Struct, AllowMultiple = true, Inherited = false)]
public sealed class ModelOutputAttribute : Attribute
{
    /// <summary>Declares a model output.</summary>
    /// <param name="name">A name unique within the pipeline.</param>
    /// <param name="pathTemplate">The artifact's path with a <c>{version}</c> token, e.g. <c>models/churn-{version}.zip</c>.</param>
    public ModelOutputAttribute(string name, string pathTemplate)
    {
        Name = name;
        PathTemplate = pathTemplate;
    }

    /// <summary>The output's name, unique within the pipeline.</summary>
    public string Name { get; }

    /// <summary>The artifact's path template, with <c>{version}</c> and optionally <c>{runId}</c>.</summary>
    public string PathTemplate { get; }
}
