using System;
using System.Diagnostics;
using System.IO;
using System.Reflection;
using System.Threading.Tasks;

namespace MlOps.Lineage.Tests.Infrastructure;

/// <summary>Runs a helper program of tests/ (built beside the test project) as a separate process.</summary>
public static class HelperProcess
{
    /// <summary>The helper's entry assembly, from the same build configuration as the test assembly.</summary>
    public static string PathOf(string project)
    {
        var configuration = typeof(HelperProcess).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Debug";
        var path = RepoPaths.Combine("tests", project, "bin", configuration, "net10.0", project + ".dll");
        return File.Exists(path) ? path : throw new FileNotFoundException($"The helper {project} is not built at '{path}' (the test project builds it through its ProjectReference).", path);
    }

    /// <summary>Starts <c>dotnet &lt;helper&gt; args...</c> with standard output and error captured.</summary>
    public static Process Start(string project, params string[] arguments)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(PathOf(project));
        foreach (var argument in arguments)
            start.ArgumentList.Add(argument);
        return Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start.");
    }

    /// <summary>Waits for the process (bounded: a hung helper is killed and fails the test) and returns its exit code and outputs.</summary>
    public static async Task<(int ExitCode, string Output, string Error)> WaitAsync(Process process, TimeSpan limit)
    {
        var error = process.StandardError.ReadToEndAsync();
        var output = process.StandardOutput.ReadToEndAsync();
        var exited = process.WaitForExitAsync();
        if (await Task.WhenAny(exited, Task.Delay(limit)) != exited)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"Helper process {process.Id} did not exit within {limit}.");
        }

        await Task.WhenAll(error, output);
        return (process.ExitCode, await output, await error);
    }
}
