using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
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
    public DataLoad(string api, DataSourceKind kind, ImmutableArray<IOperation> sources, bool isMlApi, bool isListing = false)
    {
        Api = api;
        Kind = kind;
        Sources = sources;
        IsMlApi = isMlApi;
        IsListing = isListing;
    }

    /// <summary>E.g. <c>LoadFromTextFile</c>, <c>DataFrame.LoadCsv</c>, <c>File.ReadAllLines</c>.</summary>
    public string Api { get; }

    public DataSourceKind Kind { get; }

    /// <summary>The path values (one per path for the <c>params string[]</c> forms); empty for a database.</summary>
    public ImmutableArray<IOperation> Sources { get; }

    /// <summary>An ML library API (as opposed to <c>File.*</c> / <c>Directory.*</c>).</summary>
    public bool IsMlApi { get; }

    /// <summary>A folder listing (<c>Directory</c> / <c>DirectoryInfo</c> <c>GetFiles</c> / <c>EnumerateFiles</c>) whose files become data.</summary>
    public bool IsListing { get; }
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
/// <c>Directory.GetFiles/EnumerateFiles</c> and <c>DirectoryInfo.GetFiles/EnumerateFiles</c> when the listed files become data
/// (<see cref="ListedFiles"/>); a <c>File.OpenRead</c> of an archive that the member unpacks to disk is not a load
/// (<see cref="ArchiveApis"/>). <c>Stream</c> overloads are not loads here: the stream was opened by
/// one of the calls above (<c>File.OpenRead</c>), which is where the file is named. TorchVision 0.107:
/// <c>torchvision.io.read_image / read_file(string)</c> and the <c>torchvision.datasets</c> factories
/// (<c>MNIST</c>, <c>FashionMNIST</c>, <c>KMNIST</c>, <c>CIFAR10</c>, <c>CIFAR100</c>), which read their
/// <c>root</c> folder.
/// </summary>
internal static class DataLoadApis
{
    /// <summary>Who declares the APIs above: ML.NET, TorchSharp / TorchVision, DataFrame and .NET's <c>File</c> / <c>Directory</c>.</summary>
    public const ApiOwners Owners = ApiOwners.MlNet | ApiOwners.TorchSharp | ApiOwners.DataAnalysis | ApiOwners.Other;

    /// <summary>Reads the load from a call of the API's method (its type and name already matched), or null when the call reads nothing.</summary>
    private delegate DataLoad? Reader(IInvocationOperation invocation, MlSymbols symbols);

    /// <summary>The load APIs called as methods: the method's name, the type that declares it, and how its source is read.</summary>
    private static readonly (string Name, Func<MlSymbols, INamedTypeSymbol?> Type, Reader Read)[] Apis =
    {
        ("LoadFromTextFile", s => s.TextLoaderSaverCatalog, Single("LoadFromTextFile", "path", isMlApi: true)),
        ("LoadFromBinary", s => s.BinaryLoaderSaverCatalog, Single("LoadFromBinary", "path", isMlApi: true)),
        ("LoadFromSvmLightFile", s => s.SvmLightLoaderSaverCatalog, Single("LoadFromSvmLightFile", "path", isMlApi: true)),
        ("LoadFromSvmLightFileWithFeatureNames", s => s.SvmLightLoaderSaverCatalog, Single("LoadFromSvmLightFileWithFeatureNames", "path", isMlApi: true)),
        ("Load", s => s.DataLoaderExtensions, (invocation, _) => Paths("Load", invocation.Arguments)),
        ("Load", s => s.DatabaseLoader, (_, _) => Database("DatabaseLoader.Load")),
        ("LoadImages", s => s.ImageEstimatorsCatalog, (invocation, _) => ImageFolder("LoadImages", invocation)),
        ("LoadRawImageBytes", s => s.ImageEstimatorsCatalog, (invocation, _) => ImageFolder("LoadRawImageBytes", invocation)),
        ("LoadCsv", s => s.DataFrame, Single("DataFrame.LoadCsv", "filename", isMlApi: true)),
        ("LoadFrom", s => s.DataFrame, DataFrameLoadFrom),
        ("load", s => s.Torch, Single("torch.load", null, isMlApi: true)),
        ("load", s => s.TorchTensor, Single("Tensor.load", null, isMlApi: true)),
        ("Load", s => s.TorchTensor, Single("Tensor.Load", null, isMlApi: true)),
        ("read_image", s => s.TorchVisionIO, Single("torchvision.io.read_image", null, isMlApi: true)),
        ("read_file", s => s.TorchVisionIO, Single("torchvision.io.read_file", null, isMlApi: true)),
        FileRead("ReadAllLines"), FileRead("ReadAllText"), FileRead("ReadAllBytes"), FileRead("ReadLines"),
        FileRead("ReadAllLinesAsync"), FileRead("ReadAllTextAsync"), FileRead("ReadAllBytesAsync"), FileRead("ReadLinesAsync"),
        ("OpenRead", s => s.File, UnlessUnpackedToDisk(Single("File.OpenRead", null, isMlApi: false))),
        DirectoryListing("GetFiles"), DirectoryListing("EnumerateFiles"),
        DirectoryInfoListing("GetFiles"), DirectoryInfoListing("EnumerateFiles"),
    };

