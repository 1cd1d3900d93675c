using Microsoft.CodeAnalysis;

namespace MlOps.Analyzers.Catalog;

/// <summary>The one factory every descriptor goes through: it sets the help link and keeps ids, categories and docs in step.</summary>
internal static class RuleDescriptors
{
    /// <summary>Where the rule pages live; a test checks that each descriptor links to its own page and that the page exists.</summary>
    public const string HelpLinkBase = "https://github.com/mlopsanalyzers/MlOpsAnalyzers/blob/main/docs/rules/";

    public static string HelpLink(string id) => HelpLinkBase + id + ".md";

    public static DiagnosticDescriptor Create(
        string id,
        string category,
        DiagnosticSeverity defaultSeverity,
        string title,
        string messageFormat,
        string description,
        bool isEnabledByDefault = true,
        params string[] customTags)
        => new(
            id,
            title,
            messageFormat,
            category,
            defaultSeverity,
            isEnabledByDefault,
            description,
            HelpLink(id),
            customTags);
}
