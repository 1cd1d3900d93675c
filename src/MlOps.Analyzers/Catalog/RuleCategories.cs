namespace MlOps.Analyzers.Catalog;

/// <summary>One category per rule family. Users raise or silence a family by category, so these never change.</summary>
internal static class RuleCategories
{
    public const string Reproducibility = "MlOps.Reproducibility";
    public const string DataLineage = "MlOps.DataLineage";
    public const string ModelVersioning = "MlOps.ModelVersioning";
    public const string Lineage = "MlOps.Lineage";
    public const string Leakage = "MlOps.Leakage";
    public const string TorchSharp = "MlOps.TorchSharp";
}
