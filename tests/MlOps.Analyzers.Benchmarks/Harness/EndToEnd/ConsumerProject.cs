using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using MlOps.Analyzers.Benchmarks.Corpus;
using MlOpsAnalyzers.EndToEnd;

namespace MlOps.Analyzers.Benchmarks.Harness.EndToEnd;

/// <summary>One way to build a project: the MSBuild properties a user would pass.</summary>
public sealed record BuildConfiguration(string Name, params string[] Properties)
{
    /// <summary>The package as installed: every rule at its shipped severity.</summary>
    public static BuildConfiguration RulesOn { get; } = new("rules on");

    /// <summary>The package's "None" preset: every rule's severity is none, so the compiler does not run the analyzer; the lineage generator still runs (the code needs its output).</summary>
    public static BuildConfiguration RulesOff { get; } = new("rules off", "-p:MlOpsAnalysisMode=None");

    /// <summary>Rules off and the SDK's default code analyzers (Microsoft.CodeAnalysis.NetAnalyzers) off too.</summary>
    public static BuildConfiguration SdkAnalyzersOff { get; } = new("rules off, SDK analyzers off", "-p:MlOpsAnalysisMode=None", "-p:EnableNETAnalyzers=false");

    /// <summary>Rules on without the SDK's analyzers: whether the rules' cost depends on the other analyzers in the build.</summary>
    public static BuildConfiguration RulesOnSdkAnalyzersOff { get; } = new("rules on, SDK analyzers off", "-p:EnableNETAnalyzers=false");

    public override string ToString() => Name;
}

/// <summary>One build: the wall time of the <c>dotnet build</c> process, the time MSBuild reports for its Csc task, and the CPU time of the build's processes.</summary>
public sealed record BuildSample(double WallMs, double CscMs, double CpuMs);

/// <summary>
/// A project on disk, outside the repository (none of its build props apply), that references ML.NET and the packed
/// MlOpsAnalyzers from a local feed, the way a user's project does.
/// </summary>
public sealed partial class ConsumerProject
{
    private ConsumerProject(string directory, string name, int fileCount)
    {
        Directory = directory;
        Name = name;
        FileCount = fileCount;
    }

    public string Directory { get; }
    public string Name { get; }
    public int FileCount { get; }
    public string ProjectPath => Path.Combine(Directory, Name + ".csproj");

    /// <summary>Writes the project: <paramref name="files"/> (paths relative to the project), an Exe whose entry point is <paramref name="entryPoint"/>.</summary>
    public static ConsumerProject Create(string workRoot, string name, LocalPackage package, string entryPoint, IReadOnlyList<CorpusFile> files)
    {
        var dir = System.IO.Directory.CreateDirectory(Path.Combine(workRoot, name)).FullName;
        File.WriteAllText(Path.Combine(dir, "nuget.config"), $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <packageSources>
                <add key="mlops-bench" value="{package.Feed}" />
              </packageSources>
            </configuration>
            """);
        File.WriteAllText(Path.Combine(dir, name + ".csproj"), $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <OutputType>Exe</OutputType>
                <TargetFramework>net10.0</TargetFramework>
                <Nullable>enable</Nullable>
                <ImplicitUsings>disable</ImplicitUsings>
                <StartupObject>{entryPoint}</StartupObject>
                <NoWarn>$(NoWarn);NU1603</NoWarn>
              </PropertyGroup>
              <ItemGroup>
                <PackageReference Include="MlOpsAnalyzers" Version="{package.Version}" />
                <PackageReference Include="Microsoft.ML" Version="5.0.1" />
              </ItemGroup>
            </Project>
            """);
        // Empty Directory.Build.* and no central package management: MSBuild must not walk up into unrelated props.
        File.WriteAllText(Path.Combine(dir, "Directory.Build.props"), "<Project />");
        File.WriteAllText(Path.Combine(dir, "Directory.Build.targets"), "<Project />");
        File.WriteAllText(Path.Combine(dir, "Directory.Packages.props"), "<Project><PropertyGroup><ManagePackageVersionsCentrally>false</ManagePackageVersionsCentrally></PropertyGroup></Project>");
        foreach (var file in files)
        {
            var path = Path.Combine(dir, file.Path.TrimStart('/').Replace('/', Path.DirectorySeparatorChar));
            System.IO.Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllText(path, file.Text);
        }

        return new ConsumerProject(dir, name, files.Count);
    }

    /// <summary>
    /// Restores and builds once with every rule raised to a warning (the Strict preset), and fails with the build's own
    /// words unless it succeeds without any MlOps finding: the measured builds must be of correct code that the rules pass.
    /// </summary>
    public void CheckBuildsWithoutFindings()
    {
        var result = DotNet.Run(Directory, TimeSpan.FromMinutes(20), "build", ProjectPath, "-nologo", "-v:q", "-p:UseSharedCompilation=false", "-p:MlOpsAnalysisMode=Strict");
        var findings = result.Output.Split('\n').Where(l => FindingLine().IsMatch(l)).Select(l => l.Trim()).Distinct().ToList();
        if (result.ExitCode != 0 || findings.Count > 0)
        {
            throw new InvalidOperationException(
                $"{Name}: the check build (Strict) must succeed without MlOps findings; exit code {result.ExitCode}, {findings.Count} findings:\n"
                + string.Join("\n", findings.Take(20)) + "\n" + Tail(result.Output));
        }
    }

    /// <summary>
    /// A full rebuild (<c>--no-incremental</c>; restore was done by the check build) in its own processes: MSBuild without node
    /// reuse and a csc process of its own (<c>UseSharedCompilation=false</c>, as on a CI agent), so no compiler server shared
    /// with other work on the machine carries state from one build to the next.
    /// </summary>
    public BuildSample Build(BuildConfiguration configuration, params string[] extra)
    {
        var (sample, _) = BuildWithOutput(configuration, extra);
        return sample;
    }

    public (BuildSample Sample, string Output) BuildWithOutput(BuildConfiguration configuration, params string[] extra)
    {
        string[] arguments = ["build", ProjectPath, "--no-incremental", "--no-restore", "-nologo", "-v:q", "-clp:PerformanceSummary", "-p:UseSharedCompilation=false", .. configuration.Properties, .. extra];
        var cpu = ChildProcessCpu.TotalMs();
        var stopwatch = Stopwatch.StartNew();
        var result = DotNet.Run(Directory, TimeSpan.FromMinutes(20), arguments);
        var wall = stopwatch.Elapsed.TotalMilliseconds;
        cpu = ChildProcessCpu.TotalMs() - cpu;
        if (result.ExitCode != 0)
            throw new InvalidOperationException($"{Name}: dotnet {string.Join(" ", arguments)} failed with exit code {result.ExitCode}:\n{Tail(result.Output)}");
        var csc = CscTaskLine().Match(result.Output);
        if (!csc.Success)
            throw new InvalidOperationException($"{Name}: no Csc line in the build's task performance summary (dotnet {string.Join(" ", arguments)}):\n{Tail(result.Output)}");
        return (new BuildSample(wall, double.Parse(csc.Groups[1].Value, CultureInfo.InvariantCulture), cpu), result.Output);
    }

    private static string Tail(string output) => output.Length <= 4000 ? output : "...\n" + output[^4000..];

    // "      12345 ms  Csc                                        1 calls" in MSBuild's "Task Performance Summary".
    [GeneratedRegex(@"^\s*(\d+) ms\s+Csc\s+\d+ calls", RegexOptions.Multiline)]
    private static partial Regex CscTaskLine();

    [GeneratedRegex(@": (warning|error) MLOPS\d+:")]
    private static partial Regex FindingLine();
}
