using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Runtime.CompilerServices;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace MlOps.Analyzers.Infrastructure;

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
/// assembly passes every namespace around it (~300 ns), and so does a lookup by the declaring type's definition; the owner
/// is cached by the symbol's identity instead (~100 ns), which the calls to one method mostly share (the benchmark's
/// 1,000 files make 33,000 calls to 12,000 method symbols).
/// </summary>
internal sealed class ApiOwnership
{
    private static readonly ConditionalWeakTable<Compilation, ApiOwnership> ByCompilation = new();

    private readonly Compilation _compilation;
    private readonly ConcurrentDictionary<ISymbol, ApiOwners> _bySymbol = new(SameInstance.Comparer);

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
        return method is null ? ApiOwners.All : OfSymbol(method);
    }

    /// <summary>The owner of <paramref name="symbol"/> (a method, a type): the assembly that declares it.</summary>
    public ApiOwners OfSymbol(ISymbol symbol)
    {
        if (!_bySymbol.TryGetValue(symbol, out var owner))
            _bySymbol[symbol] = owner = Classify(symbol);
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

    /// <summary>Symbols by identity: equal symbols that are distinct objects only cost another cache entry.</summary>
    private sealed class SameInstance : IEqualityComparer<ISymbol>
    {
        public static readonly SameInstance Comparer = new();

        public bool Equals(ISymbol? x, ISymbol? y) => ReferenceEquals(x, y);

        public int GetHashCode(ISymbol obj) => RuntimeHelpers.GetHashCode(obj);
    }

    /// <summary><paramref name="name"/> is <paramref name="root"/> or <c>root.*</c> (<c>Microsoft.MLNet</c> is not ML.NET).</summary>
    private static bool IsNameOrPrefix(string name, string root)
        => name.StartsWith(root, StringComparison.Ordinal) && (name.Length == root.Length || name[root.Length] == '.');
}
