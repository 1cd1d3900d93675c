using System;

namespace MlOps.Lineage;

/// <summary>
/// Marks the integer constant that seeds a training pipeline's randomness. The generated lineage class exposes
/// it as <c>Seed</c>, and the MlOpsAnalyzers code fixes use it when they add a missing seed.
/// </summary>
[AttributeUsage(AttributeTargets.Field | AttributeTargets.Property, AllowMultiple = false, Inherited = false)]
public sealed class TrainingSeedAttribute : Attribute
{
}
