// The probe is a test-only analyzer, never shipped: no release tracking or analyzer-project rules apply.
#pragma warning disable RS1001, RS1012, RS1025, RS1026, RS1036, RS1041, RS2008

using System;
using System.Collections.Immutable;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace MlOps.Analyzers.Tests.Robustness;

/// <summary>
/// Runs a shipped analyzer unchanged, with a hand on its compilation-end work (where whole-compilation questions are
/// judged): it cancels the analysis just before that work starts, or at the first finding it reports, and counts
/// what the analyzer still reports after the cancel. Every other registration passes through untouched.
/// </summary>
public sealed class CancellationProbe : DiagnosticAnalyzer
{
    private readonly DiagnosticAnalyzer _inner;
    private readonly CancellationTokenSource _cancellation;
    private readonly CancelAt _cancelAt;
    private int _reportsAfterCancel;

    public CancellationProbe(DiagnosticAnalyzer inner, CancellationTokenSource cancellation, CancelAt cancelAt)
    {
        _inner = inner;
        _cancellation = cancellation;
        _cancelAt = cancelAt;
    }

    public enum CancelAt
    {
        /// <summary>The compilation-end work starts with the analysis already cancelled.</summary>
        CompilationEndStart,

        /// <summary>The analysis is cancelled as the compilation-end work reports its first finding.</summary>
        FirstCompilationEndReport,
    }

    /// <summary>Whether the compilation-end work ran (so the cancel landed inside the analyzer).</summary>
    public bool ReachedCompilationEnd { get; private set; }

    /// <summary>Findings the analyzer reported after the analysis was cancelled: work it went on doing.</summary>
    public int ReportsAfterCancel => Volatile.Read(ref _reportsAfterCancel);

    /// <summary>Set when the compilation-end work has ended (the driver may give up waiting for it once it sees the cancel).</summary>
    public ManualResetEventSlim CompilationEndEnded { get; } = new();

    /// <summary>How the compilation-end work ended: null while it has not ended, else the exception type or "returned".</summary>
    public string? CompilationEndOutcome { get; private set; }

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => _inner.SupportedDiagnostics;

    public override void Initialize(AnalysisContext context) => _inner.Initialize(new ProbeContext(context, this));

    private void RunCompilationEnd(Action<CompilationAnalysisContext> action, CompilationAnalysisContext driver)
    {
        ReachedCompilationEnd = true;
        if (_cancelAt == CancelAt.CompilationEndStart)
            _cancellation.Cancel();

#pragma warning disable CS0618 // the public constructor (obsolete for analyzers, dotnet/roslyn#63440) is how a test stands between an analyzer and the driver
        var probed = new CompilationAnalysisContext(driver.Compilation, driver.Options, diagnostic =>
        {
            if (_cancellation.IsCancellationRequested)
                Interlocked.Increment(ref _reportsAfterCancel);
            driver.ReportDiagnostic(diagnostic);
            if (_cancelAt == CancelAt.FirstCompilationEndReport)
                _cancellation.Cancel();
        }, _ => true, driver.CancellationToken);
#pragma warning restore CS0618
        try
        {
            action(probed);
            CompilationEndOutcome = "returned";
        }
        catch (Exception ex)
        {
            CompilationEndOutcome = ex.GetType().Name;
            throw;
        }
        finally
        {
            CompilationEndEnded.Set();
        }
    }

    private sealed class ProbeContext(AnalysisContext driver, CancellationProbe probe) : AnalysisContext
    {
        public override void EnableConcurrentExecution() => driver.EnableConcurrentExecution();

        public override void ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags analysisMode) => driver.ConfigureGeneratedCodeAnalysis(analysisMode);

        public override void RegisterCompilationStartAction(Action<CompilationStartAnalysisContext> action)
            => driver.RegisterCompilationStartAction(start => action(new ProbeStartContext(start, probe)));

        public override void RegisterCompilationAction(Action<CompilationAnalysisContext> action)
            => driver.RegisterCompilationAction(end => probe.RunCompilationEnd(action, end));

        public override void RegisterSemanticModelAction(Action<SemanticModelAnalysisContext> action) => driver.RegisterSemanticModelAction(action);

