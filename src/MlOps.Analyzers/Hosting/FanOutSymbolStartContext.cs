using System;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace MlOps.Analyzers.Hosting;

/// <summary>
/// The symbol-start context the rules of <see cref="MlOpsAnalyzer"/> register into for one type. At the end of the
/// type's start (<see cref="Complete"/>) it registers one operation action for every kind the rules asked for, which
/// calls each rule's action for the operation's kind (<see cref="OperationDispatchPlan"/>), and one symbol-end action; it carries the type's
/// <see cref="SharedAnalysisState"/>. The driver wraps each callback it makes (timing, exception handling, context):
/// with one registration per rule it made nine callbacks for every invocation of every type.
/// </summary>
internal sealed class FanOutSymbolStartContext : SymbolStartAnalysisContext, ISharedStateOwner
{
    private readonly SymbolStartAnalysisContext _driverContext;
    private readonly OperationDispatchPlan.Cache _plans;
    private SharedStateBag? _sharedState;
    private Action<OperationAnalysisContext>[] _actions = Array.Empty<Action<OperationAnalysisContext>>();
    private ImmutableArray<OperationKind>[] _kinds = Array.Empty<ImmutableArray<OperationKind>>();
    private int _operationCount;
    private Action<SymbolAnalysisContext>[] _symbolEnds = Array.Empty<Action<SymbolAnalysisContext>>();
    private int _symbolEndCount;

    // The constructor is marked obsolete to steer hosts to CompilationWithAnalyzers; this context never reaches the
    // driver (every registration is forwarded to the driver's own context), so what it warns about (filter span and
    // generated-code state missing) does not apply: the driver's context keeps them.
#pragma warning disable CS0618, RS1012
    public FanOutSymbolStartContext(SymbolStartAnalysisContext driverContext, OperationDispatchPlan.Cache plans)
        : base(driverContext.Symbol, driverContext.Compilation, driverContext.Options, driverContext.CancellationToken)
    {
        _driverContext = driverContext;
        _plans = plans;
    }
#pragma warning restore CS0618, RS1012

    public SharedStateBag SharedState => _sharedState ??= new SharedStateBag();

    public override void RegisterOperationAction(Action<OperationAnalysisContext> action, ImmutableArray<OperationKind> operationKinds)
    {
        if (_operationCount == _actions.Length)
        {
            Array.Resize(ref _actions, Math.Max(8, _operationCount * 2));
            Array.Resize(ref _kinds, _actions.Length);
        }

        _actions[_operationCount] = action;
        _kinds[_operationCount] = operationKinds;
        _operationCount++;
    }

    public override void RegisterSymbolEndAction(Action<SymbolAnalysisContext> action)
    {
        if (_symbolEndCount == _symbolEnds.Length)
            Array.Resize(ref _symbolEnds, Math.Max(8, _symbolEndCount * 2));
        _symbolEnds[_symbolEndCount++] = action;
    }

    /// <summary>Registers the rules' operation actions and symbol-end actions, in registration order, as one action each.</summary>
    public void Complete()
    {
        if (_operationCount == 1)
        {
            _driverContext.RegisterOperationAction(_actions[0], _kinds[0]);
        }
        else if (_operationCount > 1)
        {
            var plan = _plans.GetOrAdd(_kinds, _operationCount);
            var actions = _actions;
            _driverContext.RegisterOperationAction(context => Dispatch(plan, actions, context), plan.Kinds);
        }

        if (_symbolEndCount == 1)
        {
            _driverContext.RegisterSymbolEndAction(_symbolEnds[0]);
        }
        else if (_symbolEndCount > 1)
        {
            var ends = _symbolEnds;
            var count = _symbolEndCount;
            _driverContext.RegisterSymbolEndAction(context =>
            {
                for (var i = 0; i < count; i++)
                    ends[i](context);
            });
        }
    }

    private static void Dispatch(OperationDispatchPlan plan, Action<OperationAnalysisContext>[] actions, OperationAnalysisContext context)
    {
        var registrations = plan.RegistrationsFor(context.Operation.Kind);
        if (registrations is null)
            return;
        foreach (var index in registrations)
            actions[index](context);
    }

    public override void RegisterCodeBlockStartAction<TLanguageKindEnum>(Action<CodeBlockStartAnalysisContext<TLanguageKindEnum>> action) => throw FanOutCompilationStartContext.Unsupported();

    public override void RegisterCodeBlockAction(Action<CodeBlockAnalysisContext> action) => throw FanOutCompilationStartContext.Unsupported();

    public override void RegisterSyntaxNodeAction<TLanguageKindEnum>(Action<SyntaxNodeAnalysisContext> action, ImmutableArray<TLanguageKindEnum> syntaxKinds) => throw FanOutCompilationStartContext.Unsupported();

    public override void RegisterOperationBlockStartAction(Action<OperationBlockStartAnalysisContext> action) => throw FanOutCompilationStartContext.Unsupported();

    public override void RegisterOperationBlockAction(Action<OperationBlockAnalysisContext> action) => throw FanOutCompilationStartContext.Unsupported();
}
