using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;
using MlOps.Analyzers.Facts.Symbols;

namespace MlOps.Analyzers.Facts.Pipelines;

/// <summary>
/// What a <c>[TrainingPipeline]</c> type declares, read from its attributes and members: the ONE reading of the lineage
/// attributes. The generator turns it into an equatable <c>PipelineModel</c> (and never lets it into the
/// incremental pipeline: it holds symbols); the MLOPS100–104 analyzers report on it. Broken input (missing or
/// non-constant arguments, wrong types) yields null fields and problems, never an exception.
/// </summary>
internal sealed class PipelineDeclaration
{
    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<LineageSymbols, System.Collections.Concurrent.ConcurrentDictionary<INamedTypeSymbol, PipelineDeclaration>> Read = new();

    /// <summary>
    /// The pipeline declared on <paramref name="type"/> as the attributes state it (<see cref="TryRead"/> without
    /// initializer values), or null; read once per type for the rules and fixers that ask.
    /// </summary>
    /// <summary>The pipeline types whose <c>[TrainingPipeline]</c> is written in <paramref name="model"/>'s file.</summary>
    public static System.Collections.Generic.IEnumerable<INamedTypeSymbol> DeclaredIn(SemanticModel model, LineageSymbols symbols, System.Threading.CancellationToken cancellationToken)
    {
        var root = model.SyntaxTree.GetRoot(cancellationToken);
        foreach (var node in root.DescendantNodes(node => node is CompilationUnitSyntax or BaseNamespaceDeclarationSyntax or TypeDeclarationSyntax))
        {
            if (node is TypeDeclarationSyntax { AttributeLists.Count: > 0 } declaration
                && model.GetDeclaredSymbol(declaration, cancellationToken) is { } type
                && symbols.GetPipelineAttribute(type) is { } attribute
                && attribute.ApplicationSyntaxReference?.SyntaxTree == model.SyntaxTree)
                yield return type;
        }
    }

    public static PipelineDeclaration? Of(INamedTypeSymbol type, LineageSymbols symbols, System.Threading.CancellationToken cancellationToken)
    {
        if (symbols.GetPipelineAttribute(type) is null)
            return null;
        var known = Read.GetValue(symbols, static _ => new(SymbolEqualityComparer.Default));
        if (known.TryGetValue(type, out var pipeline))
            return pipeline;
        return TryRead(type, symbols, initializerValue: null, cancellationToken) is { } read ? known.GetOrAdd(type, read) : null;
    }

    private PipelineDeclaration(INamedTypeSymbol type, AttributeData attribute)
    {
        Type = type;
        Attribute = attribute;
    }

    /// <summary>The version the lineage records when the attribute has none (MLOPS103 warns).</summary>
    public const string DefaultVersion = "0.0.0";

    public INamedTypeSymbol Type { get; }

    /// <summary>The <c>[TrainingPipeline]</c> attribute.</summary>
    public AttributeData Attribute { get; }

    /// <summary>The pipeline's name; null when the argument is missing or not a constant string.</summary>
    public string? Name { get; private set; }

    /// <summary>The <c>Version</c> as written; null when not set.</summary>
    public string? Version { get; private set; }

    public string? Description { get; private set; }

    public string? Owner { get; private set; }

    public ImmutableArray<DatasetInputEntry> Datasets { get; private set; }

    public ImmutableArray<ModelOutputEntry> ModelOutputs { get; private set; }

    public ImmutableArray<LineageValueMember> Hyperparameters { get; private set; }

    /// <summary>Every member marked <c>[TrainingSeed]</c> (more than one is a duplicate, see <see cref="Duplicates"/>).</summary>
    public ImmutableArray<LineageValueMember> Seeds { get; private set; }

    /// <summary>Declared names that map to the same generated member; the later declaration is the duplicate.</summary>
    public ImmutableArray<LineageDuplicate> Duplicates { get; private set; }

