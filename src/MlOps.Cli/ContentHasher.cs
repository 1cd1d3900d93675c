using System;
using System.IO;
using System.Linq;
using MlOps.Lineage;
using Spectre.Console;

namespace MlOps.Cli;

/// <summary>
/// Hashes a model or dataset exactly as the run-time library did when it recorded it (<see cref="DatasetHasher"/>:
/// streaming SHA-256; a directory through its sorted manifest), with a progress bar on stderr for large content.
/// </summary>
internal static class ContentHasher
{
    /// <summary>Below this size hashing takes well under a second, and a bar would only flicker.</summary>
    public const long ProgressThresholdBytes = 8L << 20;

    /// <exception cref="CliException">The file or directory cannot be read.</exception>
    public static string Sha256(Terminal terminal, string label, string path)
    {
        try
        {
            if (terminal.Progress is not { } console)
                return DatasetHasher.ComputeSha256(path);

            var total = TotalBytes(path);
            if (total < ProgressThresholdBytes)
                return DatasetHasher.ComputeSha256(path);

            return console.Progress()
                .AutoClear(false)
                .HideCompleted(false)
                .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new DownloadedColumn(), new TransferSpeedColumn())
                .Start(context =>
                {
                    var task = context.AddTask(Markup.Escape("hashing " + label), autoStart: true, maxValue: total);
                    var sha = DatasetHasher.ComputeSha256(path, new TaskProgress(task));
                    task.Value = task.MaxValue;
                    return sha;
                });
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new CliException($"cannot read {label} at '{path}': {ex.Message}", ex);
        }
    }

    /// <summary>The bytes a hash will read: a file's length, or the sum over every file below a directory (as <see cref="DatasetHasher"/> enumerates them).</summary>
    private static long TotalBytes(string path) =>
        Directory.Exists(path)
            ? Directory.EnumerateFiles(path, "*", SearchOption.AllDirectories).Sum(f => new FileInfo(f).Length)
            : new FileInfo(path).Length;

    private sealed class TaskProgress(ProgressTask task) : IProgress<long>
    {
        public void Report(long value) => task.Value = value;
    }
}
