using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using MlOps.Analyzers.Tests.Infrastructure;
using MlOps.Analyzers.Catalog;

namespace MlOps.Analyzers.Tests;

/// <summary>Every descriptor has its doc page, help link, release-tracking row, README row and preset entries.</summary>
public class RuleCatalogTests
{
    public static IEnumerable<object[]> Descriptors() => AllDescriptors().Select(d => new object[] { d.Id });

    private static IEnumerable<DiagnosticDescriptor> AllDescriptors() => AnalyzerRunner.Rules
        .SelectMany(a => a.SupportedDiagnostics)
        .GroupBy(d => d.Id)
        .Select(g => g.First())
        .OrderBy(d => d.Id);

    private static DiagnosticDescriptor Descriptor(string id) => AllDescriptors().Single(d => d.Id == id);

    [Fact]
    public void There_are_rules() => Assert.Contains(AllDescriptors(), d => d.Id == RuleIds.UnseededMLContext);

    [Theory]
    [MemberData(nameof(Descriptors))]
    public void Help_link_points_to_the_rule_page_which_exists(string id)
    {
        var descriptor = Descriptor(id);
        Assert.Equal(RuleDescriptors.HelpLink(id), descriptor.HelpLinkUri);
        var page = RepoPaths.Combine("docs", "rules", id + ".md");
        Assert.True(File.Exists(page), $"docs/rules/{id}.md is missing");
        Assert.StartsWith($"# {id}: {descriptor.Title}", File.ReadAllText(page));
    }

    [Theory]
    [MemberData(nameof(Descriptors))]
    public void Release_tracking_row_matches_the_descriptor(string id)
    {
        var descriptor = Descriptor(id);
        var rows = new[] { "AnalyzerReleases.Shipped.md", "AnalyzerReleases.Unshipped.md" }
            .SelectMany(f => File.ReadAllLines(RepoPaths.Combine("src", "MlOps.Analyzers", f)))
            .Where(line => line.StartsWith(id + " ", System.StringComparison.Ordinal))
            .ToList();
        Assert.True(rows.Count > 0, $"{id} has no AnalyzerReleases row");
        var cells = rows[^1].Split('|').Select(c => c.Trim()).ToArray();
        Assert.Equal(descriptor.Category, cells[1]);
        Assert.Equal(descriptor.DefaultSeverity.ToString(), cells[2]);
    }

    [Theory]
    [MemberData(nameof(Descriptors))]
    public void Readme_row_matches_the_descriptor(string id)
    {
        var descriptor = Descriptor(id);
        var readme = File.ReadAllLines(RepoPaths.Combine("README.md"));
        var row = readme.FirstOrDefault(line => line.StartsWith($"| [{id}](docs/rules/{id}.md) |", System.StringComparison.Ordinal));
        Assert.True(row is not null, $"README has no rule-table row for {id}");
        var cells = row!.Split('|').Select(c => c.Trim()).ToArray();
        Assert.Equal(descriptor.Title.ToString(), cells[2]);
        Assert.Equal(descriptor.Category, cells[3]);
        Assert.Equal(descriptor.DefaultSeverity.ToString(), cells[4]);
        Assert.Equal(HasFixer(id) ? "Yes" : "No", cells[5]);
    }

    [Theory]
    [MemberData(nameof(Descriptors))]
    public void Presets_cover_the_rule(string id)
    {
        // Strict raises every rule to at least a warning and never lowers an error; None turns every rule off.
        var strict = Descriptor(id).DefaultSeverity == DiagnosticSeverity.Error ? "error" : "warning";
        foreach (var (preset, severity) in new[] { ("strict", strict), ("none", "none") })
        {
            var text = File.ReadAllText(RepoPaths.Combine("src", "MlOpsAnalyzers.Package", "buildTransitive", "config", $"mlops_{preset}.globalconfig"));
            Assert.Matches(new Regex($"^dotnet_diagnostic\\.{id}\\.severity = {severity}$", RegexOptions.Multiline), text);
        }
    }

    [Theory]
    [MemberData(nameof(Descriptors))]
    public void Category_is_one_of_the_families(string id)
    {
        var families = typeof(RuleCategories).GetFields().Select(f => (string)f.GetValue(null)!);
        Assert.Contains(Descriptor(id).Category, families);
    }

    private static bool HasFixer(string id) => typeof(MlOps.Analyzers.CodeFixes.Rules.Reproducibility.UnseededMLContextFixer).Assembly
        .GetTypes()
        .Where(t => !t.IsAbstract && typeof(CodeFixProvider).IsAssignableFrom(t))
        .Select(t => (CodeFixProvider)System.Activator.CreateInstance(t)!)
        .Any(f => f.FixableDiagnosticIds.Contains(id));
}
