using System.Linq;
using System.Text.RegularExpressions;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis.Testing;
using MlOps.Analyzers.Facts.Pipelines;
using MlOps.Analyzers.Rules.Lineage;
using MlOps.Analyzers.Tests.Lineage;
using Verify = MlOps.Analyzers.Tests.Infrastructure.LineageAnalyzerVerifier<MlOps.Analyzers.Rules.Lineage.PipelineChangedWithoutVersionBumpAnalyzer>;

namespace MlOps.Analyzers.Tests.Rules.Lineage;

public class PipelineChangedWithoutVersionBumpAnalyzerTests
{
    internal const string LockPath = "/0/mlops.lineage.lock";
    internal const string OtherFingerprint = "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa";

    private const string Header = "# mlops.lineage.lock\n# <name> <version> <code fingerprint>\n";

    internal const string Churn = """
        using MlOps.Lineage;

        [TrainingPipeline("churn", Version = "1.2.0")]
        public partial class ChurnTraining
        {
            [Hyperparameter] public const int Trees = 100;

            public int Train() => Trees * 2;
        }
        """;

    /// <summary>What the lineage generator emits as <c>Lineage.CodeFingerprint</c> for <paramref name="source"/> (what <c>mlops lock</c> records).</summary>
    internal static string GeneratedFingerprint(string source)
    {
        var (result, _, _) = GeneratorHarness.Run(GeneratorHarness.Compile(source));
        var generated = result.Results.Single().GeneratedSources.Single().SourceText.ToString();
        return Regex.Match(generated, "CodeFingerprint = \"([0-9a-f]{64})\"").Groups[1].Value;
    }

    private static Task VerifyAsync(string source, string? lockText, params DiagnosticResult[] expected)
    {
        var test = new Verify.Test { TestCode = source };
        if (lockText is not null)
            test.TestState.AdditionalFiles.Add((LockPath, lockText));
        test.ExpectedDiagnostics.AddRange(expected);
        return test.RunAsync(CancellationToken.None);
    }

    [Fact]
    public Task The_code_the_lock_records_is_not_a_finding()
        => VerifyAsync(Churn, Header + $"churn 1.2.0 {GeneratedFingerprint(Churn)}\n");

    [Fact]
    public Task Whitespace_and_comment_edits_are_not_a_finding()
    {
        var edited = Churn
            .Replace("public int Train() => Trees * 2;", "// trains the model\n    public   int Train()\n        => Trees * 2; /* doubled */")
            .Replace("[Hyperparameter] public const int Trees = 100;", "#region settings\n    [Hyperparameter]\n    public const int Trees = 100;\n    #endregion");
        return VerifyAsync(edited, Header + $"churn 1.2.0 {GeneratedFingerprint(Churn)}\n");
    }

    [Fact]
    public Task A_version_the_lock_does_not_record_is_not_a_finding()
        => VerifyAsync(Churn, Header + $"churn 1.1.0 {OtherFingerprint}\n");

    [Fact]
    public Task A_pipeline_the_lock_does_not_name_is_not_a_finding()
        => VerifyAsync(Churn, Header + $"fraud 1.2.0 {OtherFingerprint}\n");

    [Fact]
    public Task No_lock_file_is_not_a_finding()
        => VerifyAsync(Churn, lockText: null);

    [Fact]
    public Task Another_additional_file_is_not_read_as_the_lock()
    {
        var test = new Verify.Test { TestCode = Churn };
        test.TestState.AdditionalFiles.Add(("/0/other.lock", $"churn 1.2.0 {OtherFingerprint}\n"));
        return test.RunAsync(CancellationToken.None);
    }

    [Fact]
    public Task A_version_bump_alone_leaves_the_fingerprint_as_locked()
        // The attributes are not part of the fingerprint: locking 1.2.0, then bumping to 1.3.0 without touching the code.
        => VerifyAsync(Churn.Replace("1.2.0", "1.3.0"), Header + $"churn 1.3.0 {GeneratedFingerprint(Churn)}\n");

    [Fact]
    public Task A_type_that_is_not_a_pipeline_is_not_checked()
        => VerifyAsync("""
            public partial class ChurnTraining { public int Train() => 1; }
            """, Header + $"churn 1.2.0 {OtherFingerprint}\n");

    [Fact]
    public Task Changed_code_under_a_locked_version_is_reported_on_the_version()
    {
        var locked = GeneratedFingerprint(Churn);
        var changed = Churn.Replace("Trees = 100", "Trees = 200").Replace("Version = \"1.2.0\"", "{|#0:Version = \"1.2.0\"|}");
        return VerifyAsync(changed, Header + $"churn 1.2.0 {locked}\n",
            Verify.Diagnostic(PipelineChangedWithoutVersionBumpAnalyzer.Rule).WithLocation(0).WithArguments("churn", "1.2.0", LockPath, "3"));
    }

