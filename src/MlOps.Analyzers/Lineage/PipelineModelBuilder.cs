using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using MlOps.Analyzers.Facts.Pipelines;
using MlOps.Analyzers.Facts.Symbols;

namespace MlOps.Analyzers.Lineage;

/// <summary>
/// Turns a <see cref="PipelineDeclaration"/> into the equatable <see cref="PipelineModel"/> the emitter writes.
/// Invalid input is skipped, never thrown on: a pipeline that cannot be generated (no name, a declaration without
/// <c>partial</c>) gives null; an invalid or duplicate dataset, model output, hyper-parameter or seed is left out.
/// The MLOPS100–104 analyzers report each of these.
/// </summary>
internal static class PipelineModelBuilder
{
    private static readonly SymbolDisplayFormat FullyQualified = SymbolDisplayFormat.FullyQualifiedFormat;

    public static PipelineModel? Build(PipelineDeclaration pipeline, LineageSymbols symbols, CancellationToken cancellationToken)
    {
        var type = pipeline.Type;
        if (string.IsNullOrWhiteSpace(pipeline.Name) || !pipeline.TypesMissingPartial.IsEmpty)
            return null;
        if (type.TypeKind is not (TypeKind.Class or TypeKind.Struct))
            return null;

        var types = new List<TypeDeclarationModel>();
        for (var current = type; current is not null; current = current.ContainingType)
        {
            if (current.TypeKind is not (TypeKind.Class or TypeKind.Struct or TypeKind.Interface))
                return null;
            types.Insert(0, new TypeDeclarationModel(AccessibilityText(current.DeclaredAccessibility), Keyword(current), NameWithTypeParameters(current)));
        }

        var ns = type.ContainingNamespace is { IsGlobalNamespace: false } containing ? containing.ToDisplayString() : null;

        var datasets = pipeline.Datasets
            .Where(d => d.IsUsable)
            .Select(d => new DatasetModel(d.Name!, d.Identifier!, d.Path!, RoleExpression(d.Role, symbols), d.Sha256))
            .ToEquatableArray();
        var models = pipeline.ModelOutputs
            .Where(m => m.IsUsable)
            .Select(m => new ModelOutputModel(m.Name!, m.Identifier!, m.PathTemplate!))
            .ToEquatableArray();
        var hyperparameters = pipeline.Hyperparameters
            .Where(h => h.IsUsable)
            .Select(h => ToModel(h, type))
            .Where(h => h is not null)
            .Select(h => h!)
            .ToEquatableArray();
        var seed = pipeline.Seeds.FirstOrDefault(s => s.IsUsable)?.Value is int seedValue ? seedValue : (int?)null;

        return new PipelineModel(
            HintName(type),
            ns,
            types.ToEquatableArray(),
            pipeline.LineageClassName,
            pipeline.Name!,
            pipeline.Version ?? PipelineDeclaration.DefaultVersion,
            pipeline.Description,
            pipeline.Owner,
            seed,
            datasets,
            models,
            hyperparameters,
            CodeFingerprint.Compute(type, cancellationToken));
    }

    /// <summary>A stable, unique hint name: <c>Namespace.Outer.Type`1.Lineage.g.cs</c> (generic arity after a backtick).</summary>
    public static string HintName(INamedTypeSymbol type)
    {
        var parts = new List<string>();
        for (var current = type; current is not null; current = current.ContainingType)
            parts.Insert(0, current.Arity > 0 ? current.Name + "`" + current.Arity.ToString(CultureInfo.InvariantCulture) : current.Name);
        if (type.ContainingNamespace is { IsGlobalNamespace: false } ns)
            parts.Insert(0, ns.ToDisplayString());
        return string.Join(".", parts) + ".Lineage.g.cs";
    }

    private static HyperparameterModel? ToModel(LineageValueMember member, INamedTypeSymbol pipelineType)
    {
        if (member.Type is not { } type || member.Value is not { } value || member.Identifier is not { } identifier)
            return null;

        if (type.TypeKind == TypeKind.Enum)
        {
            if (type is not INamedTypeSymbol { EnumUnderlyingType: { } underlying } enumType)
                return null;
            var underlyingName = underlying.ToDisplayString(FullyQualified);
            var underlyingLiteral = Literal(value, underlying.SpecialType);
            if (underlyingLiteral is null)
                return null;

            // A typed enum constant in the public lineage class needs the enum to be at least as accessible as the
            // pipeline (CS0052); a less accessible enum is recorded as its underlying value.
            if (Rank(EffectiveAccessibility(enumType)) < Rank(EffectiveAccessibility(pipelineType)))
                return new HyperparameterModel(member.RecordedName, identifier, underlyingName, underlyingLiteral, member.Member.Name);

            var enumName = enumType.ToDisplayString(FullyQualified);
            var field = enumType.GetMembers().OfType<IFieldSymbol>().FirstOrDefault(f => f.HasConstantValue && Equals(f.ConstantValue, value));
            var expression = field is not null
                ? enumName + "." + field.Name
                : "(" + enumName + ")(" + underlyingLiteral + ")";
            return new HyperparameterModel(member.RecordedName, identifier, enumName, expression, member.Member.Name);
        }

        var literal = Literal(value, type.SpecialType);
        return literal is null ? null : new HyperparameterModel(member.RecordedName, identifier, type.ToDisplayString(FullyQualified), literal, member.Member.Name);
    }

