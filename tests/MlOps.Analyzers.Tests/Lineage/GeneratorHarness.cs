using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using MlOps.Analyzers.Tests.Infrastructure;
using MlOps.Analyzers.Lineage;

namespace MlOps.Analyzers.Tests.Lineage;

/// <summary>Runs the lineage generator directly with a <see cref="GeneratorDriver"/> over code compiled against the real MlOps.Lineage.</summary>
internal static class GeneratorHarness
{
    public static readonly CSharpParseOptions ParseOptions = new(LanguageVersion.Latest);

    public static CSharpCompilation Compile(params string[] sources)
        => CSharpCompilation.Create(
            "PipelineTests",
            sources.Select((source, i) => CSharpSyntaxTree.ParseText(source, ParseOptions, path: $"/src/Pipeline{i}.cs")),
            TestReferences.All,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));

    public static GeneratorDriver CreateDriver(IReadOnlyDictionary<string, string>? buildProperties = null)
        => CSharpGeneratorDriver.Create(
            new[] { new LineageGenerator().AsSourceGenerator() },
            parseOptions: ParseOptions,
            optionsProvider: BuildOptionsFor(buildProperties ?? new Dictionary<string, string>()),
            driverOptions: new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: true));

    public static AnalyzerConfigOptionsProvider BuildOptionsFor(IReadOnlyDictionary<string, string> buildProperties) => new BuildOptions(buildProperties);

    /// <summary>Runs the generator; returns the run result and the compilation including the generated files.</summary>
    public static (GeneratorDriverRunResult Result, Compilation Output, GeneratorDriver Driver) Run(Compilation compilation, IReadOnlyDictionary<string, string>? buildProperties = null)
        => Run(CreateDriver(buildProperties), compilation);

    public static (GeneratorDriverRunResult Result, Compilation Output, GeneratorDriver Driver) Run(GeneratorDriver driver, Compilation compilation)
    {
        driver = driver.RunGeneratorsAndUpdateCompilation(compilation, out var output, out _);
        return (driver.GetRunResult(), output, driver);
    }

    /// <summary>The generated source with the given hint name.</summary>
    public static string Generated(GeneratorDriverRunResult result, string hintName)
    {
        var source = result.Results.Single().GeneratedSources.SingleOrDefault(s => s.HintName == hintName);
        Assert.True(source.SourceText is not null, $"No generated file '{hintName}'; generated: {string.Join(", ", result.Results.Single().GeneratedSources.Select(s => s.HintName))}");
        return source.SourceText.ToString();
    }

    /// <summary>Compiler diagnostics of warning or error severity (what -warnaserror would fail on).</summary>
    public static ImmutableArray<Diagnostic> WarningsAndErrors(Compilation compilation)
        => compilation.GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning).ToImmutableArray();

    private sealed class BuildOptions : AnalyzerConfigOptionsProvider
    {
        private readonly Options _global;

        public BuildOptions(IReadOnlyDictionary<string, string> properties)
            => _global = new Options(properties.ToDictionary(p => "build_property." + p.Key, p => p.Value));

        public override AnalyzerConfigOptions GlobalOptions => _global;

        public override AnalyzerConfigOptions GetOptions(SyntaxTree tree) => Options.Empty;

        public override AnalyzerConfigOptions GetOptions(AdditionalText textFile) => Options.Empty;
    }

    private sealed class Options : AnalyzerConfigOptions
    {
        public static readonly Options Empty = new(new Dictionary<string, string>());

        private readonly Dictionary<string, string> _values;

        public Options(Dictionary<string, string> values) => _values = values;

        public override bool TryGetValue(string key, out string value)
        {
            var found = _values.TryGetValue(key, out var v);
            value = v ?? string.Empty;
            return found;
        }
    }
}
