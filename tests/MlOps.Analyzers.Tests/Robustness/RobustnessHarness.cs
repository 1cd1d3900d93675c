using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Reflection;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;
using MlOps.Analyzers.Tests.Infrastructure;
using MlOps.Analyzers.Catalog;

namespace MlOps.Analyzers.Tests.Robustness;

/// <summary>
/// Everything the package ships, found by REFLECTION (so rules, fixes and the generator that land later are guarded
/// without touching these tests), and the plumbing to run them on one source and report what threw, with the input.
/// </summary>
public static class RobustnessHarness
{
    public static CSharpParseOptions ParseOptions { get; } = new(LanguageVersion.Latest);

    public static ImmutableArray<DiagnosticAnalyzer> Analyzers => AnalyzerRunner.ShippedAnalyzers;

    public static ImmutableArray<IIncrementalGenerator> Generators { get; } = typeof(MlOps.Analyzers.Catalog.RuleIds).Assembly
        .GetTypes()
        .Where(t => !t.IsAbstract && typeof(IIncrementalGenerator).IsAssignableFrom(t) && t.GetCustomAttribute<GeneratorAttribute>() is not null)
        .Select(t => (IIncrementalGenerator)Activator.CreateInstance(t)!)
        .ToImmutableArray();

    public static ImmutableArray<CodeFixProvider> Fixers { get; } = typeof(MlOps.Analyzers.CodeFixes.Infrastructure.SeedSuggestion).Assembly
        .GetTypes()
        .Where(t => !t.IsAbstract && typeof(CodeFixProvider).IsAssignableFrom(t) && t.GetCustomAttribute<ExportCodeFixProviderAttribute>() is not null)
        .Select(t => (CodeFixProvider)Activator.CreateInstance(t)!)
        .ToImmutableArray();

    /// <summary>A compilation with the real ML references and no source; sources are added to it so its reference binding is reused.</summary>
    private static readonly CSharpCompilation Empty = AnalyzerRunner.Compile();

    public static CSharpCompilation Compile(string text)
        => Empty.AddSyntaxTrees(CSharpSyntaxTree.ParseText(text, ParseOptions, path: "/Test0.cs"));

    /// <summary>
    /// Runs every analyzer and every generator; returns each exception as "who: what" (empty when nothing threw), the
    /// diagnostics, and how many sources the generators emitted (each lineage source is a pipeline that went through
    /// the whole Parse -> model builder -> Emit path).
    /// </summary>
    public static async Task<(ImmutableArray<string> Failures, ImmutableArray<Diagnostic> Diagnostics, int GeneratedSources)> RunAllAsync(Compilation compilation, CancellationToken cancellationToken = default)
    {
        var failures = new ConcurrentBag<string>();
        var options = new CompilationWithAnalyzersOptions(
            new AnalyzerOptions(ImmutableArray<AdditionalText>.Empty),
            onAnalyzerException: (exception, analyzer, _) => failures.Add($"{analyzer.GetType().Name} threw {exception}"),
            concurrentAnalysis: false,
            logAnalyzerExecutionTime: false);
        var diagnostics = await compilation.WithAnalyzers(Analyzers, options).GetAnalyzerDiagnosticsAsync(cancellationToken);
        foreach (var crash in diagnostics.Where(d => d.Id == "AD0001"))
            failures.Add("AD0001 " + crash.GetMessage(System.Globalization.CultureInfo.InvariantCulture));

        var generated = 0;
        if (Generators.Length > 0)
        {
            var driver = CSharpGeneratorDriver.Create(Generators.Select(GeneratorExtensions.AsSourceGenerator), parseOptions: ParseOptions)
                .RunGenerators(compilation, cancellationToken);
            var result = driver.GetRunResult();
            generated = result.Results.Sum(r => r.GeneratedSources.Length);
            foreach (var generatorResult in result.Results.Where(r => r.Exception is not null))
                failures.Add($"{generatorResult.Generator.GetGeneratorType().Name} threw {generatorResult.Exception}");
            foreach (var diagnostic in result.Diagnostics.Where(d => d.Id is "CS8784" or "CS8785"))
                failures.Add($"{diagnostic.Id} {diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture)}");
        }

        return (failures.ToImmutableArray(), diagnostics.Where(d => d.Id != "AD0001").ToImmutableArray(), generated);
    }

