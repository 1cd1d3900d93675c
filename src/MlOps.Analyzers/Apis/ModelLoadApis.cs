using System;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;
using MlOps.Analyzers.Facts.Symbols;

namespace MlOps.Analyzers.Apis;

/// <summary>A call that reads a trained model: the API's name as users write it, and the argument naming where from.</summary>
internal readonly struct ModelLoad
{
    public ModelLoad(string api, IArgumentOperation source)
    {
        Api = api;
        Source = source;
    }

    /// <summary>E.g. <c>Model.Load</c>, <c>Module.load</c>, <c>torch.jit.load</c>, <c>new InferenceSession</c>.</summary>
    public string Api { get; }

    /// <summary>The path or stream argument.</summary>
    public IArgumentOperation Source { get; }
}

/// <summary>
/// The model load APIs of RULES.md (MLOPS022), checked in ML.NET 5.0.1, TorchSharp 0.107 and the ONNX Runtime that
/// Microsoft.ML.OnnxTransformer 5.0.1 brings: <c>ModelOperationsCatalog.Load(string | Stream, out DataViewSchema)</c> and
/// <c>LoadWithDataLoader(string | Stream, out IDataLoader&lt;IMultiStreamSource&gt;)</c>;
/// <c>torch.nn.Module.load(string | Stream | BinaryReader, ...)</c> (instance: it loads weights into the module);
/// <c>torch.jit.load(string | byte[], ...)</c>; <c>new InferenceSession(string | byte[], ...)</c>. A <c>byte[]</c> model is
/// already in memory (its origin is decided elsewhere) and a <c>BinaryReader</c> is not followed to its file: neither is judged.
/// </summary>
internal static class ModelLoadApis
{
    /// <summary>Who declares the APIs above (Microsoft.ML.OnnxRuntime is named as an ML.NET assembly).</summary>
    public const ApiOwners Owners = ApiOwners.MlNet | ApiOwners.TorchSharp;

    /// <summary>The load APIs called as methods: the method's name, how messages name it, and which method of that name it is.</summary>
    private static readonly (string Name, string Api, Func<IMethodSymbol, MlSymbols, bool> Is)[] Apis =
    {
        ("Load", "Model.Load", (method, symbols) => MlSymbols.Is(method.ContainingType, symbols.ModelOperationsCatalog)),
        ("LoadWithDataLoader", "Model.LoadWithDataLoader", (method, symbols) => MlSymbols.Is(method.ContainingType, symbols.ModelOperationsCatalog)),
        ("load", "Module.load", (method, symbols) => !method.IsStatic && MlSymbols.IsOrDerivesFrom(method.ContainingType, symbols.TorchModule)),
        ("load", "torch.jit.load", (method, symbols) => MlSymbols.Is(method.ContainingType, symbols.TorchJit)),
    };

    /// <summary>The method names of the load APIs: callers reject every other call by name first.</summary>
    public static ImmutableHashSet<string> Names { get; } = ImmutableHashSet.CreateRange(StringComparer.Ordinal, Apis.Select(api => api.Name));

    /// <summary>The created type's name (ONNX Runtime's <c>InferenceSession</c>).</summary>
    public const string InferenceSessionName = "InferenceSession";

    public static bool TryGet(IInvocationOperation invocation, MlSymbols symbols, out ModelLoad load)
    {
        load = default;
        var method = invocation.TargetMethod;
        foreach (var candidate in Apis)
        {
            if (candidate.Name == method.Name && candidate.Is(method, symbols))
                return TrySource(candidate.Api, invocation.Arguments, symbols, out load);
        }

        return false;
    }

    public static bool TryGet(IObjectCreationOperation creation, MlSymbols symbols, out ModelLoad load)
    {
        load = default;
        return MlSymbols.Is(creation.Type, symbols.OnnxInferenceSession)
               && TrySource("new InferenceSession", creation.Arguments, symbols, out load);
    }

    private static bool TrySource(string api, ImmutableArray<IArgumentOperation> arguments, MlSymbols symbols, out ModelLoad load)
    {
        foreach (var argument in arguments)
        {
            if (argument.Parameter?.Type is { } type
                && (type.SpecialType == SpecialType.System_String || MlSymbols.IsOrDerivesFrom(type, symbols.Stream)))
            {
                load = new ModelLoad(api, argument);
                return true;
            }
        }

        load = default;
        return false;
    }
}
