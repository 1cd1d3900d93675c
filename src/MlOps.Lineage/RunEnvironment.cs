using System;
using System.Collections.Generic;
using System.Reflection;
using System.Runtime.InteropServices;

namespace MlOps.Lineage;

/// <summary>Where a run executed: the .NET runtime, the operating system and the ML libraries loaded in the process.</summary>
public sealed class RunEnvironment
{
    /// <summary>The key of ML.NET's version in <see cref="Libraries"/>.</summary>
    public const string MlNet = "Microsoft.ML";

    /// <summary>The key of TorchSharp's version in <see cref="Libraries"/>.</summary>
    public const string TorchSharp = "TorchSharp";

    /// <summary>The key of Microsoft.Data.Analysis's version in <see cref="Libraries"/>.</summary>
    public const string DataAnalysis = "Microsoft.Data.Analysis";

    // ML.NET's assemblies all carry AssemblyVersion 1.0.0.0; the package version is only in the informational
    // version (e.g. "5.0.1+a4f730ec..."), so that is what is read. Microsoft.ML.Data holds MLContext.
    private static readonly KeyValuePair<string, string>[] KnownLibraries =
    [
        new(MlNet, "Microsoft.ML.Data"),
        new(TorchSharp, "TorchSharp"),
        new(DataAnalysis, "Microsoft.Data.Analysis"),
    ];

    internal RunEnvironment(string dotNetRuntime, string operatingSystem, string processArchitecture, string lineageVersion, IReadOnlyDictionary<string, string> libraries)
    {
        DotNetRuntime = dotNetRuntime;
        OperatingSystem = operatingSystem;
        ProcessArchitecture = processArchitecture;
        LineageVersion = lineageVersion;
        Libraries = libraries;
    }

    /// <summary>The .NET runtime, e.g. <c>.NET 8.0.11</c>.</summary>
    public string DotNetRuntime { get; }

    /// <summary>The operating system, e.g. <c>Debian GNU/Linux 12 (bookworm)</c>.</summary>
    public string OperatingSystem { get; }

    /// <summary>The process architecture, e.g. <c>X64</c>.</summary>
    public string ProcessArchitecture { get; }

    /// <summary>The version of MlOps.Lineage that recorded the run.</summary>
    public string LineageVersion { get; }

    /// <summary>
    /// Package versions of the ML libraries loaded in the process, keyed by <see cref="MlNet"/>, <see cref="TorchSharp"/>
    /// and <see cref="DataAnalysis"/>; a library that was not loaded has no entry.
    /// </summary>
    public IReadOnlyDictionary<string, string> Libraries { get; }

    /// <summary>The loaded ML.NET version, or <see langword="null"/>.</summary>
    public string? MlNetVersion => Libraries.TryGetValue(MlNet, out var v) ? v : null;

    /// <summary>The loaded TorchSharp version, or <see langword="null"/>.</summary>
    public string? TorchSharpVersion => Libraries.TryGetValue(TorchSharp, out var v) ? v : null;

    /// <summary>Describes the current process.</summary>
    public static RunEnvironment Capture() =>
        new(
            RuntimeInformation.FrameworkDescription,
            RuntimeInformation.OSDescription.Trim(),
            RuntimeInformation.ProcessArchitecture.ToString(),
            VersionOf(typeof(RunEnvironment).Assembly),
            LoadedLibraries());

    /// <summary>This environment with the libraries loaded since it was captured added (ML assemblies load lazily).</summary>
    internal RunEnvironment WithLibrariesLoadedSince()
    {
        var now = LoadedLibraries();
        if (now.Count == Libraries.Count)
            return this;

        var merged = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var pair in now)
            merged[pair.Key] = pair.Value;
        foreach (var pair in Libraries)
            merged[pair.Key] = pair.Value;
        return new RunEnvironment(DotNetRuntime, OperatingSystem, ProcessArchitecture, LineageVersion, merged);
    }

    private static SortedDictionary<string, string> LoadedLibraries()
    {
        var found = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var assembly in AppDomain.CurrentDomain.GetAssemblies())
        {
            var name = assembly.GetName().Name;
            foreach (var known in KnownLibraries)
            {
                if (string.Equals(name, known.Value, StringComparison.Ordinal))
                    found[known.Key] = VersionOf(assembly);
            }
        }

        return found;
    }

    internal static string VersionOf(Assembly assembly)
    {
        var informational = assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion;
        if (!string.IsNullOrEmpty(informational))
        {
            var plus = informational!.IndexOf('+');
            return plus < 0 ? informational : informational.Substring(0, plus);
        }

        return assembly.GetName().Version?.ToString() ?? "unknown";
    }
}
