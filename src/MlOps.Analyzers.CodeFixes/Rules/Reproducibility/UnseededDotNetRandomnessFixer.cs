using System.Collections.Generic;
using System.Collections.Immutable;
using System.Composition;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Editing;
using Microsoft.CodeAnalysis.Formatting;
using Microsoft.CodeAnalysis.Simplification;
using MlOps.Analyzers.CodeFixes.Infrastructure;
using MlOps.Analyzers.Catalog;
using MlOps.Analyzers.Rules.Reproducibility;

namespace MlOps.Analyzers.CodeFixes.Rules.Reproducibility;

/// <summary>
/// MLOPS004 fix: <c>new Random()</c> (or <c>new Random(Environment.TickCount)</c>) becomes <c>new Random(&lt;seed&gt;)</c>, the
/// seed replacing any clock seed. <c>Random.Shared</c>, a <c>Guid.NewGuid()</c> sort, fold or sampling
/// key and <c>RandomNumberGenerator.Shuffle/GetItems/GetInt32</c> are rewritten to use one seeded generator per type,
/// <c>private static readonly Random SeededRandom = new Random(&lt;seed&gt;);</c>: replacing each use by its own
/// <c>new Random(seed)</c> would repeat the same number at every call.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(UnseededDotNetRandomnessFixer)), Shared]
public sealed class UnseededDotNetRandomnessFixer : CodeFixProvider
{
    private const string FieldName = "SeededRandom";

    public override ImmutableArray<string> FixableDiagnosticIds => ImmutableArray.Create(RuleIds.UnseededDotNetRandomness);

    // Several sites in one type share the field the fix adds: edits are merged per document, not batched as text.
    public override FixAllProvider GetFixAllProvider() => FixAll.Instance;

    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        if (root is null)
            return;

