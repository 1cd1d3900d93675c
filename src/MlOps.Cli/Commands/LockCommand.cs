using System;
using System.Collections.Generic;
using System.CommandLine;
using System.IO;
using System.Linq;
using System.Text;
using MlOps.Analyzers.Facts.Pipelines;
using MlOps.Cli.Lock;

namespace MlOps.Cli.Commands;

/// <summary>
/// <c>mlops lock [PROJECT] [--check]</c>: writes, or checks, <c>mlops.lineage.lock</c> beside the project from the
/// lineage classes in its built assembly (docs/lineage-lock.md).
/// </summary>
internal static class LockCommand
{
    public static Command Create(Terminal terminal)
    {
        var project = new Argument<string?>("PROJECT") { Description = "The project file, or its directory (default: the current directory).", DefaultValueFactory = _ => null };
        var check = new Option<bool>("--check") { Description = "Do not write: exit 1 when a pipeline's code changed without a version bump, or the lock is out of date." };
        var force = new Option<bool>("--force") { Description = "Record a changed fingerprint under a version that is already locked (normally refused: bump the version)." };
        var noBuild = new Option<bool>("--no-build") { Description = "Read the existing build output instead of building first." };
        var configuration = new Option<string?>("--configuration", "-c") { Description = "The build configuration (default: the project's, usually Debug)." };
        var framework = new Option<string?>("--framework", "-f") { Description = "The target framework to read (default: the project's first)." };
        var command = new Command("lock", "Write (or --check) mlops.lineage.lock: name, version and code fingerprint of each training pipeline in the built project.")
        {
            project, check, force, noBuild, configuration, framework,
        };
        command.SetAction(parsed =>
        {
            var output = ProjectOutput.Locate(parsed.GetValue(project), !parsed.GetValue(noBuild), parsed.GetValue(configuration), parsed.GetValue(framework), terminal);
            var pipelines = CurrentPipelines(output);
            var lockPath = Path.Combine(output.Directory, LineageLockFile.FileName);
            return parsed.GetValue(check)
                ? Check(terminal, pipelines, lockPath)
                : Write(terminal, pipelines, lockPath, parsed.GetValue(force));
        });
        return command;
    }

    private static IReadOnlyList<GeneratedPipeline> CurrentPipelines(ProjectOutput output)
    {
        var pipelines = GeneratedPipelines.Read(output.AssemblyPath);
        if (pipelines.Count == 0)
            throw new CliException($"'{output.AssemblyPath}' holds no generated lineage class: does the project reference MlOpsAnalyzers and declare a [TrainingPipeline]?");

        foreach (var group in pipelines.GroupBy(p => p.Name, StringComparer.Ordinal).Where(g => g.Count() > 1))
            throw new CliException($"pipeline name '{group.Key}' is declared twice ({string.Join(", ", group.Select(p => p.LineageClass))}); names must be unique to be locked");
        foreach (var pipeline in pipelines.Where(p => p.Name.Length == 0 || p.Version.Length == 0))
            throw new CliException($"{pipeline.LineageClass} has an empty pipeline name or version, which cannot be locked");
        return pipelines;
    }

