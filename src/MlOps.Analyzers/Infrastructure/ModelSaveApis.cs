using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace MlOps.Analyzers.Infrastructure;

/// <summary>A call that writes a model: the API's name as users write it, and the argument naming where it goes.</summary>
internal readonly struct ModelSave
{
    public ModelSave(string api, IArgumentOperation destination)
    {
        Api = api;
        Destination = destination;
    }

    /// <summary>E.g. <c>Model.Save</c>, <c>Module.save</c>, <c>torch.save</c>.</summary>
    public string Api { get; }

    /// <summary>The path, stream or writer argument.</summary>
    public IArgumentOperation Destination { get; }
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

    /// <summary>
    /// True for every method name <see cref="TryGet"/> can accept, so a caller on a hot path can reject other calls by
    /// name before any type comparison. A new API added to <see cref="TryGet"/> must add its name here.
    /// </summary>
    public static bool IsSaveName(string name) => name is "Save" or "save" or "ConvertToOnnx";

    public static bool TryGet(IInvocationOperation invocation, MlSymbols symbols, out ModelSave save)
    {
        save = default;
        var method = invocation.TargetMethod;
        var type = method.ContainingType;
        string? api = null;
        if (method.Name == "Save" && MlSymbols.Is(type, symbols.ModelOperationsCatalog))
            api = "Model.Save";
        else if (method.Name == "ConvertToOnnx" && method.IsExtensionMethod && MlSymbols.Is(invocation.GetReceiverType(), symbols.ModelOperationsCatalog))
            api = "ConvertToOnnx";
        else if (method.Name == "save" && MlSymbols.Is(type, symbols.TorchModule))
            api = "Module.save";
        else if (method.Name == "save" && MlSymbols.Is(type, symbols.Torch))
            api = "torch.save";
        else if (method.Name == "save" && MlSymbols.Is(type, symbols.TorchTensor))
            api = "Tensor.save";
        else if (method.Name == "save" && MlSymbols.Is(type, symbols.TorchJit))
            api = "torch.jit.save";
        if (api is null)
            return false;

        foreach (var argument in invocation.Arguments)
        {
            var parameterType = argument.Parameter?.Type;
            if (parameterType is null)
                continue;
            if (parameterType.SpecialType == SpecialType.System_String
                || MlSymbols.IsOrDerivesFrom(parameterType, symbols.Stream)
                || MlSymbols.IsOrDerivesFrom(parameterType, symbols.BinaryWriter))
            {
                save = new ModelSave(api, argument);
                return true;
            }
        }

        return false;
    }
}