        foreach (var diagnostic in context.Diagnostics)
        {
            if (!CanFix(root, diagnostic))
                continue;
            var title = Kind(diagnostic) == UnseededDotNetRandomnessAnalyzer.KindCreation
                ? "Seed the Random"
                : "Use a seeded Random";
            context.RegisterCodeFix(
                CodeAction.Create(title, ct => FixAsync(context.Document, ImmutableArray.Create(diagnostic), ct), equivalenceKey: RuleIds.UnseededDotNetRandomness),
                diagnostic);
        }
    }

    private static string? Kind(Diagnostic diagnostic)
        => diagnostic.Properties.TryGetValue(UnseededDotNetRandomnessAnalyzer.KindProperty, out var kind) ? kind : null;

    private static bool CanFix(SyntaxNode root, Diagnostic diagnostic)
    {
        var node = root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true);
        if (Kind(diagnostic) == UnseededDotNetRandomnessAnalyzer.KindCreation)
            return node.AncestorsAndSelf().OfType<BaseObjectCreationExpressionSyntax>().Any();
        if (Kind(diagnostic) == UnseededDotNetRandomnessAnalyzer.KindGuidKey && GuidKeyReplacement(node) is null)
            return false;
        return node.FirstAncestorOrSelf<TypeDeclarationSyntax>() is ClassDeclarationSyntax or StructDeclarationSyntax or RecordDeclarationSyntax;
    }

    /// <summary>
    /// What a <c>Guid.NewGuid()</c> key becomes, and the expression it replaces: the Guid itself or its hash becomes
    /// <c>Next()</c> (<c>OrderBy(_ =&gt; Guid.NewGuid())</c>, <c>Guid.NewGuid().GetHashCode() % k</c>, <c>.ToString()</c>); a comparison of a
    /// fresh Guid becomes a random comparison result, <c>Next(-1, 2)</c> (an int compared with a Guid would throw). Null
    /// when the Guid is used in another way (<c>ToByteArray()</c>): an int has no such member, so no fix is offered.
    /// </summary>
    private static (ExpressionSyntax Replaced, string Method, ArgumentListSyntax Arguments)? GuidKeyReplacement(SyntaxNode node)
    {
        if (node.FirstAncestorOrSelf<InvocationExpressionSyntax>() is not { } newGuid)
            return null;
        ExpressionSyntax key = newGuid;
        while (key.Parent is ParenthesizedExpressionSyntax parenthesized)
            key = parenthesized;

        var compareTo = key.Parent is MemberAccessExpressionSyntax { Name.Identifier.ValueText: "CompareTo" } compared && compared.Expression == key
            ? compared.Parent as InvocationExpressionSyntax
            : key.Parent is ArgumentSyntax { Parent.Parent: InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax { Name.Identifier.ValueText: "CompareTo" } } comparison }
                ? comparison
                : null;
        if (compareTo is not null)
            return (compareTo, "Next", SyntaxFactory.ParseArgumentList("(-1, 2)"));

        if (key.Parent is not MemberAccessExpressionSyntax member || member.Expression != key)
            return (newGuid, "Next", SyntaxFactory.ArgumentList());
        return member.Name.Identifier.ValueText switch
        {
            "GetHashCode" when member.Parent is InvocationExpressionSyntax { ArgumentList.Arguments.Count: 0 } hash => (hash, "Next", SyntaxFactory.ArgumentList()),
            "ToString" => (newGuid, "Next", SyntaxFactory.ArgumentList()), // an int formats with "N", "D" ... too
            _ => null,
        };
    }

    private static async Task<Document> FixAsync(Document document, ImmutableArray<Diagnostic> diagnostics, CancellationToken cancellationToken)
    {
        var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
        var model = await document.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false);
        if (root is null || model is null)
            return document;

        var editor = await DocumentEditor.CreateAsync(document, cancellationToken).ConfigureAwait(false);
        var fieldNames = new Dictionary<TypeDeclarationSyntax, string>();
        var replaced = new HashSet<SyntaxNode>(); // both Guids of one comparison are replaced by one edit

        foreach (var diagnostic in diagnostics.OrderBy(d => d.Location.SourceSpan.Start))
        {
            if (!CanFix(root, diagnostic))
                continue;
            var node = root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true);

            if (Kind(diagnostic) == UnseededDotNetRandomnessAnalyzer.KindCreation)
            {
                var creation = node.AncestorsAndSelf().OfType<BaseObjectCreationExpressionSyntax>().First();
                var seed = SeedSuggestion.For(document, model, creation, RuleIds.UnseededDotNetRandomness);
                var arguments = SyntaxFactory.ArgumentList(SyntaxFactory.SingletonSeparatedList(SyntaxFactory.Argument(seed)));
                if (creation.ArgumentList is { } existing)
                    arguments = arguments.WithTriviaFrom(existing);
                editor.ReplaceNode(creation, creation.WithArgumentList(arguments));
                continue;
            }

            var type = node.FirstAncestorOrSelf<TypeDeclarationSyntax>()!;
            if (!fieldNames.TryGetValue(type, out var field) && ExistingSeededField(model, type, cancellationToken) is { } existingField)
            {
                field = existingField;
                fieldNames[type] = field;
            }
            else if (field is null)
            {
                field = UniqueFieldName(model, type, cancellationToken);
                fieldNames[type] = field;
                var seed = SeedSuggestion.For(document, model, node, RuleIds.UnseededDotNetRandomness, requireStatic: true);
                editor.InsertMembers(type, 0, new[] { SeededRandomField(field, seed) });
            }

            var reference = SyntaxFactory.IdentifierName(field);
            switch (Kind(diagnostic))
            {
                case UnseededDotNetRandomnessAnalyzer.KindShared:
                    // Random.Shared -> SeededRandom
                    editor.ReplaceNode(node, reference.WithTriviaFrom(node));
                    break;
                case UnseededDotNetRandomnessAnalyzer.KindGuidKey:
                    // OrderBy(_ => Guid.NewGuid()) -> OrderBy(_ => SeededRandom.Next()); a.CompareTo(Guid.NewGuid()) -> SeededRandom.Next(-1, 2)
                    var (key, method, keyArguments) = GuidKeyReplacement(node)!.Value;
                    if (replaced.Add(key))
                        editor.ReplaceNode(key, Call(reference, method, keyArguments).WithTriviaFrom(key));
                    break;
                default:
                    // RandomNumberGenerator.Shuffle/GetItems(x) -> SeededRandom.Shuffle/GetItems(x); GetInt32(a, b) -> Next(a, b)
                    var call = node.FirstAncestorOrSelf<InvocationExpressionSyntax>()!;
                    var name = call.Expression is MemberAccessExpressionSyntax member ? member.Name.Identifier.ValueText : "Next";
                    editor.ReplaceNode(call, Call(reference, name == "GetInt32" ? "Next" : name, call.ArgumentList).WithTriviaFrom(call));
                    break;
            }
        }

        return editor.GetChangedDocument();
    }

    private static InvocationExpressionSyntax Call(ExpressionSyntax receiver, string name, ArgumentListSyntax arguments)
        => SyntaxFactory.InvocationExpression(
            SyntaxFactory.MemberAccessExpression(SyntaxKind.SimpleMemberAccessExpression, receiver, SyntaxFactory.IdentifierName(name)),
            arguments);

    private static FieldDeclarationSyntax SeededRandomField(string name, ExpressionSyntax seed)
    {
        var randomType = SyntaxFactory.ParseTypeName("global::System.Random").WithAdditionalAnnotations(Simplifier.Annotation);
        var creation = SyntaxFactory.ObjectCreationExpression(randomType)
            .WithArgumentList(SyntaxFactory.ArgumentList(SyntaxFactory.SingletonSeparatedList(SyntaxFactory.Argument(seed))));
        return SyntaxFactory.FieldDeclaration(
                SyntaxFactory.VariableDeclaration(randomType)
                    .AddVariables(SyntaxFactory.VariableDeclarator(name).WithInitializer(SyntaxFactory.EqualsValueClause(creation))))
            .AddModifiers(
                SyntaxFactory.Token(SyntaxKind.PrivateKeyword),
                SyntaxFactory.Token(SyntaxKind.StaticKeyword),
                SyntaxFactory.Token(SyntaxKind.ReadOnlyKeyword))
            .WithAdditionalAnnotations(Formatter.Annotation);
    }

    /// <summary>A <c>static readonly Random</c> of the type created with a seed (ours from an earlier fix, or the user's): reused rather than adding another.</summary>
    private static string? ExistingSeededField(SemanticModel model, TypeDeclarationSyntax type, CancellationToken cancellationToken)
    {
        var random = model.Compilation.GetTypeByMetadataName("System.Random");
        foreach (var declaration in type.Members.OfType<FieldDeclarationSyntax>())
        {
            if (!declaration.Modifiers.Any(SyntaxKind.StaticKeyword) || !declaration.Modifiers.Any(SyntaxKind.ReadOnlyKeyword))
                continue;
            foreach (var variable in declaration.Declaration.Variables)
            {
                if (variable.Initializer?.Value is BaseObjectCreationExpressionSyntax { ArgumentList.Arguments.Count: 1 }
                    && model.GetDeclaredSymbol(variable, cancellationToken) is IFieldSymbol { Type: var fieldType }
                    && SymbolEqualityComparer.Default.Equals(fieldType, random))
                    return variable.Identifier.ValueText;
            }
        }

        return null;
    }

    private static string UniqueFieldName(SemanticModel model, TypeDeclarationSyntax type, CancellationToken cancellationToken)
    {
        var symbol = model.GetDeclaredSymbol(type, cancellationToken);
        var taken = new HashSet<string>(symbol?.GetMembers().Select(m => m.Name) ?? Enumerable.Empty<string>(), System.StringComparer.Ordinal);
        var name = FieldName;
        for (var i = 2; taken.Contains(name); i++)
            name = FieldName + i.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return name;
    }

    private sealed class FixAll : DocumentBasedFixAllProvider
    {
        public static readonly FixAll Instance = new();

        protected override string GetFixAllTitle(FixAllContext fixAllContext) => "Seed every unseeded Random";

        protected override async Task<Document?> FixAllAsync(FixAllContext fixAllContext, Document document, ImmutableArray<Diagnostic> diagnostics)
            => await FixAsync(document, diagnostics, fixAllContext.CancellationToken).ConfigureAwait(false);
    }
}
