using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;
using MlOps.Analyzers.Facts.Symbols;

namespace MlOps.Analyzers.Apis;

/// <summary>
/// Seeds that are no seeds: a value drawn from the clock or from fresh entropy differs on every run, so a generator
/// seeded with it is as irreproducible as an unseeded one (RULES.md, "Training code": MLOPS001 / MLOPS004 treat it as
/// unseeded). The one list of such sources; every rule that judges a seed value asks <see cref="SourceOf"/>.
/// </summary>
internal static class EntropySeeds
{
    /// <summary>A source as the code writes it (<c>Environment.TickCount</c>, <c>Guid.NewGuid()</c>) and why it is no seed.</summary>
    public sealed record EntropySource(string Written, string Why);

    /// <summary>A .NET member whose value changes from run to run, and why.</summary>
    private readonly record struct Source(string Namespace, string Type, string Member, string Why);

    private static readonly Source[] Sources =
    {
        new("System", "Environment", "TickCount", "milliseconds since the machine started"),
        new("System", "Environment", "TickCount64", "milliseconds since the machine started"),
        new("System", "Environment", "ProcessId", "a new id for every process"),
        new("System", "DateTime", "Now", "the wall clock"),
        new("System", "DateTime", "UtcNow", "the wall clock"),
        new("System", "DateTime", "Today", "the calendar date"),
        new("System", "DateTimeOffset", "Now", "the wall clock"),
        new("System", "DateTimeOffset", "UtcNow", "the wall clock"),
        new("System.Diagnostics", "Stopwatch", "GetTimestamp", "the high-resolution performance counter"),
        new("System", "TimeProvider", "GetUtcNow", "the wall clock"),
        new("System", "TimeProvider", "GetLocalNow", "the wall clock"),
        new("System", "TimeProvider", "GetTimestamp", "the high-resolution performance counter"),
        new("System", "Guid", "NewGuid", "122 fresh random bits (a version 4 Guid)"),
        new("System", "Random", "Shared", "a process-wide generator seeded by the operating system"),
        new("System", "Random", ".ctor", "new Random() is seeded by the operating system"),
        // Every static member draws from the operating system's generator (GetInt32, GetBytes, Fill ...).
        new("System.Security.Cryptography", "RandomNumberGenerator", "*", "the operating system's random generator"),
    };

    /// <summary>Locals, fields and properties are followed this many steps deep (a local holding a local ...).</summary>
    private const int MaxDepth = 8;

    /// <summary>
    /// The clock or entropy source <paramref name="seed"/> is drawn from, or null when the value may be a real seed.
    /// Precision first: only a value drawn from such a source on every path counts. A parameter, a configuration value,
    /// a call of the team's own code and <c>configured ?? Environment.TickCount</c> (a fallback) are seeds; casts,
    /// arithmetic, hashes and library calls keep a value drawn from its source (<c>(int)DateTime.UtcNow.Ticks</c>,
    /// <c>Guid.NewGuid().GetHashCode()</c>, <c>Math.Abs(Environment.TickCount)</c>). Locals are followed to every value
    /// they are assigned, a readonly field to its initializer when it is declared in the same file and assigned
    /// nowhere else, and a property declared in the same file to what a read gives (<see cref="ValueOf"/>).
    /// </summary>
    public static EntropySource? SourceOf(IOperation? seed) => SourceOf(seed, MaxDepth);

    private static EntropySource? SourceOf(IOperation? value, int depth)
    {
        if (value is null || depth == 0)
            return null;
        value = value.WalkDownConversions();
        switch (value)
        {
            case IPropertyReferenceOperation property:
                return Named(property.Property) ?? SourceOf(property.Instance, depth - 1)
                    ?? (ValueOf(property) is { } read ? SourceOf(read, depth - 1) : null);
            case IInvocationOperation invocation:
                if (Named(invocation.TargetMethod) is { } called)
                    return called;
                if (SourceOf(invocation.Instance, depth - 1) is { } receiver)
                    return receiver; // Guid.NewGuid().GetHashCode(), Random.Shared.Next(), DateTime.Now.ToBinary()
                // A static library call made of a source is one too (Math.Abs, Convert.ToInt32, HashCode.Combine). Not the
                // team's own methods (what they return is theirs to decide), nor an instance call's arguments
                // (configured.GetValueOrDefault(Environment.TickCount) is a fallback).
                if (!invocation.TargetMethod.IsStatic || invocation.TargetMethod.Locations.Any(location => location.IsInSource))
                    return null;
                return invocation.Arguments.Select(argument => SourceOf(argument.Value, depth - 1)).FirstOrDefault(source => source is not null);
            case IObjectCreationOperation creation:
                // new Random().Next(): a generator without a seed.
                return creation.Arguments.IsEmpty && creation.Type is { } created && Listed(created, ".ctor") is { } unseeded
                    ? new EntropySource($"new {created.Name}()", unseeded.Why)
                    : null;
            case IBinaryOperation binary:
                return SourceOf(binary.LeftOperand, depth - 1) ?? SourceOf(binary.RightOperand, depth - 1);
            case IUnaryOperation unary:
                return SourceOf(unary.Operand, depth - 1);
            case IConditionalOperation conditional:
                return Both(conditional.WhenTrue, conditional.WhenFalse, depth);
            case ICoalesceOperation coalesce:
                return Both(coalesce.Value, coalesce.WhenNull, depth);
            case ILocalReferenceOperation local:
                return LocalWrites.ValuesOf(local) is { Count: > 0 } values ? All(values, depth) : null;
            case IFieldReferenceOperation field:
                return InitializerOf(field) is { } initializer ? SourceOf(initializer, depth - 1) : null;
            default:
                return null;
        }
    }

