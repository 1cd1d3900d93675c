using System;
using System.Globalization;
using System.Linq;
using System.Security.Cryptography;
using System.Text;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace MlOps.Analyzers.Facts.Pipelines;

/// <summary>
/// The pipeline's <c>Lineage.CodeFingerprint</c>: the generator emits it, and MLOPS105 compares it with the lineage lock,
/// so both compute it here from the same syntax.
/// </summary>
internal static class CodeFingerprint
{
    /// <summary>
    /// The folder Roslyn puts the lineage generator's output in: a generated tree's path is
    /// <c>&lt;generator assembly&gt;/&lt;generator type&gt;/&lt;hint name&gt;</c> (GeneratorDriver). The generator never sees its
    /// own output, while an analyzer does (the generated <c>Lineage</c> class is one more partial declaration of the
    /// pipeline type), so those declarations are left out.
    /// </summary>
    private const string GeneratorFolder = "MlOps.Analyzers.Lineage.LineageGenerator";

    private static readonly char[] PathSeparators = { '/', '\\' };

    /// <summary>
    /// SHA-256 (lower-case hex) over the tokens of every declaration of the pipeline type, in file-path order, joined by
    /// single spaces: whitespace, comments and <c>#region</c>s do not change it; any code change does. The type's own
    /// attributes are left out (name, version, datasets and outputs are recorded in their own fields, so a version
    /// bump alone does not change the code fingerprint).
    /// </summary>
    public static string Compute(INamedTypeSymbol type, CancellationToken cancellationToken)
    {
        var declarations = type.DeclaringSyntaxReferences
            .Where(r => !IsLineageGeneratorOutput(r.SyntaxTree.FilePath))
            .OrderBy(r => r.SyntaxTree.FilePath, StringComparer.Ordinal)
            .ThenBy(r => r.Span.Start)
            .Select(r => r.GetSyntax(cancellationToken))
            .OfType<TypeDeclarationSyntax>();

        var text = new StringBuilder();
        foreach (var declaration in declarations)
        {
            foreach (var child in declaration.ChildNodesAndTokens())
            {
                if (child.IsNode && child.AsNode() is AttributeListSyntax)
                    continue;
                var tokens = child.IsToken ? new[] { child.AsToken() } : child.AsNode()!.DescendantTokens();
                foreach (var token in tokens)
                {
                    if (token.IsMissing || token.Span.Length == 0)
                        continue;
                    text.Append(token.Text).Append(' ');
                }
            }

            text.Append('\n');
        }

        using var sha = SHA256.Create();
        var hash = sha.ComputeHash(Encoding.UTF8.GetBytes(text.ToString()));
        var hex = new StringBuilder(hash.Length * 2);
        foreach (var b in hash)
            hex.Append(b.ToString("x2", CultureInfo.InvariantCulture));
        return hex.ToString();
    }

    private static bool IsLineageGeneratorOutput(string path)
    {
        var folderEnd = path.LastIndexOfAny(PathSeparators);
        if (folderEnd < GeneratorFolder.Length)
            return false;
        var folderStart = folderEnd - GeneratorFolder.Length;
        return string.CompareOrdinal(path, folderStart, GeneratorFolder, 0, GeneratorFolder.Length) == 0
            && (folderStart == 0 || path[folderStart - 1] is '/' or '\\');
    }
}
