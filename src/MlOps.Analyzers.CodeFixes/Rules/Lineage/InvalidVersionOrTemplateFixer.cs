using System.Composition;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using MlOps.Analyzers.CodeFixes.Infrastructure;
using MlOps.Analyzers.Catalog;
using MlOps.Analyzers.Rules.Lineage;

namespace MlOps.Analyzers.CodeFixes.Rules.Lineage;

/// <summary>
/// MLOPS103 fixes. A model output template without <c>{version}</c> gets <c>-{version}</c> before its extension
/// (<c>models/churn.zip</c> → <c>models/churn-{version}.zip</c>), when the template is a string literal in the attribute.
/// A pipeline without a <c>Version</c> gets <c>Version = "0.1.0"</c>. A version that is not SemVer is completed when
/// what it means is evident (<c>"1.0"</c> → <c>"1.0.0"</c>, <c>"v1.2.0"</c> → <c>"1.2.0"</c>;
/// the analyzer's <c>SemVer</c> property); otherwise which version was meant is the team's call.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(InvalidVersionOrTemplateFixer)), Shared]
public sealed class InvalidVersionOrTemplateFixer : SyntaxRewriteFixer
{
    private const string TemplateTitle = "Add {version} to the path template";
    private const string VersionTitle = "Set the pipeline's Version to " + LineageDeclarations.InitialVersion;

    public InvalidVersionOrTemplateFixer()
        : base(RuleIds.InvalidVersionOrTemplate, TemplateTitle)
    {
    }

    private protected override string Title(Diagnostic diagnostic) => Kind(diagnostic) switch
    {
        InvalidVersionOrTemplateAnalyzer.KindMissingVersion => VersionTitle,
        InvalidVersionOrTemplateAnalyzer.KindInvalidVersion => $"Use version '{SemVer(diagnostic)}'",
        _ => TemplateTitle,
    };

    private protected override SyntaxNode? Rewrite(Document document, SyntaxNode root, SemanticModel model, Diagnostic diagnostic, CancellationToken cancellationToken)
    {
        var node = root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true);
        switch (Kind(diagnostic))
        {
            case InvalidVersionOrTemplateAnalyzer.KindTemplate:
                if (node.FirstAncestorOrSelf<AttributeArgumentSyntax>() is not { Expression: LiteralExpressionSyntax literal } argument
                    || !literal.IsKind(SyntaxKind.StringLiteralExpression))
                    return null; // a constant or an interpolated template: the text is not here to edit
                var versioned = LineageDeclarations.Literal(LineageDeclarations.VersionedTemplate(literal.Token.ValueText)).WithTriviaFrom(literal);
                return root.ReplaceNode(argument, argument.WithExpression(versioned));

            case InvalidVersionOrTemplateAnalyzer.KindMissingVersion:
                if (node.FirstAncestorOrSelf<AttributeSyntax>() is not { } attribute)
                    return null;
                var version = SyntaxFactory.AttributeArgument(LineageDeclarations.Literal(LineageDeclarations.InitialVersion))
                    .WithNameEquals(SyntaxFactory.NameEquals("Version"));
                var arguments = attribute.ArgumentList ?? SyntaxFactory.AttributeArgumentList();
                return root.ReplaceNode(attribute, attribute.WithArgumentList(arguments.AddArguments(version)));

            case InvalidVersionOrTemplateAnalyzer.KindInvalidVersion:
                if (SemVer(diagnostic) is not { } completed
                    || node.FirstAncestorOrSelf<AttributeArgumentSyntax>() is not { Expression: LiteralExpressionSyntax written } versionArgument
                    || !written.IsKind(SyntaxKind.StringLiteralExpression))
                    return null;
                return root.ReplaceNode(versionArgument, versionArgument.WithExpression(LineageDeclarations.Literal(completed).WithTriviaFrom(written)));

            default:
                return null;
        }
    }

    private static string? Kind(Diagnostic diagnostic)
        => diagnostic.Properties.TryGetValue(InvalidVersionOrTemplateAnalyzer.KindProperty, out var kind) ? kind : null;

    private static string? SemVer(Diagnostic diagnostic)
        => diagnostic.Properties.TryGetValue(InvalidVersionOrTemplateAnalyzer.SemVerProperty, out var version) ? version : null;
}
