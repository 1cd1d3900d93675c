using System;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Runtime.Loader;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using MlOps.Analyzers.Catalog;
using MlOps.Analyzers.Engine;

namespace MlOps.Analyzers.Benchmarks.Harness;

/// <summary>
/// Everything measured, found by REFLECTION so that rules and the generator that land later are measured without
/// touching the harness: every analyzer type and every generator in the MlOps.Analyzers assembly; the peer CA5394
/// from the restored Microsoft.CodeAnalysis.NetAnalyzers package.
/// </summary>
public static class AnalyzerCatalog
{
    public static Assembly MlOpsAssembly { get; } = typeof(MlOps.Analyzers.Catalog.RuleIds).Assembly;

    public static ImmutableArray<DiagnosticAnalyzer> CreateMlOpsAnalyzers() => MlOpsAssembly
        .GetTypes()
        .Where(t => !t.IsAbstract && typeof(DiagnosticAnalyzer).IsAssignableFrom(t) && t.GetCustomAttribute<DiagnosticAnalyzerAttribute>() is not null)
        .OrderBy(t => t.FullName, StringComparer.Ordinal)
        .Select(t => (DiagnosticAnalyzer)Activator.CreateInstance(t)!)
        .ToImmutableArray();

    /// <summary>Each rule hosted by <c>MlOpsAnalyzer</c> on its own (key), and the rule (value): to measure one rule as it ships.</summary>
    public static ImmutableDictionary<DiagnosticAnalyzer, MlOps.Analyzers.Engine.Rule> CreateRuleHosts() => MlOps.Analyzers.Engine.MlOpsAnalyzer.AllRules
        .ToImmutableDictionary(rule => (DiagnosticAnalyzer)new MlOps.Analyzers.Engine.MlOpsAnalyzer(rule), rule => rule);

    public static string Describe(MlOps.Analyzers.Engine.Rule rule)
    {
        var ids = rule.SupportedDiagnostics.Select(d => d.Id).Distinct().OrderBy(id => id, StringComparer.Ordinal);
        return $"{string.Join("/", ids)} {rule.GetType().Name}";
    }

    public static ImmutableArray<IIncrementalGenerator> CreateGenerators() => MlOpsAssembly
        .GetTypes()
        .Where(t => !t.IsAbstract && typeof(IIncrementalGenerator).IsAssignableFrom(t) && t.GetCustomAttribute<GeneratorAttribute>() is not null)
        .OrderBy(t => t.FullName, StringComparer.Ordinal)
        .Select(t => (IIncrementalGenerator)Activator.CreateInstance(t)!)
        .ToImmutableArray();

    /// <summary>A short display name: the rule ids it reports, then the type name.</summary>
    public static string Describe(DiagnosticAnalyzer analyzer)
    {
        var ids = analyzer.SupportedDiagnostics.Select(d => d.Id).Distinct().OrderBy(id => id, StringComparer.Ordinal);
        return $"{string.Join("/", ids)} {analyzer.GetType().Name}";
    }

    /// <summary>
    /// The .NET SDK analyzer that reports CA5394 (insecure randomness), loaded from the NetAnalyzers package that this
    /// project restored (copied to <c>peer/</c> beside the harness by the project file).
    /// </summary>
    public static DiagnosticAnalyzer LoadCa5394()
    {
        var folder = Path.Combine(AppContext.BaseDirectory, "peer");
        var loader = new DefaultContextLoader();
        var analyzers = Directory.EnumerateFiles(folder, "*.dll")
            .OrderBy(p => p, StringComparer.Ordinal)
            .SelectMany(path => new AnalyzerFileReference(path, loader).GetAnalyzers(LanguageNames.CSharp))
            .Where(a => a.SupportedDiagnostics.Any(d => d.Id == "CA5394"))
            .ToList();
        return analyzers.Count == 1
            ? analyzers[0]
            : throw new InvalidOperationException($"Expected one CA5394 analyzer in {folder}, found {analyzers.Count}.");
    }

    /// <summary>Loads analyzer assemblies into the default context, so they bind to the Roslyn this harness runs on.</summary>
    private sealed class DefaultContextLoader : IAnalyzerAssemblyLoader
    {
        public void AddDependencyLocation(string fullPath)
        {
        }

        public Assembly LoadFromPath(string fullPath) => AssemblyLoadContext.Default.LoadFromAssemblyPath(fullPath);
    }
}