    /// <summary>The pipeline type and its containing types that have a declaration without <c>partial</c>, outermost first.</summary>
    public ImmutableArray<INamedTypeSymbol> TypesMissingPartial { get; private set; }

    /// <summary>Attribute arguments the lineage cannot use: an empty name or path, a <c>Sha256</c> that is not a digest (MLOPS102).</summary>
    public ImmutableArray<LineageBadValue> BadValues { get; private set; }

    /// <summary>The name of the generated lineage class (see <see cref="LineageNaming.GetLineageClassName"/>).</summary>
    public string LineageClassName { get; private set; } = LineageNaming.LineageClassName;

    /// <summary>
    /// Reads <paramref name="type"/>; null when it carries no <c>[TrainingPipeline]</c>.
    /// <paramref name="initializerValue"/> gives the constant value of a static readonly field's or static property's
    /// initializer (the generator asks the semantic model, analyzers collect initializer operations); when null,
    /// such members are <see cref="LineageValueProblem.NotEvaluated"/>.
    /// </summary>
    public static PipelineDeclaration? TryRead(
        INamedTypeSymbol type,
        LineageSymbols symbols,
        Func<ISymbol, Optional<object?>>? initializerValue,
        CancellationToken cancellationToken)
    {
        if (symbols.GetPipelineAttribute(type) is not { } attribute)
            return null;

        var pipeline = new PipelineDeclaration(type, attribute)
        {
            Name = ConstructorString(attribute, 0, 1),
            Version = NamedString(attribute, "Version"),
            Description = NamedString(attribute, "Description"),
            Owner = NamedString(attribute, "Owner"),
            LineageClassName = LineageNaming.GetLineageClassName(type, symbols),
        };

        var hyperparameters = ImmutableArray.CreateBuilder<LineageValueMember>();
        var seeds = ImmutableArray.CreateBuilder<LineageValueMember>();
        foreach (var member in type.GetMembers())
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (member is not (IFieldSymbol or IPropertySymbol) || member.IsImplicitlyDeclared)
                continue;
            foreach (var data in member.GetAttributes())
            {
                if (LineageSymbols.Is(data, symbols.HyperparameterAttribute))
                {
                    var recorded = ConstructorString(data, 0, 1) ?? member.Name;
                    hyperparameters.Add(LineageValueMember.Evaluate(member, data, recorded, isSeed: false, initializerValue));
                }
                else if (LineageSymbols.Is(data, symbols.TrainingSeedAttribute))
                {
                    seeds.Add(LineageValueMember.Evaluate(member, data, member.Name, isSeed: true, initializerValue));
                }
            }
        }