    private static int Write(Terminal terminal, IReadOnlyList<GeneratedPipeline> pipelines, string lockPath, bool force)
    {
        var locked = File.Exists(lockPath) ? LineageLockFile.Read(lockPath) : [];
        var changedWithoutBump = pipelines
            .Where(p => locked.Any(l => l.Name == p.Name && l.Version == p.Version && l.CodeFingerprint != p.CodeFingerprint))
            .ToList();
        if (changedWithoutBump.Count > 0 && !force)
        {
            foreach (var pipeline in changedWithoutBump)
                terminal.WriteError(ChangedWithoutBump(pipeline, lockPath));
            terminal.Error.WriteLine($"The lock was not written. Bump each version ([TrainingPipeline(Version = ...)]), rebuild and run 'mlops lock' again; or pass --force to record the new code under the same version.");
            return ExitCodes.Differs;
        }

        var text = LineageLockFile.Format(pipelines.Select(p => new LockEntry(p.Name, p.Version, p.CodeFingerprint, 0)));
        var table = Terminal.NewTable("PIPELINE", "VERSION", "CODE FINGERPRINT", "LOCK");
        foreach (var pipeline in pipelines)
        {
            var previous = locked.FirstOrDefault(l => l.Name == pipeline.Name);
            var change = previous is null ? "added"
                : previous.Version != pipeline.Version ? "version " + previous.Version + " -> " + pipeline.Version
                : previous.CodeFingerprint != pipeline.CodeFingerprint ? "fingerprint replaced (--force)"
                : "unchanged";
            Terminal.AddRow(table, pipeline.Name, pipeline.Version, Format.Digest(pipeline.CodeFingerprint), change);
        }

        foreach (var removed in locked.Where(l => pipelines.All(p => p.Name != l.Name)))
            Terminal.AddRow(table, removed.Name, removed.Version, Format.Digest(removed.CodeFingerprint), "removed (no longer in the project)");
        terminal.Write(table);

        var existing = File.Exists(lockPath) ? File.ReadAllText(lockPath, Encoding.UTF8) : null;
        if (existing == text)
        {
            terminal.WriteLine($"{lockPath} is up to date");
            return ExitCodes.Ok;
        }

        try
        {
            File.WriteAllText(lockPath, text, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new CliException($"cannot write '{lockPath}': {ex.Message}", ex);
        }

        terminal.WriteLine($"wrote {lockPath}");
        return ExitCodes.Ok;
    }

    private static int Check(Terminal terminal, IReadOnlyList<GeneratedPipeline> pipelines, string lockPath)
    {
        if (!File.Exists(lockPath))
        {
            terminal.WriteError($"'{lockPath}' does not exist: run 'mlops lock' and commit it");
            return ExitCodes.Differs;
        }

        var locked = LineageLockFile.Read(lockPath);
        var problems = new List<string>();
        var table = Terminal.NewTable("PIPELINE", "VERSION", "CODE FINGERPRINT", "STATE");
        foreach (var pipeline in pipelines)
        {
            var entry = locked.FirstOrDefault(l => l.Name == pipeline.Name);
            string state;
            if (entry is null)
            {
                state = "not in the lock";
                problems.Add($"pipeline '{pipeline.Name}' {pipeline.Version} is not in the lock: run 'mlops lock'");
            }
            else if (entry.Version != pipeline.Version)
            {
                state = "version " + entry.Version + " in the lock";
                problems.Add($"pipeline '{pipeline.Name}' is {pipeline.Version}, the lock records {entry.Version} ({lockPath} line {entry.Line}): run 'mlops lock'");
            }
            else if (entry.CodeFingerprint != pipeline.CodeFingerprint)
            {
                state = "CHANGED WITHOUT A VERSION BUMP";
                problems.Add(ChangedWithoutBump(pipeline, lockPath) + $" (line {entry.Line})");
            }
            else
            {
                state = "locked";
            }

            Terminal.AddRow(table, pipeline.Name, pipeline.Version, Format.Digest(pipeline.CodeFingerprint), state);
        }

        foreach (var removed in locked.Where(l => pipelines.All(p => p.Name != l.Name)))
        {
            Terminal.AddRow(table, removed.Name, removed.Version, Format.Digest(removed.CodeFingerprint), "not in the project");
            problems.Add($"pipeline '{removed.Name}' is locked ({lockPath} line {removed.Line}) but no longer in the project: run 'mlops lock'");
        }

        terminal.Write(table);
        foreach (var problem in problems)
            terminal.WriteError(problem);
        return problems.Count == 0 ? ExitCodes.Ok : ExitCodes.Differs;
    }

    private static string ChangedWithoutBump(GeneratedPipeline pipeline, string lockPath) =>
        $"pipeline '{pipeline.Name}' {pipeline.Version} ({pipeline.LineageClass}): the code changed without a version bump: " +
        $"fingerprint {Format.Digest(pipeline.CodeFingerprint)}, {lockPath} records another for {pipeline.Version}";
}
