using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using MlOps.Analyzers.Catalog;
using MlOps.Analyzers.Engine;
using MlOps.Analyzers.Facts.Pipelines;
using MlOps.Analyzers.Facts.Symbols;
using MlOps.Analyzers.Facts.Types;

namespace MlOps.Analyzers.Rules.Lineage;

/// <summary>
/// MLOPS102: a <c>[Hyperparameter]</c> or <c>[TrainingSeed]</c> member whose value is not a compile-time constant of a
/// supported type. The generator records values at compile time, so a value computed or changed at run time would be
/// recorded wrongly; the generator leaves such members out.
/// </summary>
public sealed class HyperparameterNotConstantAnalyzer : Rule
{
    internal static readonly DiagnosticDescriptor Rule = RuleDescriptors.Create(
        RuleIds.HyperparameterNotConstant,
        RuleCategories.Lineage,
        DiagnosticSeverity.Error,
        title: "Hyper-parameter or training seed is not a compile-time constant of a supported type",
        messageFormat: "The {0} '{1}' cannot be recorded in the lineage: {2}",
        description: "Hyper-parameters and the training seed are recorded at compile time, so each must be a 'const', or a 'static readonly' field or static get-only property initialized with a constant, of type bool, char, an integral or floating-point type, decimal, string or an enum (the seed: int).");

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(Rule);

    internal override RuleGate Gate => RuleGate.LineageAttributes;

    internal override void Start(RuleStart start)
    {
        var symbols = start.Lineage;
        var initializers = start.Facts.PerType(InitializerValues.Kinds, includeNestedTypes: false, type => new InitializerValues(type));
        // Each pipeline is judged once per analysis of its file, from the file that carries its [TrainingPipeline] (its findings are that file's
        // own), with its initializer values (TypeFacts walks the type).
        start.OnSemanticModel(c =>
        {
            var judged = new HashSet<INamedTypeSymbol>(SymbolEqualityComparer.Default);
            foreach (var type in PipelineDeclaration.DeclaredIn(c.SemanticModel, symbols, c.CancellationToken))
            {
                if (!judged.Add(type))
                    continue;
                var cancellationToken = c.CancellationToken;
                initializers.Judge(type, c.SemanticModel, c.ReportDiagnostic, (facts, report) => Judge(type, facts, symbols, report, cancellationToken), cancellationToken);
            }
        });
    }

    private static void Judge(INamedTypeSymbol type, InitializerValues initializers, LineageSymbols symbols, System.Action<Diagnostic> report, System.Threading.CancellationToken cancellationToken)
    {
        if (PipelineDeclaration.Of(type, symbols, cancellationToken) is not { } pipeline)
            return;

        // The shared read knows no initializer values: judge each member again with the ones the type's code holds.
        foreach (var member in pipeline.Hyperparameters)
            Report(report, LineageValueMember.Evaluate(member.Member, member.Attribute, member.RecordedName, isSeed: false, initializers.ValueOf), "hyper-parameter");
        foreach (var member in pipeline.Seeds)
            Report(report, LineageValueMember.Evaluate(member.Member, member.Attribute, member.RecordedName, isSeed: true, initializers.ValueOf), "training seed");
    }

    /// <summary>
    /// The constant values of a type's field and property initializers, read from its operations (an analyzer has no
    /// semantic model for other partial files); the same values the generator reads through its semantic model.
    /// </summary>
    private sealed class InitializerValues : TypeObserver
    {
        private readonly ConcurrentDictionary<ISymbol, Optional<object?>> _values = new(SymbolEqualityComparer.Default);

        public InitializerValues(INamedTypeSymbol type)
            : base(type)
        {
        }

        public static ImmutableArray<OperationKind> Kinds { get; } = ImmutableArray.Create(OperationKind.FieldInitializer, OperationKind.PropertyInitializer);

        public Optional<object?> ValueOf(ISymbol member) => _values.TryGetValue(member, out var value) ? value : default;

        public override void Observe(IOperation operation, ISymbol member)
        {
            var value = PipelineDeclaration.InitializerConstant(operation);
            switch (operation)
            {
                case IFieldInitializerOperation field:
                    foreach (var initialized in field.InitializedFields)
                        _values[initialized] = value;
                    break;
                case IPropertyInitializerOperation property:
                    foreach (var initialized in property.InitializedProperties)
                        _values[initialized] = value;
                    break;
            }
        }
    }

    private static void Report(System.Action<Diagnostic> report, LineageValueMember member, string kind)
    {
        if (Reason(member) is { } reason)
            report(Diagnostic.Create(Rule, member.GetLocation(), kind, member.Member.Name, reason));
    }

    private static string? Reason(LineageValueMember member) => member.Problem switch
    {
        LineageValueProblem.InstanceMember => "it is an instance member; make it 'const' or 'static readonly' with a constant value",
        LineageValueProblem.Mutable => "its value can change at run time; make it 'const' or 'static readonly' with a constant value",
        LineageValueProblem.NotConstant => "its value is not a compile-time constant; use a 'const', or a 'static readonly' field or static get-only property initialized with a constant",
        LineageValueProblem.UnsupportedType => $"its type '{member.Type?.ToDisplayString()}' is not supported; use bool, char, an integral or floating-point type, decimal, string or an enum",
        LineageValueProblem.NullValue => "its value is null",
        LineageValueProblem.SeedNotInt => $"its type '{member.Type?.ToDisplayString()}' is not 'int' (ML.NET and TorchSharp take int seeds)",
        _ => null,
    };
}
