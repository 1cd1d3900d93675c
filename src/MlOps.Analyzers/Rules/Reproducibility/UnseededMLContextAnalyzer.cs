using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using MlOps.Analyzers.Apis;
using MlOps.Analyzers.Catalog;
using MlOps.Analyzers.Engine;
using MlOps.Analyzers.Facts.Contexts;
using MlOps.Analyzers.Facts.Symbols;
using MlOps.Analyzers.Facts.Training;
using MlOps.Analyzers.Facts.Types;

namespace MlOps.Analyzers.Rules.Reproducibility;

/// <summary>
/// MLOPS001: <c>new MLContext()</c> (or <c>seed: null</c>) whose context is used for something random: a trainer,
/// AutoML, a shuffle or sample, cross-validation or a random-projection transform. ML.NET then seeds from the clock,
/// so every run trains a different model. A context that only loads models, scores or fits deterministic transforms
/// is not a finding: the seed does not change a loaded model's predictions.
/// </summary>
/// <remarks>
/// The context is followed within its type (locals, fields, properties, parameters of the type's methods, and the
/// properties and methods that return it) and reported live. It is also followed into other types: through the
/// parameters of their methods and constructors it is handed to, to the callers of a method that returns it, and to the
/// readers of a field or property it is kept in (<c>Shared.Ml</c>, <c>env.Context</c>), and from a dependency injection
/// registration (<c>services.AddSingleton(new MLContext())</c>, <c>AddSingleton&lt;MLContext&gt;()</c>) to the constructors
/// the container supplies. Those cases need the whole compilation, so they are reported by compilation-end twins of the
/// descriptor (builds and full-solution analysis, not as-you-type).
/// </remarks>
public sealed class UnseededMLContextAnalyzer : Rule
{
    private const string Title = "MLContext without a seed";
    private const string Description = "Without a seed ML.NET seeds the context from the clock, so trainers, shuffles, samples and random transforms differ from run to run and a model cannot be reproduced.";

    internal static readonly DiagnosticDescriptor Rule = RuleDescriptors.Create(
        RuleIds.UnseededMLContext,
        RuleCategories.Reproducibility,
        DiagnosticSeverity.Warning,
        Title,
        messageFormat: "This MLContext {1}, but the context {0}: each run trains a different model. Pass a fixed 'seed:' (the pipeline's [TrainingSeed] constant, if it has one).",
        Description);

    /// <summary>The same rule when the random use is in another type the context is handed to: decided at compilation end.</summary>
    internal static readonly DiagnosticDescriptor HandedOffRule = RuleDescriptors.Create(
        RuleIds.UnseededMLContext,
        RuleCategories.Reproducibility,
        DiagnosticSeverity.Warning,
        Title,
        messageFormat: "This MLContext {2}, but it is handed to '{1}', where the context {0}: each run trains a different model. Pass a fixed 'seed:' (the pipeline's [TrainingSeed] constant, if it has one).",
        Description,
        customTags: WellKnownDiagnosticTags.CompilationEnd);

    /// <summary>The same rule when a method of another type returns the context to code that uses it: decided at compilation end.</summary>
    internal static readonly DiagnosticDescriptor ReturnedRule = RuleDescriptors.Create(
        RuleIds.UnseededMLContext,
        RuleCategories.Reproducibility,
        DiagnosticSeverity.Warning,
        Title,
        messageFormat: "This MLContext {2}, but '{1}' returns it to code where the context {0}: each run trains a different model. Pass a fixed 'seed:' (the pipeline's [TrainingSeed] constant, if it has one).",
        Description,
        customTags: WellKnownDiagnosticTags.CompilationEnd);

    /// <summary>The same rule when the context is kept in a field or property that code of another type reads: decided at compilation end.</summary>
    internal static readonly DiagnosticDescriptor StoredRule = RuleDescriptors.Create(
        RuleIds.UnseededMLContext,
        RuleCategories.Reproducibility,
        DiagnosticSeverity.Warning,
        Title,
        messageFormat: "This MLContext {2}, but it is kept in '{1}', read by code where the context {0}: each run trains a different model. Pass a fixed 'seed:' (the pipeline's [TrainingSeed] constant, if it has one).",
        Description,
        customTags: WellKnownDiagnosticTags.CompilationEnd);