    /// <summary>A C# literal for a constant of a supported special type; null for anything else.</summary>
    public static string? Literal(object value, SpecialType type)
    {
        var invariant = CultureInfo.InvariantCulture;
        switch (type)
        {
            case SpecialType.System_String when value is string s:
                return SymbolDisplay.FormatLiteral(s, quote: true);
            case SpecialType.System_Char when value is char c:
                return SymbolDisplay.FormatLiteral(c, quote: true);
            case SpecialType.System_Boolean when value is bool b:
                return b ? "true" : "false";
            case SpecialType.System_Single when value is float f:
                if (float.IsNaN(f))
                    return "float.NaN";
                if (float.IsPositiveInfinity(f))
                    return "float.PositiveInfinity";
                if (float.IsNegativeInfinity(f))
                    return "float.NegativeInfinity";
                return f.ToString("R", invariant) + "F";
            case SpecialType.System_Double when value is double d:
                if (double.IsNaN(d))
                    return "double.NaN";
                if (double.IsPositiveInfinity(d))
                    return "double.PositiveInfinity";
                if (double.IsNegativeInfinity(d))
                    return "double.NegativeInfinity";
                return d.ToString("R", invariant) + "D";
            case SpecialType.System_Decimal when value is decimal m:
                return m.ToString(invariant) + "M";
            case SpecialType.System_SByte or SpecialType.System_Byte or SpecialType.System_Int16 or SpecialType.System_UInt16 or SpecialType.System_Int32:
                return WithSign(Convert.ToString(value, invariant));
            case SpecialType.System_UInt32:
                return Convert.ToString(value, invariant) + "U";
            case SpecialType.System_Int64:
                return WithSign(Convert.ToString(value, invariant) + "L");
            case SpecialType.System_UInt64:
                return Convert.ToString(value, invariant) + "UL";
            default:
                return null;
        }

        // int.MinValue / long.MinValue as literals need the unary minus applied to an in-range literal.
        static string? WithSign(string? text) => text switch
        {
            null => null,
            "-2147483648" => "int.MinValue",
            "-9223372036854775808L" => "long.MinValue",
            _ => text,
        };
    }

    private static string RoleExpression(int role, LineageSymbols symbols)
    {
        const string roleType = "global::" + LineageSymbols.DatasetRoleName;
        var member = symbols.DatasetRole?.GetMembers().OfType<IFieldSymbol>()
            .FirstOrDefault(f => f.HasConstantValue && f.ConstantValue is int value && value == role);
        return member is not null
            ? roleType + "." + member.Name
            : "(" + roleType + ")(" + role.ToString(CultureInfo.InvariantCulture) + ")";
    }

    private static string Keyword(INamedTypeSymbol type) => type switch
    {
        { IsRecord: true, TypeKind: TypeKind.Struct } => "record struct",
        { IsRecord: true } => "record",
        { TypeKind: TypeKind.Struct } => "struct",
        { TypeKind: TypeKind.Interface } => "interface",
        _ => "class",
    };

    private static string NameWithTypeParameters(INamedTypeSymbol type)
        => type.TypeParameters.IsEmpty
            ? type.Name
            : type.Name + "<" + string.Join(", ", type.TypeParameters.Select(p => p.Name)) + ">";

    private static string AccessibilityText(Accessibility accessibility) => accessibility switch
    {
        Accessibility.Public => "public",
        Accessibility.Internal => "internal",
        Accessibility.Private => "private",
        Accessibility.Protected => "protected",
        Accessibility.ProtectedOrInternal => "protected internal",
        Accessibility.ProtectedAndInternal => "private protected",
        _ => string.Empty,
    };

    private static Accessibility EffectiveAccessibility(INamedTypeSymbol type)
    {
        var result = Accessibility.Public;
        for (var current = type; current is not null; current = current.ContainingType)
        {
            if (Rank(current.DeclaredAccessibility) < Rank(result))
                result = current.DeclaredAccessibility;
        }

        return result;
    }

    private static int Rank(Accessibility accessibility) => accessibility switch
    {
        Accessibility.Public => 4,
        Accessibility.ProtectedOrInternal => 3,
        Accessibility.Internal or Accessibility.Protected => 2,
        Accessibility.ProtectedAndInternal => 1,
        _ => 0,
    };
}