    /// <summary>A one-document project with the real ML references, for the fixers (which need a workspace).</summary>
    public static Document CreateDocument(string text)
    {
        var workspace = new AdhocWorkspace();
        var projectId = ProjectId.CreateNewId();
        var documentId = DocumentId.CreateNewId(projectId);
        var solution = workspace.CurrentSolution
            .AddProject(ProjectInfo.Create(
                projectId,
                VersionStamp.Default,
                "Test",
                "Test",
                LanguageNames.CSharp,
                compilationOptions: Empty.Options,
                parseOptions: ParseOptions,
                metadataReferences: TestReferences.All))
            .AddDocument(documentId, "Test0.cs", SourceText.From(text), filePath: "/Test0.cs");
        return solution.GetDocument(documentId)!;
    }

    /// <summary>Every action the fixers offer for <paramref name="diagnostic"/>, nested actions flattened.</summary>
    public static async Task<ImmutableArray<(CodeFixProvider Fixer, CodeAction Action)>> GetFixesAsync(Document document, Diagnostic diagnostic, CancellationToken cancellationToken = default)
    {
        var actions = new List<(CodeFixProvider, CodeAction)>();
        foreach (var fixer in Fixers.Where(f => f.FixableDiagnosticIds.Contains(diagnostic.Id)))
        {
            var registered = new List<CodeAction>();
            var context = new CodeFixContext(document, diagnostic, (action, _) => registered.Add(action), cancellationToken);
            await fixer.RegisterCodeFixesAsync(context);
            foreach (var action in registered.SelectMany(Flatten))
                actions.Add((fixer, action));
        }

        return actions.ToImmutableArray();
    }

    /// <summary>The document after <paramref name="action"/>, or null when the action changes no solution.</summary>
    public static async Task<Document?> ApplyAsync(Document document, CodeAction action, CancellationToken cancellationToken = default)
    {
        var operations = await action.GetOperationsAsync(cancellationToken);
        var apply = operations.OfType<ApplyChangesOperation>().FirstOrDefault();
        return apply?.ChangedSolution.GetDocument(document.Id);
    }

    private static IEnumerable<CodeAction> Flatten(CodeAction action)
    {
        // NestedActions is not public in every Roslyn version the tests may run on.
        var nested = action.GetType().GetProperty("NestedActions", BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic)?.GetValue(action);
        if (nested is ImmutableArray<CodeAction> { IsDefaultOrEmpty: false } children)
            return children.SelectMany(Flatten);
        return new[] { action };
    }

    /// <summary>
    /// Compiler errors as a multiset of "id: message" (positions move when a fix edits the text; ids and messages do not),
    /// with the generator's output added as in a build and the IDE (a fix may use a generated lineage member).
    /// </summary>
    public static Dictionary<string, int> Errors(Compilation compilation)
        => WithGeneratedSources(compilation).GetDiagnostics()
            .Where(d => d.Severity == DiagnosticSeverity.Error)
            .GroupBy(d => $"{d.Id}: {d.GetMessage(System.Globalization.CultureInfo.InvariantCulture)}")
            .ToDictionary(g => g.Key, g => g.Count());

    private static Compilation WithGeneratedSources(Compilation compilation)
    {
        if (Generators.Length == 0)
            return compilation;
        CSharpGeneratorDriver.Create(Generators.Select(GeneratorExtensions.AsSourceGenerator), parseOptions: ParseOptions)
            .RunGeneratorsAndUpdateCompilation(compilation, out var updated, out _);
        return updated;
    }

    /// <summary>First lines of a failure report (exceptions print long stacks; the top frames name the file and line).</summary>
    public static string Shorten(string failure, int lines = 8)
        => string.Join(Environment.NewLine, failure.Split('\n').Take(lines).Select(l => l.TrimEnd()));
}
