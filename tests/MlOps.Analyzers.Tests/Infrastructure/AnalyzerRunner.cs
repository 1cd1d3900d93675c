using System;
using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Linq;
using System.Reflection;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using MlOps.Analyzers.Catalog;
using MlOps.Analyzers.Engine;

namespace MlOps.Analyzers.Tests.Infrastructure;

/// <summary>
/// Runs analyzers over raw source (broken or not) with the real ML references, and collects any exception an
/// analyzer throws instead of letting the driver turn it into AD0001. Used by robustness tests.
/// </summary>
public static class AnalyzerRunner
{
    public static CSharpCompilation Compile(params string[] sources)
        => CSharpCompilation.Create(
            "Test",
            sources.Select((source, i) => CSharpSyntaxTree.ParseText(source, new CSharpParseOptions(LanguageVersion.Latest), path: $"/Test{i}.cs")),
            TestReferences.All,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));

    public sealed record Result(ImmutableArray<Diagnostic> Diagnostics, ImmutableArray<Exception> Exceptions);

    public static async Task<Result> RunAsync(Compilation compilation, ImmutableArray<DiagnosticAnalyzer> analyzers, CancellationToken cancellationToken = default)
    {
        var exceptions = new ConcurrentBag<Exception>();
        var options = new CompilationWithAnalyzersOptions(
            new AnalyzerOptions(ImmutableArray<AdditionalText>.Empty),
            onAnalyzerException: (exception, _, _) => exceptions.Add(exception),
            concurrentAnalysis: false,
            logAnalyzerExecutionTime: false);
        var withAnalyzers = compilation.WithAnalyzers(analyzers, options);
        var diagnostics = await withAnalyzers.GetAnalyzerDiagnosticsAsync(cancellationToken);
        var crashes = diagnostics.Where(d => d.Id == "AD0001").Select(d => new InvalidOperationException(d.GetMessage()));
        return new Result(diagnostics, exceptions.Concat(crashes).ToImmutableArray());
    }

    /// <summary>Hosts <paramref name="rules"/> in the engine alone and runs it, as <see cref="RunAsync(Compilation, ImmutableArray{DiagnosticAnalyzer}, CancellationToken)"/>.</summary>
    public static Task<Result> RunAsync(Compilation compilation, ImmutableArray<Rule> rules, CancellationToken cancellationToken = default)
        => RunAsync(compilation, ImmutableArray.Create<DiagnosticAnalyzer>(new MlOpsAnalyzer(rules.ToArray())), cancellationToken);

    /// <summary>Every rule of the package, one instance each: what <see cref="MlOpsAnalyzer"/> hosts.</summary>
    public static ImmutableArray<Rule> Rules => MlOpsAnalyzer.AllRules;

    /// <summary>
    /// What the package ships, found by reflection: the analyzer types that carry <c>[DiagnosticAnalyzer]</c>
    /// (the IDE and the compiler load exactly these), one instance each.
    /// </summary>
    public static ImmutableArray<DiagnosticAnalyzer> ShippedAnalyzers { get; } = typeof(MlOps.Analyzers.Catalog.RuleIds).Assembly
        .GetTypes()
        .Where(t => !t.IsAbstract && typeof(DiagnosticAnalyzer).IsAssignableFrom(t) && t.GetCustomAttribute<DiagnosticAnalyzerAttribute>() is not null)
        .Select(t => (DiagnosticAnalyzer)Activator.CreateInstance(t)!)
        .ToImmutableArray();
}