        public override void RegisterSymbolAction(Action<SymbolAnalysisContext> action, ImmutableArray<SymbolKind> symbolKinds) => driver.RegisterSymbolAction(action, symbolKinds);

        public override void RegisterSymbolStartAction(Action<SymbolStartAnalysisContext> action, SymbolKind symbolKind) => driver.RegisterSymbolStartAction(action, symbolKind);

        public override void RegisterCodeBlockStartAction<TLanguageKindEnum>(Action<CodeBlockStartAnalysisContext<TLanguageKindEnum>> action) => driver.RegisterCodeBlockStartAction(action);

        public override void RegisterCodeBlockAction(Action<CodeBlockAnalysisContext> action) => driver.RegisterCodeBlockAction(action);

        public override void RegisterSyntaxTreeAction(Action<SyntaxTreeAnalysisContext> action) => driver.RegisterSyntaxTreeAction(action);

        public override void RegisterAdditionalFileAction(Action<AdditionalFileAnalysisContext> action) => driver.RegisterAdditionalFileAction(action);

        public override void RegisterSyntaxNodeAction<TLanguageKindEnum>(Action<SyntaxNodeAnalysisContext> action, ImmutableArray<TLanguageKindEnum> syntaxKinds) => driver.RegisterSyntaxNodeAction(action, syntaxKinds);

        public override void RegisterOperationAction(Action<OperationAnalysisContext> action, ImmutableArray<OperationKind> operationKinds) => driver.RegisterOperationAction(action, operationKinds);

        public override void RegisterOperationBlockStartAction(Action<OperationBlockStartAnalysisContext> action) => driver.RegisterOperationBlockStartAction(action);

        public override void RegisterOperationBlockAction(Action<OperationBlockAnalysisContext> action) => driver.RegisterOperationBlockAction(action);
    }

    private sealed class ProbeStartContext(CompilationStartAnalysisContext driver, CancellationProbe probe)
        : CompilationStartAnalysisContext(driver.Compilation, driver.Options, driver.CancellationToken)
    {
        public override void RegisterCompilationEndAction(Action<CompilationAnalysisContext> action)
            => driver.RegisterCompilationEndAction(end => probe.RunCompilationEnd(action, end));

        public override void RegisterSemanticModelAction(Action<SemanticModelAnalysisContext> action) => driver.RegisterSemanticModelAction(action);

        public override void RegisterSymbolAction(Action<SymbolAnalysisContext> action, ImmutableArray<SymbolKind> symbolKinds) => driver.RegisterSymbolAction(action, symbolKinds);

        public override void RegisterSymbolStartAction(Action<SymbolStartAnalysisContext> action, SymbolKind symbolKind) => driver.RegisterSymbolStartAction(action, symbolKind);

        public override void RegisterCodeBlockStartAction<TLanguageKindEnum>(Action<CodeBlockStartAnalysisContext<TLanguageKindEnum>> action) => driver.RegisterCodeBlockStartAction(action);

        public override void RegisterCodeBlockAction(Action<CodeBlockAnalysisContext> action) => driver.RegisterCodeBlockAction(action);

        public override void RegisterSyntaxTreeAction(Action<SyntaxTreeAnalysisContext> action) => driver.RegisterSyntaxTreeAction(action);

        public override void RegisterAdditionalFileAction(Action<AdditionalFileAnalysisContext> action) => driver.RegisterAdditionalFileAction(action);

        public override void RegisterSyntaxNodeAction<TLanguageKindEnum>(Action<SyntaxNodeAnalysisContext> action, ImmutableArray<TLanguageKindEnum> syntaxKinds) => driver.RegisterSyntaxNodeAction(action, syntaxKinds);

        public override void RegisterOperationAction(Action<OperationAnalysisContext> action, ImmutableArray<OperationKind> operationKinds) => driver.RegisterOperationAction(action, operationKinds);

        public override void RegisterOperationBlockStartAction(Action<OperationBlockStartAnalysisContext> action) => driver.RegisterOperationBlockStartAction(action);

        public override void RegisterOperationBlockAction(Action<OperationBlockAnalysisContext> action) => driver.RegisterOperationBlockAction(action);
    }
}
