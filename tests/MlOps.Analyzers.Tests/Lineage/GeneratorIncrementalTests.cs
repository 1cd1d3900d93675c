using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Reflection;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Text;
using MlOps.Analyzers.Lineage;

namespace MlOps.Analyzers.Tests.Lineage;

/// <summary>
/// Incremental behaviour, in the style of System.Text.Json's JsonSourceGeneratorIncrementalTests: run the driver twice
/// and check each named step's reason, that the emit does (or does not) re-run, and that the model holds no symbols.
/// </summary>
public class GeneratorIncrementalTests
{
    private const string Unrelated = """
        namespace MyCompany.Other;

        public static class Helper
        {
            public static int Twice(int x) => x * 2;
        }
        """;

    [Fact]
    public void An_unrelated_edit_leaves_every_step_cached_or_unchanged_and_does_not_rerun_the_emit()
    {
        var compilation = GeneratorHarness.Compile(GeneratorOutputTests.Churn, Unrelated);
        var (_, _, driver) = GeneratorHarness.Run(compilation);

        var unrelatedTree = compilation.SyntaxTrees.Last();
        var edited = compilation.ReplaceSyntaxTree(unrelatedTree, unrelatedTree.WithChangedText(SourceText.From(
            Unrelated.Replace("x * 2;", "x * 2;\n    public static int Thrice(int x) => x * 3;"))));
        var second = driver.RunGenerators(edited).GetRunResult().Results.Single();

        AssertAllSteps(second, IncrementalStepRunReason.Cached, IncrementalStepRunReason.Unchanged);
        AssertOutputSteps(second, IncrementalStepRunReason.Cached);
    }

    [Fact]
    public void A_comment_or_whitespace_edit_in_the_pipeline_does_not_rerun_the_emit()
    {
        var compilation = GeneratorHarness.Compile(GeneratorOutputTests.Churn, Unrelated);
        var (_, _, driver) = GeneratorHarness.Run(compilation);

        var pipelineTree = compilation.SyntaxTrees.First();
        var edited = compilation.ReplaceSyntaxTree(pipelineTree, pipelineTree.WithChangedText(SourceText.From(
            GeneratorOutputTests.Churn.Replace("public const int Trees = 100;", "public const int Trees   =   100; // more trees overfit"))));
        var second = driver.RunGenerators(edited).GetRunResult().Results.Single();

        AssertAllSteps(second, IncrementalStepRunReason.Cached, IncrementalStepRunReason.Unchanged);
        AssertOutputSteps(second, IncrementalStepRunReason.Cached);
    }

    [Fact]
    public void An_edit_to_a_hyperparameter_value_reruns_the_emit()
    {
        var compilation = GeneratorHarness.Compile(GeneratorOutputTests.Churn, Unrelated);
        var (_, _, driver) = GeneratorHarness.Run(compilation);

        var pipelineTree = compilation.SyntaxTrees.First();
        var edited = compilation.ReplaceSyntaxTree(pipelineTree, pipelineTree.WithChangedText(SourceText.From(
            GeneratorOutputTests.Churn.Replace("Trees = 100;", "Trees = 200;"))));
        var run = driver.RunGenerators(edited).GetRunResult();
        var second = run.Results.Single();

        Assert.Equal(IncrementalStepRunReason.Modified, second.TrackedSteps[TrackingNames.ValidPipelines].Single().Outputs.Single().Reason);
        Assert.Equal(IncrementalStepRunReason.Modified, second.TrackedSteps[TrackingNames.Outputs].Single().Outputs.Single().Reason);
        AssertOutputSteps(second, IncrementalStepRunReason.Modified);
        Assert.Contains("public const int Trees = 200;", second.GeneratedSources.Single().SourceText.ToString());
    }

    [Fact]
    public void A_new_source_revision_reruns_the_emit_with_it()
    {
        var compilation = GeneratorHarness.Compile(GeneratorOutputTests.Churn);
        var driver = GeneratorHarness.CreateDriver(new Dictionary<string, string> { ["SourceRevisionId"] = "one" }).RunGenerators(compilation);

        driver = driver.WithUpdatedAnalyzerConfigOptions(GeneratorHarness.BuildOptionsFor(new Dictionary<string, string> { ["SourceRevisionId"] = "two" }));
        var second = driver.RunGenerators(compilation).GetRunResult().Results.Single();

        Assert.Equal(IncrementalStepRunReason.Modified, second.TrackedSteps[TrackingNames.SourceRevision].Single().Outputs.Single().Reason);
        Assert.Contains("SourceRevision = \"two\";", second.GeneratedSources.Single().SourceText.ToString());
    }

