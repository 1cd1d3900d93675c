using System;
using System.IO;
using System.Linq;

namespace MlOpsAnalyzers.EndToEnd;

/// <summary>
/// Packs MlOpsAnalyzers once per test run, with a unique version, into a temporary local feed, and creates
/// consumer projects that reference it and the real Microsoft.ML.
/// </summary>
public sealed class PackageFixture : IDisposable
{
    public const string MlNetVersion = "5.0.1";

    public PackageFixture()
    {
        RepoRoot = RepoPaths.Root;
        WorkRoot = Directory.CreateTempSubdirectory("mlops-e2e-").FullName;
        Feed = Directory.CreateDirectory(Path.Combine(WorkRoot, "feed")).FullName;
        Version = "0.1.0-e2e." + DateTime.UtcNow.ToString("yyyyMMddHHmmssfff");
        DotNet.Run(RepoRoot, "pack", Path.Combine(RepoRoot, "src", "MlOpsAnalyzers.Package"), "-c", "Release", "-o", Feed, $"-p:Version={Version}")
            .EnsureSuccess("dotnet pack");
        PackagePath = Path.Combine(Feed, $"MlOpsAnalyzers.{Version}.nupkg");
        if (!File.Exists(PackagePath))
            throw new InvalidOperationException("pack produced no " + PackagePath + "; feed has: " + string.Join(", ", Directory.GetFiles(Feed)));
    }

    public string RepoRoot { get; }
    public string WorkRoot { get; }
    public string Feed { get; }
    public string Version { get; }
    public string PackagePath { get; }

    /// <summary>A new consumer project in its own folder (outside the repo, so none of our build props apply).</summary>
    public Consumer CreateConsumer(string name, string programSource, string extraProperties = "", string extraItems = "", params (string Name, string Source)[] extraFiles)
    {
        var dir = Directory.CreateDirectory(Path.Combine(WorkRoot, name)).FullName;
        File.WriteAllText(Path.Combine(dir, "nuget.config"), $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <packageSources>
                <add key="local-e2e" value="{Feed}" />
              </packageSources>
            </configuration>
            """);
        File.WriteAllText(Path.Combine(dir, $"{name}.csproj"), $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <OutputType>Exe</OutputType>
                <TargetFramework>net10.0</TargetFramework>
                <Nullable>enable</Nullable>
                <ImplicitUsings>disable</ImplicitUsings>
                <NoWarn>$(NoWarn);NU1603</NoWarn>
                {extraProperties}
              </PropertyGroup>
              <ItemGroup>
                <PackageReference Include="MlOpsAnalyzers" Version="{Version}" />
                <PackageReference Include="Microsoft.ML" Version="{MlNetVersion}" />
                {extraItems}
              </ItemGroup>
            </Project>
            """);
        File.WriteAllText(Path.Combine(dir, "Program.cs"), programSource);
        foreach (var (fileName, source) in extraFiles)
            File.WriteAllText(Path.Combine(dir, fileName), source);
        // Empty Directory.Build.* files stop MSBuild from walking up into unrelated props.
        File.WriteAllText(Path.Combine(dir, "Directory.Build.props"), "<Project />");
        File.WriteAllText(Path.Combine(dir, "Directory.Build.targets"), "<Project />");
        File.WriteAllText(Path.Combine(dir, "Directory.Packages.props"), "<Project><PropertyGroup><ManagePackageVersionsCentrally>false</ManagePackageVersionsCentrally></PropertyGroup></Project>");
        return new Consumer(dir, name);
    }

    public string ReadSample(params string[] parts) => File.ReadAllText(Path.Combine([RepoRoot, "samples", .. parts]));

    public void Dispose()
    {
        try
        {
            Directory.Delete(WorkRoot, recursive: true);
        }
        catch (IOException)
        {
            // A build server may still hold a file; the temp folder is cleaned by the OS.
        }
    }
}

public sealed record Consumer(string Directory, string Name)
{
    public string ProjectPath => Path.Combine(Directory, Name + ".csproj");

    public DotNet.Result Build(params string[] extra)
        => DotNet.Run(Directory, ["build", ProjectPath, "-nologo", "-v:q", "-clp:NoSummary", "--no-incremental", .. extra]);

    /// <summary>Every MlOps result of a SARIF 2.1 log as "ID file(line,column)", info-level ones included.</summary>
    public static string[] SarifResults(string sarifPath)
    {
        using var sarif = System.Text.Json.JsonDocument.Parse(File.ReadAllText(sarifPath));
        return sarif.RootElement.GetProperty("runs")[0].GetProperty("results").EnumerateArray()
            .Where(r => r.GetProperty("ruleId").GetString()!.StartsWith("MLOPS", StringComparison.Ordinal))
            .Select(r =>
            {
                var location = r.GetProperty("locations")[0].GetProperty("physicalLocation");
                var region = location.GetProperty("region");
                var file = Path.GetFileName(new Uri(location.GetProperty("artifactLocation").GetProperty("uri").GetString()!).LocalPath);
                return $"{r.GetProperty("ruleId").GetString()} {file}({region.GetProperty("startLine").GetInt32()},{region.GetProperty("startColumn").GetInt32()})";
            })
            .Distinct()
            .Order(StringComparer.Ordinal)
            .ToArray();
    }

    public string[] DiagnosticLines(DotNet.Result result, string id)
        => result.Output.Split('\n')
            .Select(l => System.Text.RegularExpressions.Regex.Replace(l.Trim(), @"^[0-9:]+>", string.Empty)) // "1:7>" node prefixes in -v:n logs
            .Where(l => l.Contains($": warning {id}:") || l.Contains($": error {id}:"))
            .Distinct()
            .ToArray();
}

[CollectionDefinition(Name)]
public sealed class PackageCollection : ICollectionFixture<PackageFixture>
{
    public const string Name = "package";
}