        pipeline.Datasets = DatasetInputsOf(type, symbols);
        pipeline.ModelOutputs = ModelOutputsOf(type, symbols);
        pipeline.Hyperparameters = hyperparameters.ToImmutable();
        pipeline.Seeds = seeds.ToImmutable();
        pipeline.Duplicates = FindDuplicates(pipeline);
        pipeline.TypesMissingPartial = FindTypesMissingPartial(type, cancellationToken);
        pipeline.BadValues = FindBadValues(type, attribute, symbols, cancellationToken);
        return pipeline;
    }

    /// <summary>
    /// The <c>[DatasetInput]</c>s written on <paramref name="type"/>, whether or not it carries <c>[TrainingPipeline]</c>
    /// (MLOPS010 counts them as declared either way; the fixers reuse their names).
    /// </summary>
    public static ImmutableArray<DatasetInputEntry> DatasetInputsOf(INamedTypeSymbol type, LineageSymbols symbols)
    {
        var datasets = ImmutableArray.CreateBuilder<DatasetInputEntry>();
        foreach (var data in type.GetAttributes())
        {
            if (!LineageSymbols.Is(data, symbols.DatasetInputAttribute))
                continue;
            var name = ConstructorString(data, 0, 2);
            datasets.Add(new DatasetInputEntry(
                data,
                name,
                ConstructorString(data, 1, 2),
                NamedString(data, "Sha256"),
                NamedInt(data, "Role") ?? 0,
                LineageNaming.ToMemberIdentifier(name, LineageNaming.DatasetsClassName)));
        }

        return datasets.ToImmutable();
    }

    /// <summary>The <c>[ModelOutput]</c>s written on <paramref name="type"/>, whether or not it carries <c>[TrainingPipeline]</c>.</summary>
    public static ImmutableArray<ModelOutputEntry> ModelOutputsOf(INamedTypeSymbol type, LineageSymbols symbols)
    {
        var models = ImmutableArray.CreateBuilder<ModelOutputEntry>();
        foreach (var data in type.GetAttributes())
        {
            if (!LineageSymbols.Is(data, symbols.ModelOutputAttribute))
                continue;
            var name = ConstructorString(data, 0, 2);
            models.Add(new ModelOutputEntry(
                data,
                name,
                ConstructorString(data, 1, 2),
                LineageNaming.ToMemberIdentifier(name, LineageNaming.ModelsClassName)));
        }

        return models.ToImmutable();
    }

    /// <summary>
    /// Names and paths that are null, empty or blank, and a <c>Sha256</c> that is not 64 hex digits: the generator would
    /// leave the declaration out, or <c>Capture()</c> would fail at run time, without a word at build time.
    /// A hyper-parameter's null name means the member's name (the attribute's default).
    /// </summary>
    private static ImmutableArray<LineageBadValue> FindBadValues(INamedTypeSymbol type, AttributeData pipeline, LineageSymbols symbols, CancellationToken cancellationToken)
    {
        var bad = ImmutableArray.CreateBuilder<LineageBadValue>();

        void Blank(AttributeData attribute, int index, int arity, string declaration, string what, string consequence, string remedy, bool nullIsDefault = false)
        {
            if (attribute.AttributeConstructor is null || attribute.ConstructorArguments.Length != arity
                || attribute.ConstructorArguments[index] is not { Kind: TypedConstantKind.Primitive } argument
                || !(argument.IsNull ? !nullIsDefault : argument.Value is string text && string.IsNullOrWhiteSpace(text)))
                return;
            var article = argument.IsNull ? "a null " : "an empty ";
            bad.Add(new LineageBadValue(ArgumentLocation(attribute, index, null, cancellationToken), declaration, "has " + article + what, consequence, remedy));
        }

        Blank(pipeline, 0, 1, $"[TrainingPipeline] on '{type.Name}'", "name", "no lineage class is generated for it", "name the pipeline (the name is its OpenLineage job name)");
        foreach (var data in type.GetAttributes())
        {
            if (LineageSymbols.Is(data, symbols.DatasetInputAttribute))
            {
                var name = ConstructorString(data, 0, 2);
                var declaration = string.IsNullOrWhiteSpace(name) ? $"[DatasetInput] on '{type.Name}'" : $"[DatasetInput(\"{name}\")]";
                Blank(data, 0, 2, declaration, "name", "the dataset is left out of the lineage", "give it a name unique in the pipeline");
                Blank(data, 1, 2, declaration, "path", "Capture() cannot hash the dataset", "give the file or folder the pipeline reads");
                if (NamedString(data, "Sha256") is { } sha256 && !IsSha256(sha256))
                {
                    bad.Add(new LineageBadValue(
                        ArgumentLocation(data, null, "Sha256", cancellationToken), declaration, $"has a Sha256 that is not 64 hex digits ('{sha256}')",
                        "Capture() cannot check the data against it", "give the SHA-256 of the dataset's content, or leave Sha256 out"));
                }
            }
            else if (LineageSymbols.Is(data, symbols.ModelOutputAttribute))
            {
                var name = ConstructorString(data, 0, 2);
                var declaration = string.IsNullOrWhiteSpace(name) ? $"[ModelOutput] on '{type.Name}'" : $"[ModelOutput(\"{name}\")]";
                Blank(data, 0, 2, declaration, "name", "the model output is left out of the lineage", "give it a name unique in the pipeline");
                Blank(data, 1, 2, declaration, "path template", "the model has no path to be saved to", "give a path template with a {version} token, e.g. \"models/model-{version}.zip\"");
            }
        }

        foreach (var member in type.GetMembers())
        {
            if (member is not (IFieldSymbol or IPropertySymbol) || member.IsImplicitlyDeclared)
                continue;
            foreach (var data in member.GetAttributes())
            {
                if (LineageSymbols.Is(data, symbols.HyperparameterAttribute))
                {
                    Blank(data, 0, 1, $"[Hyperparameter] on '{member.Name}'", "name", "the hyper-parameter is left out of the lineage",
                        "leave the name out to record it under the member's name, or give one", nullIsDefault: true);
                }
            }
        }

        return bad.ToImmutable();
    }

    /// <summary>64 hex digits, either case, surrounding white space ignored: what <c>DatasetFingerprint</c> compares a pinned digest as.</summary>
    private static bool IsSha256(string value)
    {
        var trimmed = value.Trim();
        return trimmed.Length == 64 && trimmed.All(c => c is >= '0' and <= '9' or >= 'a' and <= 'f' or >= 'A' and <= 'F');
    }

    /// <summary>The constant value of a field or property initializer operation (shared by the generator and the analyzers).</summary>
    public static Optional<object?> InitializerConstant(IOperation? initializer)
        => initializer is ISymbolInitializerOperation { Value: { } value } ? value.ConstantValue : default;

    /// <summary>The initializer clause of a field or property declaration, for the generator's semantic-model lookup.</summary>
    public static EqualsValueClauseSyntax? InitializerSyntax(ISymbol member, CancellationToken cancellationToken)
    {
        foreach (var reference in member.DeclaringSyntaxReferences)
        {
            switch (reference.GetSyntax(cancellationToken))
            {
                case VariableDeclaratorSyntax { Initializer: { } fieldInitializer }:
                    return fieldInitializer;
                case PropertyDeclarationSyntax { Initializer: { } propertyInitializer }:
                    return propertyInitializer;
            }
        }

        return null;
    }

    private static ImmutableArray<LineageDuplicate> FindDuplicates(PipelineDeclaration pipeline)
    {
        var duplicates = ImmutableArray.CreateBuilder<LineageDuplicate>();

        void Check<T>(IEnumerable<T> entries, string kind, string className, Func<T, string?> name, Func<T, string?> identifier, Action<T> markDuplicate, Func<T, Location?> location)
        {
            var seen = new Dictionary<string, T>(StringComparer.Ordinal);
            foreach (var entry in entries)
            {
                if (identifier(entry) is not { } id)
                    continue;
                if (seen.TryGetValue(id, out var first))
                {
                    markDuplicate(entry);
                    duplicates.Add(new LineageDuplicate(kind, name(entry) ?? id, name(first) ?? id, className.Length == 0 ? id : className + "." + id, location(entry)));
                }
                else
                {
                    seen.Add(id, entry);
                }
            }
        }

        Check(pipeline.Datasets, "dataset", LineageNaming.DatasetsClassName, d => d.Name, d => d.Identifier, d => d.IsDuplicate = true, d => d.GetLocation());
        Check(pipeline.ModelOutputs, "model output", LineageNaming.ModelsClassName, m => m.Name, m => m.Identifier, m => m.IsDuplicate = true, m => m.GetLocation());
        Check(pipeline.Hyperparameters, "hyper-parameter", LineageNaming.HyperparametersClassName, h => h.RecordedName, h => h.Identifier, h => h.IsDuplicate = true, h => h.GetLocation());
        Check(pipeline.Seeds, "training seed", string.Empty, s => s.Member.Name, _ => "Seed", s => s.IsDuplicate = true, s => s.GetLocation());
        return duplicates.ToImmutable();
    }

    private static ImmutableArray<INamedTypeSymbol> FindTypesMissingPartial(INamedTypeSymbol type, CancellationToken cancellationToken)
    {
        var missing = new List<INamedTypeSymbol>();
        for (var current = type; current is not null; current = current.ContainingType)
        {
            foreach (var reference in current.DeclaringSyntaxReferences)
            {
                if (reference.GetSyntax(cancellationToken) is TypeDeclarationSyntax declaration
                    && !declaration.Modifiers.Any(SyntaxKind.PartialKeyword))
                {
                    missing.Insert(0, current);
                    break;
                }
            }
        }

        return missing.ToImmutableArray();
    }

    /// <summary>The constructor argument at <paramref name="index"/> as a string, when the constructor bound with <paramref name="arity"/> arguments.</summary>
    private static string? ConstructorString(AttributeData attribute, int index, int arity)
    {
        if (attribute.AttributeConstructor is null || attribute.ConstructorArguments.Length != arity)
            return null;
        var argument = attribute.ConstructorArguments[index];
        return argument.Kind == TypedConstantKind.Primitive ? argument.Value as string : null;
    }

    private static string? NamedString(AttributeData attribute, string name)
    {
        foreach (var pair in attribute.NamedArguments)
        {
            if (pair.Key == name && pair.Value.Kind == TypedConstantKind.Primitive)
                return pair.Value.Value as string;
        }

        return null;
    }

    private static int? NamedInt(AttributeData attribute, string name)
    {
        foreach (var pair in attribute.NamedArguments)
        {
            if (pair.Key == name && pair.Value.Kind == TypedConstantKind.Enum && pair.Value.Value is int value)
                return value;
        }

        return null;
    }

    /// <summary>Where an attribute is applied (its syntax), or null for attributes from metadata.</summary>
    internal static Location? AttributeLocation(AttributeData attribute)
        => attribute.ApplicationSyntaxReference is { } reference
            ? Location.Create(reference.SyntaxTree, reference.Span)
            : null;

    /// <summary>The location of one argument of an applied attribute (by parameter position or by property name), else the attribute.</summary>
    internal static Location? ArgumentLocation(AttributeData attribute, int? position, string? propertyName, CancellationToken cancellationToken = default)
    {
        if (attribute.ApplicationSyntaxReference?.GetSyntax(cancellationToken) is not AttributeSyntax syntax)
            return null;
        if (syntax.ArgumentList is { } list)
        {
            var positional = 0;
            foreach (var argument in list.Arguments)
            {
                if (argument.NameEquals is { } nameEquals)
                {
                    if (propertyName is not null && nameEquals.Name.Identifier.ValueText == propertyName)
                        return argument.GetLocation();
                    continue;
                }

                if (argument.NameColon is null && position == positional)
                    return argument.GetLocation();
                positional++;
            }
        }

        return syntax.GetLocation();
    }
}

