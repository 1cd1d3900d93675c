using System.Collections.Concurrent;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using MlOps.Analyzers.Infrastructure;
using MlOps.Analyzers.Lineage;

namespace MlOps.Analyzers.Rules.Lineage;

/// <summary>
/// MLOPS102: a <c>[Hyperparameter]</c> or <c>[TrainingSeed]</c> member whose value is not a compile-time constant of a
/// supported type. The generator records values at compile time, so a value computed or changed at run time would be
/// recorded wrongly; the generator leaves such members out.
/// </summary>
public sealed class HyperparameterNotConstantAnalyzer : DiagnosticAnalyzer
{
    internal static readonly DiagnosticDescriptor Rule = RuleDescriptors.Create(
        RuleIds.HyperparameterNotConstant,
        RuleCategories.Lineage,
        DiagnosticSeverity.Error,
        title: "Hyper-parameter or training seed is not a compile-time constant of a supported type",
        messageFormat: "The {0} '{1}' cannot be recorded in the lineage: {2}",
        description: "Hyper-parameters and the training seed are recorded at compile time, so each must be a 'const', or a 'static readonly' field or static get-only property initialized with a constant, of type bool, char, an integral or floating-point type, decimal, string or an enum (the seed: int).");

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(Rule);

    public override void Initialize(AnalysisContext context)
    {
        context.EnableConcurrentExecution();
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.RegisterCompilationStartAction(start =>
        {
            if (LineageSymbols.TryCreate(start.Compilation) is not { } symbols)
                return;

            start.RegisterSymbolStartAction(typeStart =>
            {
                var type = (INamedTypeSymbol)typeStart.Symbol;
                if (symbols.GetPipelineAttribute(type) is null)
                    return;

                // The initializers' constant values, collected from the operations (the analyzer has no semantic model
                // for other partial files); the same values the generator reads through its semantic model.
                var initializers = new ConcurrentDictionary<ISymbol, Optional<object?>>(SymbolEqualityComparer.Default);
                typeStart.RegisterOperationAction(c =>
                {
                    var value = PipelineDeclaration.InitializerConstant(c.Operation);
                    switch (c.Operation)
                    {
                        case IFieldInitializerOperation field:
                            foreach (var initialized in field.InitializedFields)
                                initializers[initialized] = value;
                            break;
                        case IPropertyInitializerOperation property:
                            foreach (var initialized in property.InitializedProperties)
                                initializers[initialized] = value;
                            break;
                    }
                }, OperationKind.FieldInitializer, OperationKind.PropertyInitializer);

                typeStart.RegisterSymbolEndAction(c =>
                {
                    if (symbols.GetPipeline(type, c.CancellationToken) is not { } pipeline)
                        return;

                    // The shared read knows no initializer values: judge each member again with the ones seen here.
                    Optional<object?> InitializerValue(ISymbol member) => initializers.TryGetValue(member, out var value) ? value : default;
                    foreach (var member in pipeline.Hyperparameters)
                        Report(c, LineageValueMember.Evaluate(member.Member, member.Attribute, member.RecordedName, isSeed: false, InitializerValue), "hyper-parameter");
                    foreach (var member in pipeline.Seeds)
                        Report(c, LineageValueMember.Evaluate(member.Member, member.Attribute, member.RecordedName, isSeed: true, InitializerValue), "training seed");
                });
            }, SymbolKind.NamedType);
        });
    }

    private static void Report(SymbolAnalysisContext context, LineageValueMember member, string kind)
    {
        if (Reason(member) is { } reason)
            context.ReportDiagnostic(Diagnostic.Create(Rule, member.GetLocation(), kind, member.Member.Name, reason));
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
