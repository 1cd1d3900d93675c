using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using Xunit.Abstractions;

namespace MlOps.Analyzers.Tests.Robustness;

/// <summary>
/// A fix never makes code worse: every action every fixer offers, for every diagnostic on every test source and sample,
/// yields code with no compiler error that was not there before (compared as a multiset of id and message).
/// </summary>
public class CodeFixRobustnessTests
{
    private const int InputBudget = 400;

    private readonly ITestOutputHelper _output;

    public CodeFixRobustnessTests(ITestOutputHelper output) => _output = output;

    [Fact]
    public async Task Every_fix_on_every_test_source_adds_no_compiler_error()
    {
        var fixableIds = RobustnessHarness.Fixers.SelectMany(f => f.FixableDiagnosticIds).ToHashSet();
        Assert.NotEmpty(fixableIds);
        var failures = new List<string>();
        var applied = 0;
        var inputs = 0;
        foreach (var source in TestSources.All.Take(InputBudget))
        {
            var document = RobustnessHarness.CreateDocument(source.Text);
            var compilation = (await document.Project.GetCompilationAsync())!;
            var (_, diagnostics, _) = await RobustnessHarness.RunAllAsync(compilation);
            var targets = diagnostics.Where(d => fixableIds.Contains(d.Id) && d.Location.IsInSource).ToList();
            if (targets.Count == 0)
                continue;
            inputs++;
            var before = RobustnessHarness.Errors(compilation);
            foreach (var diagnostic in targets)
            {
                foreach (var (fixer, action) in await RobustnessHarness.GetFixesAsync(document, diagnostic))
                {
                    var fixedDocument = await RobustnessHarness.ApplyAsync(document, action);
                    if (fixedDocument is null)
                        continue;
                    applied++;
                    var after = RobustnessHarness.Errors((await fixedDocument.Project.GetCompilationAsync())!);
                    var added = after.Where(p => p.Value > before.GetValueOrDefault(p.Key)).Select(p => p.Key).ToList();
                    if (added.Count > 0)
                    {
                        var text = (await fixedDocument.GetTextAsync()).ToString();
                        failures.Add($"{source.Origin}: {fixer.GetType().Name} '{action.Title}' for {diagnostic.Id} at {diagnostic.Location.GetLineSpan().StartLinePosition} added: {string.Join("; ", added)}{Environment.NewLine}{text}");
                    }
                }
            }
        }

        _output.WriteLine($"{RobustnessHarness.Fixers.Length} fixers; {applied} fixes applied on {inputs} sources with fixable diagnostics (of {TestSources.All.Length}).");
        Assert.True(applied > 0, "no fix was applied: the guard checks nothing");
        foreach (var failure in failures)
            _output.WriteLine(failure.Split(Environment.NewLine)[0]);
        Assert.True(failures.Count == 0, $"{failures.Count} fixes added compiler errors, e.g.:{Environment.NewLine}{string.Join(Environment.NewLine, failures.Take(3))}");
    }
}
