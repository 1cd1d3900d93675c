using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Text;

namespace MlOps.Cli.Lock;

/// <summary>
/// A project's directory and built assembly: <c>dotnet build</c> (unless asked not to), then the assembly's path as
/// MSBuild reports it (<c>dotnet msbuild -getProperty:TargetPath</c>), so custom output paths are honoured.
/// </summary>
internal sealed record ProjectOutput(string ProjectFile, string AssemblyPath)
{
    public string Directory => Path.GetDirectoryName(ProjectFile)!;

    /// <exception cref="CliException">No single project is found, the build fails, or the assembly does not exist.</exception>
    public static ProjectOutput Locate(string? project, bool build, string? configuration, string? framework, Terminal terminal)
    {
        var projectFile = FindProject(project ?? ".");
        var properties = new List<string>();
        if (configuration is not null)
            properties.Add("-p:Configuration=" + configuration);

        if (framework is null)
        {
            // A multi-targeted project has no TargetPath of its own: use its first framework.
            var frameworks = GetProperty(projectFile, "TargetFrameworks", properties);
            if (frameworks.Length > 0)
                framework = frameworks.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)[0];
        }

        if (framework is not null)
            properties.Add("-p:TargetFramework=" + framework);

        if (build)
        {
            var (exit, _, output) = DotNet(["build", projectFile, "-nologo", "-v:q", .. properties]);
            if (exit != 0)
            {
                foreach (var line in output.Split('\n').Where(l => l.Contains(": error ", StringComparison.Ordinal)).Distinct().Take(20))
                    terminal.Error.WriteLine(line.TrimEnd());
                throw new CliException($"building '{projectFile}' failed (dotnet build exited with {exit})");
            }
        }

        var assembly = GetProperty(projectFile, "TargetPath", properties);
        if (assembly.Length == 0)
            throw new CliException($"MSBuild reports no TargetPath for '{projectFile}'");
        if (!File.Exists(assembly))
            throw new CliException($"the assembly '{assembly}' does not exist: build '{projectFile}' first (or run without --no-build)");
        return new ProjectOutput(projectFile, assembly);
    }

    private static string FindProject(string path)
    {
        var full = Path.GetFullPath(path);
        if (File.Exists(full))
            return full;
        if (!System.IO.Directory.Exists(full))
            throw new CliException($"'{path}' does not exist");

        var projects = System.IO.Directory.GetFiles(full, "*.csproj");
        return projects.Length switch
        {
            1 => projects[0],
            0 => throw new CliException($"no .csproj in '{full}': name the project file"),
            _ => throw new CliException($"more than one .csproj in '{full}' ({string.Join(", ", projects.Select(Path.GetFileName).Order(StringComparer.Ordinal))}): name one"),
        };
    }

    private static string GetProperty(string projectFile, string property, List<string> properties)
    {
        var (exit, output, all) = DotNet(["msbuild", projectFile, "-nologo", "-getProperty:" + property, .. properties]);
        if (exit != 0)
            throw new CliException($"MSBuild cannot evaluate '{projectFile}': {all.Trim().Split('\n').FirstOrDefault(l => l.Length > 0)?.Trim()}");
        return output.Trim();
    }

    /// <summary>Runs the dotnet CLI; returns its exit code, stdout, and stdout with stderr.</summary>
    private static (int ExitCode, string Output, string AllOutput) DotNet(string[] arguments)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
            start.ArgumentList.Add(argument);

        // When the tool itself runs under MSBuild or a test host, their settings must not leak into the child build.
        foreach (var key in Environment.GetEnvironmentVariables().Keys.Cast<string>().ToList())
        {
            if (key.StartsWith("MSBuild", StringComparison.OrdinalIgnoreCase) || key.StartsWith("VSTEST", StringComparison.OrdinalIgnoreCase)
                || key is "DOTNET_HOST_PATH" or "MSBUILD_EXE_PATH")
                start.Environment.Remove(key);
        }

        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";

        var output = new StringBuilder();
        var all = new StringBuilder();
        using var process = new Process { StartInfo = start };
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is null)
                return;
            lock (all)
            {
                output.Append(e.Data).Append('\n');
                all.Append(e.Data).Append('\n');
            }
        };
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                lock (all)
                    all.Append(e.Data).Append('\n');
            }
        };
        try
        {
            process.Start();
        }
        catch (System.ComponentModel.Win32Exception ex)
        {
            throw new CliException($"cannot run 'dotnet': {ex.Message}", ex);
        }

        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        process.WaitForExit();
        return (process.ExitCode, output.ToString(), all.ToString());
    }
}
