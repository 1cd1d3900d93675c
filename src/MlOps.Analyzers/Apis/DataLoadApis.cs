using System.Collections.Generic;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;
using MlOps.Analyzers.Facts.Symbols;

namespace MlOps.Analyzers.Apis;

/// <summary>What a data load reads from.</summary>
internal enum DataSourceKind
{
    /// <summary>Files or folders named by path arguments.</summary>
    Path,

    /// <summary>A database query: no path a <c>[DatasetInput]</c> could declare.</summary>
    Database,
}

/// <summary>A call that reads training data: the API as users write it, and the arguments naming the source.</summary>
internal readonly struct DataLoad
{
    public DataLoad(string api, DataSourceKind kind, ImmutableArray<IOperation> sources, bool isMlApi)
    {
        Api = api;
        Kind = kind;
        Sources = sources;
        IsMlApi = isMlApi;
    }

    /// <summary>E.g. <c>LoadFromTextFile</c>, <c>DataFrame.LoadCsv</c>, <c>File.ReadAllLines</c>.</summary>
    public string Api { get; }

    public DataSourceKind Kind { get; }

    /// <summary>The path values (one per path for the <c>params string[]</c> forms); empty for a database.</summary>
    public ImmutableArray<IOperation> Sources { get; }

    /// <summary>An ML library API (as opposed to <c>File.*</c> / <c>Directory.*</c>).</summary>
    public bool IsMlApi { get; }
}

/// <summary>
/// The data load APIs of RULES.md (MLOPS010), as they exist in ML.NET 5.0.1, Microsoft.Data.Analysis 0.23.1 and
/// TorchSharp 0.107 (checked against the assemblies):
/// <c>LoadFromTextFile</c> (all four overloads), <c>LoadFromBinary(string)</c>, <c>LoadFromSvmLightFile</c>,
/// <c>LoadFromSvmLightFileWithFeatureNames</c>, <c>IDataLoader&lt;IMultiStreamSource&gt;.Load(params string[])</c>
/// (how <c>CreateTextLoader(...).Load</c> / <c>TextLoader.Load</c> take paths), <c>new MultiFileSource(params string[])</c>
/// (the source every <c>IMultiStreamSource</c> overload reads), <c>DatabaseLoader.Load</c>, <c>LoadImages</c> /
/// <c>LoadRawImageBytes</c> (their image folder), <c>DataFrame.LoadCsv(string)</c>, <c>DataFrame.LoadFrom(DbDataReader
/// | DbDataAdapter)</c>, <c>torch.load(string)</c>, <c>Tensor.load / Load(string)</c>; and .NET
/// <c>File.ReadAllLines/ReadAllText/ReadAllBytes/ReadLines/OpenRead</c> (and their Async forms),
/// <c>Directory.GetFiles/EnumerateFiles</c> (unless only counted). <c>Stream</c> overloads are not loads here: the stream was opened by
/// one of the calls above (<c>File.OpenRead</c>), which is where the file is named. TorchVision 0.107:
/// <c>torchvision.io.read_image / read_file(string)</c> and the <c>torchvision.datasets</c> factories
/// (<c>MNIST</c>, <c>FashionMNIST</c>, <c>KMNIST</c>, <c>CIFAR10</c>, <c>CIFAR100</c>), which read their
/// <c>root</c> folder.
/// </summary>
internal static class DataLoadApis
{
    /// <summary>Who declares the APIs above: ML.NET, TorchSharp / TorchVision, DataFrame and .NET's <c>File</c> / <c>Directory</c>.</summary>
    public const ApiOwners Owners = ApiOwners.MlNet | ApiOwners.TorchSharp | ApiOwners.DataAnalysis | ApiOwners.Other;

