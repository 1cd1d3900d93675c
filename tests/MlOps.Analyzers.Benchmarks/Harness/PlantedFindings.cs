using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Globalization;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using MlOps.Analyzers.Benchmarks.Corpus;

namespace MlOps.Analyzers.Benchmarks.Harness;

/// <summary>One rule id: how often the analyzers reported it on the corpus, and how often it was planted.</summary>
public sealed record PlantedCount(string Id, int Reported, int Planted);

/// <summary>
/// What the analyzers reported on a corpus against what the generator planted (<see cref="CorpusFile.PlantedFindings"/>),
/// compared per file and rule id: a planted finding that is missed cannot hide behind an unplanted one elsewhere.
/// </summary>
public sealed record PlantedComparison(
    IReadOnlyList<PlantedCount> ById,
    IReadOnlyList<string> Mismatches,
    IReadOnlyList<string> Crashes)
{
    /// <summary>Every planted finding was reported where it was planted, nothing else was reported, and no analyzer threw.</summary>
    public bool OnlyPlanted => Mismatches.Count == 0 && Crashes.Count == 0;

    public int Reported => ById.Sum(c => c.Reported);

    public int Planted => ById.Sum(c => c.Planted);
}

/// <summary>
/// The one implementation of "only the planted findings are reported", used by <c>--check-corpus</c> and by the benchmark
/// report (on an analysis it already ran).
/// </summary>
public static class PlantedFindings
{
    /// <summary>Runs <paramref name="analyzers"/> once on a fresh clone of <paramref name="compilation"/> and compares.</summary>
    public static async Task<PlantedComparison> CheckAsync(Compilation compilation, IReadOnlyList<CorpusFile> files, ImmutableArray<DiagnosticAnalyzer> analyzers)
        => Of(await Measure.AnalyzeAsync(compilation, analyzers).ConfigureAwait(false), files, analyzers);

    /// <summary>Compares what <paramref name="analyzers"/> reported in <paramref name="sample"/> (other analyzers of the run are ignored).</summary>
    public static PlantedComparison Of(AnalysisSample sample, IReadOnlyList<CorpusFile> files, ImmutableArray<DiagnosticAnalyzer> analyzers)
    {
        var ids = analyzers.SelectMany(a => a.SupportedDiagnostics).Select(d => d.Id).ToHashSet(StringComparer.Ordinal);
        return Compare(files, sample.Diagnostics.Where(d => ids.Contains(d.Id)), sample.Crashes.Distinct().OrderBy(c => c, StringComparer.Ordinal).ToList());
    }

    /// <summary>Compares per file and id; a diagnostic outside the corpus files (generated code, no location) is a mismatch.</summary>
    public static PlantedComparison Compare(IReadOnlyList<CorpusFile> files, IEnumerable<Diagnostic> diagnostics, IReadOnlyList<string> crashes)
    {
        var reported = new Dictionary<(string Path, string Id), List<Diagnostic>>();
        foreach (var diagnostic in diagnostics)
        {
            var path = diagnostic.Location.SourceTree?.FilePath ?? "(no location)";
            var key = (path, diagnostic.Id);
            if (!reported.TryGetValue(key, out var list))
                reported[key] = list = new List<Diagnostic>();
            list.Add(diagnostic);
        }

        var planted = new Dictionary<(string Path, string Id), int>();
        foreach (var file in files)
        {
            foreach (var id in file.PlantedFindings)
                planted[(file.Path, id)] = planted.GetValueOrDefault((file.Path, id)) + 1;
        }

        var mismatches = new List<string>();
        foreach (var key in reported.Keys.Union(planted.Keys).OrderBy(k => k.Path, StringComparer.Ordinal).ThenBy(k => k.Id, StringComparer.Ordinal))
        {
            var found = reported.TryGetValue(key, out var list) ? list : new List<Diagnostic>();
            var expected = planted.GetValueOrDefault(key);
            if (found.Count == expected)
                continue;
            var what = found.Count > expected ? "unplanted" : "missed";
            var example = found.Count > 0
                ? $": {found[0].Location.GetLineSpan().StartLinePosition.Line + 1}: {found[0].GetMessage(CultureInfo.InvariantCulture)}"
                : string.Empty;
            mismatches.Add($"{key.Path} {key.Id}: reported {found.Count}, planted {expected} ({what}){example}");
        }

        var ids = reported.Keys.Select(k => k.Id).Union(planted.Keys.Select(k => k.Id)).OrderBy(id => id, StringComparer.Ordinal);
        var byId = ids.Select(id => new PlantedCount(
                id,
                reported.Where(p => p.Key.Id == id).Sum(p => p.Value.Count),
                planted.Where(p => p.Key.Id == id).Sum(p => p.Value)))
            .ToList();
        return new PlantedComparison(byId, mismatches, crashes);
    }
}
