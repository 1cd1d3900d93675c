using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Runtime.CompilerServices;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace MlOps.Analyzers.Facts.Symbols;

/// <summary>
/// Which code declares the method an operation calls, by its assembly. Rules filter their invocation and object-creation
/// actions by it (<see cref="ApiFilteredActions"/>): a rule about ML.NET trainers has nothing to do with a call into LINQ
/// or the team's own code, and most calls of an ML code base are such calls.
/// </summary>
[Flags]
internal enum ApiOwners
{
    None = 0,

    /// <summary>ML.NET: assemblies named <c>Microsoft.ML</c> or <c>Microsoft.ML.*</c>.</summary>
    MlNet = 1 << 0,

    /// <summary>TorchSharp and its companion packages: assemblies named <c>TorchSharp</c>, <c>TorchVision</c>, <c>TorchAudio</c>.</summary>
    TorchSharp = 1 << 1,

    /// <summary>Microsoft.Data.Analysis (<c>DataFrame</c>).</summary>
    DataAnalysis = 1 << 2,

    /// <summary>The MlOps.Lineage run-time library.</summary>
    Lineage = 1 << 3,

    /// <summary>The compilation being analyzed: the team's own methods and constructors.</summary>
    Source = 1 << 4,

    /// <summary>Any other assembly: .NET itself (<c>Random</c>, <c>File</c>, <c>HttpClient</c>, LINQ) and other packages.</summary>
    Other = 1 << 5,

    All = MlNet | TorchSharp | DataAnalysis | Lineage | Source | Other,
}

/// <summary>
/// Classifies the method an operation calls (<see cref="ApiOwners"/>) for one compilation. Walking from a method to its
/// assembly passes every namespace around it, so the owner is cached per declaring type: a code base calls far more
/// distinct methods than it has declaring types, so a cache by method would mostly grow.
/// </summary>
internal sealed class ApiOwnership
{
    private static readonly ConditionalWeakTable<Compilation, ApiOwnership> ByCompilation = new();

    private readonly Compilation _compilation;

    // Sized for a large code base's declaring types, so that the table rarely grows. Keyed by identity: a type's
    // definition is one long-lived object (for a referenced assembly, shared by every compilation), so its hash code is
    // computed once, where SymbolEqualityComparer goes through several virtual calls per lookup.
    private readonly ConcurrentDictionary<INamedTypeSymbol, ApiOwners> _byType = new(concurrencyLevel: 4, capacity: 4096, SameInstance.Comparer);

    public ApiOwnership(Compilation compilation) => _compilation = compilation;

    /// <summary>The classifier of <paramref name="compilation"/>, shared by whoever asks (rules running alone).</summary>
    public static ApiOwnership For(Compilation compilation) => ByCompilation.GetValue(compilation, c => new ApiOwnership(c));

    /// <summary>True for the operation kinds that call a method, the ones <see cref="Of"/> classifies.</summary>
    public static bool CallsMethod(OperationKind kind)
        => kind is OperationKind.Invocation or OperationKind.ObjectCreation or OperationKind.MethodReference;

    /// <summary>
    /// The owner of the method <paramref name="operation"/> calls: an invocation's target, a creation's constructor, a method
    /// group's method. <see cref="ApiOwners.All"/> for other operations and when the callee is unknown, so a filter never
    /// hides them.
    /// </summary>
    public ApiOwners Of(IOperation operation)
    {
        var method = operation switch
        {
            IInvocationOperation invocation => invocation.TargetMethod,
            IObjectCreationOperation creation => creation.Constructor,
            IMethodReferenceOperation reference => reference.Method,
            _ => null,
        };
        return method?.ContainingType is { } type ? OfType(type) : ApiOwners.All;
    }

    /// <summary>The owner of <paramref name="type"/>: the assembly that declares it.</summary>
    public ApiOwners OfType(ITypeSymbol type)
    {
        if (type is not INamedTypeSymbol { OriginalDefinition: var definition })
            return Classify(type); // arrays, pointers, type parameters: rare here, not cached
        if (!_byType.TryGetValue(definition, out var owner))
            _byType[definition] = owner = Classify(definition);
        return owner;
    }

    private ApiOwners Classify(ISymbol symbol)
    {
        if (symbol.ContainingAssembly is not { } assembly)
            return ApiOwners.All;
        return SymbolEqualityComparer.Default.Equals(assembly, _compilation.Assembly) ? ApiOwners.Source : OfAssembly(assembly.Name);
    }

    /// <summary>The owner of a referenced assembly, by name.</summary>
    public static ApiOwners OfAssembly(string name)
    {
        if (IsNameOrPrefix(name, "Microsoft.ML"))
            return ApiOwners.MlNet;
        if (IsNameOrPrefix(name, "TorchSharp") || IsNameOrPrefix(name, "TorchVision") || IsNameOrPrefix(name, "TorchAudio"))
            return ApiOwners.TorchSharp;
        if (name == "Microsoft.Data.Analysis")
            return ApiOwners.DataAnalysis;
        return name == "MlOps.Lineage" ? ApiOwners.Lineage : ApiOwners.Other;
    }

    /// <summary>Types by identity: two objects for one type (should Roslyn make them) only cost another cache entry.</summary>
    private sealed class SameInstance : IEqualityComparer<INamedTypeSymbol>
    {
        public static readonly SameInstance Comparer = new();

        public bool Equals(INamedTypeSymbol? x, INamedTypeSymbol? y) => ReferenceEquals(x, y);

        public int GetHashCode(INamedTypeSymbol obj) => RuntimeHelpers.GetHashCode(obj);
    }

    /// <summary><paramref name="name"/> is <paramref name="root"/> or <c>root.*</c> (<c>Microsoft.MLNet</c> is not ML.NET).</summary>
    private static bool IsNameOrPrefix(string name, string root)
        => name.StartsWith(root, StringComparison.Ordinal) && (name.Length == root.Length || name[root.Length] == '.');
}
