using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;

namespace MlOps.Analyzers.Benchmarks.Harness.EndToEnd;

/// <summary>A ratio measured once per round, summarised by its median and its spread (the lowest and highest round).</summary>
public sealed record RoundRatio(IReadOnlyList<double> PerRound)
{
    public double Median => Measure.Median(PerRound);
    public double Min => PerRound.Min();
    public double Max => PerRound.Max();

    public string Describe(string unit = "pairs")
        => string.Create(CultureInfo.InvariantCulture, $"x{Median:F2} (median of {PerRound.Count} {unit}, spread x{Min:F2}-x{Max:F2})");
}

/// <summary>One measure of a build (wall, Csc task or CPU) compared between two configurations: per-round ratios and both sides' medians.</summary>
public sealed record MetricRatio(RoundRatio Ratio, double NumeratorMs, double DenominatorMs);

/// <summary>What one numerator configuration costs against one denominator configuration, on one project.</summary>
public sealed record BuildRatio(string Label, BuildConfiguration Numerator, BuildConfiguration Denominator, MetricRatio Wall, MetricRatio Csc, MetricRatio Cpu);

/// <summary>
/// Builds one project in several configurations, in rounds: each round builds every configuration once, in a rotated
/// order (round 1: A B C, round 2: B C A, ...), in separate processes one after the other. The ratios are taken inside
/// each round, so a change of machine load between rounds hits both sides of a ratio alike, and no configuration always
/// runs first or last.
/// </summary>
public sealed class BuildComparison
{
    private readonly ConsumerProject _project;
    private readonly IReadOnlyList<BuildConfiguration> _configurations;
    private readonly List<Dictionary<BuildConfiguration, BuildSample>> _rounds = new();

    public BuildComparison(ConsumerProject project, IReadOnlyList<BuildConfiguration> configurations)
    {
        _project = project;
        _configurations = configurations;
    }

    public void Run(int rounds, Action<string> log)
    {
        for (var round = 0; round < rounds; round++)
        {
            var samples = new Dictionary<BuildConfiguration, BuildSample>();
            for (var k = 0; k < _configurations.Count; k++)
            {
                var configuration = _configurations[(round + k) % _configurations.Count];
                var sample = _project.Build(configuration);
                samples[configuration] = sample;
                log($"  {_project.Name}, round {round + 1}/{rounds}: {configuration}: wall {sample.WallMs / 1000:F1} s, Csc {sample.CscMs / 1000:F1} s, CPU {sample.CpuMs / 1000:F1} s");
            }

            _rounds.Add(samples);
        }
    }

    public BuildRatio Ratio(string label, BuildConfiguration numerator, BuildConfiguration denominator) => new(
        label,
        numerator,
        denominator,
        Compare(numerator, denominator, b => b.WallMs),
        Compare(numerator, denominator, b => b.CscMs),
        Compare(numerator, denominator, b => b.CpuMs));

    private MetricRatio Compare(BuildConfiguration numerator, BuildConfiguration denominator, Func<BuildSample, double> metric) => new(
        new RoundRatio(_rounds.Select(r => metric(r[numerator]) / metric(r[denominator])).ToList()),
        Measure.Median(_rounds.Select(r => metric(r[numerator]))),
        Measure.Median(_rounds.Select(r => metric(r[denominator]))));
}