/// <summary>One <c>[DatasetInput(name, path)]</c>.</summary>
internal sealed class DatasetInputEntry
{
    public DatasetInputEntry(AttributeData attribute, string? name, string? path, string? sha256, int role, string? identifier)
    {
        Attribute = attribute;
        Name = name;
        Path = path;
        Sha256 = sha256;
        Role = role;
        Identifier = identifier;
    }

    public AttributeData Attribute { get; }
    public string? Name { get; }
    public string? Path { get; }
    public string? Sha256 { get; }

    /// <summary>The <c>DatasetRole</c> value (0 = Train).</summary>
    public int Role { get; }

    /// <summary>The member name in <c>Lineage.Datasets</c>; null when the name is missing or has no letter or digit.</summary>
    public string? Identifier { get; }

    /// <summary>True when an earlier dataset maps to the same member (MLOPS101); the generator skips it.</summary>
    public bool IsDuplicate { get; internal set; }

    /// <summary>Complete enough to generate: a name, an identifier and a path, and not a duplicate.</summary>
    public bool IsUsable => Name is not null && Identifier is not null && Path is not null && !IsDuplicate;

    public Location? GetLocation() => PipelineDeclaration.AttributeLocation(Attribute);
}

/// <summary>One <c>[ModelOutput(name, pathTemplate)]</c>.</summary>
internal sealed class ModelOutputEntry
{
    public ModelOutputEntry(AttributeData attribute, string? name, string? pathTemplate, string? identifier)
    {
        Attribute = attribute;
        Name = name;
        PathTemplate = pathTemplate;
        Identifier = identifier;
    }

