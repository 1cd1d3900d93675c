using System;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using MlOps.Analyzers.Infrastructure;

namespace MlOps.Analyzers.Hosting;

/// <summary>
/// The compilation-start context the rules of <see cref="MlOpsAnalyzer"/> register into: it collects their actions and
/// registers each kind once on the driver's context (<see cref="Apply"/>). It supports what the rules use (operation,
/// symbol, named-type symbol-start and compilation-end actions); a rule that needs another kind of action must add it here.
/// </summary>
internal sealed class FanOutCompilationStartContext : CompilationStartAnalysisContext, ISharedStateOwner, IApiFilteredRegistration
{
    private readonly ApiOwnership _owners;
    private readonly ActionTable<OperationKind, OperationAnalysisContext> _operations;
    private readonly ActionTable<SymbolKind, SymbolAnalysisContext> _symbols = new();
    private readonly ActionTable<SymbolKind, SymbolStartAnalysisContext> _symbolStarts = new();
    private readonly OperationDispatchPlan.Cache _plans = new();
    private Action<CompilationAnalysisContext>? _compilationEnd;

#pragma warning disable RS1012 // the driver's context receives the rules' actions in Apply, not here
    public FanOutCompilationStartContext(CompilationStartAnalysisContext driverContext)
        : base(driverContext.Compilation, driverContext.Options, driverContext.CancellationToken)
    {
        _owners = ApiOwnership.For(driverContext.Compilation);
        _operations = new(context => _owners.Of(context.Operation));
    }
#pragma warning restore RS1012

    public SharedStateBag SharedState { get; } = new();

    public override void RegisterOperationAction(Action<OperationAnalysisContext> action, ImmutableArray<OperationKind> operationKinds)
        => _operations.Add(action, operationKinds);

    public void RegisterOperationAction(Action<OperationAnalysisContext> action, ApiOwners calling, ImmutableArray<OperationKind> kinds)
        => _operations.Add(action, kinds, calling);

    public override void RegisterSymbolAction(Action<SymbolAnalysisContext> action, ImmutableArray<SymbolKind> symbolKinds)
        => _symbols.Add(action, symbolKinds);

    public override void RegisterSymbolStartAction(Action<SymbolStartAnalysisContext> action, SymbolKind symbolKind)
        => _symbolStarts.Add(action, ImmutableArray.Create(symbolKind));

    public override void RegisterCompilationEndAction(Action<CompilationAnalysisContext> action) => _compilationEnd += action;

    /// <summary>Registers the collected actions on the driver's context, one action per operation kind, symbol kind and pass.</summary>
    public void Apply(CompilationStartAnalysisContext driverContext)
    {
        _operations.RegisterEach((action, kind) => driverContext.RegisterOperationAction(action, kind));
        _symbols.RegisterEach((action, kind) => driverContext.RegisterSymbolAction(action, kind));
        _symbolStarts.RegisterEach((action, kind) => driverContext.RegisterSymbolStartAction(
            symbolStart =>
            {
                var fanOut = new FanOutSymbolStartContext(symbolStart, _plans, _owners);
                action(fanOut);
                fanOut.Complete();
            },
            kind));
        if (_compilationEnd is not null)
            driverContext.RegisterCompilationEndAction(Engine.CompilationEndCancellation.Combine(Array.ConvertAll(_compilationEnd.GetInvocationList(), handler => (Action<CompilationAnalysisContext>)handler)));
    }

    public override void RegisterSemanticModelAction(Action<SemanticModelAnalysisContext> action) => throw Unsupported();

    public override void RegisterCodeBlockStartAction<TLanguageKindEnum>(Action<CodeBlockStartAnalysisContext<TLanguageKindEnum>> action) => throw Unsupported();

    public override void RegisterCodeBlockAction(Action<CodeBlockAnalysisContext> action) => throw Unsupported();

    public override void RegisterSyntaxTreeAction(Action<SyntaxTreeAnalysisContext> action) => throw Unsupported();

    public override void RegisterSyntaxNodeAction<TLanguageKindEnum>(Action<SyntaxNodeAnalysisContext> action, ImmutableArray<TLanguageKindEnum> syntaxKinds) => throw Unsupported();

    public override void RegisterOperationBlockStartAction(Action<OperationBlockStartAnalysisContext> action) => throw Unsupported();

    public override void RegisterOperationBlockAction(Action<OperationBlockAnalysisContext> action) => throw Unsupported();

    public override void RegisterAdditionalFileAction(Action<AdditionalFileAnalysisContext> action) => throw Unsupported();

    internal static NotSupportedException Unsupported()
        => new("MlOpsAnalyzer hosts operation, symbol, symbol-start and compilation-end actions only; add the new kind to the fan-out contexts in Hosting/.");
}
