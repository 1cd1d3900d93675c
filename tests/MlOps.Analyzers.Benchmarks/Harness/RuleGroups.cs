using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis.Diagnostics;
using MlOps.Analyzers.Benchmarks.Corpus;
using MlOps.Analyzers.Benchmarks.Harness.EndToEnd;
using MlOps.Analyzers.Engine;

namespace MlOps.Analyzers.Benchmarks.Harness;

/// <summary>
/// <c>--rules GROUP GROUP ... [--rounds N] [--corpus ml|mostly-plain] [--concurrent]</c>: groups of rules, each hosted by
/// one <c>MlOpsAnalyzer</c> as it ships, analyzed in turn (round robin after a warm-up round, so machine load hits every
/// group alike), with each group's callback time and the process's CPU time during its analysis (median and minimum).
/// A group is rule ids joined by <c>+</c> (<c>MLOPS030+MLOPS031+MLOPS032</c>), <c>all</c>, <c>all-</c> followed by the ids
/// to leave out, or <c>none</c> (the analyzer with no rule: the analysis's own cost). The difference of <c>all</c> and
/// <c>all-X</c> is what X adds to the shipped analyzer, the facts it shares with other rules excepted. Every group runs
/// beside the SDK's CA5394 analyzer, as a build runs the rules beside the SDK's analyzers: the driver binds the code and
/// builds its operations whatever the group, so the CPU time of <c>all</c> less that of <c>none</c> is what the rules add
/// to the analysis, the driver's work for their subscriptions included.
/// <list type="bullet">
/// <item><c>--corpus mostly-plain</c>: the 1,000-file project of the end-to-end headline that references ML.NET but is mostly
/// not ML (one copy of the churn sample, the rest plain code) instead of the ML corpus;</item>
/// <item><c>--concurrent</c>: analyze on many threads, as a build does, so that what threads meet in (locks, shared caches)
/// shows; the callback times then overlap and the CPU time is the measure to read.</item>
/// <item><c>--side-by-side</c>: host every group in the same analyses, each timed on its own (one rule against a set, on the
/// same machine at the same moment; the CPU time is then the whole analysis's). Also the mode to run under a profiler
/// (<c>dotnet-trace collect -- dotnet MlOps.Analyzers.Benchmarks.dll --rules MLOPS004 --side-by-side</c>).</item>
/// </list>
/// Each analysis prints its callback times, the garbage collections during it and what the process allocated.
/// </summary>
public static class RuleGroups
{
    public static async Task<int> RunAsync(string[] args)
    {
        var groups = new List<string>();
        var rounds = 5;
        var corpus = "ml";
        for (var i = Array.IndexOf(args, "--rules") + 1; i < args.Length; i++)
        {
            if (args[i] == "--rounds" && i + 1 < args.Length)
                rounds = int.Parse(args[++i], CultureInfo.InvariantCulture);
            else if (args[i] == "--corpus" && i + 1 < args.Length)
                corpus = args[++i];
            else if (!args[i].StartsWith("--", StringComparison.Ordinal))
                groups.Add(args[i]);
        }

        var concurrent = args.Contains("--concurrent");
        var sideBySide = args.Contains("--side-by-side");
        var hosts = new List<(string Name, DiagnosticAnalyzer Host)>();
        foreach (var group in groups)
        {
            if (Select(group) is not { } rules)
            {
                Console.Error.WriteLine($"--rules: '{group}' names no rule (ids joined by '+', 'all', 'all-' and ids, or 'none').");
                return 2;
            }

            hosts.Add((group, new MlOpsAnalyzer(rules)));
        }

        if (hosts.Count == 0)
        {
            Console.Error.WriteLine("--rules: name at least one group, e.g. --rules MLOPS020 MLOPS030+MLOPS031+MLOPS032");
            return 2;
        }

        IReadOnlyList<CorpusFile> files;
        if (corpus == "ml")
            files = new CorpusGenerator().GenerateMl(BenchmarkOptions.ReferenceSize);
        else if (corpus == "mostly-plain")
            files = ChurnReplicas.Create(1).Concat(new CorpusGenerator().GenerateNonMl(BenchmarkOptions.ReferenceSize - ChurnReplicas.FilesPerReplica)).ToList();
        else
        {
            Console.Error.WriteLine($"--corpus: '{corpus}' is not one of ml, mostly-plain.");
            return 2;
        }

        var compilation = CorpusCompilation.Create(corpus, files, BenchReferences.WithMl);
        var peer = AnalyzerCatalog.LoadCa5394();
        var samples = hosts.ToDictionary(h => h.Name, _ => new List<double>());
        var cpu = hosts.ToDictionary(h => h.Name, _ => new List<double>());
        var reported = new Dictionary<string, string>();
        Console.WriteLine($"load average at start: {LoadAverage()}");
        var analyses = sideBySide
            ? new[] { (Name: string.Join(" | ", hosts.Select(h => h.Name)), Hosts: hosts.Select(h => h.Host).ToArray()) }
            : hosts.Select(h => (h.Name, Hosts: new[] { h.Host })).ToArray();
        for (var round = 0; round <= rounds; round++)
        {
            foreach (var analysis in analyses)
            {
                var (gen0, gen1, gen2, pause, allocated) = (GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2), GC.GetTotalPauseDuration(), GC.GetTotalAllocatedBytes());
                var sample = await Measure.AnalyzeAsync(compilation, analysis.Hosts.Append(peer).ToImmutableArray(), concurrent).ConfigureAwait(false);
                if (sample.Crashes.Length > 0)
                    Console.WriteLine($"  {analysis.Name}: AD0001 {string.Join("; ", sample.Crashes)}");
                var ids = sample.DiagnosticsById.Where(p => p.Key.StartsWith("MLOPS", StringComparison.Ordinal)).OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"{p.Key} x{p.Value}");
                Console.WriteLine($"  round {round}{(round == 0 ? " (warm-up)" : string.Empty)}, {analysis.Name}: callbacks {string.Join(" | ", analysis.Hosts.Select(h => sample.ExecutionMs[h].ToString("F1", CultureInfo.InvariantCulture)))} ms, "
                                  + $"CPU {sample.CpuMs:F0} ms, GC {GC.CollectionCount(0) - gen0}/{GC.CollectionCount(1) - gen1}/{GC.CollectionCount(2) - gen2} paused {(GC.GetTotalPauseDuration() - pause).TotalMilliseconds:F0} ms, allocated {(GC.GetTotalAllocatedBytes() - allocated) / 1e6:F0} MB");
                if (round == 0)
                    continue; // warm-up: the first analysis pays for loading the libraries' metadata
                foreach (var (name, host) in hosts.Where(h => analysis.Hosts.Contains(h.Host)))
                {
                    samples[name].Add(sample.ExecutionMs[host]);
                    cpu[name].Add(sample.CpuMs);
                    reported[name] = sideBySide ? "(side by side: all groups' findings) " + string.Join(", ", ids) : string.Join(", ", ids);
                }
            }
        }

        Console.WriteLine($"load average at end: {LoadAverage()}");
        Console.WriteLine($"| Rules (1,000-file {corpus} corpus, {rounds} rounds, {(concurrent ? "concurrent" : "sequential")} analysis{(sideBySide ? ", side by side" : string.Empty)}) | Callbacks, median (ms) | Min (ms) | CPU, median (ms) | Min (ms) | Reported |");
        Console.WriteLine("|---|---:|---:|---:|---:|---|");
        foreach (var (name, _) in hosts)
            Console.WriteLine($"| {name} | {Measure.Median(samples[name]):F1} | {samples[name].Min():F1} | {Measure.Median(cpu[name]):F0} | {cpu[name].Min():F0} | {reported[name]} |");
        return 0;
    }

    private static Rule[]? Select(string group)
    {
        var all = MlOpsAnalyzer.AllRules;
        if (group == "none")
            return Array.Empty<Rule>();
        bool Reports(Rule rule, string[] ids) => rule.SupportedDiagnostics.Any(d => ids.Contains(d.Id, StringComparer.Ordinal));
        if (group == "all")
            return all.ToArray();
        if (group.StartsWith("all-", StringComparison.Ordinal))
        {
            var left = group.Substring(4).Split('+');
            return all.Where(rule => !Reports(rule, left)).ToArray();
        }

        var ids = group.Split('+');
        var selected = all.Where(rule => Reports(rule, ids)).ToArray();
        return selected.Length > 0 ? selected : null;
    }

    private static string LoadAverage()
        => File.Exists("/proc/loadavg") ? string.Join(" ", File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "unknown";
}
