using System;
using System.IO;
using System.IO.Compression;
using System.Linq;

namespace ChurnConsoleTrainer;

/// <summary>Unpacks the export archive the data team publishes and finds the one CSV inside it.</summary>
public static class ArchiveExtractor
{
    public static string ExtractSingleCsv(string archivePath, string destination)
    {
        if (Directory.Exists(destination))
            Directory.Delete(destination, recursive: true);
        Directory.CreateDirectory(destination);

        using (var stream = File.OpenRead(archivePath))
        using (var zip = new ZipArchive(stream, ZipArchiveMode.Read))
        {
            zip.ExtractToDirectory(destination);
        }

        var csvFiles = Directory.GetFiles(destination, "*.csv", SearchOption.AllDirectories);
        if (csvFiles.Length != 1)
            throw new InvalidDataException($"Expected one CSV in {archivePath}, found {csvFiles.Length}: {string.Join(", ", csvFiles.Select(Path.GetFileName))}");

        return csvFiles[0];
    }

    public static bool LooksLikeZip(string path)
    {
        var header = new byte[4];
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read);
        return stream.Read(header, 0, 4) == 4 && header[0] == 0x50 && header[1] == 0x4B;
    }

    public static void CleanUp(string workDirectory)
    {
        foreach (var file in Directory.EnumerateFiles(workDirectory, "*.tmp"))
        {
            try { File.Delete(file); }
            catch (IOException) { Console.Error.WriteLine($"could not delete {file}"); }
        }
    }
}
