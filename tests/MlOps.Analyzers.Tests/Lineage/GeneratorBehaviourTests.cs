using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using System.Reflection;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using MlOps.Analyzers.Lineage;

namespace MlOps.Analyzers.Tests.Lineage;

public class GeneratorBehaviourTests
{
    [Fact]
    public void Generated_code_compiles_without_warnings_with_nullable_and_documentation_diagnostics()
    {
        var parse = GeneratorHarness.ParseOptions.WithDocumentationMode(DocumentationMode.Diagnose);
        var input = GeneratorHarness.Compile(GeneratorOutputTests.Churn);
        input = input.ReplaceSyntaxTree(input.SyntaxTrees.Single(), CSharpSyntaxTree.ParseText(GeneratorOutputTests.Churn, parse, "/src/Churn.cs"));
        input = input.WithOptions(input.Options.WithGeneralDiagnosticOption(ReportDiagnostic.Error).WithSpecificDiagnosticOptions(new Dictionary<string, ReportDiagnostic>()));
        var driver = CSharpGeneratorDriver.Create(new[] { new LineageGenerator().AsSourceGenerator() }, parseOptions: parse);
        driver.RunGeneratorsAndUpdateCompilation(input, out var output, out var generatorDiagnostics);

        Assert.Empty(generatorDiagnostics);
        var generatedTree = output.SyntaxTrees.Single(t => t.FilePath.EndsWith(".Lineage.g.cs", StringComparison.Ordinal));
        Assert.Empty(output.GetDiagnostics().Where(d => d.Location.SourceTree == generatedTree).Select(d => d.ToString()));
        // The user's own undocumented public types are the only findings (CS1591), all outside the generated file.
        Assert.Empty(GeneratorHarness.WarningsAndErrors(output).Where(d => d.Id != "CS1591").Select(d => d.ToString()));
    }

    [Fact]
    public void Generated_pipeline_carries_the_declared_values_at_run_time()
    {
        var (_, output, _) = GeneratorHarness.Run(GeneratorHarness.Compile(GeneratorOutputTests.Churn), new Dictionary<string, string> { ["SourceRevisionId"] = "deadbeef" });
        var lineage = Load(output).GetType("MyCompany.Churn.ChurnTraining+Lineage", throwOnError: true)!;

        var pipeline = (global::MlOps.Lineage.PipelineInfo)lineage.GetProperty("Pipeline")!.GetValue(null)!;
        Assert.Equal("churn", pipeline.Name);
        Assert.Equal("1.2.0", pipeline.Version);
        Assert.Equal(42, pipeline.Seed);
        Assert.Equal("deadbeef", pipeline.SourceRevision);
        Assert.Equal("risk-team", pipeline.Owner);
        Assert.Matches("^[0-9a-f]{64}$", pipeline.CodeFingerprint);
        Assert.Equal(new[] { "train", "holdout" }, pipeline.Datasets.Select(d => d.Name));
        Assert.Equal(global::MlOps.Lineage.DatasetRole.Test, pipeline.Datasets[1].Role);
        Assert.Equal("models/churn-1.2.0.zip", pipeline.ModelOutputs.Single().Resolve(pipeline.Version));
        Assert.Equal(100, pipeline.Hyperparameters["Trees"]);
        Assert.Equal(0.2, pipeline.Hyperparameters["learning_rate"]);
        Assert.Equal(1e-5f, pipeline.Hyperparameters["L2"]);
        Assert.Equal("binary", pipeline.Hyperparameters["Objective"]);
        Assert.Equal("Dart", pipeline.Hyperparameters["Kind"]!.ToString());
        Assert.Equal(true, pipeline.Hyperparameters["Balanced"]);
        Assert.NotNull(lineage.GetMethod("Capture", Type.EmptyTypes));
    }

