using System;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Text;
using System.Text.Json.Nodes;

namespace MlOps.Cli.Graph;

/// <summary>Writes a <see cref="LineageGraph"/> as Mermaid, Graphviz DOT, or one self-contained HTML page.</summary>
internal static class GraphWriters
{
    public const string Mermaid = "mermaid";
    public const string Dot = "dot";
    public const string Html = "html";

    public static string Write(LineageGraph graph, string format) => format switch
    {
        Mermaid => ToMermaid(graph),
        Dot => ToDot(graph),
        Html => ToHtml(graph),
        _ => throw new CliException($"unknown graph format '{format}' (use mermaid, dot or html)"),
    };

    public static string ToMermaid(LineageGraph graph)
    {
        var text = new StringBuilder();
        text.Append("flowchart LR\n");
        foreach (var node in graph.Nodes)
        {
            // Mermaid shapes: [( )] a cylinder for data, [ ] a box for a run, [/ /] a parallelogram for an artifact.
            var label = "\"" + string.Join("<br/>", node.Lines.Select(EscapeMermaid)) + "\"";
            var shape = node.Kind switch
            {
                LineageGraph.Dataset => "[(" + label + ")]",
                LineageGraph.Model => "[/" + label + "/]",
                _ => "[" + label + "]",
            };
            text.Append("  ").Append(node.Id).Append(shape).Append('\n');
        }

        foreach (var edge in graph.Edges)
            text.Append("  ").Append(edge.From).Append(" --> ").Append(edge.To).Append('\n');

        foreach (var kind in new[] { LineageGraph.Dataset, LineageGraph.Run, LineageGraph.Model })
        {
            var ids = graph.Nodes.Where(n => n.Kind == kind).Select(n => n.Id).ToList();
            if (ids.Count > 0)
                text.Append("  class ").Append(string.Join(',', ids)).Append(' ').Append(kind).Append('\n');
        }

        var failed = graph.Nodes.Where(n => n.Status is "failed" or "aborted").Select(n => n.Id).ToList();
        if (failed.Count > 0)
            text.Append("  class ").Append(string.Join(',', failed)).Append(" failed\n");
        text.Append("  classDef dataset fill:#e8f1fb,stroke:#2b6cb0\n");
        text.Append("  classDef run fill:#f4f4f4,stroke:#444\n");
        text.Append("  classDef model fill:#eaf7ee,stroke:#2f855a\n");
        text.Append("  classDef failed fill:#fdecec,stroke:#c53030\n");
        return text.ToString();
    }

    // Mermaid's entity codes: a quote would end the label, and < > would be read as HTML.
    private static string EscapeMermaid(string text) =>
        text.Replace("#", "#35;", StringComparison.Ordinal).Replace("\"", "#quot;", StringComparison.Ordinal)
            .Replace("<", "#lt;", StringComparison.Ordinal).Replace(">", "#gt;", StringComparison.Ordinal);

    public static string ToDot(LineageGraph graph)
    {
        var text = new StringBuilder();
        text.Append("digraph lineage {\n");
        text.Append("  rankdir=LR;\n");
        text.Append("  node [fontname=\"Helvetica\", fontsize=10, style=filled];\n");
        foreach (var node in graph.Nodes)
        {
            var (shape, fill) = node.Kind switch
            {
                LineageGraph.Dataset => ("cylinder", "#e8f1fb"),
                LineageGraph.Model => ("note", "#eaf7ee"),
                _ => ("box", node.Status is "failed" or "aborted" ? "#fdecec" : "#f4f4f4"),
            };
            text.Append("  ").Append(node.Id)
                .Append(" [label=\"").Append(string.Join("\\n", node.Lines.Select(EscapeDot)))
                .Append("\", tooltip=\"").Append(EscapeDot(node.Detail).Replace("\n", "\\n", StringComparison.Ordinal))
                .Append("\", shape=").Append(shape)
                .Append(", fillcolor=\"").Append(fill).Append("\"];\n");
        }

        foreach (var edge in graph.Edges)
            text.Append("  ").Append(edge.From).Append(" -> ").Append(edge.To).Append(";\n");
        text.Append("}\n");
        return text.ToString();
    }

    private static string EscapeDot(string text) =>
        text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal);

    /// <summary>
    /// One HTML file that draws the graph with its own inline script and style: no network, no CDN. The graph is
    /// embedded as JSON in a data block; the default JSON encoder escapes &lt; and &gt;, so no text in a path or
    /// message can close the script element.
    /// </summary>
    public static string ToHtml(LineageGraph graph)
    {
        var data = new JsonObject
        {
            ["nodes"] = new JsonArray(graph.Nodes.Select(n => (JsonNode)new JsonObject
            {
                ["id"] = n.Id,
                ["kind"] = n.Kind,
                ["lines"] = new JsonArray(n.Lines.Select(l => (JsonNode)JsonValue.Create(l)).ToArray()),
                ["detail"] = n.Detail,
                ["status"] = n.Status,
            }).ToArray()),
            ["edges"] = new JsonArray(graph.Edges.Select(e => (JsonNode)new JsonObject { ["from"] = e.From, ["to"] = e.To }).ToArray()),
        };

        return Template.Replace("\"__LINEAGE_DATA__\"", data.ToJsonString(), StringComparison.Ordinal);
    }

    private static readonly string Template = ReadTemplate();

    private static string ReadTemplate()
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream("MlOps.Cli.Graph.lineage-graph.html")
            ?? throw new InvalidOperationException("The HTML template is missing from the tool's resources.");
        using var reader = new StreamReader(stream, Encoding.UTF8);
        return reader.ReadToEnd();
    }
}
