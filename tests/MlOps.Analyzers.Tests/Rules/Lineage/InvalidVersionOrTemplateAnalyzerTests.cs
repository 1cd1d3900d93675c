using System.Threading.Tasks;
using Verify = MlOps.Analyzers.Tests.Infrastructure.LineageAnalyzerVerifier<MlOps.Analyzers.Rules.Lineage.InvalidVersionOrTemplateAnalyzer>;
using MlOps.Analyzers.Rules.Lineage;

namespace MlOps.Analyzers.Tests.Rules.Lineage;

public class InvalidVersionOrTemplateAnalyzerTests
{
    [Theory]
    [InlineData("1.0")]
    [InlineData("v1.2.0")]
    [InlineData("1.2.0.0")]
    [InlineData("01.2.0")]
    [InlineData("1.2.0-")]
    [InlineData("latest")]
    public Task Version_that_is_not_SemVer_is_reported(string version) => Verify.VerifyAsync($$"""
        using MlOps.Lineage;

        [TrainingPipeline("churn", {|#0:Version = "{{version}}"|})]
        public partial class ChurnTraining { }
        """, Verify.Diagnostic(InvalidVersionOrTemplateAnalyzer.InvalidVersionRule).WithLocation(0).WithArguments(version, "churn"));

    [Fact]
    public Task Missing_version_is_reported() => Verify.VerifyAsync("""
        using MlOps.Lineage;

        [{|#0:TrainingPipeline("churn", Owner = "risk")|}]
        public partial class ChurnTraining { }
        """, Verify.Diagnostic(InvalidVersionOrTemplateAnalyzer.MissingVersionRule).WithLocation(0).WithArguments("churn"));

    [Fact]
    public Task Model_output_template_without_version_is_reported() => Verify.VerifyAsync("""
        using MlOps.Lineage;

        [TrainingPipeline("churn", Version = "1.0.0")]
        [ModelOutput("churn", {|#0:"models/churn.zip"|})]
        [ModelOutput("onnx", {|#1:"models/{runId}/churn.onnx"|})]
        [ModelOutput("ok", "models/churn-{version}.zip")]
        public partial class ChurnTraining { }
        """,
        Verify.Diagnostic(InvalidVersionOrTemplateAnalyzer.TemplateRule).WithLocation(0).WithArguments("models/churn.zip", "churn"),
        Verify.Diagnostic(InvalidVersionOrTemplateAnalyzer.TemplateRule).WithLocation(1).WithArguments("models/{runId}/churn.onnx", "onnx"));

    // ---- Not a finding ----

    [Theory]
    [InlineData("0.0.1")]
    [InlineData("1.2.0")]
    [InlineData("10.20.30")]
    [InlineData("2.0.0-rc.1")]
    [InlineData("1.0.0-alpha-a.b-c-somethinglong+build.1-aef.1-its-okay")]
    [InlineData("1.0.0+20130313144700")]
    public Task SemVer_versions_and_versioned_templates_are_not_reported(string version) => Verify.VerifyAsync($$"""
        using MlOps.Lineage;

        [TrainingPipeline("churn", Version = "{{version}}")]
        [ModelOutput("churn", "models/churn-{version}.zip")]
        [ModelOutput("run", "runs/{runId}/churn-{version}.onnx")]
        public partial class ChurnTraining { }
        """);
}