    [Fact]
    public void Several_pipelines_generic_nested_global_record_and_static_types_in_one_compilation_all_generate_and_compile()
    {
        const string pipelines = """
            using MlOps.Lineage;

            [TrainingPipeline("global")]
            partial class GlobalPipeline { [Hyperparameter] const long Steps = 10_000_000_000; }

            namespace A.B
            {
                [TrainingPipeline("record", Version = "2.0.0-rc.1+build.5")]
                public partial record RecordPipeline(int X) { [TrainingSeed] public static readonly int Seed = -7; }

                [TrainingPipeline("static")]
                [DatasetInput("images", "data/images/")]
                internal static partial class StaticPipeline { [Hyperparameter("max-depth")] const byte MaxDepth = 8; [Hyperparameter] const decimal Rate = 0.125m; [Hyperparameter] const char Sep = '\''; }

                public partial class Outer
                {
                    protected internal partial class Middle<T1, T2>
                    {
                        [TrainingPipeline("deep")]
                        [ModelOutput("net", "models/{runId}/net-{version}.bin")]
                        private partial record struct Deep { [Hyperparameter] const string Path = "a\"b\\c\n"; [Hyperparameter] const double Inf = double.PositiveInfinity; [Hyperparameter] const int Min = int.MinValue; }
                    }
                }
            }
            """;
        var (result, output, _) = GeneratorHarness.Run(GeneratorHarness.Compile(pipelines));

        Assert.Equal(
            new[] { "A.B.Outer.Middle`2.Deep.Lineage.g.cs", "A.B.RecordPipeline.Lineage.g.cs", "A.B.StaticPipeline.Lineage.g.cs", "GlobalPipeline.Lineage.g.cs" },
            result.Results.Single().GeneratedSources.Select(s => s.HintName).OrderBy(n => n, StringComparer.Ordinal));
        Assert.Empty(GeneratorHarness.WarningsAndErrors(output).Select(d => d.ToString()));

        var assembly = Load(output);
        Assert.Equal(-7, (int)assembly.GetType("A.B.RecordPipeline+Lineage")!.GetField("Seed")!.GetValue(null)!);
        var deep = (global::MlOps.Lineage.PipelineInfo)assembly.GetType("A.B.Outer+Middle`2+Deep+Lineage")!.MakeGenericType(typeof(int), typeof(string)).GetProperty("Pipeline")!.GetValue(null)!;
        Assert.Equal("a\"b\\c\n", deep.Hyperparameters["Path"]);
        Assert.Equal(double.PositiveInfinity, deep.Hyperparameters["Inf"]);
        Assert.Equal(int.MinValue, deep.Hyperparameters["Min"]);
        var staticPipeline = (global::MlOps.Lineage.PipelineInfo)assembly.GetType("A.B.StaticPipeline+Lineage")!.GetProperty("Pipeline")!.GetValue(null)!;
        Assert.Equal((byte)8, staticPipeline.Hyperparameters["max-depth"]);
        Assert.Equal(0.125m, staticPipeline.Hyperparameters["Rate"]);
        Assert.Equal('\'', staticPipeline.Hyperparameters["Sep"]);
        Assert.NotNull(assembly.GetType("A.B.StaticPipeline+Lineage+Hyperparameters")!.GetField("MaxDepth"));
    }

    [Theory]
    [InlineData("sha-from-mlops", "sha-from-sourcelink", "sha-from-mlops")]
    [InlineData(null, "sha-from-sourcelink", "sha-from-sourcelink")]
    [InlineData("  ", null, "unknown")]
    [InlineData(null, null, "unknown")]
    public void Source_revision_comes_from_the_build_properties(string? mlOpsRevision, string? sourceRevisionId, string expected)
    {
        var properties = new Dictionary<string, string>();
        if (mlOpsRevision is not null)
            properties["MlOpsSourceRevision"] = mlOpsRevision;
        if (sourceRevisionId is not null)
            properties["SourceRevisionId"] = sourceRevisionId;

        var (result, _, _) = GeneratorHarness.Run(GeneratorHarness.Compile(GeneratorOutputTests.Churn), properties);

        Assert.Contains($"public const string SourceRevision = \"{expected}\";", GeneratorHarness.Generated(result, "MyCompany.Churn.ChurnTraining.Lineage.g.cs"));
    }

    [Fact]
    public void Code_fingerprint_ignores_whitespace_and_comments_but_not_code_and_covers_every_partial_file()
    {
        const string part1 = """
            using MlOps.Lineage;
            namespace N;
            [TrainingPipeline("p", Version = "1.0.0")]
            public partial class P { public int Train() => 1 + 2; }
            """;
        const string part2 = "namespace N; public partial class P { private int _epochs = 3; }";

        var baseline = Fingerprint(part1, part2);
        Assert.Equal(baseline, Fingerprint(part1.Replace("1 + 2;", "1   +\n   2; // tuned\n /* note */"), part2));
        Assert.Equal(baseline, Fingerprint(part1.Replace("\"1.0.0\"", "\"1.0.1\""), part2)); // metadata is recorded apart from code
        Assert.NotEqual(baseline, Fingerprint(part1.Replace("1 + 2", "1 + 3"), part2));
        Assert.NotEqual(baseline, Fingerprint(part1, part2.Replace("= 3", "= 4")));
    }

