using System.Collections.Immutable;
using System.Linq;
using MlOps.Analyzers.Facts.Paths;

namespace MlOps.Analyzers.Tests.Facts;

/// <summary>The one "version or name" heuristic (<see cref="PathPart.OfSymbol"/>), on values the analyzer tests reach through code.</summary>
public class VersionOrNameTests
{
    // Kinds by name: PathPartKind is internal and xUnit theories are public.
    [Theory]
    [InlineData("1.4")]
    [InlineData("1.4.0")]
    [InlineData("v2")]
    [InlineData("V10.1")]
    [InlineData("v1.4.0-rc.1")]
    [InlineData("2.0.0+build.7")]
    public void Version_strings(string text) => Assert.True(PathPart.IsVersionString(text));

    [Theory]
    [InlineData("")]
    [InlineData("v")]
    [InlineData("12")]
    [InlineData("1.")]
    [InlineData(".1")]
    [InlineData("1..2")]
    [InlineData("v.1")]
    [InlineData("resnet50")]
    [InlineData("churn-1.2")]
    [InlineData("latest")]
    public void Not_version_strings(string text) => Assert.False(PathPart.IsVersionString(text));

    [Theory]
    [InlineData("ModelVersion", "3", "Versioned")]
    [InlineData("ModelVersion", "latest", "Text")]
    [InlineData("ModelVersion", "churn", "Text")]
    [InlineData("Release", "1.4.0", "Versioned")]
    [InlineData("Release", "prod", "Text")]
    [InlineData("Epochs", "10", "Text")]
    [InlineData("Dataset", "churn", "Text")]
    public void A_known_value_is_judged_by_the_value(string symbol, string value, string expected)
    {
        var result = PathPart.OfSymbol(symbol, null, isLoopCounter: false, PathValue.Of(PathPart.Constant(value)), value);
        Assert.Equal(expected, Assert.Single(Assert.Single(result.Alternatives)).Kind.ToString());
    }

    [Theory]
    [InlineData("runId", "Versioned")]
    [InlineData("BuildNumber", "Versioned")]
    [InlineData("epoch", "Versioned")]
    [InlineData("label", "Name")]
    [InlineData("datasetName", "Name")]
    [InlineData("settings.DatasetName", "Name")]
    [InlineData("fileName", "Unknown")]
    [InlineData("run.Name", "Unknown")]
    [InlineData("outputDir", "Unknown")]
    [InlineData("conversion", "Unknown")]
    public void An_unknown_value_is_judged_by_the_symbol(string symbol, string expected)
    {
        var result = PathPart.OfSymbol(symbol, null, isLoopCounter: false, PathValue.Unknown("a run-time value"), null);
        Assert.Equal(expected, Assert.Single(Assert.Single(result.Alternatives)).Kind.ToString());
    }

    [Fact]
    public void A_loop_counter_is_a_version_and_project_code_is_never_a_name()
    {
        var counter = PathPart.OfSymbol("i", null, isLoopCounter: true, PathValue.Unknown("'i'"), null);
        Assert.Equal(PathPartKind.Versioned, counter.Alternatives.Single().Single().Kind);
        var computed = PathPart.OfSymbol("modelName", null, isLoopCounter: false, PathValue.Of(PathPart.ComputedByProject("the result of 'Next'")), null);
        Assert.Equal(PathPartKind.Unknown, computed.Alternatives.Single().Single().Kind);
    }
}
