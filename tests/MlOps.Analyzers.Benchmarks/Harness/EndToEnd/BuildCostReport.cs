using System;
using System.Globalization;
using System.IO;
using System.Runtime.InteropServices;
using System.Text;

namespace MlOps.Analyzers.Benchmarks.Harness.EndToEnd;

/// <summary>
/// Writes the section "What a user's build pays" at the top of docs/performance.md, and keeps it there when the
/// in-process benchmark rewrites the rest of the file.
/// </summary>
public static class BuildCostReport
{
    public const string Heading = "## What a user's build pays";

    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    public static string Section(EndToEndSummary s)
    {
        var sb = new StringBuilder();
        sb.AppendLine(Heading);
        sb.AppendLine();
        sb.AppendLine("The headline: real builds of two projects on disk that install the packed MlOpsAnalyzers package from a local feed,");
        sb.AppendLine("rules on against rules off, in alternating processes. Reproduce (full mode, writes this section; `--quick` for development):");
        sb.AppendLine();
        sb.AppendLine("```");
        sb.AppendLine("dotnet run -c Release --project tests/MlOps.Analyzers.Benchmarks -- --end-to-end");
        sb.AppendLine("dotnet run -c Release --project tests/MlOps.Analyzers.Benchmarks -- --end-to-end --quick");
        sb.AppendLine("```");
        sb.AppendLine();
        sb.AppendLine("```");
        foreach (var line in s.HeadlineLines())
            sb.AppendLine(line);
        sb.AppendLine("```");
        sb.AppendLine();
        sb.AppendLine(TargetsTable(s));
        sb.AppendLine();
        sb.AppendLine("| Project | Comparison | Build wall, medians (s) | Ratio (wall) | Csc task, medians (s) | Ratio (Csc) | CPU, medians (s) | Ratio (CPU) |");
        sb.AppendLine("|---|---|---|---|---|---|---|---|");
        sb.AppendLine(Row($"{s.MlFiles:N0} ML files", s.Rules));
        if (s.RulesWithoutSdkAnalyzers is { } withoutSdk)
            sb.AppendLine(Row($"{s.MlFiles:N0} ML files", withoutSdk));
        sb.AppendLine(Row($"{s.MlFiles:N0} ML files", s.SdkAnalyzers));
        sb.AppendLine(Row($"{s.MostlyPlainFiles:N0} files, mostly not ML", s.MostlyPlainRules));
        sb.AppendLine();
        var a = s.AsYouType;
        sb.AppendLine($"As-you-type: `{a.Document}` edited in the {a.Files:N0}-file compilation ({a.CompileErrors} compiler errors), its semantic diagnostics with MlOps "
                      + $"{a.OnMs.ToString("F0", Inv)} ms against {a.OffMs.ToString("F0", Inv)} ms without (medians): {a.Ratio.Describe("runs")}; "
                      + $"CPU time of the process over the same spans {a.OnCpuMs.ToString("F0", Inv)} ms against {a.OffCpuMs.ToString("F0", Inv)} ms: {a.CpuRatio.Describe("runs")}; "
                      + $"{a.Reported} MlOps diagnostics, {a.Crashes.Count} analyzer exceptions{(a.Crashes.Count > 0 ? ": " + string.Join("; ", a.Crashes) : string.Empty)}.");
        sb.AppendLine();
        if (s.AnalyzerReport.Count > 0)
        {
            sb.AppendLine("The compiler's own account of the same build, rules on (`-p:ReportAnalyzer=true`, one extra build; callback time per analyzer assembly, summed over threads; the driver's work for the subscriptions is not in it):");
            sb.AppendLine();
            sb.AppendLine("```");
            foreach (var line in s.AnalyzerReport)
                sb.AppendLine(line);
            sb.AppendLine("```");
            sb.AppendLine();
        }

        sb.AppendLine($"Run: {DateTime.UtcNow.ToString("yyyy-MM-dd HH:mm", Inv)} UTC, commit {s.Commit}, {Environment.ProcessorCount} cores, {RuntimeInformation.OSDescription}, "
                      + $"harness on {RuntimeInformation.FrameworkDescription}; {(s.Options.Quick ? "quick" : "full")} mode, {s.Rules.Wall.Ratio.PerRound.Count} rounds, {s.Elapsed.TotalMinutes.ToString("F0", Inv)} min; `{s.Options.CommandLine.Trim()}`.");
        sb.AppendLine();
        sb.AppendLine("How it is measured:");
        sb.AppendLine();
        sb.AppendLine("- **Projects**, written to a temporary folder outside the repository (`Harness/EndToEnd`): *ML* is the fixed `samples/ChurnTraining` (pipeline, program, data writer) copied with renamed types: ML.NET 5.0.1, the lineage attributes and the generated lineage class, no finding of any rule (checked by a Strict build before measuring); an Exe whose entry point is the first copy's `Main`. *Mostly not ML* is the in-process benchmark's plain corpus (`CorpusGenerator.GenerateNonMl`) plus one copy of the sample, referencing ML.NET, so the analyzer's library gate opens.");
        sb.AppendLine("- **Package**: `dotnet pack src/MlOpsAnalyzers.Package` of this checkout into a local feed with a new version per run; the projects install it with `PackageReference` (analyzer, generator, lineage library, buildTransitive presets).");
        sb.AppendLine("- **Builds**: `dotnet build --no-incremental --no-restore -p:UseSharedCompilation=false` (restore done once by the check build), each in its own MSBuild and csc processes (no node reuse, no compiler server: every build JITs the compiler and the analyzers, as a CI agent's first build does). Wall is the `dotnet build` process; Csc is MSBuild's task time (`-clp:PerformanceSummary`); CPU is the user + system time of the build's processes (MSBuild and csc, `getrusage(RUSAGE_CHILDREN)` around each build), which does not grow while a build waits for a core that other work holds.");
        sb.AppendLine("- **Rules off** is the package's `-p:MlOpsAnalysisMode=None` preset: every rule's severity is none, so the compiler skips the analyzer (ReportAnalyzer shows it at <0.001 s); the lineage generator runs on both sides, as the code needs its output. **SDK analyzers** are `EnableNETAnalyzers` default against `false`, with the rules off on both sides.");
        sb.AppendLine("- **Alternating**: each round builds every configuration once, in an order rotated from round to round, and a ratio is taken inside each round; the median and the lowest and highest round are printed. The machine is shared with other work: single builds move by tens of percent, the per-round ratios much less. Compare ratios, not seconds.");
        sb.AppendLine("- **As-you-type**: in process, the ML project's sources against the same ML.NET assemblies (.NET 8 reference assemblies), with the generator's output added; each run edits one document (a comment at its end), takes the new compilation and times that document's `SemanticModel.GetDiagnostics()` (off) and that plus `CompilationWithAnalyzers.GetAnalyzerSemanticDiagnosticsAsync(model, null)` with the shipped analyzer (on), both sides in every run in alternating order, sequential analysis.");
        return sb.ToString();
    }

