using System;
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
/// Classifies the method an operation calls (<see cref="ApiOwners"/>) for one compilation, by the assembly that declares
/// it: one walk up the containing symbols and a few name comparisons.
/// </summary>
/// <remarks>
/// No cache: the driver calls the rules from many threads at once, and a cache of owners by type, shared by those
/// threads, costs more in its locks and in the runtime's object-hash path than the short walk it saves (measured on a
/// build of plain code, docs/performance.md).
/// </remarks>
internal sealed class ApiOwnership
{
    private static readonly ConditionalWeakTable<Compilation, ApiOwnership> ByCompilation = new();

    private readonly IAssemblySymbol _source;

    public ApiOwnership(Compilation compilation) => _source = compilation.Assembly;

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
        if (type.ContainingAssembly is not { } assembly)
            return ApiOwners.All;
        return ReferenceEquals(assembly, _source) || SymbolEqualityComparer.Default.Equals(assembly, _source) ? ApiOwners.Source : OfAssembly(assembly.Name);
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

    /// <summary><paramref name="name"/> is <paramref name="root"/> or <c>root.*</c> (<c>Microsoft.MLNet</c> is not ML.NET).</summary>
    private static bool IsNameOrPrefix(string name, string root)
        => name.StartsWith(root, StringComparison.Ordinal) && (name.Length == root.Length || name[root.Length] == '.');
}
