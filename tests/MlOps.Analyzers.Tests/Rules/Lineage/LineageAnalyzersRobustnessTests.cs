using System.Collections.Immutable;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis.Diagnostics;
using MlOps.Analyzers.Tests.Infrastructure;
using MlOps.Analyzers.Engine;
using MlOps.Analyzers.Rules.Lineage;

namespace MlOps.Analyzers.Tests.Rules.Lineage;

/// <summary>Each lineage analyzer on broken attribute usage (missing, non-constant and mistyped arguments, half-typed code) never throws.</summary>
public class LineageAnalyzersRobustnessTests
{
    public static TheoryData<string> BrokenSources() => new()
    {
        "using MlOps.Lineage; [TrainingPipeline] public class P { }",
        "using MlOps.Lineage; [TrainingPipeline(null)] public class P { }",
        "using MlOps.Lineage; [TrainingPipeline(\"p\", Version = 1)] [DatasetInput(\"d\")] [DatasetInput(1, 2)] [ModelOutput(\"m\", null)] [ModelOutput(null, \"x\")] public partial class P { }",
        "using MlOps.Lineage; [TrainingPipeline(\"p\", Version = V)] [DatasetInput(\"d\", Path)] [DatasetInput(\"e\", \"e.csv\", Role = (DatasetRole)42, Sha256 = 5)] public partial class P { static string Path = \"\"; static string V = \"1\"; }",
        "using MlOps.Lineage; [TrainingPipeline(\"p\")] public partial class P { [Hyperparameter(Missing)] const int A = 1; [Hyperparameter(\"\")] const int B = 2; [Hyperparameter] const Unknown C = 3; [Hyperparameter] const int D = ; [TrainingSeed] int E }",
        "using MlOps.Lineage; [TrainingPipeline(\"p\")] public partial class P<T> where T : { [Hyperparameter] const T X = default; ",
        "using MlOps.Lineage; [TrainingPipeline(\"p\")] [TrainingPipeline(\"q\")] public class P { } [TrainingPipeline(\"p\")] public partial class P { }",
        "using MlOps.Lineage; [TrainingPipeline(\"p\")] public partial interface I { } [TrainingPipeline(\"p\")] public enum E { } [TrainingPipeline(\"p\")] public delegate void D();",
        "using MlOps.Lineage; public class Outer { [TrainingPipeline(\"p\")] [DatasetInput(\"d\", \"d.csv\")] class P { void M() { var x = Lineage.Datasets.D.; } } }",
        "using MlOps.Lineage; [TrainingPipeline(\"p\", Version = \"1.0.0\")] [ModelOutput(\"m\", \"m.zip\")] partial class P { [Hyperparameter] static readonly int X = ; [TrainingSeed] static int S => ",
    };

    [Theory]
    [MemberData(nameof(BrokenSources))]
    public async Task Lineage_analyzers_do_not_throw_on_broken_code(string source)
    {
        var analyzers = ImmutableArray.Create<Rule>(
            new PipelineTypeNotPartialAnalyzer(),
            new DuplicateLineageNameAnalyzer(),
            new HyperparameterNotConstantAnalyzer(),
            new InvalidVersionOrTemplateAnalyzer(),
            new DeclaredDatasetNeverLoadedAnalyzer());

        var result = await AnalyzerRunner.RunAsync(AnalyzerRunner.Compile(source), analyzers);

        Assert.Empty(result.Exceptions);
    }

    [Fact]
    public async Task Lineage_analyzers_report_nothing_without_the_lineage_library()
    {
        var compilation = Microsoft.CodeAnalysis.CSharp.CSharpCompilation.Create(
            "NoLineage",
            new[] { Microsoft.CodeAnalysis.CSharp.CSharpSyntaxTree.ParseText("public class TrainingPipelineAttribute : System.Attribute { } [TrainingPipeline] public class P { }") },
            TestReferences.Net80);
        var result = await AnalyzerRunner.RunAsync(compilation, AnalyzerRunner.Rules.Where(a => a.GetType().Namespace == typeof(PipelineTypeNotPartialAnalyzer).Namespace).ToImmutableArray());

        Assert.Empty(result.Exceptions);
        Assert.Empty(result.Diagnostics);
    }
}