    public static string TargetsTable(EndToEndSummary s)
    {
        var sb = new StringBuilder();
        sb.AppendLine("| Target (build wall, median ratio; the CPU time of the same builds beside it) | Measured | Met |");
        sb.AppendLine("|---|---|---|");
        sb.AppendLine($"| Rules add at most {Percent(EndToEndSummary.TargetMl)} to the build of {s.MlFiles:N0} ML files with no findings | {Percent(s.Rules.Wall)} (CPU {Percent(s.Rules.Cpu)}) | {Met(s.Rules.Wall.Ratio.Median <= EndToEndSummary.TargetMl)} |");
        sb.AppendLine($"| Rules add at most {Percent(EndToEndSummary.TargetMostlyPlain)} to the build of {s.MostlyPlainFiles:N0} files referencing ML.NET, mostly not ML | {Percent(s.MostlyPlainRules.Wall)} (CPU {Percent(s.MostlyPlainRules.Cpu)}) | {Met(s.MostlyPlainRules.Wall.Ratio.Median <= EndToEndSummary.TargetMostlyPlain)} |");
        sb.Append($"| Rules cost no more than the SDK's default analyzers on the same ML project | rules {Percent(s.Rules.Wall)}, SDK analyzers {Percent(s.SdkAnalyzers.Wall)} (CPU {Percent(s.Rules.Cpu)}, {Percent(s.SdkAnalyzers.Cpu)}) | {Met(s.Rules.Wall.Ratio.Median <= s.SdkAnalyzers.Wall.Ratio.Median)} |");
        return sb.ToString();
    }

