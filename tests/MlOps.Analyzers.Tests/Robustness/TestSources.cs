using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using MlOps.Analyzers.Tests.Infrastructure;

namespace MlOps.Analyzers.Tests.Robustness;

/// <summary>A C# source the guard mutates: where it came from, and its text (test markup removed).</summary>
public sealed record SourceSample(string Origin, string Text)
{
    public override string ToString() => Origin;
}

/// <summary>
/// Every C# program the repository already holds: the sources embedded as string literals in the test project (found by
/// parsing the test files with Roslyn and folding constant concatenations such as <c>Usings + """..."""</c>), and every
/// <c>.cs</c> file under <c>samples/</c>. New rule tests and samples join the guard without anyone touching it.
/// </summary>
public static class TestSources
{
    private static readonly Regex MarkupStart = new(@"\{\|[^:|{}\s]*:", RegexOptions.Compiled);

    public static ImmutableArray<SourceSample> All { get; } = Load();

    private static ImmutableArray<SourceSample> Load()
    {
        var samples = new List<SourceSample>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var file in EnumerateCs(RepoPaths.Combine("tests", "MlOps.Analyzers.Tests")))
        {
            var relative = Path.GetRelativePath(RepoPaths.Root, file).Replace('\\', '/');
            foreach (var (line, text) in ExtractLiterals(File.ReadAllText(file)))
            {
                if (seen.Add(text))
                    samples.Add(new SourceSample($"{relative}:{line}", text));
            }
        }

        var samplesRoot = RepoPaths.Combine("samples");
        if (Directory.Exists(samplesRoot))
        {
            foreach (var file in EnumerateCs(samplesRoot))
            {
                var text = File.ReadAllText(file);
                if (seen.Add(text))
                    samples.Add(new SourceSample(Path.GetRelativePath(RepoPaths.Root, file).Replace('\\', '/'), text));
            }
        }

        return samples.ToImmutableArray();
    }

    private static IEnumerable<string> EnumerateCs(string root)
        => Directory.EnumerateFiles(root, "*.cs", SearchOption.AllDirectories)
            .Where(path => !path.Split(Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar).Any(part => part is "bin" or "obj"))
            .OrderBy(path => path, StringComparer.Ordinal);

    /// <summary>The constant string expressions of a file (maximal ones: a whole concatenation, not its parts) that read as C# programs.</summary>
    internal static IEnumerable<(int Line, string Text)> ExtractLiterals(string fileText)
    {
        var tree = CSharpSyntaxTree.ParseText(fileText, new CSharpParseOptions(LanguageVersion.Latest));
        var compilation = CSharpCompilation.Create("Extract", new[] { tree }, TestReferences.Net80);
        var model = compilation.GetSemanticModel(tree);
        foreach (var expression in tree.GetRoot().DescendantNodes().OfType<ExpressionSyntax>())
        {
            if (expression is not (LiteralExpressionSyntax { RawKind: (int)SyntaxKind.StringLiteralExpression } or BinaryExpressionSyntax { RawKind: (int)SyntaxKind.AddExpression } or InterpolatedStringExpressionSyntax))
                continue;
            if (expression.Parent is BinaryExpressionSyntax { RawKind: (int)SyntaxKind.AddExpression } || expression.Parent is ParenthesizedExpressionSyntax)
                continue; // only the whole concatenation
            if (model.GetConstantValue(expression) is not { HasValue: true, Value: string value })
                continue;
            var text = StripMarkup(value);
            if (LooksLikeProgram(text))
                yield return (expression.GetLocation().GetLineSpan().StartLinePosition.Line + 1, text);
        }
    }

    /// <summary>Removes the testing library's markup: <c>{|#0:...|}</c>, <c>{|ID:...|}</c>, <c>[|...|]</c>.</summary>
    internal static string StripMarkup(string text)
        => MarkupStart.Replace(text, string.Empty).Replace("|}", string.Empty, StringComparison.Ordinal)
            .Replace("[|", string.Empty, StringComparison.Ordinal).Replace("|]", string.Empty, StringComparison.Ordinal);

    private static bool LooksLikeProgram(string text)
    {
        if (text.Length < 20)
            return false;
        var root = CSharpSyntaxTree.ParseText(text, new CSharpParseOptions(LanguageVersion.Latest)).GetCompilationUnitRoot();
        return root.Usings.Count > 0 || root.Members.Any(m => m is BaseNamespaceDeclarationSyntax or BaseTypeDeclarationSyntax or DelegateDeclarationSyntax);
    }
}
