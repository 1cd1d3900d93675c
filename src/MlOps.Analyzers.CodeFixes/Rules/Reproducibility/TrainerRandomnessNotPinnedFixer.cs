using System;
using System.Collections.Generic;
using System.Composition;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Editing;
using Microsoft.CodeAnalysis.Formatting;
using Microsoft.CodeAnalysis.Operations;
using Microsoft.CodeAnalysis.Simplification;
using MlOps.Analyzers.CodeFixes.Infrastructure;
using MlOps.Analyzers.Catalog;
using MlOps.Analyzers.Facts.Symbols;
using MlOps.Analyzers.Rules.Reproducibility;

namespace MlOps.Analyzers.CodeFixes.Rules.Reproducibility;

/// <summary>
/// MLOPS003 fix "Pin the trainer's randomness": the trainer's options set what the diagnostic names: <c>Seed</c> (LightGBM:
/// the pipeline's <c>[TrainingSeed]</c>, else the configured default), <c>Shuffle = false</c>, <c>NumberOfThreads = 1</c>.
/// A trainer created with an options object in place gets those members set (a value already there is replaced). A
/// trainer created with the simple overload moves to the options overload, each argument to the options member of the same
/// name (<c>labelColumnName</c> to <c>LabelColumnName</c>); when an argument has no such member, the fix is not offered.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(TrainerRandomnessNotPinnedFixer)), Shared]
public sealed class TrainerRandomnessNotPinnedFixer : SyntaxRewriteFixer
{
    public TrainerRandomnessNotPinnedFixer()
        : base(RuleIds.TrainerRandomnessNotPinned, "Pin the trainer's randomness")
    {
    }

    private protected override SyntaxNode? Rewrite(Document document, SyntaxNode root, SemanticModel model, Diagnostic diagnostic, CancellationToken cancellationToken)
        => Plan(document, root, model, diagnostic, cancellationToken) is { } plan ? root.ReplaceNode(plan.Target, plan.Replacement) : null;

    /// <summary>The node to replace and its replacement, or null when the fix cannot be made safely.</summary>
    private static (SyntaxNode Target, SyntaxNode Replacement)? Plan(
        Document document, SyntaxNode root, SemanticModel model, Diagnostic diagnostic, CancellationToken cancellationToken)
    {
        if (!diagnostic.Properties.TryGetValue(TrainerRandomnessNotPinnedAnalyzer.MembersProperty, out var names) || string.IsNullOrEmpty(names)
            || root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true).FirstAncestorOrSelf<InvocationExpressionSyntax>() is not { } call
            || model.GetOperation(call, cancellationToken) is not IInvocationOperation invocation
            || invocation.GetNameLocation().SourceSpan != diagnostic.Location.SourceSpan)
            return null; // not the call the finding was reported at (a finding computed before another fix moved the code)

        var pinned = new List<(string Member, ExpressionSyntax Value)>();
        foreach (var member in names!.Split(','))
        {
            ExpressionSyntax value = member switch
            {
                "Seed" => SeedSuggestion.For(document, model, call, RuleIds.TrainerRandomnessNotPinned),
                "Shuffle" => SyntaxFactory.LiteralExpression(SyntaxKind.FalseLiteralExpression),
                _ => SyntaxFactory.LiteralExpression(SyntaxKind.NumericLiteralExpression, SyntaxFactory.Literal(1)),
            };
            pinned.Add((member, value));
        }

        if (invocation.GetArgument("options") is { } options)
        {
            return options.Value.WalkDownConversions() is IObjectCreationOperation { Syntax: BaseObjectCreationExpressionSyntax creation } created
                   && pinned.All(p => WritableMember(created.Type, p.Member) is not null)
                ? (creation, WithMembers(creation, pinned))
                : null;
        }

