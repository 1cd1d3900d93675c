using System;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using MlOps.Analyzers.Catalog;
using MlOps.Analyzers.Engine;
using MlOps.Analyzers.Facts.Pipelines;

namespace MlOps.Analyzers.Rules.Lineage;

/// <summary>
/// MLOPS103: the pipeline's <c>Version</c> is missing or not SemVer 2.0, or a <c>[ModelOutput]</c> path template has no
/// <c>{version}</c> token, so every version of the model is written to the same path.
/// </summary>
public sealed class InvalidVersionOrTemplateAnalyzer : Rule
{
    private const string Title = "Pipeline version is not SemVer, or a model output has no {version}";
    private const string Description = "The pipeline version fills '{version}' in model output paths and names the model in its lineage record: it should be a SemVer 2.0 version (MAJOR.MINOR.PATCH[-pre][+build]), and every model output template should contain '{version}' so a new version never overwrites an old model.";

    internal static readonly DiagnosticDescriptor InvalidVersionRule = RuleDescriptors.Create(
        RuleIds.InvalidVersionOrTemplate,
        RuleCategories.Lineage,
        DiagnosticSeverity.Warning,
        Title,
        messageFormat: "The version '{0}' of pipeline '{1}' is not SemVer 2.0: use MAJOR.MINOR.PATCH, e.g. '1.2.0'",
        Description);

    internal static readonly DiagnosticDescriptor MissingVersionRule = RuleDescriptors.Create(
        RuleIds.InvalidVersionOrTemplate,
        RuleCategories.Lineage,
        DiagnosticSeverity.Warning,
        Title,
        messageFormat: "Pipeline '{0}' has no Version, so its lineage records '0.0.0': set Version, e.g. Version = \"1.0.0\"",
        Description);

    internal static readonly DiagnosticDescriptor TemplateRule = RuleDescriptors.Create(
        RuleIds.InvalidVersionOrTemplate,
        RuleCategories.Lineage,
        DiagnosticSeverity.Warning,
        Title,
        messageFormat: "The path template '{0}' of model output '{1}' has no '{{version}}': every version overwrites the same file. Add '{{version}}', e.g. 'models/{1}-{{version}}.zip'.",
        Description);

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(InvalidVersionRule, MissingVersionRule, TemplateRule);

    /// <summary>The diagnostic property that tells the fixer which case it is: <see cref="KindInvalidVersion"/>, <see cref="KindMissingVersion"/> or <see cref="KindTemplate"/>.</summary>
    public const string KindProperty = "Kind";
    public const string KindInvalidVersion = "InvalidVersion";
    public const string KindMissingVersion = "MissingVersion";
    public const string KindTemplate = "Template";

    /// <summary>On an invalid version, the SemVer version it evidently means (<see cref="SemanticVersion.Completed"/>), when there is one.</summary>
    public const string SemVerProperty = "SemVer";

    private static readonly ImmutableDictionary<string, string?> MissingVersionProperties = ImmutableDictionary<string, string?>.Empty.Add(KindProperty, KindMissingVersion);
    private static readonly ImmutableDictionary<string, string?> TemplateProperties = ImmutableDictionary<string, string?>.Empty.Add(KindProperty, KindTemplate);

    internal override RuleGate Gate => RuleGate.LineageAttributes;

    internal override void Start(RuleStart start)
    {
        var symbols = start.Lineage;
        start.OnSymbol(c =>
        {
            var type = (INamedTypeSymbol)c.Symbol;
            if (PipelineDeclaration.Of(type, symbols, c.CancellationToken) is not { } pipeline)
                return;

            var pipelineName = pipeline.Name ?? type.Name;
            if (pipeline.Version is null)
            {
                if (!HasNamedArgument(pipeline.Attribute, "Version"))
                    c.ReportDiagnostic(Diagnostic.Create(MissingVersionRule, PipelineDeclaration.AttributeLocation(pipeline.Attribute), MissingVersionProperties, pipelineName));
            }
            else if (!SemanticVersion.IsValid(pipeline.Version))
            {
                c.ReportDiagnostic(Diagnostic.Create(
                    InvalidVersionRule,
                    PipelineDeclaration.ArgumentLocation(pipeline.Attribute, position: null, propertyName: "Version", c.CancellationToken),
                    InvalidVersionProperties(pipeline.Version),
                    pipeline.Version,
                    pipelineName));
            }

            foreach (var output in pipeline.ModelOutputs)
            {
                if (output.PathTemplate is { } template && output.Name is { } name
                    && template.IndexOf("{version}", StringComparison.Ordinal) < 0)
                {
                    c.ReportDiagnostic(Diagnostic.Create(
                        TemplateRule,
                        PipelineDeclaration.ArgumentLocation(output.Attribute, position: 1, propertyName: null, c.CancellationToken),
                        TemplateProperties,
                        template,
                        name));
                }
            }
        }, SymbolKind.NamedType);
    }

    private static ImmutableDictionary<string, string?> InvalidVersionProperties(string version)
    {
        var properties = ImmutableDictionary<string, string?>.Empty.Add(KindProperty, KindInvalidVersion);
        return SemanticVersion.Completed(version) is { } completed ? properties.Add(SemVerProperty, completed) : properties;
    }

    /// <summary>A Version argument that is present but did not bind (e.g. not a constant): the compiler reports it, not us.</summary>
    private static bool HasNamedArgument(AttributeData attribute, string name)
    {
        if (attribute.ApplicationSyntaxReference?.GetSyntax() is not Microsoft.CodeAnalysis.CSharp.Syntax.AttributeSyntax syntax || syntax.ArgumentList is null)
            return false;
        foreach (var argument in syntax.ArgumentList.Arguments)
        {
            if (argument.NameEquals?.Name.Identifier.ValueText == name)
                return true;
        }

        return false;
    }
}
