using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace MlOps.Analyzers.Hosting;

/// <summary>
/// What a rule analyzer's <see cref="DiagnosticAnalyzer.Initialize"/> registers, recorded for <see cref="MlOpsAnalyzer"/>:
/// its compilation-start actions. Every rule starts per compilation (it first resolves <c>MlSymbols</c>), enables
/// concurrent execution and skips generated code; the host does the same once, and rejects anything else.
/// </summary>
internal sealed class RuleInitialization : AnalysisContext
{
    private readonly List<Action<CompilationStartAnalysisContext>> _compilationStarts = new();

    private RuleInitialization()
    {
    }

    public ImmutableArray<Action<CompilationStartAnalysisContext>> CompilationStarts => _compilationStarts.ToImmutableArray();

    public static RuleInitialization Record(DiagnosticAnalyzer rule)
    {
        var recorded = new RuleInitialization();
        rule.Initialize(recorded);
        return recorded;
    }

    public override void RegisterCompilationStartAction(Action<CompilationStartAnalysisContext> action) => _compilationStarts.Add(action);

    public override void EnableConcurrentExecution()
    {
    }

    public override void ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags analysisMode)
    {
        if (analysisMode != GeneratedCodeAnalysisFlags.None)
            throw new NotSupportedException("MlOpsAnalyzer skips generated code for every rule; a rule that analyzes it cannot be hosted.");
    }

    public override void RegisterCompilationAction(Action<CompilationAnalysisContext> action) => throw FanOutCompilationStartContext.Unsupported();

    public override void RegisterSemanticModelAction(Action<SemanticModelAnalysisContext> action) => throw FanOutCompilationStartContext.Unsupported();

    public override void RegisterSymbolAction(Action<SymbolAnalysisContext> action, ImmutableArray<SymbolKind> symbolKinds) => throw FanOutCompilationStartContext.Unsupported();

    public override void RegisterCodeBlockStartAction<TLanguageKindEnum>(Action<CodeBlockStartAnalysisContext<TLanguageKindEnum>> action) => throw FanOutCompilationStartContext.Unsupported();

    public override void RegisterCodeBlockAction(Action<CodeBlockAnalysisContext> action) => throw FanOutCompilationStartContext.Unsupported();

    public override void RegisterSyntaxTreeAction(Action<SyntaxTreeAnalysisContext> action) => throw FanOutCompilationStartContext.Unsupported();

    public override void RegisterSyntaxNodeAction<TLanguageKindEnum>(Action<SyntaxNodeAnalysisContext> action, ImmutableArray<TLanguageKindEnum> syntaxKinds) => throw FanOutCompilationStartContext.Unsupported();
}