    /// <summary>The same rule when dependency injection hands the context to a constructor that uses it: decided at compilation end.</summary>
    internal static readonly DiagnosticDescriptor InjectedRule = RuleDescriptors.Create(
        RuleIds.UnseededMLContext,
        RuleCategories.Reproducibility,
        DiagnosticSeverity.Warning,
        Title,
        messageFormat: "This MLContext {2}, but dependency injection hands it to '{1}', where the context {0}: each run trains a different model. Register a seeded context, e.g. AddSingleton(new MLContext(seed: 42)).",
        Description,
        customTags: WellKnownDiagnosticTags.CompilationEnd);

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(Rule, HandedOffRule, ReturnedRule, StoredRule, InjectedRule);

    internal override void Start(RuleStart start)
    {
        var symbols = start.Symbols;
        if (symbols.MLContext is not { } mlContextType)
            return;

        var handOffs = new HandOffs(mlContextType);
        // Every type's flows are recorded as the driver analyzes its code; they meet at compilation end. A creation in this
        // type is judged from its own operation with the type's complete flows (TypeFacts walks the type), so it shows
        // as you type.
        var flows = start.Facts.PerType(
            MLContextSeeding.ObservedKinds, includeNestedTypes: true, type => new ContextFlow(type, symbols, handOffs), accumulateEveryType: true);
        start.OnOperation(
            c =>
            {
                if (!ContextFlow.IsUnseededCreation(c.Operation, mlContextType))
                    return;
                var site = c.Operation.Syntax;
                flows.Judge(c, (flow, report) => flow.JudgeCreation(site, report));
            },
            OperationKind.ObjectCreation,
            OperationKind.Invocation);
        start.OnCompilationEnd(end =>
        {
            foreach (var flow in flows.Accumulated)
                flow.RecordHandOffs();
            handOffs.Report(end.ReportDiagnostic);
        });
    }

    /// <summary>
    /// How the message names the context's seeding: "has no seed", or the clock or entropy source its seed is drawn from
    /// (a seed that differs on every run is no seed, <see cref="EntropySeeds"/>).
    /// </summary>
    private static string Seeding(IOperation creation)
        => MLContextSeeding.EntropySeedOf(creation) is { } source
            ? $"is seeded from '{source.Written}' ({source.Why}), a different seed on every run"
            : "has no seed";

    private static bool IsMLContext(ITypeSymbol? type, INamedTypeSymbol mlContextType)
        => SymbolEqualityComparer.Default.Equals(type, mlContextType);

    /// <summary>
    /// A context registered for dependency injection flows into the container (the node is the <c>MLContext</c> type:
    /// what the container hands to constructors that ask for one). <c>AddSingleton&lt;MLContext&gt;()</c> makes the
    /// container create it with the constructor's default, <c>seed: null</c>: the registration is an unseeded creation.
    /// A seeded registration anywhere in the compilation makes the container's context unknown (which registration wins
    /// depends on the order they run in): then no registration is reported.
    /// </summary>
    private static void OnRegistration(ServiceRegistration registration, IInvocationOperation invocation, INamedTypeSymbol mlContextType, ContextFlow flow, HandOffs handOffs)
    {
        if (registration.ByType)
        {
            flow.AddUnseededCreation(invocation);
            flow.AddContainerFlow(invocation, mlContextType);
            return;
        }

        var values = registration.Instance is { } instance
            ? new[] { instance }
            : registration.Factory!.Body.Descendants().OfType<IReturnOperation>()
                .Where(returned => EnclosingFunction(returned) == registration.Factory)
                .Select(returned => returned.ReturnedValue)
                .OfType<IOperation>();
        foreach (var value in values)
        {
            flow.AddContainerFlow(value, mlContextType);
            if (value.WalkDownConversions() is IObjectCreationOperation creation && MLContextSeeding.IsSeeded(creation) == true)
                handOffs.MarkSeededRegistration();
        }
    }

