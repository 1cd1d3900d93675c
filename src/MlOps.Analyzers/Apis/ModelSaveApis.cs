using System;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;
using MlOps.Analyzers.Facts.Symbols;

namespace MlOps.Analyzers.Apis;

/// <summary>A call that writes a model: the API's name as users write it, and the argument naming where it goes.</summary>
internal readonly struct ModelSave
{
    public ModelSave(string api, IArgumentOperation destination, IArgumentOperation? model)
    {
        Api = api;
        Destination = destination;
        Model = model;
    }

    /// <summary>E.g. <c>Model.Save</c>, <c>Module.save</c>, <c>torch.save</c>.</summary>
    public string Api { get; }

    /// <summary>The path, stream or writer argument.</summary>
    public IArgumentOperation Destination { get; }

    /// <summary>The ML.NET <c>ITransformer</c> argument (the model written), or null (TorchSharp saves the receiver).</summary>
    public IArgumentOperation? Model { get; }
}

/// <summary>
/// The model save APIs of RULES.md (MLOPS020 / MLOPS021), checked in ML.NET 5.0.1 and TorchSharp 0.107:
/// <c>ModelOperationsCatalog.Save(ITransformer, DataViewSchema | IDataLoader&lt;T&gt;, string | Stream)</c>;
/// <c>torch.nn.Module.save(string | Stream | BinaryWriter, IList&lt;string&gt;? skip)</c>;
/// <c>torch.save(Tensor, string)</c>; <c>torch.Tensor.save(string)</c>; <c>torch.jit.save(ScriptModule, string)</c>
/// (the <c>byte[]</c> overload writes to memory); Microsoft.ML.OnnxConverter 0.23.1's
/// <c>ConvertToOnnx(this ModelOperationsCatalog, ITransformer, IDataView, [int,] Stream[, string[]])</c>, an extension
/// on the model catalog (<c>ConvertToOnnxProtobuf</c> returns the model in memory: not a save).
/// </summary>
internal static class ModelSaveApis
{
    /// <summary>Who declares the APIs above (Microsoft.ML.OnnxConverter is an ML.NET assembly).</summary>
    public const ApiOwners Owners = ApiOwners.MlNet | ApiOwners.TorchSharp;

    /// <summary>The save APIs: the method's name, how messages name it, and which method of that name it is.</summary>
    private static readonly (string Name, string Api, Func<IInvocationOperation, MlSymbols, bool> Is)[] Apis =
    {
        ("Save", "Model.Save", (call, symbols) => MlSymbols.Is(call.TargetMethod.ContainingType, symbols.ModelOperationsCatalog)),
        ("ConvertToOnnx", "ConvertToOnnx", (call, symbols) => call.TargetMethod.IsExtensionMethod && MlSymbols.Is(call.GetReceiverType(), symbols.ModelOperationsCatalog)),
        ("save", "Module.save", (call, symbols) => MlSymbols.Is(call.TargetMethod.ContainingType, symbols.TorchModule)),
        ("save", "torch.save", (call, symbols) => MlSymbols.Is(call.TargetMethod.ContainingType, symbols.Torch)),
        ("save", "Tensor.save", (call, symbols) => MlSymbols.Is(call.TargetMethod.ContainingType, symbols.TorchTensor)),
        ("save", "torch.jit.save", (call, symbols) => MlSymbols.Is(call.TargetMethod.ContainingType, symbols.TorchJit)),
    };

    /// <summary>The method names of the save APIs: callers reject every other call by name first.</summary>
    public static ImmutableHashSet<string> Names { get; } = ImmutableHashSet.CreateRange(StringComparer.Ordinal, Apis.Select(api => api.Name));

    public static bool TryGet(IInvocationOperation invocation, MlSymbols symbols, out ModelSave save)
    {
        save = default;
        string? api = null;
        foreach (var candidate in Apis)
        {
            if (candidate.Name == invocation.TargetMethod.Name && candidate.Is(invocation, symbols))
            {
                api = candidate.Api;
                break;
            }
        }

        if (api is null)
            return false;

        IArgumentOperation? model = null;
        foreach (var argument in invocation.Arguments)
        {
            var parameterType = argument.Parameter?.Type;
            if (parameterType is null)
                continue;
            if (model is null && MlSymbols.IsOrImplements(parameterType, symbols.Transformer))
            {
                model = argument;
                continue;
            }

            if (parameterType.SpecialType == SpecialType.System_String
                || MlSymbols.IsOrDerivesFrom(parameterType, symbols.Stream)
                || MlSymbols.IsOrDerivesFrom(parameterType, symbols.BinaryWriter))
            {
                save = new ModelSave(api, argument, model);
                return true;
            }
        }

        return false;
    }
}
