using System;
using System.Collections.Generic;
using System.Diagnostics;

namespace MlOps.Cli.Tests.Infrastructure;

/// <summary>Runs a program as a separate process, in a clean environment (nothing of the test host's MSBuild state), stdout and stderr apart.</summary>
public static class ChildProcess
{
    public static Mlops.Result Run(string program, IReadOnlyDictionary<string, string>? environment, params string[] arguments)
    {
        var start = new ProcessStartInfo(program)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
            start.ArgumentList.Add(argument);

        foreach (var key in new List<string>(start.Environment.Keys))
        {
            if (key.StartsWith("MSBuild", StringComparison.OrdinalIgnoreCase) || key.StartsWith("VSTEST", StringComparison.OrdinalIgnoreCase)
                || key is "DOTNET_HOST_PATH" or "MSBUILD_EXE_PATH")
                start.Environment.Remove(key);
        }

        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";
        start.Environment["MSBUILDDISABLENODEREUSE"] = "1";
        foreach (var pair in environment ?? new Dictionary<string, string>())
            start.Environment[pair.Key] = pair.Value;

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit((int)TimeSpan.FromMinutes(8).TotalMilliseconds))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{program} {string.Join(' ', arguments)} did not finish in 8 minutes");
        }

        process.WaitForExit();
        return new Mlops.Result(process.ExitCode, output.Result, error.Result);
    }
}