    public AttributeData Attribute { get; }
    public string? Name { get; }
    public string? PathTemplate { get; }

    /// <summary>The member name in <c>Lineage.Models</c>.</summary>
    public string? Identifier { get; }

    public bool IsDuplicate { get; internal set; }

    public bool IsUsable => Name is not null && Identifier is not null && PathTemplate is not null && !IsDuplicate;

    public Location? GetLocation() => PipelineDeclaration.AttributeLocation(Attribute);
}

/// <summary>Why a <c>[Hyperparameter]</c> / <c>[TrainingSeed]</c> member cannot be recorded (MLOPS102).</summary>
internal enum LineageValueProblem
{
    None,

    /// <summary>A static readonly field or static property whose initializer was not looked at (no resolver given).</summary>
    NotEvaluated,

    /// <summary>The member's type does not bind (the compiler reports it); nothing to add.</summary>
    Unresolved,

    /// <summary>An instance field or property: its value belongs to an object, not to the pipeline.</summary>
    InstanceMember,

    /// <summary>A static field that is not readonly, or a static property with a setter: the value can change at run time.</summary>
    Mutable,

    /// <summary>The value (or initializer) is not a compile-time constant.</summary>
    NotConstant,

    /// <summary>The type is not one a lineage record can carry as a constant.</summary>
    UnsupportedType,

