using System.Composition;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Formatting;
using Microsoft.CodeAnalysis.Operations;
using MlOps.Analyzers.CodeFixes.Infrastructure;
using MlOps.Analyzers.Apis;
using MlOps.Analyzers.Catalog;
using MlOps.Analyzers.Facts.Pipelines;
using MlOps.Analyzers.Facts.Symbols;

namespace MlOps.Analyzers.CodeFixes.Rules.ModelVersioning;

/// <summary>
/// MLOPS021 fix, "Write the lineage record beside the model": inserts <c>Lineage.Capture().WriteSidecar(path);</c> after
/// the save, with the pipeline's generated lineage class and the saved path. Offered when the save is a statement of a
/// <c>[TrainingPipeline]</c> type (or a type nested in one) and names its file through a variable or a constant, which
/// reads the same after the save. A path built in place (a timestamp, a call) is not repeated, and a stream save does not
/// name its file: neither is fixed.
/// </summary>
/// <remarks>
/// The record is captured after the save, so it times the run from there and hashes the datasets as they are then.
/// Moving <c>Capture()</c> to where the run starts is the user's choice (see docs/rules/MLOPS021.md).
/// </remarks>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(ModelSavedWithoutLineageFixer)), Shared]
public sealed class ModelSavedWithoutLineageFixer : SyntaxRewriteFixer
{
    public ModelSavedWithoutLineageFixer()
        : base(RuleIds.ModelSavedWithoutLineage, "Write the lineage record beside the model")
    {
    }

    private protected override SyntaxNode? Rewrite(Document document, SyntaxNode root, SemanticModel model, Diagnostic diagnostic, CancellationToken cancellationToken)
        => TryGetInsertion(root, model, diagnostic.Location.SourceSpan, cancellationToken) is { } insertion ? Insert(root, insertion) : null;

    private readonly record struct Insertion(ExpressionStatementSyntax Save, string LineageClass, ExpressionSyntax Path);

    private static Insertion? TryGetInsertion(SyntaxNode root, SemanticModel model, Microsoft.CodeAnalysis.Text.TextSpan span, CancellationToken cancellationToken)
    {
        if (root.FindNode(span, getInnermostNodeForTie: true) is not { } node
            || node.FirstAncestorOrSelf<InvocationExpressionSyntax>() is not { } call || call.Span != span
            || call.Parent is not ExpressionStatementSyntax { Parent: BlockSyntax } statement
            || model.GetOperation(call, cancellationToken) is not IInvocationOperation invocation
            || MlSymbols.TryCreate(model.Compilation) is not { } symbols
            || LineageSymbols.TryCreate(model.Compilation) is not { } lineage
            || SavedPath(invocation, symbols) is not { Syntax: ExpressionSyntax path } pathOperation
            || !ReadsTheSameAfterTheSave(pathOperation)
            || model.GetEnclosingSymbol(call.SpanStart, cancellationToken)?.ContainingType is not { } type)
            return null;

        // The generated class is nested in the pipeline type, so its simple name resolves in that type and in types nested in it.
        for (var current = type; current is not null; current = current.ContainingType)
        {
            if (lineage.GetPipelineAttribute(current) is not null)
                return new Insertion(statement, LineageNaming.GetLineageClassName(current, lineage), path);
        }

        return null;
    }

    /// <summary>The file path a save names: a model save's string destination, or the path <c>ModelArtifact.Save / SaveUsingPath</c> takes first.</summary>
    private static IOperation? SavedPath(IInvocationOperation invocation, MlSymbols symbols)
    {
        if (MlSymbols.Is(invocation.TargetMethod.ContainingType, symbols.ModelArtifact))
            return invocation.Arguments.FirstOrDefault(a => a.Parameter?.Ordinal == 0)?.Value;
        return ModelSaveApis.TryGet(invocation, symbols, out var save) && save.Destination.Value.Type?.SpecialType == SpecialType.System_String
            ? save.Destination.Value
            : null;
    }

    /// <summary>A constant, or a variable read as such (local, parameter, field, property of this type): evaluated again, it names the same file.</summary>
    private static bool ReadsTheSameAfterTheSave(IOperation path) => path.WalkDownConversions() switch
    {
        { ConstantValue.HasValue: true } => true,
        ILocalReferenceOperation or IParameterReferenceOperation => true,
        IFieldReferenceOperation field => field.Instance is null or IInstanceReferenceOperation,
        IPropertyReferenceOperation property => property.Arguments.IsEmpty && property.Instance is null or IInstanceReferenceOperation,
        _ => false,
    };

    private static SyntaxNode Insert(SyntaxNode root, Insertion insertion)
    {
        var write = SyntaxFactory.ParseStatement($"{insertion.LineageClass}.Capture().WriteSidecar({insertion.Path.WithoutTrivia().ToFullString()});")
            .WithLeadingTrivia(insertion.Save.GetLeadingTrivia().Where(t => t.IsKind(SyntaxKind.WhitespaceTrivia)))
            .WithTrailingTrivia(insertion.Save.GetTrailingTrivia().Where(t => t.IsKind(SyntaxKind.EndOfLineTrivia))) // the file's line ending
            .WithAdditionalAnnotations(Formatter.Annotation);
        return root.InsertNodesAfter(insertion.Save, new[] { write });
    }
}