    /// <summary>Puts <paramref name="section"/> in place of the file's section of the same heading, or before its first other section.</summary>
    public static void WriteInto(string path, string section)
    {
        var previous = File.Exists(path) ? File.ReadAllText(path) : "# Performance\n";
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        File.WriteAllText(path, Replace(previous, section));
    }

    /// <summary>The in-process benchmark rewrites docs/performance.md: this carries the section over from the previous file.</summary>
    public static string KeepSection(string previous, string report)
    {
        var (start, end) = Find(previous);
        return start < 0 ? report : Replace(report, previous[start..end]);
    }

    /// <remarks>
    /// The section's hand-written subsections (<c>### </c> headings: earlier runs and what was learnt from them) are kept
    /// after the new report: a run adds to the record, it does not erase it.
    /// </remarks>
    private static string Replace(string document, string section)
    {
        section = section.TrimEnd() + "\n\n";
        var (start, end) = Find(document);
        if (start >= 0)
            return document[..start] + section + Subsections(document[start..end]) + document[end..].TrimStart('\n');
        var firstSection = document.IndexOf("\n## ", StringComparison.Ordinal);
        return firstSection < 0
            ? document.TrimEnd() + "\n\n" + section
            : document[..(firstSection + 1)] + section + document[(firstSection + 1)..];
    }

    /// <summary>The <c>### </c> subsections of a section, from the first to the section's end (empty when it has none).</summary>
    private static string Subsections(string section)
    {
        var first = section.IndexOf("\n### ", StringComparison.Ordinal);
        return first < 0 ? string.Empty : section[(first + 1)..].TrimEnd() + "\n\n";
    }

    /// <summary>Where the section starts (its heading) and ends (the next "## " heading, or the end of the file); -1 when absent.</summary>
    private static (int Start, int End) Find(string document)
    {
        var start = document.StartsWith(Heading, StringComparison.Ordinal) ? 0 : document.IndexOf("\n" + Heading, StringComparison.Ordinal);
        if (start < 0)
            return (-1, -1);
        if (start > 0)
            start++;
        var next = document.IndexOf("\n## ", start + Heading.Length, StringComparison.Ordinal);
        return (start, next < 0 ? document.Length : next + 1);
    }

    private static string Row(string project, BuildRatio r)
        => $"| {project} | {r.Label} | {Cell(r.Wall)} | {r.Wall.Ratio.Describe()} | {Cell(r.Csc)} | {r.Csc.Ratio.Describe()} | {Cell(r.Cpu)} | {r.Cpu.Ratio.Describe()} |";

    private static string Cell(MetricRatio m) => $"{Seconds(m.NumeratorMs)} / {Seconds(m.DenominatorMs)}";

    private static string Seconds(double ms) => (ms / 1000).ToString("F1", Inv);

    private static string Percent(double ratio) => (100 * (ratio - 1)).ToString("+0.0;-0.0;0", Inv) + " %";

    private static string Percent(MetricRatio m) => Percent(m.Ratio.Median);

    private static string Met(bool met) => met ? "yes" : "**NO**";
}
