using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Globalization;
using System.IO;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;
using MlOps.Analyzers.Catalog;
using MlOps.Analyzers.Engine;
using MlOps.Analyzers.Facts.Pipelines;

namespace MlOps.Analyzers.Rules.Lineage;

/// <summary>
/// MLOPS105: a <c>[TrainingPipeline]</c> whose code fingerprint (the one the generator emits as
/// <c>Lineage.CodeFingerprint</c>) differs from the fingerprint the lineage lock records for the same name and version:
/// the code changed and the version did not, so two models of "1.2.0" may come from different code. The lock
/// (<c>mlops.lineage.lock</c>, docs/lineage-lock.md) arrives as an AdditionalFile; it is written by <c>mlops lock</c>, never
/// here. A malformed lock line is reported at that line, and the well-formed lines are still checked.
/// </summary>
public sealed class PipelineChangedWithoutVersionBumpAnalyzer : Rule
{
    private const string Title = "Pipeline code changed without a version bump";
    private const string Description = "The lineage lock (mlops.lineage.lock, written by 'mlops lock') records the code fingerprint of each training pipeline at its version. When the pipeline's code changes, its fingerprint changes; a model trained from the new code under the old version would claim to come from the locked code. Bump the version, then run 'mlops lock' and commit the code and the lock together. Whitespace and comment edits do not change the fingerprint.";

    internal static readonly DiagnosticDescriptor Rule = RuleDescriptors.Create(
        RuleIds.PipelineChangedWithoutVersionBump,
        RuleCategories.Lineage,
        DiagnosticSeverity.Warning,
        Title,
        messageFormat: "The code of pipeline '{0}' changed, but version {1} is locked with another code fingerprint ({2} line {3}): bump the version",
        Description);

    internal static readonly DiagnosticDescriptor MalformedLockRule = RuleDescriptors.Create(
        RuleIds.PipelineChangedWithoutVersionBump,
        RuleCategories.Lineage,
        DiagnosticSeverity.Warning,
        Title,
        messageFormat: "{0}",
        "A line of mlops.lineage.lock is neither a comment nor '<name> <version> <code fingerprint>' (docs/lineage-lock.md): the pipeline it meant is not checked. Fix or delete the line, or run 'mlops lock' to rewrite the file.",
        isEnabledByDefault: true,
        WellKnownDiagnosticTags.CompilationEnd);

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(Rule, MalformedLockRule);

    internal override RuleGate Gate => RuleGate.LineageAttributes;

    internal override void Start(RuleStart start)
    {
        var locks = ReadLocks(start);
        if (locks.Count == 0)
            return; // no lock beside the project: nothing is locked yet

        var locked = new Dictionary<string, (LockEntry Entry, string Path)>(StringComparer.Ordinal);
        foreach (var (path, _, parsed) in locks)
        {
            foreach (var entry in parsed.Entries)
            {
                if (!locked.ContainsKey(entry.Name))
                    locked.Add(entry.Name, (entry, path));
            }
        }

        var symbols = start.Lineage;
        start.OnSymbol(c =>
        {
            var type = (INamedTypeSymbol)c.Symbol;
            if (PipelineDeclaration.Of(type, symbols, c.CancellationToken) is not { Name: { } name } pipeline
                || !pipeline.TypesMissingPartial.IsEmpty // no lineage class is generated (MLOPS100), so none was locked
                || !locked.TryGetValue(name, out var lockedPipeline))
                return;

            var version = pipeline.Version ?? PipelineDeclaration.DefaultVersion;
            if (lockedPipeline.Entry.Version != version
                || lockedPipeline.Entry.CodeFingerprint == CodeFingerprint.Compute(type, c.CancellationToken))
                return;

            var location = pipeline.Version is null
                ? PipelineDeclaration.AttributeLocation(pipeline.Attribute)
                : PipelineDeclaration.ArgumentLocation(pipeline.Attribute, position: null, propertyName: "Version", c.CancellationToken);
            c.ReportDiagnostic(Diagnostic.Create(
                Rule,
                location,
                name,
                version,
                lockedPipeline.Path,
                lockedPipeline.Entry.Line.ToString(CultureInfo.InvariantCulture)));
        }, SymbolKind.NamedType);

        start.OnCompilationEnd(c =>
        {
            foreach (var (path, text, parsed) in locks)
            {
                foreach (var line in parsed.Malformed)
                    c.ReportDiagnostic(Diagnostic.Create(MalformedLockRule, LineLocation(path, text, line), line.Message(path)));
            }
        });
    }

    /// <summary>The AdditionalFiles named <c>mlops.lineage.lock</c> (the package passes the project's own), parsed.</summary>
    private static List<(string Path, SourceText Text, LineageLock Lock)> ReadLocks(RuleStart start)
    {
        var locks = new List<(string, SourceText, LineageLock)>();
        foreach (var file in start.Options.AdditionalFiles)
        {
            if (!string.Equals(Path.GetFileName(file.Path), LineageLock.FileName, StringComparison.OrdinalIgnoreCase))
                continue;
            if (file.GetText(start.CancellationToken) is { } text)
                locks.Add((file.Path, text, LineageLock.Parse(text.ToString())));
        }

        return locks;
    }

    /// <summary>The malformed line in the lock, numbered as the lock format numbers lines (every '\n' ends one).</summary>
    private static Location LineLocation(string path, SourceText text, MalformedLockLine line)
    {
        var start = Math.Min(line.Start, text.Length);
        var span = new TextSpan(start, Math.Min(line.Length, text.Length - start));
        var position = new LinePosition(line.Line - 1, 0);
        return Location.Create(path, span, new LinePositionSpan(position, new LinePosition(line.Line - 1, span.Length)));
    }
}
