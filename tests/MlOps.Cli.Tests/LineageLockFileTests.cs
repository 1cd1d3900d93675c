using System;
using System.Linq;
using MlOps.Analyzers.Facts.Pipelines;
using MlOps.Cli.Lock;

namespace MlOps.Cli.Tests;

public sealed class LineageLockFileTests
{
    private const string Path = "/repo/src/Training/mlops.lineage.lock";
    private static readonly string A = new('a', 64);
    private static readonly string B = new('b', 64);

    [Fact]
    public void Writes_a_header_then_one_line_per_pipeline_sorted_by_name()
    {
        var text = LineageLockFile.Format([new LockEntry("fraud", "2.0.0", B, 0), new LockEntry("churn", "1.2.0", A, 0)]);

        var lines = text.Split('\n');
        Assert.All(lines.Take(3), l => Assert.StartsWith("# ", l, StringComparison.Ordinal));
        Assert.Equal(["churn 1.2.0 " + A, "fraud 2.0.0 " + B, ""], lines.Skip(3));
    }

    [Theory]
    [InlineData("fraud detection", "fraud%20detection")]
    [InlineData("100%", "100%25")]
    [InlineData("#1", "%231")]
    [InlineData("tab\there", "tab%09here")]
    [InlineData("modèle-ü", "modèle-ü")]
    public void Names_that_would_break_the_line_are_percent_encoded_and_read_back(string name, string written)
    {
        var text = LineageLockFile.Format([new LockEntry(name, "1.0.0 beta", A, 0)]);

        Assert.Contains(written + " 1.0.0%20beta " + A + "\n", text, StringComparison.Ordinal);
        var entry = Assert.Single(LineageLockFile.Parse(text, Path));
        Assert.Equal((name, "1.0.0 beta", A, 4), (entry.Name, entry.Version, entry.CodeFingerprint, entry.Line));
    }

    [Fact]
    public void Comments_blank_lines_CRLF_tabs_and_a_BOM_are_accepted()
    {
        var text = "\uFEFF# comment\r\n\r\n   # indented comment\r\nchurn\t1.0.0   " + A + "  \r\n";

        var entry = Assert.Single(LineageLockFile.Parse(text, Path));

        Assert.Equal(("churn", "1.0.0", A, 4), (entry.Name, entry.Version, entry.CodeFingerprint, entry.Line));
    }

    [Theory]
    [InlineData("churn 1.0.0", 1, "expected '<name> <version> <code fingerprint>' (3 fields separated by spaces), found 2")]
    [InlineData("# ok\nchurn 1.0.0 abc", 2, "the code fingerprint 'abc' is not 64 lower-case hex digits (a SHA-256)")]
    [InlineData("churn 1.0.0 AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", 1, "the code fingerprint 'AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA' is not 64 lower-case hex digits (a SHA-256)")]
    [InlineData("churn%2 1.0.0 " + "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", 1, "the name 'churn%2' has a '%' that is not followed by two hex digits")]
    [InlineData("churn 1.0%zz " + "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", 1, "the version '1.0%zz' has a '%' that is not followed by two hex digits")]
    [InlineData("churn 1.0.0 aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\n\nchurn 1.1.0 aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", 3, "pipeline 'churn' is already locked on line 1")]
    public void A_malformed_line_is_an_error_naming_the_file_and_line(string text, int line, string problem)
    {
        var error = Assert.Throws<CliException>(() => LineageLockFile.Parse(text, Path));

        Assert.Equal($"{Path}({line}): malformed lock line: {problem}", error.Message);
    }
}