    [Fact]
    public void Parse_options_that_keep_the_language_features_leave_the_emit_cached_and_a_new_language_version_reruns_it()
    {
        var compilation = GeneratorHarness.Compile(GeneratorOutputTests.Churn);
        var driver = GeneratorHarness.CreateDriver().RunGenerators(compilation);

        var sameFeatures = driver.WithUpdatedParseOptions(GeneratorHarness.ParseOptions.WithPreprocessorSymbols("TRACE")).RunGenerators(compilation);
        var unchanged = sameFeatures.GetRunResult().Results.Single();
        Assert.Equal(IncrementalStepRunReason.Modified, unchanged.TrackedSteps[TrackingNames.Language].Single().Inputs.Single().Source.Outputs.Single().Reason);
        Assert.Equal(IncrementalStepRunReason.Unchanged, unchanged.TrackedSteps[TrackingNames.Language].Single().Outputs.Single().Reason);
        AssertOutputSteps(unchanged, IncrementalStepRunReason.Cached);

        var csharp73 = sameFeatures.WithUpdatedParseOptions(new CSharpParseOptions(LanguageVersion.CSharp7_3)).RunGenerators(compilation);
        var rerun = csharp73.GetRunResult().Results.Single();
        Assert.Equal(IncrementalStepRunReason.Modified, rerun.TrackedSteps[TrackingNames.Language].Single().Outputs.Single().Reason);
        AssertOutputSteps(rerun, IncrementalStepRunReason.Modified);
        Assert.DoesNotContain("#nullable", rerun.GeneratedSources.Single().SourceText.ToString());
    }

    [Fact]
    public void The_model_holds_no_symbols_syntax_locations_or_compilations()
    {
        var (result, _, _) = GeneratorHarness.Run(GeneratorHarness.Compile(GeneratorOutputTests.Churn, Unrelated));
        var run = result.Results.Single();

        foreach (var name in TrackingNames.All)
        {
            foreach (var step in run.TrackedSteps[name])
            {
                foreach (var (value, _) in step.Outputs)
                    WalkObjectGraph(value);
            }
        }

        var model = run.TrackedSteps[TrackingNames.ValidPipelines].Single().Outputs.Single().Value;
        Assert.IsType<PipelineModel>(model);
    }

    [Fact]
    public void Equal_sources_give_equal_models()
    {
        static object Model() => GeneratorHarness.Run(GeneratorHarness.Compile(GeneratorOutputTests.Churn)).Result
            .Results.Single().TrackedSteps[TrackingNames.ValidPipelines].Single().Outputs.Single().Value;

        var first = Model();
        var second = Model();
        Assert.NotSame(first, second);
        Assert.Equal(first, second);
        Assert.Equal(first.GetHashCode(), second.GetHashCode());
    }

    [Fact]
    public void An_edit_to_one_of_two_pipelines_reruns_only_its_emit()
    {
        var other = GeneratorOutputTests.Churn.Replace("class ChurnTraining", "class FraudTraining").Replace("\"churn\"", "\"fraud\"");
        var compilation = GeneratorHarness.Compile(GeneratorOutputTests.Churn, other);
        var (first, _, driver) = GeneratorHarness.Run(compilation);
        Assert.Equal(2, first.Results.Single().GeneratedSources.Length);

        var pipelineTree = compilation.SyntaxTrees.First();
        var edited = compilation.ReplaceSyntaxTree(pipelineTree, pipelineTree.WithChangedText(SourceText.From(
            GeneratorOutputTests.Churn.Replace("Trees = 100;", "Trees = 200;"))));
        var second = driver.RunGenerators(edited).GetRunResult().Results.Single();

        var reasons = second.TrackedOutputSteps.SelectMany(s => s.Value).SelectMany(s => s.Outputs).Select(o => o.Reason).ToList();
        Assert.Equal(1, reasons.Count(r => r == IncrementalStepRunReason.Modified));
        Assert.Equal(1, reasons.Count(r => r == IncrementalStepRunReason.Cached));
    }

    private static void AssertAllSteps(GeneratorRunResult run, params IncrementalStepRunReason[] allowed)
    {
        foreach (var name in TrackingNames.All)
        {
            Assert.True(run.TrackedSteps.ContainsKey(name), $"step '{name}' was not tracked");
            foreach (var step in run.TrackedSteps[name])
            {
                foreach (var (_, reason) in step.Outputs)
                    Assert.True(allowed.Contains(reason), $"step '{name}' output was {reason}");
            }
        }
    }

    private static void AssertOutputSteps(GeneratorRunResult run, IncrementalStepRunReason expected)
    {
        var outputs = run.TrackedOutputSteps.SelectMany(s => s.Value).SelectMany(s => s.Outputs).ToList();
        Assert.NotEmpty(outputs);
        Assert.All(outputs, output => Assert.Equal(expected, output.Reason));
    }

    /// <summary>Fails on any ISymbol, SyntaxNode, SyntaxTree, SemanticModel, Location or Compilation reachable from <paramref name="node"/>.</summary>
    private static void WalkObjectGraph(object node)
    {
        var visited = new HashSet<object>(ReferenceEqualityComparer.Instance);
        Visit(node, "model");

        void Visit(object? value, string path)
        {
            if (value is null || value is string || value.GetType().IsPrimitive || value is decimal || value is Enum)
                return;
            Assert.False(
                value is ISymbol or SyntaxNode or SyntaxTree or SemanticModel or Location or Compilation or AttributeData or IOperation,
                $"{path} holds a {value.GetType().Name}");
            if (!value.GetType().IsValueType && !visited.Add(value))
                return;

            if (value is IEnumerable items)
            {
                var i = 0;
                foreach (var item in items)
                    Visit(item, $"{path}[{i++}]");
            }

            for (var type = value.GetType(); type is not null && type != typeof(object); type = type.BaseType)
            {
                foreach (var field in type.GetFields(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly))
                    Visit(field.GetValue(value), path + "." + field.Name);
            }
        }
    }
}
