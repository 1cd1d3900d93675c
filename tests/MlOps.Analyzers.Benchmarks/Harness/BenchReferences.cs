using System;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using Microsoft.CodeAnalysis;

namespace MlOps.Analyzers.Benchmarks.Harness;

/// <summary>
/// What the corpus compiles against: the .NET 8 reference assemblies, and for the ML corpus the REAL ML.NET, Microsoft.Data.Analysis
/// and TorchSharp assemblies this project restored (copied beside the harness), plus MlOps.Lineage (the attributes).
/// </summary>
public static class BenchReferences
{
    private static readonly string[] LibraryPrefixes = { "Microsoft.ML", "Microsoft.Data.Analysis", "TorchSharp", "MlOps.Lineage" };

    public static ImmutableArray<MetadataReference> Net80 { get; } =
        Basic.Reference.Assemblies.Net80.References.All.Cast<MetadataReference>().ToImmutableArray();

    public static ImmutableArray<MetadataReference> MlLibraries { get; } = Directory
        .EnumerateFiles(AppContext.BaseDirectory, "*.dll")
        .Where(path => LibraryPrefixes.Any(prefix => Path.GetFileName(path).StartsWith(prefix, StringComparison.Ordinal)))
        .Where(IsManagedAssembly)
        .OrderBy(path => path, StringComparer.Ordinal)
        .Select(path => (MetadataReference)MetadataReference.CreateFromFile(path))
        .ToImmutableArray();

    public static ImmutableArray<MetadataReference> WithMl { get; } = Net80.AddRange(MlLibraries);

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
