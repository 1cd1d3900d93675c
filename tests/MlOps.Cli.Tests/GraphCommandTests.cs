using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using MlOps.Cli.Tests.Infrastructure;

namespace MlOps.Cli.Tests;

public sealed class GraphCommandTests : IDisposable
{
    private readonly TempDirectory _temp = new();
    private readonly TrainingRuns _runs;

    public GraphCommandTests()
    {
        _runs = new TrainingRuns(_temp.Path);
        _runs.WriteFile("data/churn.csv", "tenure,churned\n1,0\n");
    }

    public void Dispose() => _temp.Dispose();

    /// <summary>Two runs of 1.0.0 and 1.1.0 on the same bytes, then a failed 1.2.0 run on changed bytes.</summary>
    private void ThreeRuns()
    {
        _runs.Completed(_runs.Pipeline("1.0.0"), new Dictionary<string, double> { ["auc"] = 0.8 });
        _runs.Completed(_runs.Pipeline("1.1.0"), new Dictionary<string, double> { ["auc"] = 0.81 });
        _runs.WriteFile("data/churn.csv", "tenure,churned\n1,0\n2,1\n");
        _runs.Failed(_runs.Pipeline("1.2.0"), "fitting ran out of memory");
    }

    [Fact]
    public void Mermaid_has_a_node_per_dataset_version_run_and_model_and_an_edge_per_read_and_write()
    {
        ThreeRuns();

        var result = Mlops.Run("graph", _temp.Path, "--format", "mermaid");

        Assert.True(result.ExitCode == 0, result.Error);
        var lines = result.Output.Split('\n');
        Assert.Equal("flowchart LR", lines[0]);
        Assert.Contains("  d1[(\"customers<br/>sha256 ", result.Output, StringComparison.Ordinal);
        Assert.Contains("  r1[\"churn@1.0.0<br/>run ", result.Output, StringComparison.Ordinal);
        Assert.Contains("  m1[/\"churn-1.0.0.zip<br/>sha256 ", result.Output, StringComparison.Ordinal);
        Assert.Matches("r3\\[\"churn@1\\.2\\.0<br/>run \\w{8} · failed\"\\]", result.Output);
        // The first two runs read the same bytes (one dataset node); the failed run read changed bytes (a second one).
        Assert.Equal(["d1 --> r1", "r1 --> m1", "d1 --> r2", "r2 --> m2", "d2 --> r3"], lines.Where(l => l.Contains("-->", StringComparison.Ordinal)).Select(l => l.Trim()));
        Assert.Contains("  class r3 failed", result.Output, StringComparison.Ordinal);
        // The failed run is known from its events, which name a dataset by path only: the sidecars lend the name.
        Assert.Contains("  d2[(\"customers<br/>sha256 ", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void Dot_is_a_digraph_with_the_same_nodes_and_edges()
    {
        ThreeRuns();

        var result = Mlops.Run("graph", _temp.Path, "--format", "dot");

        Assert.True(result.ExitCode == 0, result.Error);
        Assert.StartsWith("digraph lineage {\n  rankdir=LR;", result.Output, StringComparison.Ordinal);
        Assert.Matches("d1 \\[label=\"customers\\\\nsha256 \\w{12}\", tooltip=\"[^\"]*\", shape=cylinder", result.Output);
        Assert.Equal(["d1 -> r1;", "r1 -> m1;", "d1 -> r2;", "r2 -> m2;", "d2 -> r3;"], result.Output.Split('\n').Where(l => l.Contains("->", StringComparison.Ordinal)).Select(l => l.Trim()));
        Assert.EndsWith("}\n", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void Labels_with_quotes_and_angle_brackets_are_escaped_for_each_format()
    {
        _runs.Completed(_runs.Pipeline("1.0.0", name: "churn \"<v2>\""));

        var mermaid = Mlops.Run("graph", _temp.Path, "--format", "mermaid").Output;
        Assert.Contains("r1[\"churn #quot;#lt;v2#gt;#quot;@1.0.0<br/>", mermaid, StringComparison.Ordinal);

        var dot = Mlops.Run("graph", _temp.Path, "--format", "dot").Output;
        Assert.Contains("r1 [label=\"churn \\\"<v2>\\\"@1.0.0\\n", dot, StringComparison.Ordinal);

        var html = Mlops.Run("graph", _temp.Path, "--format", "html").Output;
        Assert.DoesNotContain("<v2>", html, StringComparison.Ordinal);
        Assert.Contains("\\u003Cv2\\u003E", html, StringComparison.Ordinal);
    }

    [Fact]
    public void The_html_page_is_self_contained_and_a_real_browser_draws_every_node_edge_and_label()
    {
        ThreeRuns();
        var page = _temp.Combine("out", "lineage.html");

        var result = Mlops.Run("graph", _temp.Path, "--format", "html", "--out", page);

        Assert.True(result.ExitCode == 0, result.Error);
        Assert.Equal($"wrote {page}", result.Error.TrimEnd());
        var html = File.ReadAllText(page);
        // Nothing is fetched: no external script, style, image or font.
        Assert.DoesNotMatch("(src|href)\\s*=|@import|<link|url\\((?!#)", html);

        var dom = HeadlessChromium.DumpDom(page);

        var nodes = Regex.Matches(dom, "<g class=\"node (\\w+)[^\"]*\" data-id=\"(\\w+)\"").Select(m => m.Groups[2].Value + ":" + m.Groups[1].Value).ToList();
        Assert.Equal(["r1:run", "d1:dataset", "m1:model", "r2:run", "m2:model", "r3:run", "d2:dataset"], nodes);
        var edges = Regex.Matches(dom, "<path class=\"edge\" data-from=\"(\\w+)\" data-to=\"(\\w+)\"").Select(m => m.Groups[1].Value + "->" + m.Groups[2].Value).ToList();
        Assert.Equal(["d1->r1", "r1->m1", "d1->r2", "r2->m2", "d2->r3"], edges);
        Assert.Contains("<g class=\"node run failed\" data-id=\"r3\"", dom, StringComparison.Ordinal);
        foreach (var label in new[] { "churn@1.0.0", "churn@1.1.0", "churn@1.2.0", "churn-1.0.0.zip", "churn-1.1.0.zip", "customers" })
            Assert.Contains("<tspan x=\"12\" y=\"21\" class=\"title\">" + label + "</tspan>", dom, StringComparison.Ordinal);
        Assert.Contains("data-rendered-nodes=\"7\"", dom, StringComparison.Ordinal);
        Assert.Contains("data-rendered-edges=\"5\"", dom, StringComparison.Ordinal);

        // No two drawn nodes overlap; a model sits beside the run that wrote it, a dataset beside the first run that read it.
        var boxes = Regex.Matches(dom, "data-id=\"(\\w+)\" transform=\"translate\\((\\d+),(\\d+)\\)\"")
            .ToDictionary(m => m.Groups[1].Value, m => (X: int.Parse(m.Groups[2].Value), Y: int.Parse(m.Groups[3].Value)));
        Assert.Equal(7, boxes.Count);
        Assert.Equal(boxes.Count, boxes.Values.Distinct().Count());
        Assert.Equal([boxes["r1"].Y, boxes["r1"].Y, boxes["r2"].Y, boxes["r3"].Y], new[] { boxes["d1"].Y, boxes["m1"].Y, boxes["m2"].Y, boxes["d2"].Y });
        Assert.True(boxes["d1"].X < boxes["r1"].X && boxes["r1"].X < boxes["m1"].X);
    }

    [Fact]
    public void The_html_page_of_a_directory_without_runs_says_so_in_the_browser()
    {
        var page = _temp.Combine("empty.html");
        Directory.CreateDirectory(_temp.Combine("nothing"));

        Assert.Equal(0, Mlops.Run("graph", _temp.Combine("nothing"), "--format", "html", "--out", page).ExitCode);

        Assert.Contains("<div id=\"graph\">No runs found.</div>", HeadlessChromium.DumpDom(page), StringComparison.Ordinal);
    }
}
