using System.Collections.Concurrent;
using System.Linq;
using System.Runtime.CompilerServices;
using System.Threading;
using Microsoft.CodeAnalysis;

namespace MlOps.Analyzers.Facts.Symbols;

/// <summary>
/// The lineage attribute types (from the run-time library <c>MlOps.Lineage</c>), resolved once. Used by the
/// generator's parse step and by the MLOPS100–104 analyzers; <see cref="TryCreate"/> returns <see langword="null"/>
/// when the compilation does not reference the run-time library, so nothing runs for projects that do not use it.
/// </summary>
internal sealed class LineageSymbols
{
    public const string TrainingPipelineAttributeName = "MlOps.Lineage.TrainingPipelineAttribute";
    public const string DatasetInputAttributeName = "MlOps.Lineage.DatasetInputAttribute";
    public const string ModelOutputAttributeName = "MlOps.Lineage.ModelOutputAttribute";
    public const string HyperparameterAttributeName = "MlOps.Lineage.HyperparameterAttribute";
    public const string TrainingSeedAttributeName = "MlOps.Lineage.TrainingSeedAttribute";
    public const string DatasetRoleName = "MlOps.Lineage.DatasetRole";
    public const string DatasetDeclarationName = "MlOps.Lineage.DatasetDeclaration";

    /// <summary>The tool name the generated lineage class carries in its <c>[GeneratedCode]</c> attribute.</summary>
    public const string GeneratorToolName = "MlOps.Analyzers";

    private LineageSymbols(TypeLookup types, INamedTypeSymbol trainingPipeline)
    {
        TrainingPipelineAttribute = trainingPipeline;
        DatasetInputAttribute = types.Get(DatasetInputAttributeName);
        ModelOutputAttribute = types.Get(ModelOutputAttributeName);
        HyperparameterAttribute = types.Get(HyperparameterAttributeName);
        TrainingSeedAttribute = types.Get(TrainingSeedAttributeName);
        DatasetRole = types.Get(DatasetRoleName);
        DatasetDeclaration = types.Get(DatasetDeclarationName);
        GeneratedCodeAttribute = types.Get("System.CodeDom.Compiler.GeneratedCodeAttribute");
    }

    public INamedTypeSymbol TrainingPipelineAttribute { get; }
    public INamedTypeSymbol? DatasetInputAttribute { get; }
    public INamedTypeSymbol? ModelOutputAttribute { get; }
    public INamedTypeSymbol? HyperparameterAttribute { get; }
    public INamedTypeSymbol? TrainingSeedAttribute { get; }
    public INamedTypeSymbol? DatasetRole { get; }
    public INamedTypeSymbol? DatasetDeclaration { get; }
    public INamedTypeSymbol? GeneratedCodeAttribute { get; }

    /// <summary>The symbols, or <see langword="null"/> when <c>MlOps.Lineage</c> is not referenced; resolved once per compilation (see <see cref="MlSymbols.TryCreate"/>).</summary>
    public static LineageSymbols? TryCreate(Compilation compilation)
        => PerCompilation.GetValue(compilation, static c =>
        {
            var types = TypeLookup.For(c);
            return new StrongBox<LineageSymbols?>(types.Get(TrainingPipelineAttributeName) is { } attribute ? new LineageSymbols(types, attribute) : null);
        }).Value;

    private static readonly ConditionalWeakTable<Compilation, StrongBox<LineageSymbols?>> PerCompilation = new();

    /// <summary>The <c>[TrainingPipeline]</c> on <paramref name="type"/>, or null.</summary>
    public AttributeData? GetPipelineAttribute(INamedTypeSymbol type)
    {
        foreach (var attribute in type.GetAttributes()) // runs for every type: no LINQ, no closure
        {
            if (Is(attribute, TrainingPipelineAttribute))
                return attribute;
        }

        return null;
    }

    public static bool Is(AttributeData attribute, INamedTypeSymbol? attributeType)
        => attributeType is not null && SymbolEqualityComparer.Default.Equals(attribute.AttributeClass, attributeType);

    /// <summary>True for a type this package's generator emitted (a <c>[GeneratedCode("MlOps.Analyzers", ...)]</c> class).</summary>
    public bool IsGeneratedLineageClass(ISymbol symbol)
        => symbol is INamedTypeSymbol && symbol.GetAttributes().Any(a =>
            Is(a, GeneratedCodeAttribute)
            && a.ConstructorArguments.Length > 0
            && a.ConstructorArguments[0].Value is string tool
            && tool == GeneratorToolName);
}
