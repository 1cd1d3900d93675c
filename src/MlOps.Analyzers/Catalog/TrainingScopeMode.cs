namespace MlOps.Analyzers.Catalog;

/// <summary>Values of <c>mlops_analyzers.training_scope</c>: what counts as training code for the generic .NET API rules.</summary>
internal enum TrainingScopeMode
{
    /// <summary>Attributed pipelines, methods that train, and code in the same type that prepares their data (the default).</summary>
    Auto,

    /// <summary>Only members of types or members marked <c>[TrainingPipeline]</c>.</summary>
    Attributed,

    /// <summary>Everything.</summary>
    All,
}
