using System;
using System.IO;

namespace MlOps.Testing;

/// <summary>
/// Locates the repository (the folder holding MlOpsAnalyzers.sln) from the test output directory. One file, linked
/// into every test project (with a global <c>using MlOps.Testing</c>).
/// </summary>
public static class RepoPaths
{
    public static string Root { get; } = FindRoot();

    /// <summary>The OpenLineage schemas: <c>../shared/schemas/openlineage</c> relative to the repository root.</summary>
    public static string OpenLineageSchemas => Path.GetFullPath(Path.Combine(Root, "..", "shared", "schemas", "openlineage"));

    /// <summary>A path below the repository root.</summary>
    public static string Combine(params string[] parts) => Path.Combine([Root, .. parts]);

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "MlOpsAnalyzers.sln")))
                return dir.FullName;
        }

        throw new InvalidOperationException("MlOpsAnalyzers.sln not found above " + AppContext.BaseDirectory);
    }
}