    [Fact]
    public Task A_pipeline_without_a_version_is_checked_as_0_0_0_on_its_attribute()
        => VerifyAsync("""
            using MlOps.Lineage;

            [{|#0:TrainingPipeline("churn")|}]
            public partial class ChurnTraining { public int Train() => 1; }
            """, $"churn 0.0.0 {OtherFingerprint}\n",
            Verify.Diagnostic(PipelineChangedWithoutVersionBumpAnalyzer.Rule).WithLocation(0).WithArguments("churn", "0.0.0", LockPath, "1"));

    [Fact]
    public Task A_percent_encoded_name_is_matched_decoded()
        => VerifyAsync("""
            using MlOps.Lineage;

            [TrainingPipeline("fraud detection", {|#0:Version = "2.0.0"|})]
            public partial class FraudTraining { public int Train() => 1; }
            """, $"fraud%20detection 2.0.0 {OtherFingerprint}\n",
            Verify.Diagnostic(PipelineChangedWithoutVersionBumpAnalyzer.Rule).WithLocation(0).WithArguments("fraud detection", "2.0.0", LockPath, "1"));

    [Fact]
    public Task A_partial_pipeline_across_files_is_fingerprinted_as_the_generator_does()
    {
        const string first = """
            using MlOps.Lineage;

            [TrainingPipeline("churn", Version = "1.0.0")]
            public partial class ChurnTraining { public int Train() => Helper(); }
            """;
        const string second = """
            public partial class ChurnTraining { private int Helper() => 3; }
            """;
        var (result, _, _) = GeneratorHarness.Run(GeneratorHarness.Compile(first, second));
        var generated = result.Results.Single().GeneratedSources.Single().SourceText.ToString();
        var fingerprint = Regex.Match(generated, "CodeFingerprint = \"([0-9a-f]{64})\"").Groups[1].Value;

        // GeneratorHarness names the files /src/Pipeline0.cs and /src/Pipeline1.cs: the same order as /0/Test0.cs, /0/Test1.cs.
        var test = new Verify.Test();
        test.TestState.Sources.Add(first);
        test.TestState.Sources.Add(second);
        test.TestState.AdditionalFiles.Add((LockPath, $"churn 1.0.0 {fingerprint}\n"));
        return test.RunAsync(CancellationToken.None);
    }

    [Fact]
    public Task A_malformed_line_is_reported_at_its_line_and_the_other_lines_are_still_checked()
    {
        var lockText = Header
            + "\n"
            + "fraud 1.0.0\n"
            + $"churn 1.2.0 {OtherFingerprint}\r\n"
            + "broken 1.0.0 ABC\n"
            + $"churn 1.3.0 {OtherFingerprint}\n";
        return VerifyAsync(Churn.Replace("Version = \"1.2.0\"", "{|#0:Version = \"1.2.0\"|}"), lockText,
            Verify.Diagnostic(PipelineChangedWithoutVersionBumpAnalyzer.Rule).WithLocation(0).WithArguments("churn", "1.2.0", LockPath, "5"),
            Verify.Diagnostic(PipelineChangedWithoutVersionBumpAnalyzer.MalformedLockRule).WithSpan(LockPath, 4, 1, 4, 12)
                .WithArguments($"{LockPath}(4): malformed lock line: expected '<name> <version> <code fingerprint>' (3 fields separated by spaces), found 2"),
            Verify.Diagnostic(PipelineChangedWithoutVersionBumpAnalyzer.MalformedLockRule).WithSpan(LockPath, 6, 1, 6, 17)
                .WithArguments($"{LockPath}(6): malformed lock line: the code fingerprint 'ABC' is not 64 lower-case hex digits (a SHA-256)"),
            Verify.Diagnostic(PipelineChangedWithoutVersionBumpAnalyzer.MalformedLockRule).WithSpan(LockPath, 7, 1, 7, 77)
                .WithArguments($"{LockPath}(7): malformed lock line: pipeline 'churn' is already locked on line 5"));
    }

    [Theory]
    [InlineData("")]
    [InlineData("\uFEFF")]
    [InlineData("# only comments\n\n   \n")]
    [InlineData("%\n%%%\n\t\t\n")]
    [InlineData("churn 1.2.0 " + OtherFingerprint + " extra")]
    public async Task Odd_lock_text_never_crashes(string lockText)
    {
        var test = new Verify.Test { TestCode = Churn };
        test.TestState.AdditionalFiles.Add((LockPath, lockText));
        // Only the malformed-line diagnostics (if any) may appear: no AD0001, no finding on the pipeline.
        var lines = lockText.TrimStart('\uFEFF').Split('\n');
        var messages = new System.Collections.Generic.Queue<string>(LineageLock.Parse(lockText).Malformed.Select(m => m.Message(LockPath)));
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i].Trim(' ', '\t', '\r');
            if (line.Length > 0 && line[0] != '#')
                test.ExpectedDiagnostics.Add(Verify.Diagnostic(PipelineChangedWithoutVersionBumpAnalyzer.MalformedLockRule).WithSpan(LockPath, i + 1, 1, i + 1, lines[i].TrimEnd('\r').Length + 1)
                    .WithArguments(messages.Dequeue()));
        }

        await test.RunAsync(CancellationToken.None);
    }
}
