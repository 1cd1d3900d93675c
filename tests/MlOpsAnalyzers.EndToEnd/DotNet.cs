using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Text;

namespace MlOpsAnalyzers.EndToEnd;

/// <summary>Runs the `dotnet` CLI as a user would, in a clean environment (no MSBuild state from the test host).</summary>
public static class DotNet
{
    public sealed record Result(int ExitCode, string Output)
    {
        public Result EnsureSuccess(string what)
            => ExitCode == 0 ? this : throw new InvalidOperationException($"{what} failed with exit code {ExitCode}:\n{Output}");
    }

    public static Result Run(string workingDirectory, params string[] arguments) => Run(workingDirectory, TimeSpan.FromMinutes(8), arguments);

    public static Result Run(string workingDirectory, TimeSpan timeout, params string[] arguments) =>
        RunWith(workingDirectory, new Dictionary<string, string>(), timeout, arguments);

    /// <summary>Like <see cref="Run(string, string[])"/>, with extra environment variables for the child.</summary>
    public static Result RunWith(string workingDirectory, IReadOnlyDictionary<string, string> environment, params string[] arguments) =>
        RunWith(workingDirectory, environment, TimeSpan.FromMinutes(8), arguments);

    private static Result RunWith(string workingDirectory, IReadOnlyDictionary<string, string> environment, TimeSpan timeout, string[] arguments)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
            start.ArgumentList.Add(argument);

        // The test host runs inside MSBuild/VSTest: drop what would leak into the child build.
        foreach (var key in new List<string>(EnvironmentKeys()))
        {
            if (key.StartsWith("MSBuild", StringComparison.OrdinalIgnoreCase) || key.StartsWith("VSTEST", StringComparison.OrdinalIgnoreCase)
                || key is "DOTNET_HOST_PATH" or "MSBUILD_EXE_PATH"
                || key.StartsWith("OPENLINEAGE", StringComparison.Ordinal)) // a developer's lineage server is not the test's
                start.Environment.Remove(key);
        }

        foreach (var variable in environment)
            start.Environment[variable.Key] = variable.Value;

        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";
        start.Environment["MSBUILDDISABLENODEREUSE"] = "1";
        start.Environment["DOTNET_CLI_USE_MSBUILD_SERVER"] = "0";

        var output = new StringBuilder();
        using var process = new Process { StartInfo = start };
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (output) output.AppendLine(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (output) output.AppendLine(e.Data); };
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        if (!process.WaitForExit((int)timeout.TotalMilliseconds))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"dotnet {string.Join(' ', arguments)} did not finish in {timeout}:\n{output}");
        }

        process.WaitForExit();
        return new Result(process.ExitCode, output.ToString());
    }

    private static IEnumerable<string> EnvironmentKeys()
    {
        foreach (System.Collections.DictionaryEntry entry in Environment.GetEnvironmentVariables())
            yield return (string)entry.Key;
    }
}
