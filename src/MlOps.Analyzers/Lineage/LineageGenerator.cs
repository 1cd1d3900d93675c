using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Globalization;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using MlOps.Analyzers.Facts.Pipelines;
using MlOps.Analyzers.Facts.Symbols;

namespace MlOps.Analyzers.Lineage;

/// <summary>
/// Emits a nested <c>Lineage</c> class into each <c>partial</c> type marked <c>[TrainingPipeline]</c>: name, version,
/// seed, typed dataset and model output declarations, hyper-parameters, code fingerprint, source revision and
/// <c>Capture()</c>. Parse (<see cref="PipelineDeclaration"/>) → equatable model (<see cref="PipelineModel"/>) → emit
/// (<see cref="LineageEmitter"/>). It reports nothing: misuse is reported by the MLOPS100–104 analyzers (so that
/// <c>#pragma</c> and .editorconfig suppressions work), and invalid input is skipped.
/// </summary>
[Generator(LanguageNames.CSharp)]
public sealed class LineageGenerator : IIncrementalGenerator
{
    internal const string SourceRevisionProperty = "build_property.MlOpsSourceRevision";
    internal const string SourceRevisionIdProperty = "build_property.SourceRevisionId";
    internal const string UnknownRevision = "unknown";

    public void Initialize(IncrementalGeneratorInitializationContext context)
    {
        var pipelines = context.SyntaxProvider
            .ForAttributeWithMetadataName(
                LineageSymbols.TrainingPipelineAttributeName,
                static (node, _) => node is TypeDeclarationSyntax,
                static (ctx, ct) => Parse(ctx, ct))
            .WithTrackingName(TrackingNames.Pipelines)
            .Where(static model => model is not null)
            .Select(static (model, _) => model!)
            .WithTrackingName(TrackingNames.ValidPipelines)
            .Collect()
            .SelectMany(static (all, _) => WithUniqueHintNames(all))
            .WithTrackingName(TrackingNames.UniqueHintNames);

        var revision = context.AnalyzerConfigOptionsProvider
            .Select(static (options, _) => ReadSourceRevision(options.GlobalOptions))
            .WithTrackingName(TrackingNames.SourceRevision);

        var language = context.ParseOptionsProvider
            .Select(static (options, _) => TargetLanguage.For(options))
            .WithTrackingName(TrackingNames.Language);

        var outputs = pipelines
            .Combine(revision)
            .Combine(language)
            .Select(static (pair, _) => new PipelineOutput(pair.Left.Left, pair.Left.Right, pair.Right))
            .WithTrackingName(TrackingNames.Outputs);

        context.RegisterSourceOutput(outputs, static (spc, output) =>
            spc.AddSource(output.Pipeline.HintName, LineageEmitter.Emit(output.Pipeline, output.SourceRevision, output.Language)));
    }

    /// <summary>
    /// The compiler requires hint names that differ ignoring case (they become file names), C# type names need not:
    /// pipelines <c>N.Churn</c> and <c>N.churn</c> would make the second <c>AddSource</c> throw. The later one (in ordinal
    /// order) gets a numbered name, <c>N.churn.Lineage2.g.cs</c>; every other name stays as it is.
    /// </summary>
    internal static ImmutableArray<PipelineModel> WithUniqueHintNames(ImmutableArray<PipelineModel> pipelines)
    {
        const string Suffix = ".Lineage.g.cs";
        var taken = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var unique = ImmutableArray.CreateBuilder<PipelineModel>(pipelines.Length);
        foreach (var pipeline in pipelines.OrderBy(p => p.HintName, StringComparer.Ordinal))
        {
            var hintName = pipeline.HintName;
            for (var n = 2; !taken.Add(hintName); n++)
                hintName = pipeline.HintName.Substring(0, pipeline.HintName.Length - Suffix.Length) + ".Lineage" + n.ToString(CultureInfo.InvariantCulture) + ".g.cs";
            unique.Add(hintName == pipeline.HintName ? pipeline : pipeline with { HintName = hintName });
        }

        return unique.MoveToImmutable();
    }

    /// <summary><c>MlOpsSourceRevision</c>, else <c>SourceRevisionId</c> (both made compiler-visible by the package's props), else "unknown".</summary>
    internal static string ReadSourceRevision(AnalyzerConfigOptions options)
    {
        if (options.TryGetValue(SourceRevisionProperty, out var revision) && !string.IsNullOrWhiteSpace(revision))
            return revision.Trim();
        if (options.TryGetValue(SourceRevisionIdProperty, out revision) && !string.IsNullOrWhiteSpace(revision))
            return revision.Trim();
        return UnknownRevision;
    }

    /// <remarks>
    /// No catch-all: broken code is skipped by the checks below and by <see cref="PipelineDeclaration.TryRead"/>, and an
    /// exception here is a bug, which the compiler reports as CS8785 naming it (and the robustness guard fails on).
    /// </remarks>
    private static PipelineModel? Parse(GeneratorAttributeSyntaxContext context, CancellationToken cancellationToken)
    {
        if (context.TargetSymbol is not INamedTypeSymbol type)
            return null;
        var compilation = context.SemanticModel.Compilation;
        if (LineageSymbols.TryCreate(compilation) is not { } symbols)
            return null;

        // The attribute may (erroneously, CS0579) sit on several partial declarations: generate once, for the
        // declaration that carries the attribute the symbol reports first, so hint names stay unique.
        if (symbols.GetPipelineAttribute(type)?.ApplicationSyntaxReference is not { } attributeReference
            || attributeReference.SyntaxTree != context.TargetNode.SyntaxTree
            || !context.TargetNode.Span.Contains(attributeReference.Span))
            return null;

        Optional<object?> InitializerValue(ISymbol member)
        {
            if (PipelineDeclaration.InitializerSyntax(member, cancellationToken) is not { } initializer)
                return default;
            var model = initializer.SyntaxTree == context.SemanticModel.SyntaxTree
                ? context.SemanticModel
                : compilation.GetSemanticModel(initializer.SyntaxTree);
            return PipelineDeclaration.InitializerConstant(model.GetOperation(initializer, cancellationToken));
        }

        var declaration = PipelineDeclaration.TryRead(type, symbols, InitializerValue, cancellationToken);
        return declaration is null ? null : PipelineModelBuilder.Build(declaration, symbols, cancellationToken);
    }
}