    private static EntropySource? Both(IOperation? first, IOperation? second, int depth)
        => SourceOf(first, depth - 1) is { } source && SourceOf(second, depth - 1) is not null ? source : null;

    private static EntropySource? All(System.Collections.Generic.IReadOnlyList<IOperation> values, int depth)
    {
        EntropySource? first = null;
        foreach (var value in values)
        {
            if (SourceOf(value, depth - 1) is not { } source)
                return null;
            first ??= source;
        }

        return first;
    }

    /// <summary>
    /// The initializer of a readonly field declared in the file being analyzed and assigned nowhere else in its type (a
    /// constructor may replace the initializer); null otherwise. Another file's semantic model is not the analyzer's to
    /// ask, so a field declared elsewhere stays a seed.
    /// </summary>
    private static IOperation? InitializerOf(IFieldReferenceOperation reference)
    {
        var field = reference.Field;
        if (!field.IsReadOnly || field.IsConst || reference.SemanticModel is not { } model
            || field.DeclaringSyntaxReferences is not { Length: 1 } declarations
            || declarations[0].GetSyntax() is not VariableDeclaratorSyntax { Initializer: { } initializer } declarator
            || declarator.SyntaxTree != model.SyntaxTree)
            return null;

        return MemberWrites.Of(field).Any() ? null : model.GetOperation(initializer.Value);
    }

    /// <summary>
    /// What a read of a property declared in the file being analyzed gives: the expression of an expression-bodied
    /// property or getter (<c>int Seed => Environment.TickCount;</c>, evaluated again on every read), or the initializer of
    /// a get-only auto-property assigned nowhere else in its type; null for a property that can be set, overridden or
    /// is declared in another file (as for fields, <see cref="InitializerOf"/>).
    /// </summary>
    private static IOperation? ValueOf(IPropertyReferenceOperation reference)
    {
        var property = reference.Property;
        if (property.SetMethod is not null || property.IsVirtual || property.IsAbstract || property.IsOverride
            || reference.SemanticModel is not { } model
            || property.DeclaringSyntaxReferences is not { Length: 1 } declarations
            || declarations[0].GetSyntax() is not PropertyDeclarationSyntax declaration
            || declaration.SyntaxTree != model.SyntaxTree)
            return null;

        if ((declaration.ExpressionBody ?? GetterExpressionBody(declaration)) is { } body)
            return model.GetOperation(body.Expression);
        if (declaration.Initializer is { } initializer && declaration.AccessorList is { } accessors && accessors.Accessors.All(a => a.Body is null && a.ExpressionBody is null))
            return MemberWrites.Of(property).Any() ? null : model.GetOperation(initializer.Value);
        return null;

        static ArrowExpressionClauseSyntax? GetterExpressionBody(PropertyDeclarationSyntax declaration)
            => declaration.AccessorList?.Accessors.FirstOrDefault(a => a.IsKind(SyntaxKind.GetAccessorDeclaration))?.ExpressionBody;
    }

    private static EntropySource? Named(ISymbol member)
    {
        if (!member.IsStatic || member.ContainingType is not { } type || Listed(type, member.Name) is not { } source)
            return null;
        return new EntropySource(member is IMethodSymbol ? $"{type.Name}.{member.Name}()" : $"{type.Name}.{member.Name}", source.Why);
    }

    private static Source? Listed(ITypeSymbol type, string member)
    {
        foreach (var source in Sources)
        {
            if ((source.Member == member || (source.Member == "*" && member != ".ctor")) && type.Name == source.Type
                && type.ContainingNamespace?.ToDisplayString() == source.Namespace)
                return source;
        }

        return null;
    }
}
