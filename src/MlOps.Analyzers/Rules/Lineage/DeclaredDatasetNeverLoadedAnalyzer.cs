using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using MlOps.Analyzers.Catalog;
using MlOps.Analyzers.Engine;
using MlOps.Analyzers.Facts.Paths;
using MlOps.Analyzers.Facts.Pipelines;
using MlOps.Analyzers.Facts.Symbols;
using MlOps.Analyzers.Facts.Types;

namespace MlOps.Analyzers.Rules.Lineage;

/// <summary>
/// MLOPS104: a <c>[DatasetInput]</c> that the pipeline's code never uses: no reference to its generated member
/// (<c>Lineage.Datasets.X</c>) and no path naming it anywhere in the pipeline type — a constant, or a path built only
/// from the declared one (<c>Path.Combine</c> of its parts, an interpolation, a field or local holding it), folded and
/// judged as MLOPS010 judges a load (<see cref="PathJudgement.NamesDeclaredPath(ImmutableArray{PathPart}, string)"/>). The lineage then records (and <c>Capture()</c> hashes) data the model may not have been trained on.
/// </summary>
/// <remarks>
/// Info, not Warning: a dataset loaded by another type, or through <c>Lineage.Pipeline.Datasets</c>, is not seen.
/// </remarks>
public sealed class DeclaredDatasetNeverLoadedAnalyzer : Rule
{
    internal static readonly DiagnosticDescriptor Rule = RuleDescriptors.Create(
        RuleIds.DeclaredDatasetNeverLoaded,
        RuleCategories.Lineage,
        DiagnosticSeverity.Info,
        title: "Declared dataset is never loaded by the pipeline",
        messageFormat: "Pipeline '{0}' declares the dataset '{1}' ('{2}') but its code never loads it: read it through '{3}.Datasets.{4}', or remove the declaration",
        description: "A declared dataset is recorded in every run's lineage and hashed by Capture(); if the pipeline's code never reads it, the lineage claims an input the model was not trained on (or the code reads the data from somewhere else).");

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(Rule);

    internal override RuleGate Gate => RuleGate.LineageAttributes;

    internal override void Start(RuleStart start)
    {
        var symbols = start.Lineage;
        // Paths are folded as MLOPS010 folds them when the compilation references an ML library (the evaluator's symbols).
        var paths = start.Passes(RuleGate.MachineLearning) ? start.Facts.Paths : null;
        // The only calls that build a path are Path.Combine / Path.Join: the engine hands the facts no other invocation.
        var uses = start.Facts.PerType(DatasetUses.Kinds, includeNestedTypes: false, type => new DatasetUses(type, symbols, paths), invokedNames: PathBuilders);
        // Each pipeline is judged once per analysis of its file, from the file that carries its [TrainingPipeline] (its findings are that file's
        // own), with the dataset members and constants its code uses (TypeFacts walks the type).
        start.OnSemanticModel(c =>
        {
            var judged = new HashSet<INamedTypeSymbol>(SymbolEqualityComparer.Default);
            foreach (var type in PipelineDeclaration.DeclaredIn(c.SemanticModel, symbols, c.CancellationToken))
            {
                if (!judged.Add(type))
                    continue;
                var cancellationToken = c.CancellationToken;
                uses.Judge(type, c.SemanticModel, c.ReportDiagnostic, (facts, report) => Judge(type, facts, symbols, report, cancellationToken), cancellationToken);
            }
        });
    }

    private static void Judge(INamedTypeSymbol type, DatasetUses used, LineageSymbols symbols, System.Action<Diagnostic> report, System.Threading.CancellationToken cancellationToken)
    {
        if (PipelineDeclaration.Of(type, symbols, cancellationToken) is not { } pipeline)
            return;
        foreach (var dataset in pipeline.Datasets)
        {
            if (!dataset.IsUsable || used.Members.ContainsKey(dataset.Identifier!) || IsPathUsed(dataset.Path!, used))
                continue;
            report(Diagnostic.Create(
                Rule,
                dataset.GetLocation(),
                pipeline.Name ?? type.Name,
                dataset.Name,
                dataset.Path,
                pipeline.LineageClassName,
                dataset.Identifier));
        }
    }

    /// <summary>The generated dataset members, the string constants and the folded paths a pipeline's code uses.</summary>
    private sealed class DatasetUses : TypeObserver
    {
        private readonly LineageSymbols _symbols;
        private readonly PathEvaluator? _paths;

        public DatasetUses(INamedTypeSymbol type, LineageSymbols symbols, PathEvaluator? paths)
            : base(type)
        {
            _symbols = symbols;
            _paths = paths;
        }

