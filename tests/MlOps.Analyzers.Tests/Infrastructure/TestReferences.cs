using System;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using Microsoft.CodeAnalysis;

namespace MlOps.Analyzers.Tests.Infrastructure;

/// <summary>
/// The references test code compiles against: the .NET 8 reference assemblies (offline, from
/// Basic.Reference.Assemblies) and the REAL ML.NET 5.0.1, Microsoft.Data.Analysis and TorchSharp assemblies
/// that this test project restored, Microsoft.Extensions.DependencyInjection.Abstractions (how applications hand a
/// context to their services), Microsoft.Extensions.Configuration and Options (where applications read paths at run
/// time), plus our own run-time library (the lineage attributes).
/// </summary>
public static class TestReferences
{
    private static readonly string[] LibraryPrefixes = { "Microsoft.ML", "Microsoft.Data.Analysis", "TorchSharp", "TorchVision", "Microsoft.Extensions.DependencyInjection.Abstractions", "Microsoft.Extensions.Configuration", "Microsoft.Extensions.Options", "Microsoft.Extensions.Primitives", "MlOps.Lineage" };

    /// <summary>Every ML library assembly in the test output, plus MlOps.Lineage.</summary>
    public static ImmutableArray<MetadataReference> MlLibraries { get; } = Directory
        .EnumerateFiles(AppContext.BaseDirectory, "*.dll")
        .Where(path => LibraryPrefixes.Any(prefix => Path.GetFileName(path).StartsWith(prefix, StringComparison.Ordinal)))
        .Where(IsManagedAssembly)
        .OrderBy(path => path, StringComparer.Ordinal)
        .Select(path => (MetadataReference)MetadataReference.CreateFromFile(path))
        .ToImmutableArray();

    /// <summary>The .NET 8 framework reference assemblies.</summary>
    public static ImmutableArray<MetadataReference> Net80 { get; } =
        Basic.Reference.Assemblies.Net80.References.All.Cast<MetadataReference>().ToImmutableArray();

    /// <summary>Framework + ML libraries: what a user's ML project compiles against.</summary>
    public static ImmutableArray<MetadataReference> All { get; } = Net80.AddRange(MlLibraries);

    private static bool IsManagedAssembly(string path)
    {
        try
        {
            using var stream = File.OpenRead(path);
            using var reader = new System.Reflection.PortableExecutable.PEReader(stream);
            return reader.HasMetadata;
        }
        catch (BadImageFormatException)
        {
            return false;
        }
    }
}