    public static bool TryGet(IOperation operation, MlSymbols symbols, out DataLoad load)
    {
        load = default;
        switch (operation)
        {
            case IObjectCreationOperation creation when MlSymbols.Is(creation.Type, symbols.MultiFileSource):
                load = new DataLoad("new MultiFileSource", DataSourceKind.Path, PathArguments(creation.Arguments), isMlApi: true);
                return !load.Sources.IsEmpty;
            case IInvocationOperation invocation:
                return TryGet(invocation, symbols, out load);
            default:
                return false;
        }
    }

    private static bool TryGet(IInvocationOperation invocation, MlSymbols symbols, out DataLoad load)
    {
        load = default;
        var method = invocation.TargetMethod;
        var type = method.ContainingType;
        var name = method.Name;
        if (!LoadNames.Contains(name) && !MlSymbols.Is(type, symbols.TorchVisionDatasets))
            return false; // torchvision.datasets: every factory reads its root folder, whatever its name

        if ((MlSymbols.Is(type, symbols.TextLoaderSaverCatalog) && name == "LoadFromTextFile")
            || (MlSymbols.Is(type, symbols.BinaryLoaderSaverCatalog) && name == "LoadFromBinary")
            || (MlSymbols.Is(type, symbols.SvmLightLoaderSaverCatalog) && name is "LoadFromSvmLightFile" or "LoadFromSvmLightFileWithFeatureNames"))
            return Single(invocation, name, "path", isMlApi: true, out load);

        if (MlSymbols.Is(type, symbols.DataLoaderExtensions) && name == "Load")
        {
            load = new DataLoad("Load", DataSourceKind.Path, PathArguments(invocation.Arguments), isMlApi: true);
            return !load.Sources.IsEmpty;
        }

        if (MlSymbols.Is(type, symbols.DatabaseLoader) && name == "Load")
        {
            load = new DataLoad("DatabaseLoader.Load", DataSourceKind.Database, ImmutableArray<IOperation>.Empty, isMlApi: true);
            return true;
        }

        if (MlSymbols.Is(type, symbols.ImageEstimatorsCatalog) && name is "LoadImages" or "LoadRawImageBytes")
        {
            // A null folder means the image column holds full paths: the files come from already-loaded data.
            var folder = invocation.GetArgument("imageFolder");
            if (folder is null || folder.Value.IsNullConstant())
                return false;
            load = new DataLoad(name, DataSourceKind.Path, ImmutableArray.Create(folder.Value), isMlApi: true);
            return true;
        }

        if (MlSymbols.Is(type, symbols.DataFrame))
        {
            if (name == "LoadCsv")
                return Single(invocation, "DataFrame.LoadCsv", "filename", isMlApi: true, out load);
            if (name == "LoadFrom" && invocation.Arguments.Length == 1
                && (MlSymbols.Is(invocation.Arguments[0].Parameter?.Type, symbols.DbDataReader)
                    || MlSymbols.Is(invocation.Arguments[0].Parameter?.Type, symbols.DbDataAdapter)))
            {
                load = new DataLoad("DataFrame.LoadFrom", DataSourceKind.Database, ImmutableArray<IOperation>.Empty, isMlApi: true);
                return true;
            }

            return false;
        }

        if (MlSymbols.Is(type, symbols.Torch) && name == "load")
            return Single(invocation, "torch.load", null, isMlApi: true, out load);
        if (MlSymbols.Is(type, symbols.TorchTensor) && name is "load" or "Load")
            return Single(invocation, "Tensor." + name, null, isMlApi: true, out load);

        if (MlSymbols.Is(type, symbols.TorchVisionDatasets))
            return Single(invocation, "torchvision.datasets." + name, "root", isMlApi: true, out load);
        if (MlSymbols.Is(type, symbols.TorchVisionIO) && name is "read_image" or "read_file")
            return Single(invocation, "torchvision.io." + name, null, isMlApi: true, out load);

        if (MlSymbols.Is(type, symbols.File)
            && name is "ReadAllLines" or "ReadAllText" or "ReadAllBytes" or "ReadLines" or "OpenRead"
                or "ReadAllLinesAsync" or "ReadAllTextAsync" or "ReadAllBytesAsync" or "ReadLinesAsync")
            return Single(invocation, "File." + name, null, isMlApi: false, out load);
        if (MlSymbols.Is(type, symbols.Directory) && name is "GetFiles" or "EnumerateFiles" && !IsOnlyCounted(invocation, symbols))
            return Single(invocation, "Directory." + name, null, isMlApi: false, out load);

        return false;
    }

