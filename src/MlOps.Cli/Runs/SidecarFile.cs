using System;
using System.IO;
using MlOps.Lineage;

namespace MlOps.Cli.Runs;

/// <summary>A model and its lineage record (<c>&lt;model&gt;.lineage.json</c>), named on the command line by either path.</summary>
internal sealed class SidecarFile
{
    private SidecarFile(string modelPath, string sidecarPath, string shownPath)
    {
        ModelPath = modelPath;
        SidecarPath = sidecarPath;
        ShownPath = shownPath;
    }

    /// <summary>The model as the user named it (relative paths stay relative, as <c>git</c> shows them).</summary>
    public string ShownPath { get; }

    /// <summary>The model's absolute path.</summary>
    public string ModelPath { get; }

    /// <summary>The sidecar's absolute path.</summary>
    public string SidecarPath { get; }

    /// <summary>The model named by <paramref name="argument"/>: the model file or its sidecar.</summary>
    /// <exception cref="CliException">No sidecar exists for it.</exception>
    public static SidecarFile Locate(string argument)
    {
        var full = Path.GetFullPath(argument);
        var sidecar = full.EndsWith(LineageRecord.SidecarSuffix, StringComparison.Ordinal) ? full : LineageRecord.SidecarPathFor(full);
        var model = sidecar.Substring(0, sidecar.Length - LineageRecord.SidecarSuffix.Length);
        if (!File.Exists(sidecar))
        {
            throw new CliException(File.Exists(model)
                ? $"'{argument}' has no lineage record: '{sidecar}' does not exist (the training run writes it with run.WriteSidecar)"
                : $"'{argument}' does not exist, and neither does its lineage record '{sidecar}'");
        }

        var shown = argument.EndsWith(LineageRecord.SidecarSuffix, StringComparison.Ordinal)
            ? argument.Substring(0, argument.Length - LineageRecord.SidecarSuffix.Length)
            : argument;
        return new SidecarFile(model, sidecar, shown);
    }

    /// <summary>Reads the record through the run-time library, turning any failure into a one-line error naming the file.</summary>
    public LineageRecord Read() => Read(SidecarPath);

    /// <inheritdoc cref="Read()"/>
    public static LineageRecord Read(string sidecarPath)
    {
        try
        {
            return LineageRecord.ReadSidecar(sidecarPath);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // ReadSidecar reports syntax errors, missing fields and unknown format versions; whatever it throws,
            // the user needs the file and the reason, not a stack trace.
            throw new CliException($"cannot read the lineage record '{sidecarPath}': {OneLine(ex.Message)}", ex);
        }
    }

    private static string OneLine(string message) => message.Replace("\r", "", StringComparison.Ordinal).Replace('\n', ' ');
}