    private static IAnonymousFunctionOperation? EnclosingFunction(IOperation operation)
    {
        for (var parent = operation.Parent; parent is not null; parent = parent.Parent)
        {
            if (parent is IAnonymousFunctionOperation function)
                return function;
        }

        return null;
    }

    /// <summary>
    /// The flow node a context value comes from: its variable, its creation in place, or the method whose result it is
    /// (what that method returns is recorded as flowing into the method's definition).
    /// </summary>
    private static object? NodeOf(IOperation? value)
    {
        var root = value.GetRootSymbol(out var rootOperation);
        return (object?)root ?? rootOperation switch
        {
            IObjectCreationOperation creation => creation,
            IInvocationOperation call => (object)call.TargetMethod.OriginalDefinition,
            _ => null,
        };
    }

    /// <summary>
    /// Where contexts go within one type: nodes are symbols (locals, fields, properties, parameters) and creations;
    /// an unseeded creation is reported when a node it reaches is used for something random. Parameters of other
    /// types are where the type's knowledge ends: what reaches them is handed to <see cref="HandOffs"/>.
    /// </summary>
    private sealed class ContextFlow : TypeObserver
    {
        private readonly INamedTypeSymbol type;
        private readonly MLContextSeeding seeding;
        private readonly MlSymbols _symbols;
        private readonly HandOffs _handOffs;
        private bool _graphBuilt;
        // Created on first use, under a lock on this private instance: one flow exists per type of the code base, and
        // most types never see an MLContext. The edges are built at symbol end from the recorded flows.
        private List<IOperation>? _unseeded; // creations, and registrations the container creates from
        private Dictionary<object, List<object>>? _edges;
        private Dictionary<object, string>? _randomUses;

        public ContextFlow(INamedTypeSymbol type, MlSymbols symbols, HandOffs handOffs)
            : base(type)
        {
            this.type = type;
            _symbols = symbols;
            _handOffs = handOffs;
            seeding = new MLContextSeeding(type, symbols.MLContext!, symbols.Owners);
        }

        /// <summary>A <c>new MLContext()</c> / <c>seed: null</c>, or a registration the container creates an unseeded context from (<see cref="OnRegistration"/>).</summary>
        public static bool IsUnseededCreation(IOperation operation, INamedTypeSymbol mlContextType) => operation switch
        {
            IObjectCreationOperation creation => IsMLContext(creation.Type, mlContextType) && MLContextSeeding.IsSeeded(creation) == false,
            IInvocationOperation invocation => ServiceRegistration.Of(invocation, mlContextType) is { ByType: true },
            _ => false,
        };

        /// <summary>Nested types are judged with their own facts; skip their operations here so nothing is reported twice.</summary>
        public bool IsDirectlyIn(ISymbol containingSymbol) => TrainingScope.IsDirectlyIn(containingSymbol, type);

        public override void Observe(IOperation operation, ISymbol member)
        {
            seeding.Observe(operation, member);
            if (!IsDirectlyIn(member))
                return;
            switch (operation)
            {
                case IObjectCreationOperation creation:
                    // Any seed that is not the constant null counts: a literal, constant, field, variable or parameter (0 is valid).
                    if (IsMLContext(creation.Type, _symbols.MLContext!) && MLContextSeeding.IsSeeded(creation) == false)
                        AddUnseededCreation(creation);
                    break;
                case IInvocationOperation invocation:
                    // ML.NET makes the random uses, and so do the team's own extension methods on a catalog; dependency
                    // injection is neither's.
                    var owner = _symbols.Owners.Of(invocation);
                    if ((owner & (ApiOwners.MlNet | ApiOwners.Source)) != 0 && MlNetRandomness.DescribeRandomUse(invocation, _symbols) is { } use)
                        AddRandomUse(invocation.GetReceiver(), use);
                    else if (owner == ApiOwners.Other && ServiceRegistration.Of(invocation, _symbols.MLContext!) is { } registration)
                        OnRegistration(registration, invocation, _symbols.MLContext!, this, _handOffs);
                    break;
            }
        }

