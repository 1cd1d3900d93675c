using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace MlOps.Analyzers.Facts.TorchSharp;

/// <summary>What holds the <c>IDisposable</c> a call returns (a grad-mode switch, a dispose scope).</summary>
internal enum DisposableHolding
{
    /// <summary>The resource of a <c>using</c> statement or declaration: disposed when the block ends.</summary>
    Using,

    /// <summary>Thrown away: an expression statement or a discard (<c>_ = ...</c>).</summary>
    Discarded,

    /// <summary>Kept in a local (<see cref="DisposableHolder.Symbol"/>), not by <c>using</c>.</summary>
    Local,

    /// <summary>Kept in a field or property of the type (<see cref="DisposableHolder.Symbol"/>).</summary>
    Member,

    /// <summary>Returned, passed on, stored elsewhere: whoever receives it decides when it is disposed.</summary>
    Elsewhere,
}

/// <summary>How the value of a call is held (<see cref="Holding"/>) and, for a local or member, by which symbol.</summary>
internal readonly struct DisposableHolder
{
    private DisposableHolder(DisposableHolding holding, ISymbol? symbol)
    {
        Holding = holding;
        Symbol = symbol;
    }

    public DisposableHolding Holding { get; }

    public ISymbol? Symbol { get; }

    /// <summary>How the value <paramref name="call"/> produces is held.</summary>
    public static DisposableHolder Of(IOperation call)
    {
        var value = call;
        while (value.Parent is IConversionOperation or IParenthesizedOperation)
            value = value.Parent;

        switch (value.Parent)
        {
            case IExpressionStatementOperation:
                return new(DisposableHolding.Discarded, null);
            case IUsingOperation:
                return new(DisposableHolding.Using, null);
            case ISimpleAssignmentOperation assignment when assignment.Value == value:
                return assignment.Target switch
                {
                    IDiscardOperation => new(DisposableHolding.Discarded, null),
                    ILocalReferenceOperation local => new(DisposableHolding.Local, local.Local),
                    IFieldReferenceOperation { Instance: null or IInstanceReferenceOperation } field => new(DisposableHolding.Member, field.Field),
                    IPropertyReferenceOperation { Instance: null or IInstanceReferenceOperation } property => new(DisposableHolding.Member, property.Property),
                    _ => new(DisposableHolding.Elsewhere, null),
                };
            case IVariableInitializerOperation { Parent: IVariableDeclaratorOperation declarator }:
                // declarator -> declaration -> declaration group -> its statement (a using, or a plain declaration)
                return declarator.Parent?.Parent?.Parent switch
                {
                    IUsingDeclarationOperation or IUsingOperation => new(DisposableHolding.Using, null),
                    _ => new(DisposableHolding.Local, declarator.Symbol),
                };
            case IFieldInitializerOperation fieldInitializer when fieldInitializer.InitializedFields.Length == 1:
                return new(DisposableHolding.Member, fieldInitializer.InitializedFields[0]);
            case IPropertyInitializerOperation propertyInitializer when propertyInitializer.InitializedProperties.Length == 1:
                return new(DisposableHolding.Member, propertyInitializer.InitializedProperties[0]);
            default:
                return new(DisposableHolding.Elsewhere, null);
        }
    }

    /// <summary>
    /// The uses of <paramref name="local"/> in <paramref name="region"/> other than its declaration: a <c>Dispose()</c> on it
    /// (also <c>?.Dispose()</c>, also in a <c>finally</c>) or a <c>using (local)</c> counts as disposing it; any other use
    /// hands it on (its receiver decides).
    /// </summary>
    public static (bool Disposed, bool UsedOtherwise) UsesOf(ILocalSymbol local, IOperation region)
    {
        var disposed = false;
        var usedOtherwise = false;
        foreach (var reference in region.DescendantsAndSelf().OfType<ILocalReferenceOperation>())
        {
            if (!SymbolEqualityComparer.Default.Equals(reference.Local, local) || reference.IsDeclaration)
                continue;
            if (IsDisposeOf(reference))
                disposed = true;
            else if (reference.Parent is not ISimpleAssignmentOperation assignment || assignment.Target != reference)
                usedOtherwise = true;
        }

        return (disposed, usedOtherwise);
    }

    /// <summary>
    /// True when a declaration of <paramref name="type"/> disposes the member called <paramref name="name"/>:
    /// <c>name.Dispose()</c>, <c>this.name.Dispose()</c>, <c>name?.Dispose()</c> or <c>using (name)</c>, in any method (the
    /// type's <c>Dispose()</c> usually).
    /// </summary>
    public static bool TypeDisposes(INamedTypeSymbol type, string name, System.Threading.CancellationToken cancellationToken)
    {
        foreach (var reference in type.DeclaringSyntaxReferences)
        {
            foreach (var node in reference.GetSyntax(cancellationToken).DescendantNodes())
            {
                switch (node)
                {
                    case MemberAccessExpressionSyntax { Name.Identifier.ValueText: "Dispose" } access when Names(access.Expression, name):
                        return true;
                    case ConditionalAccessExpressionSyntax { WhenNotNull: InvocationExpressionSyntax { Expression: MemberBindingExpressionSyntax { Name.Identifier.ValueText: "Dispose" } } } conditional
                        when Names(conditional.Expression, name):
                        return true;
                    case UsingStatementSyntax { Expression: { } resource } when Names(resource, name):
                        return true;
                }
            }
        }

        return false;
    }

    /// <summary><c>name</c> or <c>this.name</c>.</summary>
    public static bool Names(ExpressionSyntax expression, string name)
        => expression switch
        {
            IdentifierNameSyntax identifier => identifier.Identifier.ValueText == name,
            MemberAccessExpressionSyntax { Expression: ThisExpressionSyntax, Name: IdentifierNameSyntax identifier } => identifier.Identifier.ValueText == name,
            ParenthesizedExpressionSyntax parenthesized => Names(parenthesized.Expression, name),
            _ => false,
        };

    private static bool IsDisposeOf(ILocalReferenceOperation reference)
    {
        IOperation value = reference;
        while (value.Parent is IConversionOperation or IParenthesizedOperation)
            value = value.Parent;
        return value.Parent switch
        {
            IInvocationOperation { TargetMethod.Name: "Dispose" } call => call.Instance == value,
            IConditionalAccessOperation { WhenNotNull: IInvocationOperation { TargetMethod.Name: "Dispose" } } conditional => conditional.Operation == value,
            IUsingOperation => true,
            _ => false,
        };
    }
}
