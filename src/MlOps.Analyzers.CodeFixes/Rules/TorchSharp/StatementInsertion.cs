using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Formatting;
using Microsoft.CodeAnalysis.Text;

namespace MlOps.Analyzers.CodeFixes.Rules.TorchSharp;

/// <summary>The edits the TorchSharp fixes share: a statement at the top of a loop body or before a statement, a fresh local name.</summary>
internal static class StatementInsertion
{
    /// <summary>The loop statement whose span is <paramref name="span"/> (an additional location of the diagnostic), or null.</summary>
    public static StatementSyntax? LoopAt(SyntaxNode root, TextSpan span)
        => root.FindNode(span, getInnermostNodeForTie: true).AncestorsAndSelf()
            .OfType<StatementSyntax>()
            .FirstOrDefault(statement => statement.Span == span && BodyOf(statement) is not null);

    /// <summary>The loop a finding reported at its keyword (<c>for</c>, <c>foreach</c>, <c>while</c>, <c>do</c>) is about.</summary>
    public static StatementSyntax? LoopOfKeyword(SyntaxNode root, TextSpan keyword)
        => root.FindToken(keyword.Start).Parent is StatementSyntax loop && BodyOf(loop) is not null ? loop : null;

    /// <summary>
    /// <paramref name="root"/> with <paramref name="statement"/> at the top of <paramref name="loop"/>'s body (a body that is
    /// not a block becomes one): first, or with <paramref name="afterUsingDeclarations"/> after the <c>using</c> declarations
    /// the body starts with. A call such as <c>zero_grad()</c> goes after the iteration's dispose scope, so the fixes of one
    /// loop give the same body whichever is applied first (<c>dotnet format</c> fixes rules in an order that changes from run
    /// to run).
    /// </summary>
    public static SyntaxNode InsertAtLoopStart(SyntaxNode root, StatementSyntax loop, StatementSyntax statement, bool afterUsingDeclarations = false)
    {
        var body = BodyOf(loop)!;
        var formatted = Formatted(root, statement);
        if (body is not BlockSyntax block)
            return root.ReplaceNode(body, SyntaxFactory.Block(formatted, body.WithoutTrivia()).WithAdditionalAnnotations(Formatter.Annotation));

        var index = 0;
        while (afterUsingDeclarations && index < block.Statements.Count
               && block.Statements[index] is LocalDeclarationStatementSyntax declaration && !declaration.UsingKeyword.IsKind(SyntaxKind.None))
            index++;
        return root.ReplaceNode(body, block.WithStatements(block.Statements.Insert(index, formatted)));
    }

    /// <summary><paramref name="root"/> with <paramref name="statement"/> just before <paramref name="anchor"/>, a statement of a block.</summary>
    public static SyntaxNode? InsertBefore(SyntaxNode root, StatementSyntax anchor, StatementSyntax statement)
    {
        if (anchor.Parent is not BlockSyntax block)
            return null;
        var formatted = Formatted(root, statement);
        return root.ReplaceNode(block, block.WithStatements(block.Statements.Insert(block.Statements.IndexOf(anchor), formatted)));
    }

    /// <summary>The statement whose span is <paramref name="span"/>, or null.</summary>
    public static StatementSyntax? StatementAt(SyntaxNode root, TextSpan span)
        => root.FindNode(span, getInnermostNodeForTie: true).AncestorsAndSelf().OfType<StatementSyntax>().FirstOrDefault(s => s.Span == span);

    /// <summary>
    /// <paramref name="preferred"/>, or <c>preferred2</c>, <c>preferred3</c>...: a name no symbol in scope at
    /// <paramref name="site"/> and no declaration inside <paramref name="region"/> uses.
    /// </summary>
    public static string FreshName(SemanticModel model, SyntaxNode site, SyntaxNode region, string preferred)
    {
        var taken = new HashSet<string>(model.LookupSymbols(site.SpanStart).Select(symbol => symbol.Name), System.StringComparer.Ordinal);
        foreach (var token in region.DescendantTokens())
        {
            if (token.IsKind(SyntaxKind.IdentifierToken))
                taken.Add(token.ValueText);
        }

        var name = preferred;
        for (var i = 2; taken.Contains(name); i++)
            name = preferred + i.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return name;
    }

    /// <summary>A new statement on a line of its own (ended as the document ends its lines), indented by the formatter.</summary>
    private static StatementSyntax Formatted(SyntaxNode root, StatementSyntax statement)
        => statement.WithLeadingTrivia(SyntaxFactory.ElasticMarker)
            .WithTrailingTrivia(root.DescendantTrivia().FirstOrDefault(trivia => trivia.IsKind(SyntaxKind.EndOfLineTrivia)) is { RawKind: not 0 } newLine
                ? newLine
                : SyntaxFactory.ElasticCarriageReturnLineFeed)
            .WithAdditionalAnnotations(Formatter.Annotation);

    private static StatementSyntax? BodyOf(StatementSyntax loop)
        => loop switch
        {
            ForStatementSyntax forStatement => forStatement.Statement,
            CommonForEachStatementSyntax forEach => forEach.Statement,
            WhileStatementSyntax whileStatement => whileStatement.Statement,
            DoStatementSyntax doStatement => doStatement.Statement,
            _ => null,
        };
}
