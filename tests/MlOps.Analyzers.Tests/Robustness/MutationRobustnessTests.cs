using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Xunit.Abstractions;

namespace MlOps.Analyzers.Tests.Robustness;

/// <summary>
/// Half-typed code must never make an analyzer, fixer or the generator throw (AD0001 / CS8785 are bugs, and users see
/// them in every build). Every test source and sample, truncated at many points and with single tokens deleted.
/// </summary>
public class MutationRobustnessTests
{
    /// <summary>At least 2,000 variants (the floor), bounded so that the guard stays inside the test budget.</summary>
    public const int VariantBudget = 2200;

    /// <summary>
    /// The variants' seed: fixed, so that every run checks the same inputs. <c>MLOPS_ROBUSTNESS_SEED=N dotnet test</c>
    /// checks another 2,200 (a soak run before a release; a failure names its variant, which the seed reproduces).
    /// </summary>
    private static readonly int Seed = int.TryParse(Environment.GetEnvironmentVariable("MLOPS_ROBUSTNESS_SEED"), out var seed) ? seed : 20240607;
    private const int FixerInputBudget = 150;

    private readonly ITestOutputHelper _output;

    public MutationRobustnessTests(ITestOutputHelper output) => _output = output;

    [Fact]
    public void The_guard_finds_sources_and_makes_at_least_2000_variants()
    {
        Assert.NotEmpty(TestSources.All);
        Assert.NotEmpty(RobustnessHarness.Analyzers);
        var variants = SourceMutator.Create(TestSources.All, VariantBudget, Seed);
        Assert.True(variants.Length >= 2000, $"only {variants.Length} variants from {TestSources.All.Length} sources");
        Assert.Equal(variants.Select(v => v.Text), SourceMutator.Create(TestSources.All, VariantBudget, Seed).Select(v => v.Text)); // seeded
    }

    [Fact]
    public async Task No_analyzer_fixer_or_generator_throws_on_mutated_sources()
    {
        var variants = SourceMutator.Create(TestSources.All, VariantBudget, Seed);
        var failures = new ConcurrentBag<string>();
        var fixable = new ConcurrentBag<Variant>();
        var fixableIds = RobustnessHarness.Fixers.SelectMany(f => f.FixableDiagnosticIds).ToHashSet();
        var built = 0; // variants whose pipeline went through the generator's model builder and emitter

        await Parallel.ForEachAsync(variants, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount }, async (variant, ct) =>
        {
            try
            {
                var (crashes, diagnostics, generated) = await RobustnessHarness.RunAllAsync(RobustnessHarness.Compile(variant.Text), ct);
                if (generated > 0)
                    Interlocked.Increment(ref built);
                foreach (var crash in crashes)
                    failures.Add($"{variant}: {RobustnessHarness.Shorten(crash)}");
                if (diagnostics.Any(d => fixableIds.Contains(d.Id)))
                    fixable.Add(variant);
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                failures.Add($"{variant}: {RobustnessHarness.Shorten(exception.ToString())}");
            }
        });

        // The fixers on broken code: every action offered for every diagnostic is computed (not checked for errors:
        // the input is broken already), on a seeded, bounded selection of the variants that have fixable diagnostics.
        var fixerInputs = fixable.OrderBy(v => v.ToString(), StringComparer.Ordinal).OrderBy(v => Hash(v.ToString())).Take(FixerInputBudget).ToList();
        var actions = 0;
        foreach (var variant in fixerInputs)
        {
            try
            {
                var document = RobustnessHarness.CreateDocument(variant.Text);
                var compilation = (await document.Project.GetCompilationAsync())!;
                var (_, diagnostics, _) = await RobustnessHarness.RunAllAsync(compilation);
                foreach (var diagnostic in diagnostics.Where(d => fixableIds.Contains(d.Id)))
                {
                    foreach (var (_, action) in await RobustnessHarness.GetFixesAsync(document, diagnostic))
                    {
                        actions++;
                        await RobustnessHarness.ApplyAsync(document, action);
                    }
                }
            }
            catch (Exception exception)
            {
                failures.Add($"{variant} (fixer): {RobustnessHarness.Shorten(exception.ToString())}");
            }
        }

        _output.WriteLine($"{variants.Length} variants of {TestSources.All.Length} sources; {RobustnessHarness.Analyzers.Length} analyzers, {RobustnessHarness.Generators.Length} generators ({built} variants generated a lineage class); fixers ran {actions} actions on {fixerInputs.Count} broken inputs.");
        Assert.True(failures.IsEmpty, $"{failures.Count} failures (variant seed {Seed}), e.g.:{Environment.NewLine}{string.Join(Environment.NewLine + Environment.NewLine, failures.Take(5))}");
        // The generator reports its exceptions (CS8785) instead of skipping the pipeline: the guard only sees the model
        // builder's bugs if many broken variants still reach it.
        Assert.True(built >= 200, $"only {built} of {variants.Length} variants reached the generator's model builder");
    }

    private static int Hash(string text)
    {
        var hash = 17;
        foreach (var c in text)
            hash = unchecked((hash * 31) + c);
        return hash;
    }
}
