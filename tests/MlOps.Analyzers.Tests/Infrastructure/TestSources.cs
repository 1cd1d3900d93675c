using Microsoft.CodeAnalysis;

namespace MlOps.Analyzers.Tests.Infrastructure;

/// <summary>Pieces of test code shared by the rule tests: the row types the ML test code trains on.</summary>
public static class TestSources
{
    /// <summary>The input row (one feature, one label) the test pipelines load and train on.</summary>
    public const string Row = "public class Row { public float Feature { get; set; } public bool Label { get; set; } }";

    /// <summary>The output row of the test pipelines' prediction engines.</summary>
    public const string Prediction = "public class Prediction { public bool PredictedLabel { get; set; } }";

    /// <summary>xunit itself, for test code that is a test fixture (which the training scope excludes).</summary>
    public static MetadataReference Xunit { get; } = MetadataReference.CreateFromFile(typeof(Xunit.FactAttribute).Assembly.Location);
}