        /// <remarks>Asked of facts no other thread sees yet (<see cref="TypeObserver.IsEmpty"/>): no lock.</remarks>
        public override bool IsEmpty => seeding.IsEmpty && _unseeded is null && _edges is null && _randomUses is null;

        public void AddUnseededCreation(IOperation creation)
        {
            lock (this)
                (_unseeded ??= new()).Add(creation);
        }

        /// <summary><paramref name="value"/> is registered for dependency injection: it flows into <paramref name="container"/>.</summary>
        public void AddContainerFlow(IOperation value, INamedTypeSymbol container)
        {
            lock (this)
                AddEdge(value is IInvocationOperation registration ? registration : NodeOf(value), container);
        }

        /// <summary>
        /// A random use of the context <paramref name="receiver"/> reads: its node, and the context property of another
        /// object it is read from (<c>env.Context</c>), which code of other types sets.
        /// </summary>
        public void AddRandomUse(IOperation? receiver, string use)
        {
            var node = NodeOf(receiver);
            var property = seeding.PropertyOfAnotherObject(receiver);
            if (node is null && property is null)
                return;
            lock (this)
            {
                _randomUses ??= new(NodeComparer.Instance);
                Record(_randomUses, node, use);
                Record(_randomUses, property, use);
            }

            static void Record(Dictionary<object, string> uses, object? used, string use)
            {
                if (used is not null && !uses.ContainsKey(used))
                    uses[used] = use; // the first use found names the finding
            }
        }

        /// <summary>
        /// Judges the unseeded creation (or container registration) at <paramref name="site"/> with the type's complete
        /// graph: reported when it reaches a random use of this type, handed to <see cref="HandOffs"/> when it reaches other
        /// types. Reported from the creation's own operation, so the finding belongs to the code that holds it.
        /// </summary>
        public void JudgeCreation(SyntaxNode site, System.Action<Diagnostic> report)
        {
            lock (this)
            {
                BuildGraph();
                foreach (var creation in _unseeded ?? Enumerable.Empty<IOperation>())
                {
                    if (creation.Syntax != site)
                        continue;
                    var (use, foreign) = Walk(creation);
                    if (use is not null)
                        report(Diagnostic.Create(Rule, creation.Syntax.GetLocation(), use, Seeding(creation)));
                    else if (!foreign.IsEmpty)
                        _handOffs.AddCreation(creation.Syntax.GetLocation(), Seeding(creation), foreign);
                }
            }
        }

        /// <summary>Tells <see cref="HandOffs"/> where this type's parameters and shared nodes lead (at compilation end).</summary>
        public void RecordHandOffs()
        {
            lock (this)
            {
                BuildGraph();
                // What this type's own parameters, and the results of the methods it calls or declares, lead to: for contexts
                // handed in from other types or returned to them.
                foreach (var point in HandOffPoints())
                {
                    var (use, foreign) = Walk(point);
                    _handOffs.AddPoint(point, use, foreign);
                }
            }
        }

        /// <summary>Adds the type's stores and hand-offs of contexts (the seeding record's flows) to the graph, once. Called under the lock.</summary>
        private void BuildGraph()
        {
            if (_graphBuilt)
                return;
            _graphBuilt = true;
            foreach (var flow in seeding.Flows)
            {
                if (!IsDirectlyIn(flow.Where))
                    continue;
                AddValueFlow(flow.Value, flow.Target);
                if (flow.Target is IParameterSymbol passedTo)
                    _handOffs.MarkPassed(passedTo); // this code calls it with a context: not one the container supplies
            }
        }

