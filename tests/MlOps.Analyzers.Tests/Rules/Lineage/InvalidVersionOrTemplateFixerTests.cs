using System.Threading.Tasks;
using MlOps.Analyzers.Rules.Lineage;
using Verify = MlOps.Analyzers.Tests.Infrastructure.LineageCodeFixVerifier<
    MlOps.Analyzers.Rules.Lineage.InvalidVersionOrTemplateAnalyzer,
    MlOps.Analyzers.CodeFixes.Rules.Lineage.InvalidVersionOrTemplateFixer>;

namespace MlOps.Analyzers.Tests.Rules.Lineage;

public class InvalidVersionOrTemplateFixerTests
{
    [Fact]
    public Task Adds_version_before_the_extension_of_each_template() => Verify.VerifyAsync("""
        using MlOps.Lineage;

        [TrainingPipeline("churn", Version = "1.0.0")]
        [ModelOutput("churn", {|#0:"models/churn.zip"|})]
        [ModelOutput("onnx", {|#1:"models/{runId}/churn.onnx"|})]
        [ModelOutput("weights", {|#2:@"out\weights"|})]
        public partial class ChurnTraining { }
        """, """
        using MlOps.Lineage;

        [TrainingPipeline("churn", Version = "1.0.0")]
        [ModelOutput("churn", "models/churn-{version}.zip")]
        [ModelOutput("onnx", "models/{runId}/churn-{version}.onnx")]
        [ModelOutput("weights", "out\\weights-{version}")]
        public partial class ChurnTraining { }
        """,
        Verify.Diagnostic(InvalidVersionOrTemplateAnalyzer.TemplateRule).WithLocation(0).WithArguments("models/churn.zip", "churn"),
        Verify.Diagnostic(InvalidVersionOrTemplateAnalyzer.TemplateRule).WithLocation(1).WithArguments("models/{runId}/churn.onnx", "onnx"),
        Verify.Diagnostic(InvalidVersionOrTemplateAnalyzer.TemplateRule).WithLocation(2).WithArguments(@"out\weights", "weights"));

    [Fact]
    public Task Sets_the_initial_version_on_a_pipeline_without_one() => Verify.VerifyAsync("""
        using MlOps.Lineage;

        [{|#0:TrainingPipeline("churn", Owner = "risk")|}]
        public partial class ChurnTraining { }
        """, """
        using MlOps.Lineage;

        [TrainingPipeline("churn", Owner = "risk", Version = "0.1.0")]
        public partial class ChurnTraining { }
        """, Verify.Diagnostic(InvalidVersionOrTemplateAnalyzer.MissingVersionRule).WithLocation(0).WithArguments("churn"));

    [Fact]
    public Task A_template_from_a_constant_and_a_version_with_four_numbers_are_not_fixed() => Verify.VerifyAsync("""
        using MlOps.Lineage;

        [TrainingPipeline("churn", {|#0:Version = "1.2.0.0"|})]
        [ModelOutput("churn", {|#1:ChurnTraining.Template|})]
        public partial class ChurnTraining
        {
            public const string Template = "models/churn.zip";
        }
        """, """
        using MlOps.Lineage;

        [TrainingPipeline("churn", {|#0:Version = "1.2.0.0"|})]
        [ModelOutput("churn", {|#1:ChurnTraining.Template|})]
        public partial class ChurnTraining
        {
            public const string Template = "models/churn.zip";
        }
        """,
        Verify.Diagnostic(InvalidVersionOrTemplateAnalyzer.InvalidVersionRule).WithLocation(0).WithArguments("1.2.0.0", "churn"),
        Verify.Diagnostic(InvalidVersionOrTemplateAnalyzer.TemplateRule).WithLocation(1).WithArguments("models/churn.zip", "churn"));

    [Theory]
    [InlineData("1.0", "1.0.0")]
    [InlineData("v1.2.0", "1.2.0")]
    public Task Completes_a_version_whose_SemVer_form_is_evident(string written, string semVer) => Verify.VerifyAsync($$"""
        using MlOps.Lineage;

        [TrainingPipeline("churn", {|#0:Version = "{{written}}"|})]
        public partial class ChurnTraining { }
        """, $$"""
        using MlOps.Lineage;

        [TrainingPipeline("churn", Version = "{{semVer}}")]
        public partial class ChurnTraining { }
        """, Verify.Diagnostic(InvalidVersionOrTemplateAnalyzer.InvalidVersionRule).WithLocation(0).WithArguments(written, "churn"));
}
