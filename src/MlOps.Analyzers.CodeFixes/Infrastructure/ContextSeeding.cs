using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;
using MlOps.Analyzers.Catalog;
using MlOps.Analyzers.Facts.Contexts;
using MlOps.Analyzers.Facts.Symbols;

namespace MlOps.Analyzers.CodeFixes.Infrastructure;

/// <summary>
/// The MLOPS001 edit — <c>new MLContext(seed: &lt;seed&gt;)</c> — shared with the fixes of findings that exist only because a
/// context is unseeded (MLOPS002; MLOPS003's <c>Seed</c> and <c>Shuffle</c>). Those fixes seed the context itself where
/// they can, so a bulk fix gives one result whichever rule is fixed first: <c>dotnet format analyzers</c> fixes rule by rule
/// in no fixed order and re-analyses between rules, and once MLOPS001 has seeded the context those findings are gone.
/// </summary>
internal static class ContextSeeding
{
    /// <summary><paramref name="creation"/> with its seed argument, exactly as the MLOPS001 fix writes it.</summary>
    public static BaseObjectCreationExpressionSyntax Seeded(Document document, SemanticModel model, BaseObjectCreationExpressionSyntax creation)
    {
        var seed = SeedSuggestion.For(document, model, creation, RuleIds.UnseededMLContext);
        // MLContext has one constructor, MLContext(int? seed = null): the seed replaces whatever was passed.
        var seedArgument = SyntaxFactory.Argument(seed).WithNameColon(SyntaxFactory.NameColon("seed"));
        var arguments = SyntaxFactory.ArgumentList(SyntaxFactory.SingletonSeparatedList(seedArgument));
        if (creation.ArgumentList is { } existing)
            arguments = arguments.WithTriviaFrom(existing);
        return creation.WithArgumentList(arguments);
    }

    /// <summary>
    /// The unseeded <c>new MLContext()</c> creations in <paramref name="root"/> that the context used by
    /// <paramref name="operation"/> comes from (the receiver of a data operation, or the catalog a trainer is created
    /// from): the creation itself, or every value the document stores in the local, field or property the context is read
    /// from, when each of them is an <c>MLContext</c> creation. Empty when any stored value is something else (a parameter, a
    /// factory call): which context runs is then not this document's to decide.
    /// </summary>
    public static ImmutableArray<BaseObjectCreationExpressionSyntax> UnseededCreations(
        IOperation? operation, SyntaxNode root, SemanticModel model, CancellationToken cancellationToken)
    {
        if (MlSymbols.TryCreate(model.Compilation)?.MLContext is not { } mlContext)
            return ImmutableArray<BaseObjectCreationExpressionSyntax>.Empty;

        var context = operation;
        while (context is not null && !SymbolEqualityComparer.Default.Equals(context.Type, mlContext))
            context = context is IPropertyReferenceOperation property ? property.Instance : null;
        context = context?.WalkDownConversions();

        var values = context switch
        {
            IObjectCreationOperation { Syntax: ExpressionSyntax created } => new List<ExpressionSyntax> { created },
            ILocalReferenceOperation local => StoredValues(local.Local, root, model, cancellationToken),
            IFieldReferenceOperation field => StoredValues(field.Field, root, model, cancellationToken),
            IPropertyReferenceOperation property => StoredValues(property.Property, root, model, cancellationToken),
            _ => null,
        };
        if (values is null || values.Count == 0)
            return ImmutableArray<BaseObjectCreationExpressionSyntax>.Empty;

        var creations = ImmutableArray.CreateBuilder<BaseObjectCreationExpressionSyntax>();
        foreach (var value in values)
        {
            var unwrapped = value;
            while (unwrapped is ParenthesizedExpressionSyntax parenthesized)
                unwrapped = parenthesized.Expression;
            if (unwrapped is not BaseObjectCreationExpressionSyntax creation
                || !SymbolEqualityComparer.Default.Equals(model.GetTypeInfo(creation, cancellationToken).Type, mlContext))
                return ImmutableArray<BaseObjectCreationExpressionSyntax>.Empty;
            if (model.GetOperation(creation, cancellationToken) is IObjectCreationOperation created && MLContextSeeding.IsSeeded(created) == false)
                creations.Add(creation);
        }

        return creations.ToImmutable();
    }

    /// <summary>Every value <paramref name="root"/> stores in <paramref name="symbol"/>: initializers and assignments (<c>=</c>, <c>??=</c>). Null when it is written in another way (<c>ref</c>, <c>out</c>, a deconstruction).</summary>
    private static List<ExpressionSyntax>? StoredValues(ISymbol symbol, SyntaxNode root, SemanticModel model, CancellationToken cancellationToken)
    {
        var values = new List<ExpressionSyntax>();
        foreach (var node in root.DescendantNodes())
        {
            switch (node)
            {
                case VariableDeclaratorSyntax { Initializer: { } initializer } declarator
                    when declarator.Identifier.ValueText == symbol.Name
                         && SymbolEqualityComparer.Default.Equals(model.GetDeclaredSymbol(declarator, cancellationToken), symbol):
                    values.Add(initializer.Value);
                    break;
                case PropertyDeclarationSyntax { Initializer: { } initializer } declaration
                    when declaration.Identifier.ValueText == symbol.Name
                         && SymbolEqualityComparer.Default.Equals(model.GetDeclaredSymbol(declaration, cancellationToken), symbol):
                    values.Add(initializer.Value);
                    break;
                case AssignmentExpressionSyntax assignment when Names(assignment.Left, symbol, model, cancellationToken):
                    if (!assignment.IsKind(SyntaxKind.SimpleAssignmentExpression) && !assignment.IsKind(SyntaxKind.CoalesceAssignmentExpression))
                        return null;
                    values.Add(assignment.Right);
                    break;
                case ArgumentSyntax { RefKindKeyword.RawKind: not 0 } argument when Names(argument.Expression, symbol, model, cancellationToken):
                    return null;
            }
        }

        return values;
    }

    private static bool Names(ExpressionSyntax expression, ISymbol symbol, SemanticModel model, CancellationToken cancellationToken)
    {
        var name = expression switch
        {
            IdentifierNameSyntax identifier => identifier,
            MemberAccessExpressionSyntax { Name: IdentifierNameSyntax member } => member,
            _ => null,
        };
        return name is not null && name.Identifier.ValueText == symbol.Name
               && SymbolEqualityComparer.Default.Equals(model.GetSymbolInfo(name, cancellationToken).Symbol, symbol);
    }
}
