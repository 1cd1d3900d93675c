using System;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using MlOps.Analyzers.Infrastructure;

namespace MlOps.Analyzers.Hosting;

/// <summary>
/// The symbol-start context the rules of <see cref="MlOpsAnalyzer"/> register into for one type. At the end of the
/// type's start (<see cref="Complete"/>) it registers one operation action for every kind the rules asked for, which
/// calls each rule's action for the operation's kind (<see cref="OperationDispatchPlan"/>), and one symbol-end action; it carries the type's
/// <see cref="SharedAnalysisState"/>. The driver wraps each callback it makes (timing, exception handling, context):
/// with one registration per rule it made nine callbacks for every invocation of every type. A call is classified once
/// (<see cref="ApiOwnership"/>) and reaches only the rules that want calls into its owner (<see cref="ApiFilteredActions"/>).
/// </summary>
internal sealed class FanOutSymbolStartContext : SymbolStartAnalysisContext, ISharedStateOwner, IApiFilteredRegistration
{
    private readonly SymbolStartAnalysisContext _driverContext;
    private readonly OperationDispatchPlan.Cache _plans;
    private readonly ApiOwnership _owners;
    private SharedStateBag? _sharedState;
    // What the rules register is collected in buffers of the thread (a type's start runs on one thread, and this runs for
    // every type of the code base); Complete copies out only the actions the type's callbacks need.
    [ThreadStatic]
    private static Buffers? t_buffers;
    private readonly Buffers _buffers;
    private int _operationCount;
    private int _symbolEndCount;

    // The constructor is marked obsolete to steer hosts to CompilationWithAnalyzers; this context never reaches the
    // driver (every registration is forwarded to the driver's own context), so what it warns about (filter span and
    // generated-code state missing) does not apply: the driver's context keeps them.
#pragma warning disable CS0618, RS1012
    public FanOutSymbolStartContext(SymbolStartAnalysisContext driverContext, OperationDispatchPlan.Cache plans, ApiOwnership owners)
        : base(driverContext.Symbol, driverContext.Compilation, driverContext.Options, driverContext.CancellationToken)
    {
        _driverContext = driverContext;
        _plans = plans;
        _owners = owners;
        _buffers = t_buffers ?? new Buffers();
        t_buffers = null;
    }
#pragma warning restore CS0618, RS1012

    public SharedStateBag SharedState => _sharedState ??= new SharedStateBag();

    public override void RegisterOperationAction(Action<OperationAnalysisContext> action, ImmutableArray<OperationKind> operationKinds)
        => RegisterOperationAction(action, ApiOwners.All, operationKinds);

    public void RegisterOperationAction(Action<OperationAnalysisContext> action, ApiOwners calling, ImmutableArray<OperationKind> kinds)
    {
        if (_operationCount == _buffers.Actions.Length)
        {
            Array.Resize(ref _buffers.Actions, _operationCount * 2);
            Array.Resize(ref _buffers.Registrations, _operationCount * 2);
        }

        _buffers.Actions[_operationCount] = action;
        _buffers.Registrations[_operationCount] = new OperationDispatchPlan.Registration(kinds, calling);
        _operationCount++;
    }

    public override void RegisterSymbolEndAction(Action<SymbolAnalysisContext> action)
    {
        if (_symbolEndCount == _buffers.SymbolEnds.Length)
            Array.Resize(ref _buffers.SymbolEnds, _symbolEndCount * 2);
        _buffers.SymbolEnds[_symbolEndCount++] = action;
    }

    /// <summary>Registers the rules' operation actions and symbol-end actions, in registration order, as one action each.</summary>
    public void Complete()
    {
        var registrations = _buffers.Registrations;
        if (_operationCount == 1 && registrations[0].Calling == ApiOwners.All)
        {
            _driverContext.RegisterOperationAction(_buffers.Actions[0], registrations[0].Kinds);
        }
        else if (_operationCount > 0)
        {
            var plan = _plans.GetOrAdd(registrations, _operationCount);
            var actions = Take(_buffers.Actions, _operationCount);
            var owners = _owners;
            _driverContext.RegisterOperationAction(context => Dispatch(plan, actions, owners, context), plan.Kinds);
        }

        if (_symbolEndCount == 1)
        {
            _driverContext.RegisterSymbolEndAction(_buffers.SymbolEnds[0]);
        }
        else if (_symbolEndCount > 1)
        {
            var ends = Take(_buffers.SymbolEnds, _symbolEndCount);
            _driverContext.RegisterSymbolEndAction(context =>
            {
                foreach (var end in ends)
                    end(context);
            });
        }

        // The buffers go back to the thread without the type's delegates (they would keep its state alive).
        Array.Clear(_buffers.Actions, 0, _operationCount);
        Array.Clear(_buffers.SymbolEnds, 0, _symbolEndCount);
        t_buffers = _buffers;
    }

    private static T[] Take<T>(T[] buffer, int count)
    {
        var taken = new T[count];
        Array.Copy(buffer, taken, count);
        return taken;
    }

    /// <summary>A thread's registration buffers, reused by the types whose start runs on it.</summary>
    private sealed class Buffers
    {
        public Action<OperationAnalysisContext>[] Actions = new Action<OperationAnalysisContext>[16];
        public OperationDispatchPlan.Registration[] Registrations = new OperationDispatchPlan.Registration[16];
        public Action<SymbolAnalysisContext>[] SymbolEnds = new Action<SymbolAnalysisContext>[8];
    }

    private static void Dispatch(OperationDispatchPlan plan, Action<OperationAnalysisContext>[] actions, ApiOwnership owners, OperationAnalysisContext context)
    {
        if (plan.TargetsFor(context.Operation.Kind) is not { } targets)
            return;
        var indices = targets.Indices;
        if (!targets.Filtered)
        {
            foreach (var index in indices)
                actions[index](context);
            return;
        }

        var owner = owners.Of(context.Operation);
        var calling = targets.Calling;
        for (var i = 0; i < indices.Length; i++)
        {
            if ((calling[i] & owner) != 0)
                actions[indices[i]](context);
        }
    }

    public override void RegisterCodeBlockStartAction<TLanguageKindEnum>(Action<CodeBlockStartAnalysisContext<TLanguageKindEnum>> action) => throw FanOutCompilationStartContext.Unsupported();

    public override void RegisterCodeBlockAction(Action<CodeBlockAnalysisContext> action) => throw FanOutCompilationStartContext.Unsupported();

    public override void RegisterSyntaxNodeAction<TLanguageKindEnum>(Action<SyntaxNodeAnalysisContext> action, ImmutableArray<TLanguageKindEnum> syntaxKinds) => throw FanOutCompilationStartContext.Unsupported();

    public override void RegisterOperationBlockStartAction(Action<OperationBlockStartAnalysisContext> action) => throw FanOutCompilationStartContext.Unsupported();

    public override void RegisterOperationBlockAction(Action<OperationBlockAnalysisContext> action) => throw FanOutCompilationStartContext.Unsupported();
}
