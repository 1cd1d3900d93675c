using System.Threading.Tasks;
using MlOps.Analyzers.Rules.Lineage;
using Verify = MlOps.Analyzers.Tests.Infrastructure.LineageCodeFixVerifier<
    MlOps.Analyzers.Rules.Lineage.PipelineTypeNotPartialAnalyzer,
    MlOps.Analyzers.CodeFixes.Rules.Lineage.PipelineTypeNotPartialFixer>;

namespace MlOps.Analyzers.Tests.Rules.Lineage;

public class PipelineTypeNotPartialFixerTests
{
    [Fact]
    public Task Adds_partial_after_the_existing_modifiers() => Verify.VerifyAsync("""
        using MlOps.Lineage;

        [TrainingPipeline("churn", Version = "1.0.0")]
        public sealed class {|#0:ChurnTraining|}
        {
        }
        """, """
        using MlOps.Lineage;

        [TrainingPipeline("churn", Version = "1.0.0")]
        public sealed partial class ChurnTraining
        {
        }
        """, Verify.Diagnostic(PipelineTypeNotPartialAnalyzer.Rule).WithLocation(0).WithArguments("ChurnTraining", "'ChurnTraining'"));

    [Fact]
    public Task Adds_partial_to_a_declaration_without_modifiers_and_to_the_containing_type() => Verify.VerifyAsync("""
        using MlOps.Lineage;

        namespace Ml;

        static class Experiments
        {
            [TrainingPipeline("churn", Version = "1.0.0")]
            struct {|#0:Churn|}
            {
                public static string Describe() => "churn";
            }
        }
        """, """
        using MlOps.Lineage;

        namespace Ml;

        static partial class Experiments
        {
            [TrainingPipeline("churn", Version = "1.0.0")]
            partial struct Churn
            {
                public static string Describe() => "churn";
            }
        }
        """, Verify.Diagnostic(PipelineTypeNotPartialAnalyzer.Rule).WithLocation(0).WithArguments("Churn", "'Experiments' and 'Churn'"));

    [Fact]
    public async Task Fix_all_makes_every_pipeline_partial_across_documents_and_edits_a_shared_container_once()
    {
        var test = new Verify.Test();
        test.TestState.Sources.Add(("/First.cs", """
            using MlOps.Lineage;

            public class Experiments
            {
                [TrainingPipeline("a", Version = "1.0.0")]
                public class {|#0:A|} { }

                [TrainingPipeline("b", Version = "1.0.0")]
                public class {|#1:B|} { }
            }
            """));
        test.TestState.Sources.Add(("/Second.cs", """
            using MlOps.Lineage;

            [TrainingPipeline("c", Version = "1.0.0")]
            internal record {|#2:C|}(int Rows);
            """));
        test.ExpectedDiagnostics.Add(Verify.Diagnostic(PipelineTypeNotPartialAnalyzer.Rule).WithLocation(0).WithArguments("A", "'Experiments' and 'A'"));
        test.ExpectedDiagnostics.Add(Verify.Diagnostic(PipelineTypeNotPartialAnalyzer.Rule).WithLocation(1).WithArguments("B", "'Experiments' and 'B'"));
        test.ExpectedDiagnostics.Add(Verify.Diagnostic(PipelineTypeNotPartialAnalyzer.Rule).WithLocation(2).WithArguments("C", "'C'"));
        test.FixedState.Sources.Add(("/First.cs", """
            using MlOps.Lineage;

            public partial class Experiments
            {
                [TrainingPipeline("a", Version = "1.0.0")]
                public partial class A { }

                [TrainingPipeline("b", Version = "1.0.0")]
                public partial class B { }
            }
            """));
        test.FixedState.Sources.Add(("/Second.cs", """
            using MlOps.Lineage;

            [TrainingPipeline("c", Version = "1.0.0")]
            internal partial record C(int Rows);
            """));
        test.BatchFixedState.Sources.AddRange(test.FixedState.Sources);
        test.NumberOfIncrementalIterations = 3;
        test.NumberOfFixAllIterations = 1;
        test.NumberOfFixAllInDocumentIterations = 2;
        await test.RunAsync();
    }
}
