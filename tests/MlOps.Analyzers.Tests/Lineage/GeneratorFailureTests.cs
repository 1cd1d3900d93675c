using System;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using MlOps.Analyzers.Lineage;

namespace MlOps.Analyzers.Tests.Lineage;

/// <summary>
/// The generator has no catch-all: an exception in it reaches the user as CS8785 naming the generator and the
/// exception, instead of a silently missing <c>Lineage</c> class (CS0103 wherever the code uses it).
/// </summary>
public class GeneratorFailureTests
{
    /// <summary>
    /// Pipelines whose type names differ only in case: the compiler compares hint names ignoring case, so the second
    /// one's <c>AddSource</c> threw (CS8785, no lineage class for either). Each now gets its own file.
    /// </summary>
    [Fact]
    public void Pipelines_whose_names_differ_only_in_case_each_get_a_lineage_class()
    {
        var source = """
            using MlOps.Lineage;

            namespace N
            {
                [TrainingPipeline("churn")]
                public partial class Churn { public static string Recorded => Lineage.Name; }

                [TrainingPipeline("churn-lowercase")]
                public partial class churn { public static string Recorded => Lineage.Name; }
            }
            """;

        var (result, output, _) = GeneratorHarness.Run(GeneratorHarness.Compile(source));

        Assert.Null(result.Results.Single().Exception);
        Assert.Equal(
            new[] { "N.Churn.Lineage.g.cs", "N.churn.Lineage2.g.cs" },
            result.Results.Single().GeneratedSources.Select(s => s.HintName).OrderBy(n => n, StringComparer.Ordinal));
        Assert.Empty(GeneratorHarness.WarningsAndErrors(output).Select(d => d.ToString()));
    }

    /// <remarks>
    /// No input is known that makes the generator itself throw (the robustness guard runs it on thousands of mutated
    /// programs), and the product has no seam to inject one. The build's options are the generator's input that the
    /// host supplies, so the test makes reading them fail: the exception is thrown inside the generator's pipeline, as a
    /// bug in it would be.
    /// </remarks>
    [Fact]
    public void An_exception_in_the_generator_is_reported_as_CS8785_naming_it()
    {
        var source = """
            using MlOps.Lineage;

            [TrainingPipeline("churn")]
            public partial class Churn { }
            """;
        var driver = CSharpGeneratorDriver.Create(
            new[] { new LineageGenerator().AsSourceGenerator() },
            parseOptions: GeneratorHarness.ParseOptions,
            optionsProvider: new FailingOptions());

        var (result, _, _) = GeneratorHarness.Run(driver, GeneratorHarness.Compile(source));

        Assert.IsType<InvalidOperationException>(result.Results.Single().Exception);
        var failure = Assert.Single(result.Diagnostics, d => d.Id == "CS8785");
        var message = failure.GetMessage(System.Globalization.CultureInfo.InvariantCulture);
        Assert.Contains("LineageGenerator", message, StringComparison.Ordinal);
        Assert.Contains("InvalidOperationException", message, StringComparison.Ordinal);
        Assert.Contains("options unavailable", message, StringComparison.Ordinal);
    }

    private sealed class FailingOptions : AnalyzerConfigOptionsProvider
    {
        public override AnalyzerConfigOptions GlobalOptions => throw new InvalidOperationException("options unavailable");

        public override AnalyzerConfigOptions GetOptions(SyntaxTree tree) => throw new InvalidOperationException("options unavailable");

        public override AnalyzerConfigOptions GetOptions(AdditionalText textFile) => throw new InvalidOperationException("options unavailable");
    }
}
