using System.Collections.Immutable;
using System.Composition;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using MlOps.Analyzers.Catalog;
using MlOps.Analyzers.CodeFixes.Infrastructure;
using MlOps.Analyzers.Facts.Pipelines;

namespace MlOps.Analyzers.CodeFixes.Rules.Lineage;

/// <summary>
/// MLOPS105 fixes: bump the pipeline's <c>Version</c> (patch first, then minor and major as further fixes, each its own
/// Fix All), when the version is a SemVer string literal in the attribute, or absent (the lineage then records 0.0.0).
/// The lock itself is rewritten by <c>mlops lock</c> after the next build, never by the fix.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(PipelineChangedWithoutVersionBumpFixer)), Shared]
public sealed class PipelineChangedWithoutVersionBumpFixer : CodeFixProvider
{
    private static readonly VersionPart[] Parts = { VersionPart.Patch, VersionPart.Minor, VersionPart.Major };

    public override ImmutableArray<string> FixableDiagnosticIds => ImmutableArray.Create(RuleIds.PipelineChangedWithoutVersionBump);

    public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

    /// <summary>The Fix All key of a bump: the same for every diagnostic, so Fix All bumps every pipeline at that part.</summary>
    internal static string EquivalenceKey(VersionPart part) => RuleIds.PipelineChangedWithoutVersionBump + ": bump " + PartName(part);

    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        if (root is null)
            return;

        foreach (var diagnostic in context.Diagnostics)
        {
            if (!diagnostic.Location.IsInSource || VersionAt(root, diagnostic) is not { } current)
                continue; // a malformed lock line (in the lock file), or a version that is not a literal to edit
            foreach (var part in Parts)
            {
                if (SemanticVersion.Bumped(current.Version, part) is not { } bumped)
                    continue;
                context.RegisterCodeFix(
                    CodeAction.Create(
                        $"Bump the version to {bumped} ({PartName(part)})",
                        ct => BumpAsync(context.Document, diagnostic, part, ct),
                        EquivalenceKey(part)),
                    diagnostic);
            }
        }
    }

    private static string PartName(VersionPart part) => part switch
    {
        VersionPart.Major => "major",
        VersionPart.Minor => "minor",
        _ => "patch",
    };

    private static async Task<Document> BumpAsync(Document document, Diagnostic diagnostic, VersionPart part, CancellationToken cancellationToken)
    {
        var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
        if (root is null || VersionAt(root, diagnostic) is not { } current || SemanticVersion.Bumped(current.Version, part) is not { } bumped)
            return document;

        if (current.Argument is { Expression: { } written } argument)
            return document.WithSyntaxRoot(root.ReplaceNode(argument, argument.WithExpression(LineageDeclarations.Literal(bumped).WithTriviaFrom(written))));

        var version = SyntaxFactory.AttributeArgument(LineageDeclarations.Literal(bumped)).WithNameEquals(SyntaxFactory.NameEquals("Version"));
        var arguments = current.Attribute.ArgumentList ?? SyntaxFactory.AttributeArgumentList();
        return document.WithSyntaxRoot(root.ReplaceNode(current.Attribute, current.Attribute.WithArgumentList(arguments.AddArguments(version))));
    }

    /// <summary>
    /// The version the diagnostic is about: the <c>Version = "…"</c> string literal it is reported on, or, reported on the
    /// whole attribute, the default version of a pipeline without one.
    /// </summary>
    private static (string Version, AttributeSyntax Attribute, AttributeArgumentSyntax? Argument)? VersionAt(SyntaxNode root, Diagnostic diagnostic)
    {
        var node = root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true);
        if (node.FirstAncestorOrSelf<AttributeArgumentSyntax>() is { } argument)
        {
            return argument.NameEquals?.Name.Identifier.ValueText == "Version"
                && argument.Expression is LiteralExpressionSyntax literal && literal.IsKind(SyntaxKind.StringLiteralExpression)
                && argument.FirstAncestorOrSelf<AttributeSyntax>() is { } owner
                ? (literal.Token.ValueText, owner, argument)
                : null;
        }

        return node.FirstAncestorOrSelf<AttributeSyntax>() is { } attribute
            ? (PipelineDeclaration.DefaultVersion, attribute, null)
            : null;
    }
}