    /// <summary>
    /// A folder listed only to count or test for its files (<c>Directory.GetFiles(dir).Length == 0</c>,
    /// <c>Directory.EnumerateFiles(dir).Any()</c>): no file is read, so no data enters the model through it.
    /// </summary>
    private static bool IsOnlyCounted(IInvocationOperation listing, MlSymbols symbols)
    {
        var parent = listing.Parent;
        while (parent is IConversionOperation)
            parent = parent.Parent;
        return parent switch
        {
            IPropertyReferenceOperation { Property.Name: "Length" or "LongLength" } => true,
            IArgumentOperation { Parent: IInvocationOperation { TargetMethod: { Name: "Any" or "Count" or "LongCount" } counting } }
                => MlSymbols.Is(counting.ContainingType, symbols.Enumerable),
            _ => false,
        };
    }

    /// <summary>
    /// Every method name <see cref="TryGet(IInvocationOperation, MlSymbols, out DataLoad)"/> accepts: each branch below
    /// requires one of them (except torchvision.datasets, checked by type), so any other call is rejected by one string
    /// lookup before the dozen type comparisons. A new API added below must add its name here.
    /// </summary>
    private static readonly HashSet<string> LoadNames = new(System.StringComparer.Ordinal)
    {
        "LoadFromTextFile", "LoadFromBinary", "LoadFromSvmLightFile", "LoadFromSvmLightFileWithFeatureNames", "Load",
        "LoadImages", "LoadRawImageBytes", "LoadCsv", "LoadFrom", "load",
        "ReadAllLines", "ReadAllText", "ReadAllBytes", "ReadLines", "OpenRead",
        "ReadAllLinesAsync", "ReadAllTextAsync", "ReadAllBytesAsync", "ReadLinesAsync",
        "GetFiles", "EnumerateFiles", "read_image", "read_file",
    };

    /// <summary>The one string argument naming the source (by parameter name, else the first string parameter).</summary>
    private static bool Single(IInvocationOperation invocation, string api, string? parameterName, bool isMlApi, out DataLoad load)
    {
        load = default;
        foreach (var argument in invocation.Arguments)
        {
            if (argument.Parameter is not { } parameter || parameter.Type.SpecialType != SpecialType.System_String || parameter.IsThis)
                continue;
            if (parameterName is not null && parameter.Name != parameterName)
                continue;
            load = new DataLoad(api, DataSourceKind.Path, ImmutableArray.Create(argument.Value), isMlApi);
            return true;
        }

        return false;
    }

    /// <summary>The elements of a <c>params string[]</c> argument written in expanded form (or the array itself).</summary>
    private static ImmutableArray<IOperation> PathArguments(ImmutableArray<IArgumentOperation> arguments)
    {
        var builder = ImmutableArray.CreateBuilder<IOperation>();
        foreach (var argument in arguments)
        {
            if (argument.Parameter?.Type is not IArrayTypeSymbol { ElementType.SpecialType: SpecialType.System_String })
                continue;
            if (argument.Value is IArrayCreationOperation { Initializer: { } initializer })
            {
                foreach (var element in initializer.ElementValues)
                {
                    if (!element.IsNullConstant())
                        builder.Add(element);
                }
            }
            else if (!argument.Value.IsNullConstant())
            {
                builder.Add(argument.Value);
            }
        }

        return builder.ToImmutable();
    }
}
