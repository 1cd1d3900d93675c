using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using MlOps.Cli.Tests.Infrastructure;

namespace MlOps.Cli.Tests;

/// <summary>
/// The tool as a user gets it: packed as a .NET tool package, installed with <c>dotnet tool install</c>, and run as
/// its own <c>mlops</c> process.
/// </summary>
public sealed class InstalledToolTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void The_packed_tool_installs_as_mlops_and_runs_with_the_documented_exit_codes()
    {
        var feed = _temp.Combine("feed");
        var tools = _temp.Combine("tools");
        // A private package folder: the global one would keep serving an earlier build of the same version.
        var environment = new Dictionary<string, string> { ["NUGET_PACKAGES"] = _temp.Combine("packages") };
        // The tool as this test run built it (no second build: the end-to-end tests pack the library in Release meanwhile).
        var configuration = new DirectoryInfo(AppContext.BaseDirectory).Parent!.Name;
        var pack = ChildProcess.Run("dotnet", environment, "pack", RepoPaths.Combine("src", "MlOps.Cli", "MlOps.Cli.csproj"), "--no-build", "-c", configuration, "-o", feed, "-nologo");
        Assert.True(pack.ExitCode == 0, pack.Output + pack.Error);
        var package = Assert.Single(Directory.GetFiles(feed, "*.nupkg"));
        Assert.StartsWith("MlOpsAnalyzers.Tool.", Path.GetFileName(package), StringComparison.Ordinal);
        var version = Path.GetFileNameWithoutExtension(package)["MlOpsAnalyzers.Tool.".Length..];

        var install = ChildProcess.Run("dotnet", environment, "tool", "install", "MlOpsAnalyzers.Tool", "--version", version, "--tool-path", tools, "--add-source", feed);
        Assert.True(install.ExitCode == 0, install.Output + install.Error);
        var mlops = Path.Combine(tools, "mlops");
        Assert.True(File.Exists(mlops), "the tool's command is 'mlops'");

        var runs = new TrainingRuns(_temp.Combine("work"));
        runs.WriteFile("data/churn.csv", "tenure,churned\n1,0\n");
        var model = runs.Completed(runs.Pipeline("1.0.0"), new Dictionary<string, double> { ["auc"] = 0.82 });

        var listed = ChildProcess.Run(mlops, null, "runs", runs.Root, "--json");
        Assert.True(listed.ExitCode == 0, listed.Error);
        var run = Assert.Single(JsonDocument.Parse(listed.Output).RootElement.EnumerateArray());
        Assert.Equal("churn", run.GetProperty("pipeline").GetString());

        var table = ChildProcess.Run(mlops, null, "runs", runs.Root);
        Assert.Equal(0, table.ExitCode);
        Assert.Matches(@"models/churn-1\.0\.0\.zip\s+churn\s+1\.0\.0\s+\w{8}\s+\S+ \S+\s+completed\s+auc 0\.82", table.Output);
        Assert.DoesNotContain("\u001b[", table.Output, StringComparison.Ordinal); // no colour codes in a pipe

        Assert.Equal(0, ChildProcess.Run(mlops, null, "verify", model).ExitCode);
        File.AppendAllText(runs.WriteFile("data/churn.csv", "tenure,churned\n1,0\n"), "2,1\n");
        var differs = ChildProcess.Run(mlops, null, "verify", model);
        Assert.Equal(1, differs.ExitCode);
        Assert.StartsWith("error: dataset 'customers' at ", differs.Error, StringComparison.Ordinal);

        File.WriteAllText(LineageRecord.SidecarPathFor(model), "{\"formatVersion\": 1, \"datasets\": [null]}");
        var corrupt = ChildProcess.Run(mlops, null, "show", model);
        Assert.Equal(2, corrupt.ExitCode);
        Assert.Equal("", corrupt.Output);
        var line = Assert.Single(corrupt.Error.TrimEnd().Split('\n'));
        Assert.StartsWith("error: cannot read the lineage record ", line, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", corrupt.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("Unhandled exception", corrupt.Error, StringComparison.Ordinal);
    }
}