    /// <summary>The load APIs by method name (derived from <see cref="Apis"/>): any other call is rejected by one lookup before the type comparisons.</summary>
    private static readonly Dictionary<string, (string Name, Func<MlSymbols, INamedTypeSymbol?> Type, Reader Read)[]> ByName
        = Apis.GroupBy(api => api.Name, StringComparer.Ordinal).ToDictionary(group => group.Key, group => group.ToArray(), StringComparer.Ordinal);

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
        if (MlSymbols.Is(type, symbols.TorchVisionDatasets))
            return Single("torchvision.datasets." + method.Name, "root", isMlApi: true)(invocation, symbols) is { } dataset && Found(dataset, out load);

        if (!ByName.TryGetValue(method.Name, out var apis))
            return false;
        foreach (var api in apis)
        {
            if (MlSymbols.Is(type, api.Type(symbols)))
                return api.Read(invocation, symbols) is { } read && Found(read, out load);
        }

        return false;
    }

    private static bool Found(DataLoad read, out DataLoad load)
    {
        load = read;
        return true;
    }

    private static (string, Func<MlSymbols, INamedTypeSymbol?>, Reader) FileRead(string name)
        => (name, s => s.File, Single("File." + name, null, isMlApi: false));

    private static (string, Func<MlSymbols, INamedTypeSymbol?>, Reader) DirectoryListing(string name)
    {
        var api = "Directory." + name;
        return (name, s => s.Directory, (invocation, symbols) => Listing(api, invocation, ListedFolder(FirstStringArgument(invocation), symbols, 0), symbols));
    }

    private static (string, Func<MlSymbols, INamedTypeSymbol?>, Reader) DirectoryInfoListing(string name)
    {
        var api = "DirectoryInfo." + name;
        return (name, s => s.DirectoryInfo, (invocation, symbols) => Listing(api, invocation, FolderOf(invocation.Instance, symbols, 0), symbols));
    }

    /// <summary>An archive opened only to unpack it to disk is not a load (<see cref="ArchiveApis.IsUnpackedToDisk"/>).</summary>
    private static Reader UnlessUnpackedToDisk(Reader read)
        => (invocation, symbols) => ArchiveApis.IsUnpackedToDisk(invocation, symbols) ? null : read(invocation, symbols);

    private static DataLoad Database(string api) => new(api, DataSourceKind.Database, ImmutableArray<IOperation>.Empty, isMlApi: true);

    private static DataLoad? DataFrameLoadFrom(IInvocationOperation invocation, MlSymbols symbols)
        => invocation.Arguments.Length == 1
           && (MlSymbols.Is(invocation.Arguments[0].Parameter?.Type, symbols.DbDataReader)
               || MlSymbols.Is(invocation.Arguments[0].Parameter?.Type, symbols.DbDataAdapter))
            ? Database("DataFrame.LoadFrom")
            : null;

    /// <summary>
    /// <c>LoadImages</c> / <c>LoadRawImageBytes</c> read their images from <c>imageFolder</c> joined with the column's
    /// path. ML.NET's <c>ImageLoadingTransformer</c> joins them only when the folder is not null or white space
    /// (<c>string.IsNullOrWhiteSpace(ImageFolder)</c>): otherwise the column holds full paths of data loaded elsewhere, or
    /// of images that arrive at prediction time (a scoring pipeline built on an empty view), and the call names no source.
    /// </summary>
    private static DataLoad? ImageFolder(string api, IInvocationOperation invocation)
    {
        var folder = invocation.GetArgument("imageFolder")?.Value.WalkDownConversions();
        if (folder is null || folder.IsNullConstant() || IsEmptyText(folder))
            return null;
        return new DataLoad(api, DataSourceKind.Path, ImmutableArray.Create(folder), isMlApi: true);
    }

    private static bool IsEmptyText(IOperation value)
        => value.ConstantValue is { HasValue: true, Value: string text } ? string.IsNullOrWhiteSpace(text)
           : value is IFieldReferenceOperation { Field: { Name: "Empty", ContainingType.SpecialType: SpecialType.System_String } };

    /// <summary>
    /// A folder listing is a load when its files can become data (<see cref="ListedFiles.AreRead"/>): not when it only
    /// counts, inspects, deletes or unpacks them, or loads a model from them; nor when the member unpacks an archive to
    /// disk (<see cref="ArchiveApis.UnpacksToDisk"/>), whose listings find what it unpacked for the code that loads it.
    /// </summary>
    private static DataLoad? Listing(string api, IInvocationOperation invocation, IOperation? folder, MlSymbols symbols)
        => folder is not null && ListedFiles.AreRead(invocation, symbols) && !ArchiveApis.UnpacksToDisk(invocation, symbols)
            ? new DataLoad(api, DataSourceKind.Path, ImmutableArray.Create(folder), isMlApi: false, isListing: true)
            : null;

    private static IOperation? FirstStringArgument(IInvocationOperation invocation)
    {
        foreach (var argument in invocation.Arguments)
        {
            if (argument.Parameter?.Type.SpecialType == SpecialType.System_String)
                return argument.Value;
        }

        return null;
    }

    /// <summary>The folder a <c>DirectoryInfo</c> was created on: <c>new DirectoryInfo(path)</c>, also through a local written once.</summary>
    private static IOperation? FolderOf(IOperation? directory, MlSymbols symbols, int depth)
    {
        switch (directory?.WalkDownConversions())
        {
            case IObjectCreationOperation { Arguments.Length: 1 } creation when creation.Arguments[0].Parameter?.Type.SpecialType == SpecialType.System_String:
                return creation.Arguments[0].Value;
            case ILocalReferenceOperation local when depth < MaxFolderDepth:
                if (SubfolderOf(local, symbols, depth) is { } root)
                    return root;
                return LocalWrites.ValuesOf(local) is { Count: 1 } values ? FolderOf(values[0], symbols, depth + 1) : null;
            default:
                return null;
        }
    }

    private const int MaxFolderDepth = 4;

    /// <summary>
    /// The folder a listing names. A listing of each sub-folder of a root (<c>foreach (var classDir in
    /// Directory.GetDirectories(root)) Directory.GetFiles(classDir)</c>, the one-folder-per-class layout of image
    /// datasets) lists the root's dataset: its folder is the root.
    /// </summary>
    private static IOperation? ListedFolder(IOperation? folder, MlSymbols symbols, int depth)
        => folder?.WalkDownConversions() is ILocalReferenceOperation local && SubfolderOf(local, symbols, depth) is { } root ? root : folder;

    /// <summary>The root folder when <paramref name="local"/> is a <c>foreach</c> variable over its sub-folders, else null.</summary>
    private static IOperation? SubfolderOf(ILocalReferenceOperation local, MlSymbols symbols, int depth)
    {
        var body = (IOperation)local;
        while (body.Parent is not null)
            body = body.Parent;
        if (!LocalWrites.Collect(body).TryGetValue(local.Local, out var writes)
            || writes.ForEachCollection?.WalkDownConversions() is not IInvocationOperation { TargetMethod.Name: "GetDirectories" or "EnumerateDirectories" } subfolders)
            return null;
        var type = subfolders.TargetMethod.ContainingType;
        if (MlSymbols.Is(type, symbols.Directory))
            return FirstStringArgument(subfolders);
        return MlSymbols.Is(type, symbols.DirectoryInfo) ? FolderOf(subfolders.Instance, symbols, depth + 1) : null;
    }

    /// <summary>The one string argument naming the source (by parameter name, else the first string parameter).</summary>
    private static Reader Single(string api, string? parameterName, bool isMlApi) => (invocation, _) =>
    {
        foreach (var argument in invocation.Arguments)
        {
            if (argument.Parameter is not { } parameter || parameter.Type.SpecialType != SpecialType.System_String || parameter.IsThis)
                continue;
            if (parameterName is not null && parameter.Name != parameterName)
                continue;
            return new DataLoad(api, DataSourceKind.Path, ImmutableArray.Create(argument.Value), isMlApi);
        }

        return null;
    };

    private static DataLoad? Paths(string api, ImmutableArray<IArgumentOperation> arguments)
    {
        var paths = PathArguments(arguments);
        return paths.IsEmpty ? null : new DataLoad(api, DataSourceKind.Path, paths, isMlApi: true);
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
