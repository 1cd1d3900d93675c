using System.Collections.Generic;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using MlOps.Analyzers.Infrastructure;

namespace MlOps.Analyzers.Rules.Reproducibility;

/// <summary>
/// MLOPS001: <c>new MLContext()</c> (or <c>seed: null</c>) whose context is used for something random: a trainer,
/// AutoML, a shuffle or sample, cross-validation or a random-projection transform. ML.NET then seeds from the clock,
/// so every run trains a different model. A context that only loads models, scores or fits deterministic transforms
/// is not a finding: the seed does not change a loaded model's predictions.
/// </summary>
/// <remarks>
/// The context is followed within its type: locals, fields and properties, and parameters of methods of the same
/// type it is passed to. A context handed to another type is not followed (documented limit).
/// </remarks>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class UnseededMLContextAnalyzer : DiagnosticAnalyzer
{
    internal static readonly DiagnosticDescriptor Rule = RuleDescriptors.Create(
        RuleIds.UnseededMLContext,
        RuleCategories.Reproducibility,
        DiagnosticSeverity.Warning,
        title: "MLContext without a seed",
        messageFormat: "This MLContext has no seed, but the context {0}: each run trains a different model. Pass 'seed:' (the pipeline's [TrainingSeed] constant).",
        description: "Without a seed ML.NET seeds the context from the clock, so trainers, shuffles, samples and random transforms differ from run to run and a model cannot be reproduced.");

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(Rule);

    public override void Initialize(AnalysisContext context)
    {
        context.EnableConcurrentExecution();
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.RegisterCompilationStartAction(start =>
        {
            var symbols = MlSymbols.TryCreate(start.Compilation);
            if (symbols?.MLContext is not { } mlContextType)
                return;

            start.RegisterSymbolStartAction(typeStart =>
            {
                var type = (INamedTypeSymbol)typeStart.Symbol;
                var flow = new ContextFlow();
                typeStart.RegisterOperationAction(c =>
                {
                    if (IsDirectlyIn(c.ContainingSymbol, type))
                        OnCreation((IObjectCreationOperation)c.Operation, mlContextType, flow);
                }, OperationKind.ObjectCreation);
                typeStart.RegisterOperationAction(c =>
                {
                    if (IsDirectlyIn(c.ContainingSymbol, type))
                        OnInvocation((IInvocationOperation)c.Operation, symbols, mlContextType, flow);
                }, OperationKind.Invocation);
                typeStart.RegisterOperationAction(c =>
                {
                    if (IsDirectlyIn(c.ContainingSymbol, type))
                        OnAssignment((ISimpleAssignmentOperation)c.Operation, mlContextType, flow);
                }, OperationKind.SimpleAssignment);
                typeStart.RegisterOperationAction(c =>
                {
                    if (IsDirectlyIn(c.ContainingSymbol, type))
                        OnDeclarator((IVariableDeclaratorOperation)c.Operation, mlContextType, flow);
                }, OperationKind.VariableDeclarator);
                typeStart.RegisterSymbolEndAction(c => flow.Report(c.ReportDiagnostic));
            }, SymbolKind.NamedType);
        });
    }

    /// <summary>Nested types get their own symbol-start pass; skip their operations here so nothing is reported twice.</summary>
    private static bool IsDirectlyIn(ISymbol containingSymbol, INamedTypeSymbol type) => TrainingScope.IsDirectlyIn(containingSymbol, type);

    private static bool IsMLContext(ITypeSymbol? type, INamedTypeSymbol mlContextType)
        => SymbolEqualityComparer.Default.Equals(type, mlContextType);

    private static void OnCreation(IObjectCreationOperation creation, INamedTypeSymbol mlContextType, ContextFlow flow)
    {
        if (!IsMLContext(creation.Type, mlContextType) || creation.Constructor is null)
            return;

        var seed = creation.GetArgument("seed");
        if (seed is not null && !seed.Value.IsNullConstant())
            return; // Any seed that is not the constant null counts: a literal, constant, field, variable or parameter (0 is valid).

        flow.AddUnseededCreation(creation);
        if (StorageOf(creation) is { } target)
            flow.AddEdge(creation, target);
    }

    /// <summary>Where a created context is stored: a field or property initializer, or a parameter it is passed to.</summary>
    private static ISymbol? StorageOf(IObjectCreationOperation creation)
    {
        IOperation current = creation;
        while (current.Parent is IConversionOperation or IParenthesizedOperation)
            current = current.Parent;

        return current.Parent switch
        {
            IFieldInitializerOperation field when field.InitializedFields.Length > 0 => field.InitializedFields[0],
            IPropertyInitializerOperation property when property.InitializedProperties.Length > 0 => property.InitializedProperties[0],
            IArgumentOperation { Parameter: { } parameter } => parameter.OriginalDefinition,
            _ => null, // locals and assignments are handled by OnDeclarator / OnAssignment
        };
    }

    private static void OnDeclarator(IVariableDeclaratorOperation declarator, INamedTypeSymbol mlContextType, ContextFlow flow)
    {
        if (declarator.Initializer?.Value is { } value && IsMLContext(value.WalkDownConversions().Type, mlContextType))
            flow.AddValueFlow(value, declarator.Symbol);
    }

    private static void OnAssignment(ISimpleAssignmentOperation assignment, INamedTypeSymbol mlContextType, ContextFlow flow)
    {
        if (!IsMLContext(assignment.Value.WalkDownConversions().Type, mlContextType))
            return;
        if (assignment.Target.GetRootSymbol(out _) is { } target)
            flow.AddValueFlow(assignment.Value, target);
    }

    private static void OnInvocation(IInvocationOperation invocation, MlSymbols symbols, INamedTypeSymbol mlContextType, ContextFlow flow)
    {
        // A context handed to a method of this type flows into that method's parameter.
        foreach (var argument in invocation.Arguments)
        {
            if (argument.Parameter is { } parameter && IsMLContext(argument.Value.WalkDownConversions().Type, mlContextType))
                flow.AddValueFlow(argument.Value, parameter.OriginalDefinition);
        }

        if (MlNetRandomness.DescribeRandomUse(invocation, symbols) is not { } use)
            return;
        var root = invocation.GetReceiver().GetRootSymbol(out var rootOperation);
        if (root is not null)
            flow.AddRandomUse(root, use);
        else if (rootOperation is IObjectCreationOperation creation)
            flow.AddRandomUse(creation, use);
    }

    /// <summary>
    /// Where contexts go within one type: nodes are symbols (locals, fields, properties, parameters) and creations;
    /// an unseeded creation is reported when a node it reaches is used for something random.
    /// </summary>
    private sealed class ContextFlow
    {
        private readonly object _gate = new();
        private readonly List<IObjectCreationOperation> _unseeded = new();
        private readonly Dictionary<object, List<object>> _edges = new(NodeComparer.Instance);
        private readonly Dictionary<object, string> _randomUses = new(NodeComparer.Instance);

        public void AddUnseededCreation(IObjectCreationOperation creation)
        {
            lock (_gate)
                _unseeded.Add(creation);
        }

        public void AddValueFlow(IOperation value, ISymbol target)
        {
            var source = value.GetRootSymbol(out var rootOperation) ?? (object?)(rootOperation as IObjectCreationOperation);
            if (source is not null)
                AddEdge(source, target);
        }

        public void AddEdge(object from, ISymbol to)
        {
            lock (_gate)
            {
                if (!_edges.TryGetValue(from, out var targets))
                    _edges[from] = targets = new List<object>();
                targets.Add(to);
            }
        }

        public void AddRandomUse(object node, string use)
        {
            lock (_gate)
            {
                if (!_randomUses.ContainsKey(node))
                    _randomUses[node] = use;
            }
        }

        public void Report(System.Action<Diagnostic> report)
        {
            lock (_gate)
            {
                foreach (var creation in _unseeded)
                {
                    if (FindRandomUse(creation) is { } use)
                        report(Diagnostic.Create(Rule, creation.Syntax.GetLocation(), use));
                }
            }
        }

        private string? FindRandomUse(object start)
        {
            var visited = new HashSet<object>(NodeComparer.Instance) { start };
            var queue = new Queue<object>();
            queue.Enqueue(start);
            while (queue.Count > 0)
            {
                var node = queue.Dequeue();
                if (_randomUses.TryGetValue(node, out var use))
                    return use;
                if (!_edges.TryGetValue(node, out var targets))
                    continue;
                foreach (var target in targets)
                {
                    if (visited.Add(target))
                        queue.Enqueue(target);
                }
            }

            return null;
        }
    }

    /// <summary>Symbols compare by SymbolEqualityComparer, creations by reference.</summary>
    private sealed class NodeComparer : IEqualityComparer<object>
    {
        public static readonly NodeComparer Instance = new();

        public new bool Equals(object? x, object? y)
            => x is ISymbol a && y is ISymbol b ? SymbolEqualityComparer.Default.Equals(a, b) : ReferenceEquals(x, y);

        public int GetHashCode(object obj)
            => obj is ISymbol symbol ? SymbolEqualityComparer.Default.GetHashCode(symbol) : System.Runtime.CompilerServices.RuntimeHelpers.GetHashCode(obj);
    }
}
