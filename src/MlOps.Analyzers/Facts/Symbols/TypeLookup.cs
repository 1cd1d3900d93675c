using System.Collections.Generic;
using System.Linq;
using System.Runtime.CompilerServices;
using Microsoft.CodeAnalysis;

namespace MlOps.Analyzers.Facts.Symbols;

/// <summary>
/// Finds well-known types by metadata name in the assemblies that can define them, once per compilation (shared by
/// <see cref="MlSymbols"/> and <see cref="LineageSymbols"/>). <c>Compilation.GetTypeByMetadataName</c> asks every
/// referenced assembly and the compilation's own declarations for every name; the first such call in a compilation
/// start (the lineage attribute, for every analysis) was the costliest action of the rules in a CPU profile.
/// </summary>
/// <remarks>
/// A type declared both in a referenced assembly and in source resolves to the referenced one here, where the C# binder
/// prefers the source one (warning CS0436): a project that copies the run-time library's attributes into its own code
/// while referencing the library is not supported.
/// </remarks>
internal sealed class TypeLookup
{
    private static readonly ConditionalWeakTable<Compilation, TypeLookup> PerCompilation = new();

    /// <summary>Where <c>System.Object</c> and most of <c>System</c> live (reference assemblies, the runtime, .NET Framework, .NET Standard), found by name: asking the compilation for its object type loads the core library's special types first.</summary>
    private static readonly string[] CoreLibraryNames = { "System.Runtime", "System.Private.CoreLib", "mscorlib", "netstandard" };

    private readonly Compilation _compilation;
    private readonly ILookup<string, IAssemblySymbol> _assembliesByRoot;
    private readonly IAssemblySymbol? _coreLibrary;

    private TypeLookup(Compilation compilation)
    {
        _compilation = compilation;
        _assembliesByRoot = compilation.SourceModule.ReferencedAssemblySymbols.ToLookup(a => RootOf(a.Name), System.StringComparer.OrdinalIgnoreCase);
        _coreLibrary = CoreLibraryNames.SelectMany(name => _assembliesByRoot[RootOf(name)].Where(a => a.Name == name)).FirstOrDefault();
    }

    public static TypeLookup For(Compilation compilation) => PerCompilation.GetValue(compilation, static c => new TypeLookup(c));

    /// <summary>
    /// The type named <paramref name="metadataName"/>, from a referenced assembly (or, for types other than the ML
    /// libraries' and .NET's, declared in the compilation), or null.
    /// Looked up in the assemblies that can define it, most likely first: for <c>System</c> types the core library, then the
    /// ones named after the type's namespace, then every assembly of the same root (<see cref="RootOf"/>: <c>Microsoft.ML.*</c> for
    /// <c>Microsoft.ML.MLContext</c>, <c>System.*</c> / <c>mscorlib</c> / <c>netstandard</c> for <c>System.IO.File</c>).
    /// <c>Compilation.GetTypeByMetadataName</c> opens the type tables of every referenced assembly for every name: done
    /// for each of these names it was the largest cost of a first analysis.
    /// </summary>
    public INamedTypeSymbol? Get(string metadataName)
    {
        foreach (var assembly in AssembliesThatMayDefine(metadataName))
        {
            if (assembly.GetTypeByMetadataName(metadataName) is { } type)
                return type;
        }

        // ML.NET, TorchSharp, Microsoft.Data.Analysis and .NET types are never compiled from source; our run-time library
        // and test-framework attributes may be. Asking the source assembly for the library anchors would build the
        // compilation's merged declarations in compilation start, while the compiler is building them on another thread.
        return RootOf(metadataName) is "Microsoft.ML" or "Microsoft.Data" or "TorchSharp" or "System"
            ? null
            : _compilation.Assembly.GetTypeByMetadataName(metadataName);
    }

    /// <summary>The referenced assemblies that may define <paramref name="metadataName"/>, most likely first (see <see cref="Get"/>).</summary>
    private IEnumerable<IAssemblySymbol> AssembliesThatMayDefine(string metadataName)
    {
        var lastDot = metadataName.LastIndexOf('.');
        var ns = lastDot < 0 ? string.Empty : metadataName.Substring(0, lastDot);
        var root = RootOf(metadataName);
        var sameRoot = root switch
        {
            "System" => _assembliesByRoot["System"].Concat(_assembliesByRoot["mscorlib"]).Concat(_assembliesByRoot["netstandard"]),
            "TorchSharp" => _assembliesByRoot["TorchSharp"].Concat(_assembliesByRoot["TorchVision"]), // torchvision lives in TorchSharp's namespace
            _ => _assembliesByRoot[root],
        };
        var namedAfterNamespace = sameRoot.Where(a => a.Name == ns || a.Name.StartsWith(ns + ".", System.StringComparison.Ordinal));
        return root == "System" && _coreLibrary is not null
            ? namedAfterNamespace.Prepend(_coreLibrary).Concat(sameRoot)
            : namedAfterNamespace.Concat(sameRoot);
    }

    /// <summary>A name's root: its first dotted segment, or its first two for <c>Microsoft.*</c> (<c>Microsoft.ML</c>, <c>Microsoft.Data</c>).</summary>
    private static string RootOf(string name)
    {
        var first = name.IndexOf('.');
        if (first < 0)
            return name;
        if (!name.StartsWith("Microsoft.", System.StringComparison.Ordinal))
            return name.Substring(0, first);
        var second = name.IndexOf('.', first + 1);
        return second < 0 ? name : name.Substring(0, second);
    }
}
