using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace MlOps.Analyzers.Facts.Training;

/// <summary>
/// RULES.md's "rows that it turns into tensors or an <c>IDataView</c>": whether the rows a call turns into a tensor or a
/// view are the SAME rows a shuffle or sample of the type reordered or picked. The values that come out of a shuffle or
/// sample are followed through the variables, parameters, fields and properties they are stored in, the methods of the
/// type that return them (from one member of the type to another through a field or a call), the collections they are
/// added to, the <c>foreach</c> loops and the lambdas that iterate them. Request rows turned into a view to be scored never meet a shuffle, whatever else the type does.
/// </summary>
internal static class ShuffledRows
{
    /// <summary>The most passes over the code before the flow is taken as settled (each pass adds at least one variable).</summary>
    private const int MaxPasses = 16;

    /// <summary>
    /// The calls of <paramref name="makes"/> whose arguments hold rows that come out of one of <paramref name="shuffles"/>;
    /// <paramref name="bodies"/> are the operation trees of the members of one type that hold any of them, with their member.
    /// </summary>
    public static IEnumerable<IInvocationOperation> MadeFromShuffled(IReadOnlyCollection<(IOperation Body, ISymbol Member)> bodies, IReadOnlyCollection<IInvocationOperation> shuffles, IReadOnlyCollection<IInvocationOperation> makes)
    {
        var shuffled = new HashSet<IOperation>(shuffles);
        var variables = new HashSet<ISymbol>(SymbolEqualityComparer.Default);
        var returnsShuffled = new HashSet<ISymbol>(SymbolEqualityComparer.Default);

        bool Holds(IOperation value)
        {
            foreach (var operation in value.DescendantsAndSelf())
            {
                if (shuffled.Contains(operation)
                    || (Variable(operation) is { } variable && variables.Contains(variable))
                    || (operation is IInvocationOperation call && returnsShuffled.Contains(call.TargetMethod.OriginalDefinition)))
                    return true;
            }

            return false;
        }

        bool Mark(IOperation? target)
        {
            var added = false;
            foreach (var variable in StoredInto(target))
                added |= variables.Add(variable);
            return added;
        }

        // A shuffle in place (Random.Shuffle(array), RandomNumberGenerator.Shuffle(span)) reorders what it is given.
        foreach (var shuffle in shuffles)
        {
            if (shuffle.TargetMethod.ReturnsVoid)
            {
                foreach (var argument in shuffle.Arguments)
                    Mark(argument.Value);
            }
        }

        var operations = bodies.SelectMany(body => body.Body.DescendantsAndSelf().Select(operation => (Operation: operation, body.Member))).ToList();
        for (var pass = 0; pass < MaxPasses; pass++)
        {
            var changed = false;
            foreach (var (operation, member) in operations)
            {
                switch (operation)
                {
                    case IReturnOperation { ReturnedValue: { } returned } when member is IMethodSymbol method && !InFunction(operation) && Holds(returned):
                        changed |= returnsShuffled.Add(method.OriginalDefinition);
                        break;
                    case IVariableDeclaratorOperation declarator when declarator.GetVariableInitializer() is { } initializer && Holds(initializer.Value):
                        changed |= variables.Add(declarator.Symbol);
                        break;
                    case IAssignmentOperation assignment when Holds(assignment.Value):
                        changed |= Mark(assignment.Target);
                        break;
                    case IForEachLoopOperation loop when Holds(loop.Collection):
                        foreach (var local in loop.Locals)
                            changed |= variables.Add(local);
                        changed |= Mark(loop.LoopControlVariable);
                        break;
                    case IInvocationOperation call when call.Arguments.Any(argument => Holds(argument.Value)):
                        // rows.Add(row) fills the collection; rows.Select(row => ...) hands each row to the lambda.
                        changed |= Mark(call.Instance);
                        foreach (var argument in call.Arguments)
                        {
                            if (Lambda(argument.Value) is { } lambda)
                            {
                                foreach (var parameter in lambda.Symbol.Parameters)
                                    changed |= variables.Add(parameter);
                            }
                        }

                        break;
                }
            }

            if (!changed)
                break;
        }

        return makes.Where(make => make.Arguments.Any(argument => Holds(argument.Value)));
    }

    /// <summary>True when <paramref name="operation"/> is inside a lambda or local function (its return is the function's, not the member's).</summary>
    private static bool InFunction(IOperation operation)
    {
        for (var current = operation.Parent; current is not null; current = current.Parent)
        {
            if (current is IAnonymousFunctionOperation or ILocalFunctionOperation)
                return true;
        }

        return false;
    }

    /// <summary>The variable, parameter, field or property an operation reads.</summary>
    private static ISymbol? Variable(IOperation operation) => operation switch
    {
        ILocalReferenceOperation local => local.Local,
        IParameterReferenceOperation parameter => parameter.Parameter,
        IFieldReferenceOperation field => field.Field,
        IPropertyReferenceOperation { Property.IsIndexer: false } property => property.Property,
        _ => null,
    };

    /// <summary>The variables a write to <paramref name="target"/> changes: an element write changes the collection, a tuple each of its parts.</summary>
    private static IEnumerable<ISymbol> StoredInto(IOperation? target)
    {
        switch (target)
        {
            case null:
                yield break;
            case IConversionOperation conversion:
                foreach (var variable in StoredInto(conversion.Operand))
                    yield return variable;
                break;
            case IArrayElementReferenceOperation element:
                foreach (var variable in StoredInto(element.ArrayReference))
                    yield return variable;
                break;
            case IPropertyReferenceOperation { Property.IsIndexer: true } indexer:
                foreach (var variable in StoredInto(indexer.Instance))
                    yield return variable;
                break;
            case ITupleOperation tuple:
                foreach (var element in tuple.Elements)
                {
                    foreach (var variable in StoredInto(element))
                        yield return variable;
                }

                break;
            case IDeclarationExpressionOperation declaration:
                foreach (var variable in StoredInto(declaration.Expression))
                    yield return variable;
                break;
            case IVariableDeclaratorOperation declarator:
                yield return declarator.Symbol;
                break;
            default:
                if (Variable(target) is { } read)
                    yield return read;
                break;
        }
    }

    private static IAnonymousFunctionOperation? Lambda(IOperation value)
    {
        while (value is IDelegateCreationOperation or IConversionOperation)
            value = value is IDelegateCreationOperation creation ? creation.Target : ((IConversionOperation)value).Operand;
        return value as IAnonymousFunctionOperation;
    }
}