        /// <summary>
        /// The nodes other types can reach: this type's own parameters, every method whose result is a context, and every
        /// field or property the context is kept in (a static <c>Shared.Ml</c>, another object's <c>env.Context</c>).
        /// </summary>
        private IEnumerable<ISymbol> HandOffPoints()
        {
            var seen = new HashSet<object>(NodeComparer.Instance);
            foreach (var pair in _edges ?? System.Linq.Enumerable.Empty<KeyValuePair<object, List<object>>>())
            {
                foreach (var node in pair.Value)
                {
                    if (IsHandOffPoint(node) && seen.Add(node))
                        yield return (ISymbol)node;
                }

                if (IsHandOffPoint(pair.Key) && seen.Add(pair.Key))
                    yield return (ISymbol)pair.Key;
            }

            foreach (var node in _randomUses?.Keys ?? System.Linq.Enumerable.Empty<object>())
            {
                if (IsHandOffPoint(node) && seen.Add(node))
                    yield return (ISymbol)node;
            }
        }

        private bool IsHandOffPoint(object node) => IsSharedNode(node) || (node is IParameterSymbol parameter && IsOwn(parameter));

        /// <summary>
        /// A node whose value code of other types can read: a method's result, a field or property (not a private one of
        /// this type when it has no nested types: most contexts live in such a field, and following them would cost a
        /// walk per type for nothing), and the dependency injection container's <c>MLContext</c> (the type symbol, see
        /// <see cref="OnRegistration"/>).
        /// </summary>
        private bool IsSharedNode(object node) => node switch
        {
            IMethodSymbol or INamedTypeSymbol => true,
            IFieldSymbol or IPropertySymbol => ((ISymbol)node).DeclaredAccessibility != Accessibility.Private
                                               || !SymbolEqualityComparer.Default.Equals(((ISymbol)node).ContainingType, type)
                                               || !type.GetTypeMembers().IsEmpty,
            _ => false,
        };

        private bool IsOwn(IParameterSymbol parameter)
            => SymbolEqualityComparer.Default.Equals(parameter.ContainingSymbol?.ContainingType, type);

        private void AddValueFlow(IOperation value, ISymbol target)
        {
            AddEdge(NodeOf(value), target);
            AddEdge(seeding.PropertyOfAnotherObject(value), target);
        }

        private void AddEdge(object? source, ISymbol target)
        {
            if (source is null || NodeComparer.Instance.Equals(source, target))
                return;
            _edges ??= new(NodeComparer.Instance);
            if (!_edges.TryGetValue(source, out var targets))
                _edges[source] = targets = new List<object>();
            targets.Add(target);
        }

        /// <summary>
        /// The first random use reachable from <paramref name="start"/>, and the hand-off points it reaches where other
        /// types take over: other types' parameters, methods whose result the context becomes (callers anywhere), and
        /// fields and properties it is kept in (readers anywhere).
        /// </summary>
        private (string? Use, ImmutableArray<ISymbol> Foreign) Walk(object start)
        {
            var visited = new HashSet<object>(NodeComparer.Instance) { start };
            var foreign = ImmutableArray.CreateBuilder<ISymbol>();
            var queue = new Queue<object>();
            queue.Enqueue(start);
            while (queue.Count > 0)
            {
                var node = queue.Dequeue();
                if (_randomUses is not null && _randomUses.TryGetValue(node, out var use))
                    return (use, ImmutableArray<ISymbol>.Empty);
                if (node is IParameterSymbol parameter && !IsOwn(parameter))
                {
                    foreign.Add(parameter);
                    continue;
                }

                if (node != start && IsSharedNode(node))
                    foreign.Add((ISymbol)node); // its readers in this type are followed below, its readers elsewhere at compilation end

                if (_edges is null || !_edges.TryGetValue(node, out var targets))
                    continue;
                foreach (var target in targets)
                {
                    if (visited.Add(target))
                        queue.Enqueue(target);
                }
            }

            return (null, foreign.ToImmutable());
        }
    }

