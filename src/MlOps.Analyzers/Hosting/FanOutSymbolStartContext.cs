using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace MlOps.Analyzers.Hosting;

/// <summary>
/// The symbol-start context the rules of <see cref="MlOpsAnalyzer"/> register into for one type: one operation action
/// per kind and one symbol-end action for all rules, and nothing at all for a type no rule is interested in.
/// </summary>
internal sealed class FanOutSymbolStartContext : SymbolStartAnalysisContext, ISharedStateOwner
{
    private readonly ActionTable<OperationKind, OperationAnalysisContext> _operations = new();
    private readonly List<Action<SymbolAnalysisContext>> _symbolEnds = new();

    // The constructor is marked obsolete to steer hosts to CompilationWithAnalyzers; this context never reaches the
    // driver (the rules' actions are re-registered on the driver's own context in Apply), so what it warns about
    // (filter span and generated-code state missing) does not apply: the driver's context keeps them.
#pragma warning disable CS0618, RS1012
    public FanOutSymbolStartContext(SymbolStartAnalysisContext driverContext)
        : base(driverContext.Symbol, driverContext.Compilation, driverContext.Options, driverContext.CancellationToken)
    {
    }
#pragma warning restore CS0618, RS1012

    public SharedStateBag SharedState { get; } = new();

    public override void RegisterOperationAction(Action<OperationAnalysisContext> action, ImmutableArray<OperationKind> operationKinds)
        => _operations.Add(action, operationKinds);

    public override void RegisterSymbolEndAction(Action<SymbolAnalysisContext> action) => _symbolEnds.Add(action);

    public void Apply(SymbolStartAnalysisContext driverContext)
    {
        _operations.RegisterEach((action, kind) => driverContext.RegisterOperationAction(action, kind));
        if (_symbolEnds.Count > 0)
            driverContext.RegisterSymbolEndAction(ActionTable<SymbolKind, SymbolAnalysisContext>.Combine(_symbolEnds));
    }

    public override void RegisterCodeBlockStartAction<TLanguageKindEnum>(Action<CodeBlockStartAnalysisContext<TLanguageKindEnum>> action) => throw FanOutCompilationStartContext.Unsupported();

    public override void RegisterCodeBlockAction(Action<CodeBlockAnalysisContext> action) => throw FanOutCompilationStartContext.Unsupported();

    public override void RegisterSyntaxNodeAction<TLanguageKindEnum>(Action<SyntaxNodeAnalysisContext> action, ImmutableArray<TLanguageKindEnum> syntaxKinds) => throw FanOutCompilationStartContext.Unsupported();

    public override void RegisterOperationBlockStartAction(Action<OperationBlockStartAnalysisContext> action) => throw FanOutCompilationStartContext.Unsupported();

    public override void RegisterOperationBlockAction(Action<OperationBlockAnalysisContext> action) => throw FanOutCompilationStartContext.Unsupported();
}