        public static ImmutableArray<OperationKind> Kinds { get; } = ImmutableArray.Create(
            OperationKind.FieldReference, OperationKind.PropertyReference, OperationKind.Literal, OperationKind.Binary,
            OperationKind.InterpolatedString, OperationKind.Invocation);

        public ConcurrentDictionary<string, bool> Members { get; } = new();

        public ConcurrentDictionary<string, bool> Constants { get; } = new();

        /// <summary>The values of the paths the code builds (each alternative of each outermost path expression).</summary>
        public ConcurrentQueue<ImmutableArray<PathPart>> Paths { get; } = new();

        public override void Observe(IOperation operation, ISymbol member)
        {
            var used = operation is IFieldReferenceOperation { Field: var field } && IsDatasetMember(field, Type, _symbols) ? field.Name : null;
            var text = operation.ConstantValue is { HasValue: true, Value: string constant } ? constant : null;
            var builds = used is null && text is null && _paths is not null && IsOutermostPath(operation, _paths.Symbols);

            // The ancestor walk (to the root of the tree) only for the few operations that would be recorded.
            if ((used is null && text is null && !builds) || IsInAttribute(operation.Syntax))
                return; // nothing to record, or the declaration itself (not a use)

            if (used is not null)
                Members[used] = true;
            if (text is not null)
                Constants[text] = true;
            if (builds)
            {
                foreach (var alternative in _paths!.Evaluate(operation).Alternatives)
                    Paths.Enqueue(alternative);
            }
        }
    }

    /// <summary>
    /// A string that is not a constant and may be a path (a <c>Path.Combine</c> / <c>Path.Join</c>, an interpolation, a
    /// concatenation, a field or property), and not a piece of a larger one: each path the code builds is folded once, whole.
    /// </summary>
    private static bool IsOutermostPath(IOperation operation, MlSymbols symbols)
    {
        if (operation.Type?.SpecialType != SpecialType.System_String || operation.ConstantValue.HasValue || !BuildsPath(operation, symbols))
            return false;
        var parent = operation.Parent;
        while (parent is IConversionOperation or IArgumentOperation or IInterpolationOperation or IParenthesizedOperation)
            parent = parent.Parent;
        return parent is null || !BuildsPath(parent, symbols);
    }

    /// <summary>The <c>System.IO.Path</c> methods that build a path from parts.</summary>
    private static readonly string[] PathBuilders = { "Combine", "Join" };

    private static bool BuildsPath(IOperation operation, MlSymbols symbols) => operation switch
    {
        IInvocationOperation invocation => System.Array.IndexOf(PathBuilders, invocation.TargetMethod.Name) >= 0 && MlSymbols.Is(invocation.TargetMethod.ContainingType, symbols.SystemPath),
        IBinaryOperation { OperatorKind: BinaryOperatorKind.Add } binary => binary.Type?.SpecialType == SpecialType.System_String,
        IInterpolatedStringOperation or IFieldReferenceOperation or IPropertyReferenceOperation => true,
        _ => false,
    };

    /// <summary>
    /// The node is part of an attribute (e.g. the path of a <c>[DatasetInput]</c>). An attribute argument is an
    /// expression, and no expression contains a member declaration (local functions are statements), so the walk up can
    /// stop at the first member declaration instead of going to the root of the tree. Not at a statement: a lambda in a
    /// (broken) attribute argument has statements.
    /// </summary>
    private static bool IsInAttribute(SyntaxNode node)
    {
        for (SyntaxNode? current = node; current is not null; current = current.Parent)
        {
            switch (current)
            {
                case AttributeSyntax:
                    return true;
                case MemberDeclarationSyntax:
                    return false;
            }
        }

        return false;
    }

    /// <summary>The pipeline's code names the dataset's path: a constant (the text itself, or the same path written differently), or a path it builds.</summary>
    private static bool IsPathUsed(string path, DatasetUses used)
        => used.Constants.ContainsKey(path)
           || used.Constants.Keys.Any(text => PathJudgement.NamesDeclaredPath(text, path))
           || used.Paths.Any(parts => PathJudgement.NamesDeclaredPath(parts, path));

    /// <summary>A field of the generated <c>Lineage.Datasets</c> class of <paramref name="pipeline"/>.</summary>
    private static bool IsDatasetMember(IFieldSymbol field, INamedTypeSymbol pipeline, LineageSymbols symbols)
        => field.ContainingType is { Name: LineageNaming.DatasetsClassName, ContainingType: { } lineage }
           && symbols.IsGeneratedLineageClass(lineage)
           && SymbolEqualityComparer.Default.Equals(lineage.ContainingType?.OriginalDefinition, pipeline.OriginalDefinition);
}
