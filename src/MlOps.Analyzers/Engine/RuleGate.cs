namespace MlOps.Analyzers.Engine;

/// <summary>What a compilation must reference for a rule to run: other compilations pay nothing for the rule.</summary>
internal enum RuleGate
{
    /// <summary>ML.NET, TorchSharp or Microsoft.Data.Analysis (<see cref="RuleStart.Symbols"/> is then set).</summary>
    MachineLearning,

    /// <summary>The MlOps.Lineage attributes (<see cref="RuleStart.Lineage"/> is then set).</summary>
    LineageAttributes,
}
