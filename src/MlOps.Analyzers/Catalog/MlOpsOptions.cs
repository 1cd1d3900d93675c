using System;
using System.Globalization;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace MlOps.Analyzers.Catalog;

/// <summary>
/// The typed .editorconfig / global-config options, read per syntax tree. Keys are
/// <c>mlops_analyzers.&lt;option&gt;</c>, or <c>mlops_analyzers.&lt;RULE ID&gt;.&lt;option&gt;</c> to override for one rule.
/// </summary>
internal readonly struct MlOpsOptions
{
    public const string Prefix = "mlops_analyzers.";
    public const string DefaultSeedKey = "default_seed";
    public const string TrainingScopeKey = "training_scope";

    /// <summary>The seed the fixes insert when no <c>[TrainingSeed]</c> constant is in scope.</summary>
    public const int BuiltInDefaultSeed = 42;

    private static readonly char[] ListSeparator = { ',' };

    private readonly AnalyzerConfigOptions _options;

    private MlOpsOptions(AnalyzerConfigOptions options) => _options = options;

    public static MlOpsOptions For(AnalyzerOptions options, SyntaxTree tree)
        => new(options.AnalyzerConfigOptionsProvider.GetOptions(tree));

    public static MlOpsOptions For(AnalyzerConfigOptionsProvider provider, SyntaxTree tree)
        => new(provider.GetOptions(tree));

    /// <summary><c>mlops_analyzers.default_seed</c>: any int (0 is a valid seed); <see cref="BuiltInDefaultSeed"/> when absent or unreadable.</summary>
    public int DefaultSeed(string? ruleId = null)
        => TryGet(DefaultSeedKey, ruleId, out var text)
           && int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var seed)
            ? seed
            : BuiltInDefaultSeed;

    /// <summary><c>mlops_analyzers.training_scope</c> = <c>auto</c> | <c>attributed</c> | <c>all</c>; <c>auto</c> when absent or unknown.</summary>
    public TrainingScopeMode TrainingScope(string? ruleId = null)
    {
        if (!TryGet(TrainingScopeKey, ruleId, out var text))
            return TrainingScopeMode.Auto;
        return text.Trim().ToLowerInvariant() switch
        {
            "attributed" => TrainingScopeMode.Attributed,
            "all" => TrainingScopeMode.All,
            _ => TrainingScopeMode.Auto,
        };
    }

    /// <summary>Reads a rule-specific key first, then the general one.</summary>
    public bool TryGet(string option, string? ruleId, out string value)
    {
        if (_options is not null)
        {
            if (ruleId is not null && _options.TryGetValue(Prefix + ruleId + "." + option, out var ruleValue) && !string.IsNullOrWhiteSpace(ruleValue))
            {
                value = ruleValue;
                return true;
            }

            if (_options.TryGetValue(Prefix + option, out var generalValue) && !string.IsNullOrWhiteSpace(generalValue))
            {
                value = generalValue;
                return true;
            }
        }

        value = string.Empty;
        return false;
    }

    /// <summary>A comma-separated list option (never ';': .editorconfig treats the rest of the line as a comment).</summary>
    public string[] GetList(string option, string? ruleId = null)
        => TryGet(option, ruleId, out var text)
            ? text.Split(ListSeparator, StringSplitOptions.RemoveEmptyEntries)
            : Array.Empty<string>();
}
