using System;
using System.Globalization;
using System.IO;
using MlOps.Testing;
using MlOpsAnalyzers.EndToEnd;

namespace MlOps.Analyzers.Benchmarks.Harness.EndToEnd;

/// <summary>
/// The MlOpsAnalyzers package packed from this checkout into a local feed, as the end-to-end tests do: the benchmark's
/// projects consume what a user installs (the analyzer and generator, the lineage library and the buildTransitive presets).
/// The version is new for every run, so NuGet's global cache never hands back an older build.
/// </summary>
public sealed record LocalPackage(string Feed, string Version)
{
    public static LocalPackage Pack(string workRoot)
    {
        var feed = Directory.CreateDirectory(Path.Combine(workRoot, "feed")).FullName;
        var version = "0.1.0-bench." + DateTime.UtcNow.ToString("yyyyMMddHHmmss", CultureInfo.InvariantCulture);
        DotNet.Run(RepoPaths.Root, TimeSpan.FromMinutes(15), "pack", RepoPaths.Combine("src", "MlOpsAnalyzers.Package"), "-c", "Release", "-o", feed, $"-p:Version={version}", "-nologo", "-v:q")
            .EnsureSuccess("dotnet pack src/MlOpsAnalyzers.Package");
        var package = Path.Combine(feed, $"MlOpsAnalyzers.{version}.nupkg");
        return File.Exists(package)
            ? new LocalPackage(feed, version)
            : throw new InvalidOperationException($"dotnet pack wrote no {package}; the feed holds: {string.Join(", ", Directory.GetFiles(feed))}");
    }
}