    /// <summary>The constant is null.</summary>
    NullValue,

    /// <summary>A <c>[TrainingSeed]</c> that is not an <c>int</c> (ML.NET and TorchSharp seeds are ints).</summary>
    SeedNotInt,
}

/// <summary>A member marked <c>[Hyperparameter]</c> or <c>[TrainingSeed]</c>, with its constant value when it has one.</summary>
internal sealed class LineageValueMember
{
    private LineageValueMember(ISymbol member, AttributeData attribute, ITypeSymbol? type, string recordedName, string? identifier, LineageValueProblem problem, object? value)
    {
        Member = member;
        Attribute = attribute;
        Type = type;
        RecordedName = recordedName;
        Identifier = identifier;
        Problem = problem;
        Value = value;
    }

    public ISymbol Member { get; }
    public AttributeData Attribute { get; }
    public ITypeSymbol? Type { get; }

    /// <summary>The name the lineage records: the attribute's name, else the member's.</summary>
    public string RecordedName { get; }

    /// <summary>The constant's name in <c>Lineage.Hyperparameters</c>.</summary>
    public string? Identifier { get; }

    public LineageValueProblem Problem { get; }

    /// <summary>The constant value when <see cref="Problem"/> is <see cref="LineageValueProblem.None"/>.</summary>
    public object? Value { get; }

    public bool IsDuplicate { get; internal set; }

    public bool IsUsable => Problem == LineageValueProblem.None && Identifier is not null && !IsDuplicate;

    /// <summary>The member's name in its declaration.</summary>
    public Location? GetLocation() => Member.Locations.FirstOrDefault(l => l.IsInSource);

    /// <summary>True for the types a lineage record carries as constants: bool, char, the integral and floating-point types, decimal, string, enums.</summary>
    public static bool IsSupportedType(ITypeSymbol? type)
        => type is not null && (type.TypeKind == TypeKind.Enum || type.SpecialType is
            SpecialType.System_Boolean or SpecialType.System_Char or SpecialType.System_SByte or SpecialType.System_Byte
            or SpecialType.System_Int16 or SpecialType.System_UInt16 or SpecialType.System_Int32 or SpecialType.System_UInt32
            or SpecialType.System_Int64 or SpecialType.System_UInt64 or SpecialType.System_Single or SpecialType.System_Double
            or SpecialType.System_Decimal or SpecialType.System_String);

