using System;
using System.IO;

namespace MlOps.Analyzers.Tests.Infrastructure;

/// <summary>Locates the repository (the folder holding MlOpsAnalyzers.sln) from the test output directory.</summary>
public static class RepoPaths
{
    public static string Root { get; } = FindRoot();

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
