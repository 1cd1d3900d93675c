using System;
using System.Collections.Generic;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace MlOps.Analyzers.Facts.Types;

/// <summary>
/// The executable code of a type in one syntax tree, as the operation trees the compiler driver analyzes and the member
/// each belongs to (the driver's <c>ContainingSymbol</c>): method, constructor, operator and accessor bodies, expression
/// bodies (their getter), field and property initializers, top-level statements. Lambdas and local functions are part of
/// their member's tree.
/// </summary>
internal static class TypeWalk
{
    /// <param name="mayHold">A syntactic test of a member's body (or initializer): a body it rejects is not bound, since
    /// binding is what a walk costs.</param>
    public static IEnumerable<(IOperation Root, ISymbol Member)> Bodies(SyntaxNode declaration, SemanticModel model, bool includeNestedTypes, Func<SyntaxNode, bool>? mayHold, CancellationToken cancellationToken)
    {
        switch (declaration)
        {
            case TypeDeclarationSyntax type:
                foreach (var member in type.Members)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    if (member is BaseTypeDeclarationSyntax nested)
                    {
                        if (!includeNestedTypes)
                            continue;
                        foreach (var body in Bodies(nested, model, includeNestedTypes, mayHold, cancellationToken))
                            yield return body;
                        continue;
                    }

                    foreach (var body in MemberBodies(member, model, mayHold, cancellationToken))
                        yield return body;
                }

                break;
            case CompilationUnitSyntax unit:
                // Top-level statements: the members of the compiler's program type.
                foreach (var member in unit.Members)
                {
                    if (member is GlobalStatementSyntax statement
                        && (mayHold is null || mayHold(statement))
                        && model.GetOperation(statement.Statement, cancellationToken) is { } root
                        && model.GetEnclosingSymbol(statement.Statement.SpanStart, cancellationToken) is { } main)
                        yield return (root, main);
                }

                break;
        }
    }

    private static IEnumerable<(IOperation Root, ISymbol Member)> MemberBodies(MemberDeclarationSyntax member, SemanticModel model, Func<SyntaxNode, bool>? mayHold, CancellationToken cancellationToken)
    {
        switch (member)
        {
            case BaseMethodDeclarationSyntax method:
                if (Body(method, model.GetDeclaredSymbol(method, cancellationToken), model, mayHold, cancellationToken) is { } methodBody)
                    yield return methodBody;
                break;
            case BasePropertyDeclarationSyntax property:
                var symbol = model.GetDeclaredSymbol(property, cancellationToken);
                if (property.AccessorList is { } accessors)
                {
                    foreach (var accessor in accessors.Accessors)
                    {
                        if (Body(accessor, model.GetDeclaredSymbol(accessor, cancellationToken), model, mayHold, cancellationToken) is { } accessorBody)
                            yield return accessorBody;
                    }
                }

                var expressionBody = property switch
                {
                    PropertyDeclarationSyntax p => p.ExpressionBody,
                    IndexerDeclarationSyntax i => i.ExpressionBody,
                    _ => null,
                };
                if (expressionBody is not null && Body(expressionBody, (symbol as IPropertySymbol)?.GetMethod ?? symbol, model, mayHold, cancellationToken) is { } getter)
                    yield return getter;
                if (property is PropertyDeclarationSyntax { Initializer: { } initializer } && Body(initializer, symbol, model, mayHold, cancellationToken) is { } propertyInitializer)
                    yield return propertyInitializer;
                break;
            case BaseFieldDeclarationSyntax field:
                foreach (var variable in field.Declaration.Variables)
                {
                    if (variable.Initializer is { } value && Body(value, model.GetDeclaredSymbol(variable, cancellationToken), model, mayHold, cancellationToken) is { } fieldInitializer)
                        yield return fieldInitializer;
                }

                break;
        }
    }

    private static (IOperation Root, ISymbol Member)? Body(SyntaxNode node, ISymbol? member, SemanticModel model, Func<SyntaxNode, bool>? mayHold, CancellationToken cancellationToken)
        => member is not null && (mayHold is null || mayHold(node)) && model.GetOperation(node, cancellationToken) is { } root ? (root, member) : null;
}
