using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace MlOps.Analyzers.Facts.Symbols;

/// <summary>
/// The places in its type's code that may write a field or property (after its initializer), found by the member's
/// name in the syntax, without binding: an assignment (plain or compound) to it, a deconstruction into it, a
/// <c>ref</c> / <c>out</c> argument naming it, <c>++</c> / <c>--</c>. A name is not a symbol, so a write of another
/// object's member of that name counts too: callers that need the value bind the plain assignments themselves.
/// The counterpart of <see cref="LocalWrites"/> for members.
/// </summary>
internal static class MemberWrites
{
    public static IEnumerable<SyntaxNode> Of(ISymbol member)
    {
        foreach (var type in member.ContainingType.DeclaringSyntaxReferences)
        {
            foreach (var node in type.GetSyntax().DescendantNodes())
            {
                var writes = node switch
                {
                    AssignmentExpressionSyntax { Left: TupleExpressionSyntax tuple } => tuple.Arguments.Any(argument => Names(argument.Expression, member)),
                    AssignmentExpressionSyntax assignment => Names(assignment.Left, member),
                    ArgumentSyntax { RefKindKeyword.RawKind: not 0 } argument => Names(argument.Expression, member),
                    PrefixUnaryExpressionSyntax unary when unary.IsKind(SyntaxKind.PreIncrementExpression) || unary.IsKind(SyntaxKind.PreDecrementExpression) => Names(unary.Operand, member),
                    PostfixUnaryExpressionSyntax unary when unary.IsKind(SyntaxKind.PostIncrementExpression) || unary.IsKind(SyntaxKind.PostDecrementExpression) => Names(unary.Operand, member),
                    _ => false,
                };
                if (writes)
                    yield return node;
            }
        }
    }

    private static bool Names(ExpressionSyntax target, ISymbol member)
        => (target is MemberAccessExpressionSyntax access ? access.Name : target as SimpleNameSyntax)?.Identifier.ValueText == member.Name;
}
