using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Testing;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Testing;
using MlOps.Analyzers.Engine;
using MlOps.Analyzers.Lineage;

namespace MlOps.Analyzers.Tests.Infrastructure;

/// <summary>Configures every test the same way: real ML references, latest C#, an optional .editorconfig.</summary>
internal static class TestSetup
{
    public static void Configure(SolutionState state, string? editorConfig)
    {
        state.ReferenceAssemblies = new ReferenceAssemblies("net8.0");
        state.AdditionalReferences.AddRange(TestReferences.All);
        if (editorConfig is not null)
            state.AnalyzerConfigFiles.Add(("/.editorconfig", "root = true\n\n[*]\n" + editorConfig));
    }

    public static Solution UseLatestLanguage(Solution solution, ProjectId projectId)
    {
        var project = solution.GetProject(projectId)!;
        var parseOptions = ((CSharpParseOptions)project.ParseOptions!).WithLanguageVersion(LanguageVersion.Latest);
        var compilationOptions = project.CompilationOptions!.WithSpecificDiagnosticOptions(
            project.CompilationOptions.SpecificDiagnosticOptions.SetItem("CS1591", ReportDiagnostic.Suppress));
        return solution.WithProjectParseOptions(projectId, parseOptions).WithProjectCompilationOptions(projectId, compilationOptions);
    }

    /// <summary>The lineage generator, for tests of code that uses the generated <c>Lineage</c> class.</summary>
    public static IEnumerable<Type> SourceGenerators(bool withLineageGenerator, IEnumerable<Type> others)
        => withLineageGenerator ? new[] { typeof(LineageGenerator) } : others;

    /// <summary>Latest C#; with the lineage generator, its output is not compared (it is tested in tests/.../Lineage: here it only has to make the code compile).</summary>
    public static void Prepare(AnalyzerTest<DefaultVerifier> test, bool withLineageGenerator)
    {
        test.SolutionTransforms.Add(UseLatestLanguage);
        if (withLineageGenerator)
            test.TestBehaviors |= TestBehaviors.SkipGeneratedSourcesCheck;
    }
}

/// <summary>
/// Runs one rule over test code compiled against the real ML libraries, hosted by the engine alone (<see cref="MlOpsAnalyzer"/>
/// with that rule): the path the package ships.
/// </summary>
public static class AnalyzerVerifier<TRule>
    where TRule : Rule, new()
{
    /// <summary>The rule's one descriptor with <paramref name="id"/> (a rule with several per id names the descriptor instead).</summary>
    public static DiagnosticResult Diagnostic(string id) => new(new TRule().SupportedDiagnostics.Single(d => d.Id == id));

    public static DiagnosticResult Diagnostic(DiagnosticDescriptor descriptor) => new(descriptor);

    public static Task VerifyAsync(string source, params DiagnosticResult[] expected) => VerifyAsync(source, editorConfig: null, expected);

    public static Task VerifyAsync(string source, string? editorConfig, params DiagnosticResult[] expected)
    {
        var test = new Test { TestCode = source, EditorConfig = editorConfig };
        test.ExpectedDiagnostics.AddRange(expected);
        return test.RunAsync(CancellationToken.None);
    }

    public class Test : CSharpAnalyzerTest<MlOpsAnalyzer, DefaultVerifier>
    {
        private readonly bool _withLineageGenerator;

        public Test()
            : this(withLineageGenerator: false)
        {
        }

        protected Test(bool withLineageGenerator)
        {
            _withLineageGenerator = withLineageGenerator;
            TestSetup.Prepare(this, withLineageGenerator);
        }

        public string? EditorConfig { get; set; }

        protected override IEnumerable<Type> GetSourceGenerators() => TestSetup.SourceGenerators(_withLineageGenerator, base.GetSourceGenerators());

        protected override IEnumerable<DiagnosticAnalyzer> GetDiagnosticAnalyzers() => new[] { new MlOpsAnalyzer(new TRule()) };

        protected override Task RunImplAsync(CancellationToken cancellationToken)
        {
            TestSetup.Configure(TestState, EditorConfig);
            return base.RunImplAsync(cancellationToken);
        }
    }
}

/// <summary>Runs one rule (hosted by the engine alone) and its fixer; the fixed code is compiled and must have no errors.</summary>
public static class CodeFixVerifier<TRule, TCodeFix>
    where TRule : Rule, new()
    where TCodeFix : CodeFixProvider, new()
{
    public static DiagnosticResult Diagnostic(string id) => AnalyzerVerifier<TRule>.Diagnostic(id);

    public static DiagnosticResult Diagnostic(DiagnosticDescriptor descriptor) => new(descriptor);

    public static Task VerifyAsync(string source, string fixedSource, params DiagnosticResult[] expected)
        => VerifyAsync(source, fixedSource, editorConfig: null, expected);

    public static Task VerifyAsync(string source, string fixedSource, string? editorConfig, params DiagnosticResult[] expected)
    {
        var test = new Test { TestCode = source, FixedCode = fixedSource, EditorConfig = editorConfig };
        test.ExpectedDiagnostics.AddRange(expected);
        return test.RunAsync(CancellationToken.None);
    }

    public class Test : CSharpCodeFixTest<MlOpsAnalyzer, TCodeFix, DefaultVerifier>
    {
        private readonly bool _withLineageGenerator;

        public Test()
            : this(withLineageGenerator: false)
        {
        }

        protected Test(bool withLineageGenerator)
        {
            _withLineageGenerator = withLineageGenerator;
            TestSetup.Prepare(this, withLineageGenerator);
        }

        public string? EditorConfig { get; set; }

        protected override IEnumerable<DiagnosticAnalyzer> GetDiagnosticAnalyzers() => new[] { new MlOpsAnalyzer(new TRule()) };

        protected override IEnumerable<Type> GetSourceGenerators() => TestSetup.SourceGenerators(_withLineageGenerator, base.GetSourceGenerators());

        protected override Task RunImplAsync(CancellationToken cancellationToken)
        {
            TestSetup.Configure(TestState, EditorConfig);
            return base.RunImplAsync(cancellationToken);
        }
    }
}
