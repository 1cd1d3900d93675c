using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis.Testing;
using MlOps.Analyzers.CodeFixes.Rules.Lineage;
using MlOps.Analyzers.Facts.Pipelines;
using MlOps.Analyzers.Rules.Lineage;
using Verify = MlOps.Analyzers.Tests.Infrastructure.LineageCodeFixVerifier<
    MlOps.Analyzers.Rules.Lineage.PipelineChangedWithoutVersionBumpAnalyzer,
    MlOps.Analyzers.CodeFixes.Rules.Lineage.PipelineChangedWithoutVersionBumpFixer>;
using static MlOps.Analyzers.Tests.Rules.Lineage.PipelineChangedWithoutVersionBumpAnalyzerTests;

namespace MlOps.Analyzers.Tests.Rules.Lineage;

public class PipelineChangedWithoutVersionBumpFixerTests
{
    private static Task VerifyAsync(string source, string fixedSource, string lockText, VersionPart part, params DiagnosticResult[] expected)
    {
        var test = new Verify.Test { TestCode = source, FixedCode = fixedSource };
        if (fixedSource != source)
        {
            test.CodeActionEquivalenceKey = PipelineChangedWithoutVersionBumpFixer.EquivalenceKey(part);
            test.CodeActionIndex = (int)part;
        }

        test.TestState.AdditionalFiles.Add((LockPath, lockText));
        test.FixedState.AdditionalFiles.Add((LockPath, lockText));
        test.ExpectedDiagnostics.AddRange(expected);
        return test.RunAsync(CancellationToken.None);
    }

    [Theory]
    [InlineData("Patch", "1.2.3", "1.2.4")]
    [InlineData("Minor", "1.2.3", "1.3.0")]
    [InlineData("Major", "1.2.3", "2.0.0")]
    [InlineData("Patch", "1.2.0-rc.1", "1.2.0")]
    [InlineData("Minor", "1.2.3-rc.1+build.5", "1.3.0")]
    public Task Bumps_the_version_literal(string part, string locked, string bumped) => VerifyAsync($$"""
        using MlOps.Lineage;

        [TrainingPipeline("churn", {|#0:Version = "{{locked}}"|})]
        public partial class ChurnTraining { public int Train() => 2; }
        """, $$"""
        using MlOps.Lineage;

        [TrainingPipeline("churn", Version = "{{bumped}}")]
        public partial class ChurnTraining { public int Train() => 2; }
        """, $"churn {locked} {OtherFingerprint}\n", System.Enum.Parse<VersionPart>(part),
        Verify.Diagnostic(PipelineChangedWithoutVersionBumpAnalyzer.Rule).WithLocation(0).WithArguments("churn", locked, LockPath, "1"));

    [Fact]
    public Task A_pipeline_without_a_version_gets_one_above_0_0_0() => VerifyAsync("""
        using MlOps.Lineage;

        [{|#0:TrainingPipeline("churn")|}]
        public partial class ChurnTraining { public int Train() => 2; }
        """, """
        using MlOps.Lineage;

        [TrainingPipeline("churn", Version = "0.0.1")]
        public partial class ChurnTraining { public int Train() => 2; }
        """, $"churn 0.0.0 {OtherFingerprint}\n", VersionPart.Patch,
        Verify.Diagnostic(PipelineChangedWithoutVersionBumpAnalyzer.Rule).WithLocation(0).WithArguments("churn", "0.0.0", LockPath, "1"));

    [Fact]
    public async Task Fix_all_bumps_every_changed_pipeline_at_the_chosen_part()
    {
        var test = new Verify.Test
        {
            TestCode = """
                using MlOps.Lineage;

                [TrainingPipeline("churn", {|#0:Version = "1.2.3"|})]
                public partial class ChurnTraining { public int Train() => 2; }

                [TrainingPipeline("fraud", {|#1:Version = "0.4.0"|})]
                public partial class FraudTraining { public int Train() => 3; }
                """,
            FixedCode = """
                using MlOps.Lineage;

                [TrainingPipeline("churn", Version = "1.3.0")]
                public partial class ChurnTraining { public int Train() => 2; }

                [TrainingPipeline("fraud", Version = "0.5.0")]
                public partial class FraudTraining { public int Train() => 3; }
                """,
            CodeActionEquivalenceKey = PipelineChangedWithoutVersionBumpFixer.EquivalenceKey(VersionPart.Minor),
            CodeActionIndex = 1,
            NumberOfFixAllIterations = 1,
        };
        var lockText = $"churn 1.2.3 {OtherFingerprint}\nfraud 0.4.0 {OtherFingerprint}\n";
        test.TestState.AdditionalFiles.Add((LockPath, lockText));
        test.FixedState.AdditionalFiles.Add((LockPath, lockText));
        test.ExpectedDiagnostics.Add(Verify.Diagnostic(PipelineChangedWithoutVersionBumpAnalyzer.Rule).WithLocation(0).WithArguments("churn", "1.2.3", LockPath, "1"));
        test.ExpectedDiagnostics.Add(Verify.Diagnostic(PipelineChangedWithoutVersionBumpAnalyzer.Rule).WithLocation(1).WithArguments("fraud", "0.4.0", LockPath, "2"));
        await test.RunAsync(CancellationToken.None);
    }

    [Fact]
    public Task A_version_from_a_constant_is_not_rewritten()
    {
        const string source = """
            using MlOps.Lineage;

            [TrainingPipeline("churn", {|#0:Version = ChurnTraining.Current|})]
            public partial class ChurnTraining { public const string Current = "1.2.3"; }
            """;
        return VerifyAsync(source, source, $"churn 1.2.3 {OtherFingerprint}\n", VersionPart.Patch,
            Verify.Diagnostic(PipelineChangedWithoutVersionBumpAnalyzer.Rule).WithLocation(0).WithArguments("churn", "1.2.3", LockPath, "1"));
    }
}
