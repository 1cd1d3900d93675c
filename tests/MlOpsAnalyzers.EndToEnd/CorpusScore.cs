using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace MlOpsAnalyzers.EndToEnd;

/// <summary>One finding at one place: a rule id on a line of a corpus file (path relative to the corpus, '/' separated).</summary>
public sealed record CorpusFinding(string Rule, string File, int Line)
{
    public override string ToString() => $"{Rule} {File}:{Line.ToString(CultureInfo.InvariantCulture)}";
}

/// <summary>
/// Scores what a build reported against the `// expect: MLOPSnnn[, MLOPSnnn]` markers of a corpus: a finding on a line whose
/// marker names its rule is a true positive, any other MlOps finding a false positive, a marker without its finding a miss.
/// Findings are counted once per rule and line (a rule reporting one line twice counts once).
/// </summary>
public sealed class CorpusScore
{
    private static readonly Regex Marker = new(@"//\s*expect:\s*(?<ids>.*?)\s*$", RegexOptions.Compiled);
    private static readonly Regex RuleId = new(@"^MLOPS\d{3}$", RegexOptions.Compiled);

    private CorpusScore(
        IReadOnlySet<CorpusFinding> expected,
        IReadOnlyDictionary<CorpusFinding, string> reported,
        IReadOnlyDictionary<string, string> defaultLevels)
    {
        Expected = expected;
        Reported = reported;
        DefaultLevels = defaultLevels;
    }

    public IReadOnlySet<CorpusFinding> Expected { get; }

    /// <summary>Each reported finding with its message.</summary>
    public IReadOnlyDictionary<CorpusFinding, string> Reported { get; }

    /// <summary>Each MlOps rule's shipped severity as SARIF names it ("warning", "note", "error").</summary>
    public IReadOnlyDictionary<string, string> DefaultLevels { get; }

    public IEnumerable<CorpusFinding> TruePositives => Reported.Keys.Where(Expected.Contains);

    public IEnumerable<CorpusFinding> FalsePositives => Reported.Keys.Where(f => !Expected.Contains(f));

    public IEnumerable<CorpusFinding> Misses => Expected.Where(f => !Reported.ContainsKey(f));

    public double Precision => Ratio(TruePositives.Count(), Reported.Count);

    public double Recall => Ratio(TruePositives.Count(), Expected.Count);

    public string DefaultLevel(string rule) => DefaultLevels.TryGetValue(rule, out var level) ? level : "warning";

    /// <summary>Reads the markers of every C# file under <paramref name="corpusRoot"/> and the MlOps results of the SARIF logs.</summary>
    public static CorpusScore Compute(string corpusRoot, IEnumerable<string> sarifLogs)
    {
        var expected = new HashSet<CorpusFinding>();
        foreach (var file in Directory.EnumerateFiles(corpusRoot, "*.cs", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            var relative = Relative(corpusRoot, file);
            var lines = File.ReadAllLines(file);
            for (var i = 0; i < lines.Length; i++)
            {
                var match = Marker.Match(lines[i]);
                if (!match.Success)
                    continue;

                foreach (var id in match.Groups["ids"].Value.Split(',', StringSplitOptions.TrimEntries))
                {
                    if (!RuleId.IsMatch(id))
                        throw new InvalidDataException($"{relative}:{i + 1}: '{id}' in an expect marker is not a rule id (write `// expect: MLOPS010, MLOPS020`).");
                    expected.Add(new CorpusFinding(id, relative, i + 1));
                }
            }
        }

        var reported = new Dictionary<CorpusFinding, string>();
        var levels = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var log in sarifLogs)
        {
            using var sarif = JsonDocument.Parse(File.ReadAllText(log));
            var run = sarif.RootElement.GetProperty("runs")[0];
            foreach (var rule in run.GetProperty("tool").GetProperty("driver").GetProperty("rules").EnumerateArray())
            {
                var id = rule.GetProperty("id").GetString()!;
                if (id.StartsWith("MLOPS", StringComparison.Ordinal))
                    levels[id] = rule.TryGetProperty("defaultConfiguration", out var configuration) ? configuration.GetProperty("level").GetString()! : "warning";
            }

            foreach (var result in run.GetProperty("results").EnumerateArray())
            {
                var id = result.GetProperty("ruleId").GetString()!;
                if (!id.StartsWith("MLOPS", StringComparison.Ordinal))
                    continue;

                var location = result.GetProperty("locations")[0].GetProperty("physicalLocation");
                var path = new Uri(location.GetProperty("artifactLocation").GetProperty("uri").GetString()!).LocalPath;
                var finding = new CorpusFinding(id, Relative(corpusRoot, path), location.GetProperty("region").GetProperty("startLine").GetInt32());
                reported.TryAdd(finding, result.GetProperty("message").GetProperty("text").GetString()!);
            }
        }

        return new CorpusScore(expected, reported, levels);
    }

    /// <summary>Per rule and overall precision and recall, then every false positive and miss, as Markdown.</summary>
    public string ToMarkdown(string title)
    {
        var text = new StringBuilder();
        text.AppendLine($"## {title}").AppendLine();
        text.AppendLine("| Rule | Default | Expected | Reported | True positives | False positives | Missed | Precision | Recall |");
        text.AppendLine("|---|---|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var rule in Expected.Select(f => f.Rule).Concat(Reported.Keys.Select(f => f.Rule)).Distinct().Order(StringComparer.Ordinal))
        {
            var expected = Expected.Count(f => f.Rule == rule);
            var reported = Reported.Keys.Count(f => f.Rule == rule);
            var truePositives = TruePositives.Count(f => f.Rule == rule);
            text.AppendLine($"| {rule} | {DefaultLevel(rule)} | {expected} | {reported} | {truePositives} | {reported - truePositives} | {expected - truePositives} | {Format(truePositives, reported)} | {Format(truePositives, expected)} |");
        }

        var all = TruePositives.Count();
        text.AppendLine($"| **all** | | {Expected.Count} | {Reported.Count} | {all} | {Reported.Count - all} | {Expected.Count - all} | {Format(all, Reported.Count)} | {Format(all, Expected.Count)} |");
        AppendList(text, "False positives (reported, no marker)", FalsePositives.Select(f => $"{f} ({DefaultLevel(f.Rule)}): {Reported[f]}"));
        AppendList(text, "Missed (marker, nothing reported)", Misses.Select(f => f.ToString()));
        return text.ToString();
    }

    private static void AppendList(StringBuilder text, string heading, IEnumerable<string> items)
    {
        var list = items.Order(StringComparer.Ordinal).ToList();
        text.AppendLine().AppendLine($"{heading}: {list.Count}");
        foreach (var item in list)
            text.AppendLine($"- {item}");
    }

    private static double Ratio(int part, int whole) => whole == 0 ? 1.0 : (double)part / whole;

    private static string Format(int part, int whole) => whole == 0 ? "-" : ((double)part / whole).ToString("0.00", CultureInfo.InvariantCulture);

    private static string Relative(string root, string path) => Path.GetRelativePath(root, path).Replace('\\', '/');
}
