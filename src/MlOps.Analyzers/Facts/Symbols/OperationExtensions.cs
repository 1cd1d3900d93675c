using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace MlOps.Analyzers.Facts.Symbols;

internal static class OperationExtensions
{
    /// <summary>Strips conversions and parentheses: the value as written.</summary>
    public static IOperation WalkDownConversions(this IOperation operation)
    {
        while (true)
        {
            switch (operation)
            {
                case IConversionOperation conversion:
                    operation = conversion.Operand;
                    break;
                case IParenthesizedOperation parenthesized:
                    operation = parenthesized.Operand;
                    break;
                default:
                    return operation;
            }
        }
    }

    /// <summary>The receiver of a call: the instance, or the first argument of an extension method in reduced form.</summary>
    public static IOperation? GetReceiver(this IInvocationOperation invocation)
    {
        if (invocation.Instance is { } instance)
            return instance.WalkDownConversions();
        if (invocation.TargetMethod.IsExtensionMethod && invocation.Arguments.Length > 0)
            return invocation.Arguments[0].Value.WalkDownConversions();
        return null;
    }

    /// <summary>The type of the receiver, or the declaring type for a static call.</summary>
    public static ITypeSymbol? GetReceiverType(this IInvocationOperation invocation)
        => invocation.GetReceiver()?.Type ?? (invocation.TargetMethod.IsStatic && !invocation.TargetMethod.IsExtensionMethod ? invocation.TargetMethod.ContainingType : null);

    /// <summary>
    /// Follows member accesses down to the variable a value comes from: for <c>ctx.BinaryClassification.Trainers</c>
    /// that is <c>ctx</c>. Returns the local, parameter, field or property symbol, or null (a creation, a call result).
    /// </summary>
    public static ISymbol? GetRootSymbol(this IOperation? operation, out IOperation? rootOperation)
    {
        rootOperation = null;
        while (operation is not null)
        {
            operation = operation.WalkDownConversions();
            switch (operation)
            {
                case ILocalReferenceOperation local:
                    rootOperation = local;
                    return local.Local;
                case IParameterReferenceOperation parameter:
                    rootOperation = parameter;
                    return parameter.Parameter;
                case IFieldReferenceOperation field:
                    rootOperation = field;
                    return field.Field;
                case IPropertyReferenceOperation property when property.Instance is null or IInstanceReferenceOperation:
                    // A property of this type (or a static one) holds the value itself.
                    rootOperation = property;
                    return property.Property;
                case IPropertyReferenceOperation property:
                    operation = property.Instance;
                    break;
                case ISimpleAssignmentOperation or ICoalesceAssignmentOperation:
                    // (_ml ??= new MLContext()).Data: an assignment's value is what its target holds afterwards.
                    operation = ((IAssignmentOperation)operation).Target;
                    break;
                default:
                    rootOperation = operation;
                    return null;
            }
        }

        return null;
    }

    /// <summary>The argument bound to the parameter called <paramref name="name"/>, if it was passed explicitly.</summary>
    public static IArgumentOperation? GetArgument(this IInvocationOperation invocation, string name)
        => FindArgument(invocation.Arguments, name);

    /// <inheritdoc cref="GetArgument(IInvocationOperation, string)"/>
    public static IArgumentOperation? GetArgument(this IObjectCreationOperation creation, string name)
        => FindArgument(creation.Arguments, name);

    private static IArgumentOperation? FindArgument(System.Collections.Immutable.ImmutableArray<IArgumentOperation> arguments, string name)
    {
        foreach (var argument in arguments)
        {
            if (argument.Parameter?.Name == name && argument.ArgumentKind != ArgumentKind.DefaultValue)
                return argument;
        }

        return null;
    }

    /// <summary>True for an argument whose value is the constant <see langword="null"/> (e.g. <c>seed: null</c>).</summary>
    public static bool IsNullConstant(this IOperation operation)
    {
        var value = operation.WalkDownConversions();
        return value.ConstantValue is { HasValue: true, Value: null };
    }

    /// <summary>Where to report on a call: the invoked member's name (<c>ShuffleRows</c> in <c>ml.Data.ShuffleRows(data)</c>), else the whole call.</summary>
    public static Location GetNameLocation(this IInvocationOperation invocation)
    {
        if (invocation.Syntax is InvocationExpressionSyntax call)
        {
            switch (call.Expression)
            {
                case MemberAccessExpressionSyntax access:
                    return access.Name.GetLocation();
                case MemberBindingExpressionSyntax binding:
                    return binding.Name.GetLocation();
                case SimpleNameSyntax name:
                    return name.GetLocation();
            }
        }

        return invocation.Syntax.GetLocation();
    }
}
