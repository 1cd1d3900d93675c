using System;

namespace MlOps.Lineage;

/// <summary>
/// Marks a <c>partial</c> type that holds training code. The MlOpsAnalyzers source generator emits a nested
/// <c>Lineage</c> class for it (name, version, seed, datasets, model outputs, hyper-parameters, code
/// fingerprint, source revision and <c>Capture()</c>), and the analyzers treat its members as training code.
/// </summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Struct, AllowMultiple = false, Inherited = false)]
public sealed class TrainingPipelineAttribute : Attribute
{
    /// <summary>Declares a training pipeline.</summary>
    /// <param name="name">The pipeline's stable name, used as the OpenLineage job name.</param>
    public TrainingPipelineAttribute(string name) => Name = name;

    /// <summary>The pipeline's stable name, used as the OpenLineage job name.</summary>
    public string Name { get; }

    /// <summary>The pipeline's version (SemVer 2.0, e.g. <c>1.2.0</c>); fills <c>{version}</c> in model output templates.</summary>
    public string? Version { get; set; }

    /// <summary>A one-line description of what the pipeline trains.</summary>
    public string? Description { get; set; }

    /// <summary>The team or person who owns the pipeline.</summary>
    public string? Owner { get; set; }
}
