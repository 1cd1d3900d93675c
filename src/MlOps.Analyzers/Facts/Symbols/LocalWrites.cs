using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace MlOps.Analyzers.Facts.Symbols;

/// <summary>
/// The values a local variable is assigned in its method body: its initializer and every plain assignment, or
/// <see cref="Opaque"/> when something we do not follow writes it (<c>ref</c>, <c>out</c>, compound assignment,
/// deconstruction, a pattern). Read by the path evaluator (<c>PathEvaluator</c>) and the training scope.
/// </summary>
internal sealed class LocalWrites
{
    public List<IOperation> Values { get; } = new();

    /// <summary>The collection a <c>foreach</c> variable iterates over.</summary>
    public IOperation? ForEachCollection { get; set; }

    public bool Opaque { get; set; }

    /// <summary>Every value <paramref name="reference"/>'s local can hold, or null when it is written by something not followed.</summary>
    public static IReadOnlyList<IOperation>? ValuesOf(ILocalReferenceOperation reference)
    {
        var body = (IOperation)reference;
        while (body.Parent is not null)
            body = body.Parent;
        return Collect(body).TryGetValue(reference.Local, out var writes) && !writes.Opaque && writes.ForEachCollection is null
            ? writes.Values
            : null;
    }

    /// <summary>What every local of <paramref name="body"/> (the root of an operation tree) is assigned.</summary>
    public static Dictionary<ILocalSymbol, LocalWrites> Collect(IOperation body)
    {
        var map = new Dictionary<ILocalSymbol, LocalWrites>(SymbolEqualityComparer.Default);
        LocalWrites For(ILocalSymbol local)
        {
            if (!map.TryGetValue(local, out var writes))
                map[local] = writes = new LocalWrites();
            return writes;
        }

        foreach (var operation in body.DescendantsAndSelf())
        {
            switch (operation)
            {
                case IVariableDeclaratorOperation declarator:
                    var initializer = declarator.GetVariableInitializer();
                    if (initializer is not null)
                        For(declarator.Symbol).Values.Add(initializer.Value);
                    if ((declarator.Parent as IForEachLoopOperation ?? declarator.Parent?.Parent as IForEachLoopOperation) is { } loop)
                        For(declarator.Symbol).ForEachCollection = loop.Collection;
                    break;
                case ISimpleAssignmentOperation { Target: ILocalReferenceOperation target } assignment:
                    if (assignment.IsRef)
                        For(target.Local).Opaque = true;
                    else
                        For(target.Local).Values.Add(assignment.Value);
                    break;
                case ICompoundAssignmentOperation { Target: ILocalReferenceOperation target }:
                    For(target.Local).Opaque = true;
                    break;
                case ICoalesceAssignmentOperation { Target: ILocalReferenceOperation target }:
                    For(target.Local).Opaque = true;
                    break;
                case IIncrementOrDecrementOperation { Target: ILocalReferenceOperation target }:
                    For(target.Local).Opaque = true;
                    break;
                case IDeconstructionAssignmentOperation deconstruction:
                    foreach (var element in deconstruction.Target.DescendantsAndSelf().OfType<ILocalReferenceOperation>())
                        For(element.Local).Opaque = true;
                    foreach (var declared in deconstruction.Target.DescendantsAndSelf().OfType<IDeclarationExpressionOperation>())
                    {
                        foreach (var element in declared.DescendantsAndSelf().OfType<ILocalReferenceOperation>())
                            For(element.Local).Opaque = true;
                    }

                    break;
                case IArgumentOperation { Parameter.RefKind: RefKind.Out or RefKind.Ref } argument:
                    foreach (var element in argument.Value.DescendantsAndSelf().OfType<ILocalReferenceOperation>())
                        For(element.Local).Opaque = true;
                    break;
                case ILocalReferenceOperation { IsDeclaration: true } declaredByPattern:
                    // `out var x`, `is string x`: written by something we do not follow.
                    For(declaredByPattern.Local).Opaque = true;
                    break;
                case IDeclarationPatternOperation { DeclaredSymbol: ILocalSymbol patternLocal }:
                    For(patternLocal).Opaque = true;
                    break;
            }
        }

        return map;
    }
}
