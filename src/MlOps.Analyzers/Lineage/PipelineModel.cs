using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace MlOps.Analyzers.Lineage;

/// <summary>
/// Everything the generator emits for one pipeline, as plain equatable data: strings, numbers and
/// <see cref="EquatableArray{T}"/> — never a symbol, syntax node, location or compilation — so that an edit that
/// does not change it leaves the incremental pipeline cached.
/// </summary>
internal sealed record PipelineModel(
    string HintName,
    string? Namespace,
    EquatableArray<TypeDeclarationModel> Types,
    string LineageClassName,
    string Name,
    string Version,
    string? Description,
    string? Owner,
    int? Seed,
    EquatableArray<DatasetModel> Datasets,
    EquatableArray<ModelOutputModel> ModelOutputs,
    EquatableArray<HyperparameterModel> Hyperparameters,
    string CodeFingerprint);

/// <summary>One type declaration around the generated class, outermost first; the last one is the pipeline type.</summary>
/// <param name="Accessibility">The C# accessibility modifiers, e.g. <c>public</c> or <c>protected internal</c>.</param>
/// <param name="Keyword"><c>class</c>, <c>struct</c>, <c>record</c>, <c>record struct</c> or <c>interface</c>.</param>
/// <param name="NameWithTypeParameters">The name as declared, e.g. <c>Trainer&lt;TRow&gt;</c>.</param>
internal sealed record TypeDeclarationModel(string Accessibility, string Keyword, string NameWithTypeParameters);

/// <param name="RoleExpression">The C# expression of the role, e.g. <c>global::MlOps.Lineage.DatasetRole.Train</c>.</param>
internal sealed record DatasetModel(string Name, string Identifier, string Path, string RoleExpression, string? Sha256);

internal sealed record ModelOutputModel(string Name, string Identifier, string PathTemplate);

/// <param name="TypeName">The constant's C# type, e.g. <c>int</c> or <c>global::MyApp.Booster</c>.</param>
/// <param name="ValueExpression">The constant's C# value, e.g. <c>0.2D</c> or <c>global::MyApp.Booster.Gbtree</c>.</param>
/// <param name="MemberName">The pipeline member the value comes from.</param>
internal sealed record HyperparameterModel(string Name, string Identifier, string TypeName, string ValueExpression, string MemberName);

/// <summary>A pipeline model with the build's source revision and the project's language: the emit step's input.</summary>
internal sealed record PipelineOutput(PipelineModel Pipeline, string SourceRevision, TargetLanguage Language);

/// <summary>
/// What the project's C# version allows in the generated file. Only the features the emitter chooses between are kept,
/// so that parse options which differ in anything else (preprocessor symbols, documentation mode) compare equal.
/// </summary>
/// <param name="NullableReferenceTypes">
/// C# 8 or later: <c>#nullable enable</c> and <c>object?</c> are written. C# 7.3, the default of netstandard2.0 and
/// .NET Framework projects, rejects both (CS8370), and a compile error in the generated file hides every other finding.
/// </param>
internal sealed record TargetLanguage(bool NullableReferenceTypes)
{
    public static TargetLanguage Latest { get; } = new(NullableReferenceTypes: true);

    /// <summary>
    /// From the project's parse options; <see cref="CSharpParseOptions.LanguageVersion"/> is already the effective
    /// version (<c>default</c> and <c>latest</c> resolved by the compiler).
    /// </summary>
    public static TargetLanguage For(ParseOptions options)
        => options is CSharpParseOptions csharp ? new(csharp.LanguageVersion >= LanguageVersion.CSharp8) : Latest;
}

internal static class TrackingNames
{
    public const string Pipelines = "LineagePipelines";
    public const string ValidPipelines = "LineageValidPipelines";
    public const string UniqueHintNames = "LineageUniqueHintNames";
    public const string SourceRevision = "LineageSourceRevision";
    public const string Outputs = "LineageOutputs";
    public const string Language = "LineageLanguage";

    public static readonly string[] All = { Pipelines, ValidPipelines, UniqueHintNames, SourceRevision, Language, Outputs };
}