        return ToOptionsOverload(document, model, invocation, call, pinned) is { } rewritten ? (call, rewritten) : null;
    }

    /// <summary><paramref name="creation"/> with each pinned member assigned: an existing assignment gets the new value, a missing one is added.</summary>
    private static BaseObjectCreationExpressionSyntax WithMembers(BaseObjectCreationExpressionSyntax creation, List<(string Member, ExpressionSyntax Value)> pinned)
    {
        var expressions = creation.Initializer?.Expressions.ToList() ?? new List<ExpressionSyntax>();
        foreach (var (member, value) in pinned)
        {
            var index = expressions.FindIndex(e => e is AssignmentExpressionSyntax { Left: IdentifierNameSyntax name } && name.Identifier.ValueText == member);
            if (index >= 0)
                expressions[index] = ((AssignmentExpressionSyntax)expressions[index]).WithRight(value);
            else
                expressions.Add(Assign(member, value));
        }

        var initializer = SyntaxFactory.InitializerExpression(SyntaxKind.ObjectInitializerExpression, SyntaxFactory.SeparatedList(expressions));
        return creation.WithInitializer(initializer).WithAdditionalAnnotations(Formatter.Annotation);
    }

    /// <summary>
    /// <c>catalog.Sdca(labelColumnName: "Label")</c> as <c>catalog.Sdca(new SdcaRegressionTrainer.Options { LabelColumnName = "Label", ... })</c>:
    /// the overload of the same name whose one parameter (besides the catalog) is <c>options</c>, every argument moved to the
    /// options member its parameter names. Null when there is no such overload or an argument has no member to go to.
    /// </summary>
    private static InvocationExpressionSyntax? ToOptionsOverload(
        Document document, SemanticModel model, IInvocationOperation invocation, InvocationExpressionSyntax call, List<(string Member, ExpressionSyntax Value)> pinned)
    {
        // The extension method's static form: its first parameter is the catalog, and the options overload must take the
        // same catalog (LightGbmExtensions declares a LightGbm for each task).
        var method = invocation.TargetMethod.ReducedFrom ?? invocation.TargetMethod;
        var overload = method.ContainingType.GetMembers(method.Name).OfType<IMethodSymbol>().FirstOrDefault(candidate =>
            candidate.Parameters.Length == (candidate.IsExtensionMethod ? 2 : 1)
            && candidate.Parameters[candidate.Parameters.Length - 1] is { Name: "options", Type.TypeKind: TypeKind.Class }
            && (!candidate.IsExtensionMethod
                || (method.IsExtensionMethod && SymbolEqualityComparer.Default.Equals(candidate.Parameters[0].Type, method.Parameters[0].Type))));
        if (overload is null)
            return null;
        var optionsType = overload.Parameters[overload.Parameters.Length - 1].Type;

        var assignments = new List<ExpressionSyntax>();
        foreach (var argument in invocation.Arguments)
        {
            if (argument.ArgumentKind == ArgumentKind.DefaultValue || argument.Parameter is not { } parameter
                || (method.IsExtensionMethod && parameter.Ordinal == 0))
                continue; // the catalog the extension method is called on
            if (argument.Syntax is not ArgumentSyntax { Expression: { } expression }
                || WritableMember(optionsType, ToMemberName(parameter.Name)) is not { } memberType
                || !model.ClassifyConversion(expression, memberType).IsImplicit)
                return null;
            assignments.Add(Assign(ToMemberName(parameter.Name), expression.WithoutTrivia()));
        }

        foreach (var (member, value) in pinned)
        {
            if (WritableMember(optionsType, member) is null)
                return null;
            assignments.Add(Assign(member, value));
        }

        // Simplified, and its namespace imported when the file lacks it (Microsoft.ML.Trainers is not in every ML file).
        var typeSyntax = (TypeSyntax)SyntaxGenerator.GetGenerator(document).TypeExpression(optionsType)
            .WithAdditionalAnnotations(Simplifier.Annotation, Simplifier.AddImportsAnnotation);
        var creation = SyntaxFactory.ObjectCreationExpression(typeSyntax)
            .WithInitializer(SyntaxFactory.InitializerExpression(SyntaxKind.ObjectInitializerExpression, SyntaxFactory.SeparatedList(assignments)));
        return call.WithArgumentList(SyntaxFactory.ArgumentList(SyntaxFactory.SingletonSeparatedList(SyntaxFactory.Argument(creation))))
            .WithAdditionalAnnotations(Formatter.Annotation);
    }

    /// <summary>The type of the public settable field or property <paramref name="name"/> of <paramref name="type"/> or its base types, or null.</summary>
    private static ITypeSymbol? WritableMember(ITypeSymbol? type, string name)
    {
        for (var current = type; current is not null; current = current.BaseType)
        {
            foreach (var member in current.GetMembers(name))
            {
                switch (member)
                {
                    case IFieldSymbol { DeclaredAccessibility: Accessibility.Public, IsStatic: false, IsReadOnly: false, IsConst: false } field:
                        return field.Type;
                    case IPropertySymbol { DeclaredAccessibility: Accessibility.Public, IsStatic: false, SetMethod.DeclaredAccessibility: Accessibility.Public } property:
                        return property.Type;
                }
            }
        }

        return null;
    }

    /// <summary>ML.NET names an options member after the simple overload's parameter: <c>labelColumnName</c> to <c>LabelColumnName</c>.</summary>
    private static string ToMemberName(string parameter)
        => parameter.Length == 0 ? parameter : char.ToUpperInvariant(parameter[0]) + parameter.Substring(1);

    private static AssignmentExpressionSyntax Assign(string member, ExpressionSyntax value)
        => SyntaxFactory.AssignmentExpression(SyntaxKind.SimpleAssignmentExpression, SyntaxFactory.IdentifierName(member), value);
}