    /// <summary>
    /// Contexts handed across types, resolved when the whole compilation has been seen: a creation reaches hand-off
    /// points (other types' parameters, methods that return it, fields and properties that keep it, the dependency
    /// injection container); each point either reaches a random use or hands the context on again. A parameter is known
    /// from its own type; a method's result, a field or a property from every type that reads it; the container from
    /// the constructors it supplies (<paramref name="container"/> is the <c>MLContext</c> type).
    /// </summary>
    private sealed class HandOffs(INamedTypeSymbol container)
    {
        private readonly ConcurrentBag<(Location Location, string Seeding, ImmutableArray<ISymbol> Targets)> _creations = new();
        private readonly ConcurrentDictionary<ISymbol, (string? Use, ImmutableArray<ISymbol> Next)> _points =
            new(SymbolEqualityComparer.Default);
        private readonly ConcurrentDictionary<ISymbol, bool> _passed = new(SymbolEqualityComparer.Default);
        private volatile bool _seededRegistration;

        public void AddCreation(Location location, string seeding, ImmutableArray<ISymbol> targets) => _creations.Add((location, seeding, targets));

        public void AddPoint(ISymbol point, string? use, ImmutableArray<ISymbol> next)
            => _points.AddOrUpdate(point, (use, next), (_, known) => (known.Use ?? use, known.Next.AddRange(next)));

        /// <summary>Code of the compilation passes a context (seeded or not) to <paramref name="parameter"/>.</summary>
        public void MarkPassed(IParameterSymbol parameter) => _passed.TryAdd(parameter, true);

        /// <summary>The code registers a seeded context for dependency injection somewhere.</summary>
        public void MarkSeededRegistration() => _seededRegistration = true;

        public void Report(System.Action<Diagnostic> report)
        {
            // The container hands its MLContext to the constructors that ask for one and that no code of the compilation
            // calls with a context (those are activated by the container), unless a seeded registration may win.
            var injected = _seededRegistration ? ImmutableArray<ISymbol>.Empty : _points.Keys
                .Where(point => point is IParameterSymbol { ContainingSymbol: IMethodSymbol { MethodKind: MethodKind.Constructor } } parameter
                                && SymbolEqualityComparer.Default.Equals(parameter.Type, container)
                                && !_passed.ContainsKey(parameter))
                .ToImmutableArray();
            if (!injected.IsEmpty)
                AddPoint(container, use: null, injected);

            foreach (var (location, seeding, targets) in _creations)
            {
                if (Find(targets) is not { } found)
                    continue;
                report(found.Entry switch
                {
                    IParameterSymbol parameter when found.Injected => Diagnostic.Create(InjectedRule, location, found.Use, Display(parameter.ContainingSymbol), seeding),
                    IMethodSymbol method => Diagnostic.Create(ReturnedRule, location, found.Use, Display(method), seeding),
                    IParameterSymbol parameter => Diagnostic.Create(HandedOffRule, location, found.Use, Display(parameter.ContainingSymbol), seeding),
                    var member => Diagnostic.Create(StoredRule, location, found.Use, Display(member), seeding),
                });
            }
        }

        private static string Display(ISymbol symbol) => symbol.ToDisplayString(SymbolDisplayFormat.CSharpShortErrorMessageFormat);

        /// <summary>
        /// The first random use reachable from <paramref name="targets"/>, and the hand-off point it was reached through
        /// (past the container: the constructor parameter it supplied).
        /// </summary>
        private (string Use, ISymbol Entry, bool Injected)? Find(ImmutableArray<ISymbol> targets)
        {
            var visited = new HashSet<ISymbol>(SymbolEqualityComparer.Default);
            var queue = new Queue<(ISymbol Point, ISymbol Entry, bool Injected)>();
            foreach (var target in targets)
            {
                if (visited.Add(target))
                    queue.Enqueue((target, target, false));
            }

            while (queue.Count > 0)
            {
                var (point, entry, injected) = queue.Dequeue();
                if (!_points.TryGetValue(point, out var known))
                    continue; // code we cannot see (metadata), or a result nobody uses: nothing known, nothing reported
                if (known.Use is not null)
                    return (known.Use, entry, injected);
                var fromContainer = SymbolEqualityComparer.Default.Equals(point, container);
                foreach (var next in known.Next)
                {
                    if (visited.Add(next))
                        queue.Enqueue(fromContainer ? (next, next, true) : (next, entry, injected));
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
