namespace MlOps.Analyzers.Facts.Pipelines;

/// <summary>Which number of a SemVer version a bump increments.</summary>
internal enum VersionPart
{
    Patch,
    Minor,
    Major,
}