    internal static LineageValueMember Evaluate(ISymbol member, AttributeData attribute, string recordedName, bool isSeed, Func<ISymbol, Optional<object?>>? initializerValue)
    {
        var identifier = isSeed ? "Seed" : LineageNaming.ToMemberIdentifier(recordedName, LineageNaming.HyperparametersClassName);
        var type = member switch
        {
            IFieldSymbol field => field.Type,
            IPropertySymbol property => property.Type,
            _ => null,
        };

        LineageValueMember Result(LineageValueProblem problem, object? value = null)
            => new(member, attribute, type, recordedName, identifier, problem, value);

        if (type is null || type.TypeKind == TypeKind.Error)
            return Result(LineageValueProblem.Unresolved);
        if (isSeed ? type.SpecialType != SpecialType.System_Int32 : !IsSupportedType(type))
            return Result(isSeed ? LineageValueProblem.SeedNotInt : LineageValueProblem.UnsupportedType);

        Optional<object?> constant;
        switch (member)
        {
            case IFieldSymbol { IsConst: true } constField:
                constant = constField.HasConstantValue ? new Optional<object?>(constField.ConstantValue) : default;
                break;
            case IFieldSymbol field:
                if (!field.IsStatic)
                    return Result(LineageValueProblem.InstanceMember);
                if (!field.IsReadOnly)
                    return Result(LineageValueProblem.Mutable);
                if (initializerValue is null)
                    return Result(LineageValueProblem.NotEvaluated);
                constant = initializerValue(field);
                break;
            case IPropertySymbol property:
                if (!property.IsStatic)
                    return Result(LineageValueProblem.InstanceMember);
                if (property.SetMethod is not null)
                    return Result(LineageValueProblem.Mutable);
                if (initializerValue is null)
                    return Result(LineageValueProblem.NotEvaluated);
                constant = initializerValue(property);
                break;
            default:
                return Result(LineageValueProblem.NotConstant);
        }

        if (!constant.HasValue)
            return Result(LineageValueProblem.NotConstant);
        return constant.Value is null ? Result(LineageValueProblem.NullValue) : Result(LineageValueProblem.None, constant.Value);
    }
}

/// <summary>An attribute argument the lineage cannot use (MLOPS102), described for the message.</summary>
internal sealed class LineageBadValue
{
    public LineageBadValue(Location? location, string declaration, string problem, string consequence, string remedy)
    {
        Location = location;
        Declaration = declaration;
        Problem = problem;
        Consequence = consequence;
        Remedy = remedy;
    }

    /// <summary>The argument, else the attribute.</summary>
    public Location? Location { get; }

    /// <summary>Which declaration, e.g. <c>[DatasetInput("train")]</c>.</summary>
    public string Declaration { get; }

    /// <summary>What is wrong, e.g. "has an empty path".</summary>
    public string Problem { get; }

    /// <summary>What happens because of it.</summary>
    public string Consequence { get; }

    /// <summary>What to write instead.</summary>
    public string Remedy { get; }
}

/// <summary>A declared name that maps to the same generated member as an earlier one (MLOPS101).</summary>
internal sealed class LineageDuplicate
{
    public LineageDuplicate(string kind, string name, string firstName, string member, Location? location)
    {
        Kind = kind;
        Name = name;
        FirstName = firstName;
        Member = member;
        Location = location;
    }

    /// <summary>"dataset", "model output", "hyper-parameter" or "training seed".</summary>
    public string Kind { get; }

    /// <summary>The later (duplicate) declaration's name.</summary>
    public string Name { get; }

    /// <summary>The earlier declaration's name.</summary>
    public string FirstName { get; }

    /// <summary>The generated member both map to, relative to the lineage class (e.g. <c>Datasets.Train</c>).</summary>
    public string Member { get; }

    public Location? Location { get; }
}