    [Fact]
    public void A_user_member_named_Lineage_moves_the_generated_class_to_PipelineLineage()
    {
        const string source = """
            using MlOps.Lineage;
            [TrainingPipeline("p")]
            public partial class P { public static string Lineage => "mine"; }
            [TrainingPipeline("q")]
            public partial class Lineage { }
            """;
        var (result, output, _) = GeneratorHarness.Run(GeneratorHarness.Compile(source));

        Assert.Contains("public static class PipelineLineage", GeneratorHarness.Generated(result, "P.Lineage.g.cs"));
        Assert.Contains("public static class PipelineLineage", GeneratorHarness.Generated(result, "Lineage.Lineage.g.cs"));
        Assert.Empty(GeneratorHarness.WarningsAndErrors(output).Select(d => d.ToString()));
    }

    [Fact]
    public void Names_that_clash_with_the_generated_classes_get_a_trailing_underscore()
    {
        const string source = """
            using MlOps.Lineage;
            [TrainingPipeline("p")]
            [DatasetInput("datasets", "d.csv")]
            [ModelOutput("models", "m-{version}.zip")]
            public partial class P
            {
                [Hyperparameter("all")] const int A = 1;
                [Hyperparameter("hyperparameters")] const int H = 2;
                [Hyperparameter("class")] const int C = 3;
                [Hyperparameter("2nd-stage")] const int S = 4;
            }
            """;
        var (result, output, _) = GeneratorHarness.Run(GeneratorHarness.Compile(source));
        var text = GeneratorHarness.Generated(result, "P.Lineage.g.cs");

        Assert.Contains(" Datasets_ = ", text);
        Assert.Contains(" Models_ = ", text);
        Assert.Contains("public const int All_ = 1;", text);
        Assert.Contains("public const int Hyperparameters_ = 2;", text);
        Assert.Contains("public const int Class = 3;", text);
        Assert.Contains("public const int _2ndStage = 4;", text);
        Assert.Empty(GeneratorHarness.WarningsAndErrors(output).Select(d => d.ToString()));
    }

    [Fact]
    public void Invalid_declarations_are_skipped_and_the_rest_still_generates()
    {
        const string source = """
            using MlOps.Lineage;
            [TrainingPipeline("p", Version = "banana")]
            [DatasetInput("train", "a.csv")]
            [DatasetInput("Train", "b.csv")]
            [ModelOutput("model", "fixed.zip")]
            public partial class P
            {
                [TrainingSeed] const int Seed = 1;
                [TrainingSeed] const int OtherSeed = 2;
                [TrainingSeed] const long LongSeed = 3;
                [Hyperparameter] static int Mutable = 1;
                [Hyperparameter] int Instance = 2;
                [Hyperparameter] static readonly int Computed = System.Environment.ProcessorCount;
                [Hyperparameter] static readonly int[] Array = { 1 };
                [Hyperparameter] static readonly string? Nothing = null;
                [Hyperparameter] static int Expression => 4;
                [Hyperparameter] const int Good = 5;
                [Hyperparameter("Good")] const int Again = 6;
            }
            """;
        var (result, output, _) = GeneratorHarness.Run(GeneratorHarness.Compile(source));
        var text = GeneratorHarness.Generated(result, "P.Lineage.g.cs");

        Assert.Null(result.Results.Single().Exception);
        Assert.Contains("public const string Version = \"banana\";", text);
        Assert.Contains("new global::MlOps.Lineage.DatasetDeclaration(\"train\", \"a.csv\"", text);
        Assert.DoesNotContain("b.csv", text);
        Assert.Contains("\"fixed.zip\"", text);
        Assert.Contains("public const int Seed = 1;", text);
        Assert.Contains("public const int Good = 5;", text);
        foreach (var skipped in new[] { "Mutable", "Instance", "Computed", "Array", "Nothing", "Expression", "= 6" })
            Assert.DoesNotContain(skipped, text.Split("Every hyper-parameter")[0].Split("Hyperparameters")[1]);
        Assert.Empty(output.GetDiagnostics().Where(d => d.Location.SourceTree?.FilePath.EndsWith(".g.cs", StringComparison.Ordinal) == true).Select(d => d.ToString()));
    }

