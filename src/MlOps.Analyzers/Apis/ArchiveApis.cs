using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;
using MlOps.Analyzers.Facts.Symbols;

namespace MlOps.Analyzers.Apis;

/// <summary>
/// Unpacking an archive with .NET 8: <c>System.IO.Compression</c> (<c>ZipArchive</c>, <c>GZipStream</c>,
/// <c>DeflateStream</c>, <c>BrotliStream</c>, <c>ZLibStream</c>; <c>ZipFile.ExtractToDirectory</c>,
/// <c>ZipFileExtensions.ExtractToDirectory / ExtractToFile</c>) and <c>System.Formats.Tar</c> (<c>TarReader</c>,
/// <c>TarFile.ExtractToDirectory</c>). An archive opened only to write its content to disk carries a dataset, it is not
/// the data a model trains on: the unpacked files are read later, and that read is the data load.
/// </summary>
internal static class ArchiveApis
{
    private const int MaxDepth = 4;

    /// <summary><c>FileMode.Open</c>: every other mode creates, truncates or appends.</summary>
    private const int OpenMode = 3;

    /// <summary>
    /// True when the stream <paramref name="read"/> opens (<c>File.OpenRead(archive)</c>) goes into an archive reader or a
    /// decompression stream, in a member that writes what it unpacks to disk (<c>ExtractToDirectory</c> /
    /// <c>ExtractToFile</c>, or a <c>CopyTo</c> while a file is created). An archive read into memory (MNIST's gzipped
    /// idx files read straight into tensors) is a load.
    /// </summary>
    public static bool IsUnpackedToDisk(IInvocationOperation read, MlSymbols symbols)
    {
        var root = (IOperation)read;
        while (root.Parent is not null)
            root = root.Parent;
        return FeedsArchiveReader(read, root, symbols, 0) && WritesToDisk(root, symbols);
    }

    /// <summary>
    /// True when the member around <paramref name="inMember"/> unpacks an archive to disk (an archive reader or extractor,
    /// and the write of what it unpacks): what it lists there is the unpacking's output, found for its caller, which loads
    /// it; the load is the dataset's finding.
    /// </summary>
    public static bool UnpacksToDisk(IOperation inMember, MlSymbols symbols)
    {
        var root = inMember;
        while (root.Parent is not null)
            root = root.Parent;
        return WritesToDisk(root, symbols)
               && root.Descendants().Any(operation => operation switch
               {
                   IObjectCreationOperation creation => IsAny(creation.Type, symbols.ArchiveReaders),
                   IInvocationOperation call => IsAny(call.TargetMethod.ContainingType, symbols.ArchiveExtractors),
                   _ => false,
               });
    }

    private static bool FeedsArchiveReader(IOperation value, IOperation root, MlSymbols symbols, int depth)
    {
        if (depth > MaxDepth)
            return false;
        var parent = value.Parent;
        while (parent is IConversionOperation or IParenthesizedOperation)
            parent = parent.Parent;
        switch (parent)
        {
            case IArgumentOperation { Parent: IObjectCreationOperation creation }:
                return IsAny(creation.Type, symbols.ArchiveReaders);
            case IArgumentOperation { Parent: IInvocationOperation call }:
                return IsAny(call.TargetMethod.ContainingType, symbols.ArchiveExtractors);
            case IVariableInitializerOperation { Parent: IVariableDeclaratorOperation declarator }:
                return root.Descendants().OfType<ILocalReferenceOperation>()
                    .Any(reference => SymbolEqualityComparer.Default.Equals(reference.Local, declarator.Symbol)
                                      && FeedsArchiveReader(reference, root, symbols, depth + 1));
            default:
                return false;
        }
    }

    private static bool WritesToDisk(IOperation root, MlSymbols symbols)
    {
        var copies = false;
        var createsFile = false;
        foreach (var operation in root.Descendants())
        {
            switch (operation)
            {
                case IInvocationOperation { TargetMethod: { Name: "ExtractToDirectory" or "ExtractToFile" } method }
                    when IsAny(method.ContainingType, symbols.ArchiveExtractors):
                    return true;
                case IInvocationOperation { TargetMethod: { Name: "CopyTo" or "CopyToAsync" } method }
                    when MlSymbols.IsOrDerivesFrom(method.ContainingType, symbols.Stream):
                    copies = true;
                    break;
                case IInvocationOperation { TargetMethod: { Name: "Create" or "OpenWrite" } method }
                    when MlSymbols.Is(method.ContainingType, symbols.File):
                    createsFile = true;
                    break;
                case IObjectCreationOperation creation when MlSymbols.Is(creation.Type, symbols.FileStream)
                                                            && creation.GetArgument("mode")?.Value.ConstantValue is { HasValue: true, Value: int mode }
                                                            && mode != OpenMode:
                    createsFile = true;
                    break;
            }
        }

        return copies && createsFile;
    }

    private static bool IsAny(ITypeSymbol? type, System.Collections.Generic.IReadOnlyList<INamedTypeSymbol> candidates)
    {
        foreach (var candidate in candidates)
        {
            if (MlSymbols.Is(type, candidate))
                return true;
        }

        return false;
    }
}
