using System;
using System.IO;
using System.Linq;

namespace MlOpsAnalyzers.EndToEnd;

/// <summary>The corpus scorer on a two-file corpus and a hand-made SARIF log: what it counts as hit, false positive and miss.</summary>
public sealed class CorpusScoreTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("mlops-corpus-score-").FullName;

    [Fact]
    public void Counts_hits_false_positives_and_misses_per_rule_and_line()
    {
        Directory.CreateDirectory(Path.Combine(_root, "App"));
        File.WriteAllLines(Path.Combine(_root, "App", "Train.cs"),
        [
            "var ml = new MLContext(); // expect: MLOPS001",
            "var data = ml.Data.LoadFromTextFile<Row>(path); // expect: MLOPS010, MLOPS011",
            "ml.Model.Save(model, schema, \"model.zip\");",
        ]);
        var log = WriteSarif(
            ("MLOPS001", "App/Train.cs", 1, "warning"),
            ("MLOPS001", "App/Train.cs", 1, "warning"), // the same finding twice counts once
            ("MLOPS010", "App/Train.cs", 2, "warning"),
            ("MLOPS021", "App/Train.cs", 3, "note"));

        var score = CorpusScore.Compute(_root, [log]);

        Assert.Equal(["MLOPS001 App/Train.cs:1", "MLOPS010 App/Train.cs:2"], score.TruePositives.Select(f => f.ToString()).Order(StringComparer.Ordinal));
        Assert.Equal(["MLOPS021 App/Train.cs:3"], score.FalsePositives.Select(f => f.ToString()));
        Assert.Equal(["MLOPS011 App/Train.cs:2"], score.Misses.Select(f => f.ToString()));
        Assert.Equal(2.0 / 3, score.Precision, 6);
        Assert.Equal(2.0 / 3, score.Recall, 6);
        Assert.Equal("note", score.DefaultLevel("MLOPS021"));
        Assert.Equal("warning", score.DefaultLevel("MLOPS010"));
        Assert.Contains("| MLOPS011 | warning | 1 | 0 | 0 | 0 | 1 | - | 0.00 |", score.ToMarkdown("t"));
    }

    [Fact]
    public void A_marker_that_names_no_rule_is_refused_with_its_place()
    {
        File.WriteAllText(Path.Combine(_root, "Bad.cs"), "var x = 1;\nvar ml = new MLContext(); // expect: MLOPS1, seed\n");
        var error = Assert.Throws<InvalidDataException>(() => CorpusScore.Compute(_root, []));
        Assert.Contains("Bad.cs:2: 'MLOPS1'", error.Message);
    }

    private string WriteSarif(params (string Rule, string File, int Line, string Level)[] results)
    {
        var rules = results.Select(r => r.Rule).Distinct().Select(id =>
        {
            var level = results.First(r => r.Rule == id).Level;
            return level == "warning" ? $$"""{ "id": "{{id}}" }""" : $$"""{ "id": "{{id}}", "defaultConfiguration": { "level": "{{level}}" } }""";
        });
        var items = results.Select(r => $$"""
            { "ruleId": "{{r.Rule}}", "message": { "text": "m" }, "locations": [ { "physicalLocation": {
              "artifactLocation": { "uri": "{{new Uri(Path.Combine(_root, r.File)).AbsoluteUri}}" }, "region": { "startLine": {{r.Line}}, "startColumn": 1 } } } ] }
            """);
        var path = Path.Combine(_root, "build.sarif");
        File.WriteAllText(path, $$"""
            { "version": "2.1.0", "runs": [ { "tool": { "driver": { "name": "csc", "rules": [ {{string.Join(",", rules)}} ] } },
              "results": [ {{string.Join(",", items)}} ] } ] }
            """);
        return path;
    }

    public void Dispose() => Directory.Delete(_root, recursive: true);
}
