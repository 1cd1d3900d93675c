using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis.Diagnostics;
using MlOps.Analyzers.Benchmarks.Corpus;
using MlOps.Analyzers.Engine;

namespace MlOps.Analyzers.Benchmarks.Harness;

/// <summary>
/// <c>--rules GROUP GROUP ... [--rounds N]</c>: groups of rules, each hosted by one <c>MlOpsAnalyzer</c> as it ships,
/// analyzed in turn on the 1,000-file ML corpus (round robin after a warm-up round, so machine load hits every group
/// alike), with each group's callback time (median and minimum). A group is rule ids joined by <c>+</c>
/// (<c>MLOPS030+MLOPS031+MLOPS032</c>), <c>all</c>, or <c>all-</c> followed by the ids to leave out: the difference of
/// <c>all</c> and <c>all-X</c> is what X adds to the shipped analyzer, the facts it shares with other rules excepted.
/// </summary>
public static class RuleGroups
{
    public static async Task<int> RunAsync(string[] args)
    {
        var groups = new List<string>();
        var rounds = 5;
        for (var i = Array.IndexOf(args, "--rules") + 1; i < args.Length; i++)
        {
            if (args[i] == "--rounds" && i + 1 < args.Length)
                rounds = int.Parse(args[++i], CultureInfo.InvariantCulture);
            else if (!args[i].StartsWith("--", StringComparison.Ordinal))
                groups.Add(args[i]);
        }

        var hosts = new List<(string Name, DiagnosticAnalyzer Host)>();
        foreach (var group in groups)
        {
            if (Select(group) is not { Length: > 0 } rules)
            {
                Console.Error.WriteLine($"--rules: '{group}' names no rule (ids joined by '+', 'all', or 'all-' and ids).");
                return 2;
            }

            hosts.Add((group, new MlOpsAnalyzer(rules)));
        }

        if (hosts.Count == 0)
        {
            Console.Error.WriteLine("--rules: name at least one group, e.g. --rules MLOPS020 MLOPS030+MLOPS031+MLOPS032");
            return 2;
        }

        var compilation = CorpusCompilation.Create("ml", new CorpusGenerator().GenerateMl(BenchmarkOptions.ReferenceSize), BenchReferences.WithMl);
        var samples = hosts.ToDictionary(h => h.Name, _ => new List<double>());
        var reported = new Dictionary<string, string>();
        Console.WriteLine($"load average at start: {LoadAverage()}");
        for (var round = 0; round <= rounds; round++)
        {
            foreach (var (name, host) in hosts)
            {
                var sample = await Measure.AnalyzeAsync(compilation, ImmutableArray.Create(host)).ConfigureAwait(false);
                if (sample.Crashes.Length > 0)
                    Console.WriteLine($"  {name}: AD0001 {string.Join("; ", sample.Crashes)}");
                if (round == 0)
                    continue; // warm-up: the first analysis pays for loading the libraries' metadata
                samples[name].Add(sample.ExecutionMs[host]);
                reported[name] = string.Join(", ", sample.DiagnosticsById.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"{p.Key} x{p.Value}"));
            }
        }

        Console.WriteLine($"load average at end: {LoadAverage()}");
        Console.WriteLine($"| Rules (1,000-file ML corpus, {rounds} rounds) | Median (ms) | Min (ms) | Reported |");
        Console.WriteLine("|---|---:|---:|---|");
        foreach (var (name, _) in hosts)
            Console.WriteLine($"| {name} | {Measure.Median(samples[name]):F1} | {samples[name].Min():F1} | {reported[name]} |");
        return 0;
    }

    private static Rule[] Select(string group)
    {
        var all = MlOpsAnalyzer.AllRules;
        bool Reports(Rule rule, string[] ids) => rule.SupportedDiagnostics.Any(d => ids.Contains(d.Id, StringComparer.Ordinal));
        if (group == "all")
            return all.ToArray();
        if (group.StartsWith("all-", StringComparison.Ordinal))
        {
            var left = group.Substring(4).Split('+');
            return all.Where(rule => !Reports(rule, left)).ToArray();
        }

        var ids = group.Split('+');
        return all.Where(rule => Reports(rule, ids)).ToArray();
    }

    private static string LoadAverage()
        => File.Exists("/proc/loadavg") ? string.Join(" ", File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "unknown";
}
