using System;

namespace MlOps.Lineage;

/// <summary>
/// Records a constant (or a <c>static readonly</c> field with a constant value) of a training pipeline as a
/// hyper-parameter: the generated lineage class exposes it, and every run's lineage record carries its value.
/// </summary>
[AttributeUsage(AttributeTargets.Field | AttributeTargets.Property, AllowMultiple = false, Inherited = false)]
public sealed class HyperparameterAttribute : Attribute
{
    /// <summary>Records the member under its own name.</summary>
    public HyperparameterAttribute()
    {
    }

    /// <summary>Records the member under <paramref name="name"/>.</summary>
    /// <param name="name">The name to record, e.g. <c>learning_rate</c>.</param>
    public HyperparameterAttribute(string name) => Name = name;

    /// <summary>The recorded name; the member's own name when <see langword="null"/>.</summary>
    public string? Name { get; }
}