    [Theory]
    [InlineData("[TrainingPipeline(\"p\")] public class P { }")]                                 // not partial: MLOPS100
    [InlineData("public class Outer { [TrainingPipeline(\"p\")] public partial class P { } }")]  // container not partial
    [InlineData("[TrainingPipeline(null!)] public partial class P { }")]
    [InlineData("[TrainingPipeline] public partial class P { }")]
    [InlineData("[TrainingPipeline(Name)] public partial class P { static string Name = \"x\"; }")]
    public void Pipelines_that_cannot_be_generated_produce_nothing_and_do_not_throw(string declaration)
    {
        var (result, _, _) = GeneratorHarness.Run(GeneratorHarness.Compile("using MlOps.Lineage;\n" + declaration));

        Assert.Null(result.Results.Single().Exception);
        Assert.Empty(result.Results.Single().GeneratedSources);
    }

    [Theory]
    [InlineData("[TrainingPipeline(\"p\", Version = 1)] [DatasetInput(\"d\")] [DatasetInput(1, 2)] [ModelOutput(\"m\", null)] [ModelOutput(null, \"x\")] public partial class P { }")]
    [InlineData("[TrainingPipeline(\"p\")] [DatasetInput(\"d\", Path)] [DatasetInput(\"e\", \"e.csv\", Role = (DatasetRole)42, Sha256 = 5)] public partial class P { static string Path = \"\"; }")]
    [InlineData("[TrainingPipeline(\"p\")] public partial class P { [Hyperparameter(Missing)] const int A = 1; [Hyperparameter(\"\")] const int B = 2; [Hyperparameter] const Unknown C = 3; [Hyperparameter] const int D = ; [TrainingSeed] int E }")]
    [InlineData("[TrainingPipeline(\"p\")] public partial class P<T> where T : { [Hyperparameter] const T X = default; ")]
    [InlineData("[TrainingPipeline(\"p\")] [TrainingPipeline(\"q\")] public partial class P { } [TrainingPipeline(\"p\")] public partial class P { }")]
    [InlineData("[TrainingPipeline(\"p\")] public partial interface I { }")]
    [InlineData("[TrainingPipeline(\"p\")] public partial enum E { }")]
    [InlineData("[TrainingPipeline(\"p\")] public delegate void D();")]
    public void Broken_attribute_usage_never_throws(string declaration)
    {
        var (result, output, _) = GeneratorHarness.Run(GeneratorHarness.Compile("using MlOps.Lineage;\n" + declaration));

        Assert.Null(result.Results.Single().Exception);
        Assert.DoesNotContain(output.GetDiagnostics(), d => d.Id is "CS8784" or "CS8785");
    }

    [Fact]
    public async System.Threading.Tasks.Task Readme_lineage_example_compiles_without_warnings_and_without_lineage_findings()
    {
        var readme = File.ReadAllText(RepoPaths.Combine("README.md"));
        var section = readme.Substring(readme.IndexOf("## Lineage", StringComparison.Ordinal));
        var start = section.IndexOf("```csharp\n", StringComparison.Ordinal) + "```csharp\n".Length;
        var example = section.Substring(start, section.IndexOf("```", start, StringComparison.Ordinal) - start);

        var (result, output, _) = GeneratorHarness.Run(GeneratorHarness.Compile(example));

        Assert.Single(result.Results.Single().GeneratedSources);
        Assert.Empty(GeneratorHarness.WarningsAndErrors(output).Select(d => d.ToString()));
        var lineageAnalyzers = MlOps.Analyzers.Tests.Infrastructure.AnalyzerRunner.Rules
            .Where(a => a.GetType().Namespace == "MlOps.Analyzers.Rules.Lineage").ToImmutableArray();
        var analysis = await MlOps.Analyzers.Tests.Infrastructure.AnalyzerRunner.RunAsync(output, lineageAnalyzers);
        Assert.Empty(analysis.Exceptions);
        Assert.Empty(analysis.Diagnostics.Select(d => d.ToString()));
    }

    private static string Fingerprint(params string[] sources)
    {
        var (result, _, _) = GeneratorHarness.Run(GeneratorHarness.Compile(sources));
        var text = GeneratorHarness.Generated(result, "N.P.Lineage.g.cs");
        var start = text.IndexOf("CodeFingerprint = \"", StringComparison.Ordinal) + "CodeFingerprint = \"".Length;
        return text.Substring(start, 64);
    }

    private static Assembly Load(Compilation compilation)
    {
        using var stream = new MemoryStream();
        var emit = compilation.Emit(stream);
        Assert.True(emit.Success, string.Join("\n", emit.Diagnostics));
        return Assembly.Load(stream.ToArray());
    }
}
