using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;
using MlOps.Analyzers.Facts.Types;
using Xunit;

namespace MlOps.Analyzers.Tests.Infrastructure;

/// <summary>
/// <see cref="TypeFacts{T}"/> observing every type as the driver analyzes its code: a type whose code records nothing
/// gets no entry, and operations observed from many threads at once are each recorded once.
/// </summary>
public class TypeFactsTests
{
    private const string Source = @"
public class Plain
{
    public int Add(int a, int b) => Helper(a) + b;
    private static int Helper(int x) => x;
}

public class Recording
{
    public void Run() { Record(1); Helper(); Record(2); }
    private static void Record(int n) { }
    private static void Helper() { }
}";

    [Fact]
    public void A_type_whose_code_records_nothing_gets_no_entry()
    {
        var (facts, operations) = Observe();

        foreach (var (type, operation, member) in operations)
            facts.Accumulate(type, operation, member);

        var kept = Assert.Single(facts.Accumulated);
        Assert.Equal("Recording", kept.Type.Name);
        Assert.Equal(new[] { "Record", "Record" }, kept.Recorded.Select(i => i.TargetMethod.Name));
    }

    [Fact]
    public void Operations_observed_from_many_threads_are_each_recorded_once()
    {
        for (var attempt = 0; attempt < 50; attempt++)
        {
            var (facts, operations) = Observe();
            var recording = operations.Where(o => o.Type.Name == "Recording").ToArray();

            // Every thread observes every operation of the type at once, the way two files of a partial type race.
            Parallel.For(0, 8, _ =>
            {
                foreach (var (type, operation, member) in recording)
                    facts.Accumulate(type, operation, member);
            });

            var kept = Assert.Single(facts.Accumulated);
            Assert.Equal(16, kept.Recorded.Count);
        }
    }

    private static (TypeFacts<RecordCalls> Facts, ImmutableArray<(INamedTypeSymbol Type, IOperation Operation, ISymbol Member)> Operations) Observe()
    {
        var tree = CSharpSyntaxTree.ParseText(Source);
        var compilation = CSharpCompilation.Create("facts", new[] { tree }, TestReferences.Net80, new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));
        Assert.Empty(compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error));
        var model = compilation.GetSemanticModel(tree);
        var operations = tree.GetRoot().DescendantNodes().OfType<InvocationExpressionSyntax>()
            .Select(call => (IInvocationOperation)model.GetOperation(call)!)
            .Select(call =>
            {
                var member = model.GetEnclosingSymbol(call.Syntax.SpanStart)!;
                return (member.ContainingType, (IOperation)call, member);
            })
            .ToImmutableArray();
        var facts = new TypeFacts<RecordCalls>(
            new TypeDeclarations(compilation), ImmutableArray.Create(OperationKind.Invocation), includeNestedTypes: false, type => new RecordCalls(type), accumulateEveryType: true);
        return (facts, operations);
    }

    /// <summary>Records the calls to methods named <c>Record</c>: the facts of a type that makes none are empty.</summary>
    internal sealed class RecordCalls : TypeObserver
    {
        private ConcurrentQueue<IInvocationOperation>? _recorded;

        public RecordCalls(INamedTypeSymbol type)
            : base(type)
        {
        }

        public ConcurrentQueue<IInvocationOperation> Recorded => _recorded ?? new();

        public override bool IsEmpty => _recorded is null;

        public override void Observe(IOperation operation, ISymbol member)
        {
            if (operation is IInvocationOperation { TargetMethod.Name: "Record" } call)
            {
                lock (this)
                    _recorded ??= new();
                _recorded.Enqueue(call);
            }
        }
    }
}
