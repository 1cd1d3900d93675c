using System;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace MlOps.Analyzers.Hosting;

/// <summary>
/// The symbol-start context the rules of <see cref="MlOpsAnalyzer"/> register into for one type. At the end of the
/// type's start (<see cref="Complete"/>) it registers one operation action for every kind the rules asked for, which
/// calls each rule's action for the operation's kind, and one symbol-end action; it carries the type's
/// <see cref="SharedAnalysisState"/>. The driver wraps each callback it makes (timing, exception handling, context):
/// with one registration per rule it made nine callbacks for every invocation of every type.
/// </summary>
internal sealed class FanOutSymbolStartContext : SymbolStartAnalysisContext, ISharedStateOwner
{
    private readonly SymbolStartAnalysisContext _driverContext;
    private SharedStateBag? _sharedState;
    private Action<SymbolAnalysisContext>? _symbolEnd;
    private OperationRegistration[] _operations = Array.Empty<OperationRegistration>();
    private int _operationCount;

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
    {
        if (_operationCount == _operations.Length)
            Array.Resize(ref _operations, Math.Max(8, _operationCount * 2));
        _operations[_operationCount++] = new OperationRegistration(action, operationKinds);
    }

    public override void RegisterSymbolEndAction(Action<SymbolAnalysisContext> action) => _symbolEnd += action;

    /// <summary>Registers the rules' operation actions and symbol-end actions, in registration order, as one action each.</summary>
    public void Complete()
    {
        var operations = _operations;
        Array.Resize(ref operations, _operationCount);
        if (operations.Length == 1)
        {
            _driverContext.RegisterOperationAction(operations[0].Action, operations[0].Kinds);
        }
        else if (operations.Length > 1)
        {
            var kinds = ImmutableArray.CreateBuilder<OperationKind>();
            foreach (var registration in operations)
            {
                foreach (var kind in registration.Kinds)
                {
                    if (!kinds.Contains(kind))
                        kinds.Add(kind);
                }
            }

            _driverContext.RegisterOperationAction(context => Dispatch(operations, context), kinds.ToImmutable());
        }

        if (_symbolEnd is not null)
            _driverContext.RegisterSymbolEndAction(_symbolEnd);
    }

    private static void Dispatch(OperationRegistration[] operations, OperationAnalysisContext context)
    {
        var kind = context.Operation.Kind;
        foreach (var registration in operations)
        {
            foreach (var registered in registration.Kinds)
            {
                if (registered == kind)
                {
                    registration.Action(context);
                    break;
                }
            }
        }
    }

    private readonly struct OperationRegistration
    {
        public OperationRegistration(Action<OperationAnalysisContext> action, ImmutableArray<OperationKind> kinds)
        {
            Action = action;
            Kinds = kinds;
        }

        public Action<OperationAnalysisContext> Action { get; }

        public ImmutableArray<OperationKind> Kinds { get; }
    }

    public override void RegisterCodeBlockStartAction<TLanguageKindEnum>(Action<CodeBlockStartAnalysisContext<TLanguageKindEnum>> action) => throw FanOutCompilationStartContext.Unsupported();

    public override void RegisterCodeBlockAction(Action<CodeBlockAnalysisContext> action) => throw FanOutCompilationStartContext.Unsupported();

    public override void RegisterSyntaxNodeAction<TLanguageKindEnum>(Action<SyntaxNodeAnalysisContext> action, ImmutableArray<TLanguageKindEnum> syntaxKinds) => throw FanOutCompilationStartContext.Unsupported();

    public override void RegisterOperationBlockStartAction(Action<OperationBlockStartAnalysisContext> action) => throw FanOutCompilationStartContext.Unsupported();

    public override void RegisterOperationBlockAction(Action<OperationBlockAnalysisContext> action) => throw FanOutCompilationStartContext.Unsupported();
}
