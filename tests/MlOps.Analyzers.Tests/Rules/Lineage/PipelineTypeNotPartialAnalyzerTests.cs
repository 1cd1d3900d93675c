using System.Threading.Tasks;
using Verify = MlOps.Analyzers.Tests.Infrastructure.LineageAnalyzerVerifier<MlOps.Analyzers.Rules.Lineage.PipelineTypeNotPartialAnalyzer>;
using MlOps.Analyzers.Rules.Lineage;

namespace MlOps.Analyzers.Tests.Rules.Lineage;

public class PipelineTypeNotPartialAnalyzerTests
{
    [Fact]
    public Task Pipeline_type_without_partial_is_reported() => Verify.VerifyAsync("""
        using MlOps.Lineage;

        [TrainingPipeline("churn", Version = "1.0.0")]
        public class {|#0:ChurnTraining|}
        {
        }
        """, Verify.Diagnostic(PipelineTypeNotPartialAnalyzer.Rule).WithLocation(0).WithArguments("ChurnTraining", "'ChurnTraining'"));

    [Fact]
    public Task Containing_type_without_partial_is_reported_at_the_pipeline() => Verify.VerifyAsync("""
        using MlOps.Lineage;

        public class Experiments
        {
            [TrainingPipeline("churn", Version = "1.0.0")]
            public partial struct {|#0:Churn|}
            {
            }
        }
        """, Verify.Diagnostic(PipelineTypeNotPartialAnalyzer.Rule).WithLocation(0).WithArguments("Churn", "'Experiments'"));

    [Fact]
    public Task Both_missing_are_named_outermost_first() => Verify.VerifyAsync("""
        using MlOps.Lineage;

        public static class Experiments
        {
            [TrainingPipeline("churn", Version = "1.0.0")]
            internal sealed record {|#0:Churn|}(int X);
        }
        """, Verify.Diagnostic(PipelineTypeNotPartialAnalyzer.Rule).WithLocation(0).WithArguments("Churn", "'Experiments' and 'Churn'"));

    // ---- Not a finding ----

    [Fact]
    public Task Partial_pipeline_in_partial_containers_is_not_reported() => Verify.VerifyAsync("""
        using MlOps.Lineage;

        namespace Ml.Training;

        public static partial class Experiments
        {
            public partial class Group<T>
            {
                [TrainingPipeline("churn", Version = "1.0.0")]
                public partial class Churn
                {
                    public string Describe() => Lineage.Name + " " + Lineage.Version;
                }
            }
        }
        """);

    [Fact]
    public Task Type_without_the_attribute_is_not_reported() => Verify.VerifyAsync("""
        public class NotAPipeline { }
        """);
}
