using System.Globalization;
using System.Linq;
using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using MlOps.Analyzers.Facts.Symbols;

namespace MlOps.Analyzers.Facts.Pipelines;

/// <summary>
/// How declared names become members of the generated lineage class. Fixes that rewrite user code to the generated
/// members (e.g. <c>Lineage.Datasets.Train</c>) use these helpers so they name exactly what the generator emits.
/// </summary>
internal static class LineageNaming
{
    /// <summary>The generated class's name, unless the pipeline type already has a member by that name.</summary>
    public const string LineageClassName = "Lineage";

    /// <summary>The fallback name when the pipeline type already has its own member called <c>Lineage</c>.</summary>
    public const string FallbackLineageClassName = "PipelineLineage";

    public const string DatasetsClassName = "Datasets";
    public const string ModelsClassName = "Models";
    public const string HyperparametersClassName = "Hyperparameters";
    public const string AllHyperparametersName = "All";

    /// <summary>
    /// The PascalCase identifier for a declared name: words split at anything that is not a letter or digit
    /// (<c>learning_rate</c> → <c>LearningRate</c>, <c>numberOfTrees</c> → <c>NumberOfTrees</c>); a leading digit gets
    /// a <c>_</c>. Null when the name has no letter or digit.
    /// </summary>
    public static string? ToIdentifier(string? name)
    {
        if (name is null)
            return null;

        var builder = new StringBuilder(name.Length);
        var startOfWord = true;
        foreach (var c in name)
        {
            if (!char.IsLetterOrDigit(c))
            {
                startOfWord = true;
                continue;
            }

            builder.Append(startOfWord ? char.ToUpperInvariant(c) : c);
            startOfWord = false;
        }

        if (builder.Length == 0)
            return null;
        if (char.IsDigit(builder[0]))
            builder.Insert(0, '_');

        var identifier = builder.ToString();
        return SyntaxFacts.GetKeywordKind(identifier) != SyntaxKind.None ? "@" + identifier : identifier;
    }

    /// <summary>
    /// The identifier of a member inside one of the generated nested classes. A name that would clash with the class
    /// itself (C# forbids a member named like its type) or with its fixed members (<c>Hyperparameters.All</c>) gets a
    /// trailing <c>_</c>: <c>all</c> → <c>All_</c>.
    /// </summary>
    public static string? ToMemberIdentifier(string? name, string containingClassName)
    {
        var identifier = ToIdentifier(name);
        if (identifier is null)
            return null;
        var clashes = identifier == containingClassName
                      || (containingClassName == HyperparametersClassName && identifier == AllHyperparametersName);
        return clashes ? identifier + "_" : identifier;
    }

    /// <summary>
    /// The name of the lineage class generated into <paramref name="pipelineType"/>: <c>Lineage</c>, or, when the
    /// type is itself called <c>Lineage</c> or already has a user member by that name, <c>PipelineLineage</c>
    /// (then <c>PipelineLineage2</c>, <c>3</c>, ... until free). Members the generator emitted itself do not count.
    /// </summary>
    public static string GetLineageClassName(INamedTypeSymbol pipelineType, LineageSymbols symbols)
    {
        if (IsFree(pipelineType, LineageClassName, symbols))
            return LineageClassName;
        if (IsFree(pipelineType, FallbackLineageClassName, symbols))
            return FallbackLineageClassName;
        for (var i = 2; ; i++)
        {
            var candidate = FallbackLineageClassName + i.ToString(CultureInfo.InvariantCulture);
            if (IsFree(pipelineType, candidate, symbols))
                return candidate;
        }
    }

    private static bool IsFree(INamedTypeSymbol type, string name, LineageSymbols symbols)
        => type.Name != name
           && type.TypeParameters.All(p => p.Name != name)
           && type.GetMembers(name).All(symbols.IsGeneratedLineageClass);
}
