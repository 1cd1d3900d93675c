using System;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace MlOps.Analyzers.Hosting;

/// <summary>
/// The symbol-start context the rules of <see cref="MlOpsAnalyzer"/> register into for one type. It passes operation
/// registrations straight to the driver's context for the type (the driver already dispatches each operation once to the
/// actions of one analyzer), joins the rules' symbol-end actions into one (<see cref="Complete"/>), and carries the type's
/// <see cref="SharedAnalysisState"/>. A code base has thousands of types: what this context allocated per type, and each
/// extra end callback, showed up in the benchmark.
/// </summary>
internal sealed class FanOutSymbolStartContext : SymbolStartAnalysisContext, ISharedStateOwner
{
    private readonly SymbolStartAnalysisContext _driverContext;
    private SharedStateBag? _sharedState;
    private Action<SymbolAnalysisContext>? _symbolEnd;

    // The constructor is marked obsolete to steer hosts to CompilationWithAnalyzers; this context never reaches the
    // driver (every registration is forwarded to the driver's own context), so what it warns about (filter span and
    // generated-code state missing) does not apply: the driver's context keeps them.
#pragma warning disable CS0618, RS1012
    public FanOutSymbolStartContext(SymbolStartAnalysisContext driverContext)
        : base(driverContext.Symbol, driverContext.Compilation, driverContext.Options, driverContext.CancellationToken)
        => _driverContext = driverContext;
#pragma warning restore CS0618, RS1012

    public SharedStateBag SharedState => _sharedState ??= new SharedStateBag();

    public override void RegisterOperationAction(Action<OperationAnalysisContext> action, ImmutableArray<OperationKind> operationKinds)
        => _driverContext.RegisterOperationAction(action, operationKinds);

    public override void RegisterSymbolEndAction(Action<SymbolAnalysisContext> action) => _symbolEnd += action;

    /// <summary>Registers the rules' symbol-end actions, in registration order, as one action on the driver's context.</summary>
    public void Complete()
    {
        if (_symbolEnd is not null)
            _driverContext.RegisterSymbolEndAction(_symbolEnd);
    }

    public override void RegisterCodeBlockStartAction<TLanguageKindEnum>(Action<CodeBlockStartAnalysisContext<TLanguageKindEnum>> action) => throw FanOutCompilationStartContext.Unsupported();

    public override void RegisterCodeBlockAction(Action<CodeBlockAnalysisContext> action) => throw FanOutCompilationStartContext.Unsupported();

    public override void RegisterSyntaxNodeAction<TLanguageKindEnum>(Action<SyntaxNodeAnalysisContext> action, ImmutableArray<TLanguageKindEnum> syntaxKinds) => throw FanOutCompilationStartContext.Unsupported();

    public override void RegisterOperationBlockStartAction(Action<OperationBlockStartAnalysisContext> action) => throw FanOutCompilationStartContext.Unsupported();

    public override void RegisterOperationBlockAction(Action<OperationBlockAnalysisContext> action) => throw FanOutCompilationStartContext.Unsupported();
}
