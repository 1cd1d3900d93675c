using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Editing;
using Microsoft.CodeAnalysis.Formatting;
using MlOps.Analyzers.Facts.Pipelines;
using MlOps.Analyzers.Facts.Symbols;

namespace MlOps.Analyzers.CodeFixes.Infrastructure;

/// <summary>What a lineage fix declares: a dataset (<c>[DatasetInput]</c>) or a model output (<c>[ModelOutput]</c>).</summary>
internal enum LineageDeclarationKind
{
    Dataset,
    ModelOutput,

    /// <summary>A dataset declared with a <c>Sha256</c> placeholder and verified after <see cref="LineageEdit.VerifyAfter"/> (MLOPS011).</summary>
    VerifiedDataset,
}

/// <summary>
/// One expression to move onto the lineage: <paramref name="Target"/> becomes the generated member for <paramref name="Path"/>;
/// for <see cref="LineageDeclarationKind.VerifiedDataset"/>, <c>DatasetFingerprint.Compute(member)</c> is inserted after <paramref name="VerifyAfter"/>.
/// With <paramref name="Rewrite"/>, nothing is declared for the path: <paramref name="Target"/> becomes what it returns for the
/// lineage class's name (e.g. a path that keeps its run-time names and gains <c>{Lineage.Version}</c>).
/// </summary>
internal sealed record LineageEdit(
    DocumentId DocumentId,
    ExpressionSyntax Target,
    INamedTypeSymbol PipelineType,
    string Path,
    StatementSyntax? VerifyAfter = null,
    Func<string, ExpressionSyntax>? Rewrite = null);

/// <summary>
/// The edit shared by the "declare it in lineage" fixes (MLOPS010, MLOPS020): per pipeline type, each distinct path
/// is declared once (<c>[DatasetInput(name, path)]</c> or <c>[ModelOutput(name, template)]</c> with <c>-{version}</c>
/// before the extension), the type gets <c>[TrainingPipeline(name, Version = "0.1.0")]</c> and <c>partial</c> (with
/// the types around it) when it lacks them, and every target expression is rewritten to the member the generator
/// emits (<see cref="LineageNaming"/>): <c>Lineage.Datasets.X.Path</c> or <c>Lineage.Models.X.Resolve(Lineage.Version)</c>.
/// Works over several documents at once, so Fix All declares a path shared by two documents once.
/// </summary>
internal static class LineageDeclarations
{
    public const string InitialVersion = "0.1.0";

    /// <summary>The digest the MLOPS011 fix declares: the user replaces it (until then the verification fails, which is the point).</summary>
    public const string DigestPlaceholder = "<fill in: the SHA-256 of the verified content, see docs/rules/MLOPS011.md>";

    private const string AttributeNamespace = "MlOps.Lineage";

    public static async Task<Solution> ApplyAsync(Solution solution, IReadOnlyList<LineageEdit> edits, LineageDeclarationKind kind, CancellationToken cancellationToken)
    {
        if (edits.Count == 0)
            return solution;

        var documentEdits = new Dictionary<DocumentId, List<Action<DocumentEditor>>>();
        var needsImport = new HashSet<DocumentId>();
        void Add(DocumentId id, Action<DocumentEditor> edit)
        {
            if (!documentEdits.TryGetValue(id, out var list))
                documentEdits[id] = list = new List<Action<DocumentEditor>>();
            list.Add(edit);
        }

        var typeEdits = new List<(DocumentId Document, SyntaxNode Declaration, int Depth, Func<SyntaxNode, SyntaxGenerator, SyntaxNode> Change)>();
        // A stable order (file, position), so names are given in reading order whatever order the diagnostics came in.
        var ordered = edits.OrderBy(e => e.Target.SyntaxTree.FilePath, StringComparer.Ordinal).ThenBy(e => e.Target.SpanStart).ToList();
        foreach (var group in ordered.GroupBy(e => e.PipelineType, SymbolEqualityComparer.Default))
        {
            var type = (INamedTypeSymbol)group.Key!;
            var firstDocument = solution.GetDocument(group.First().DocumentId);
            var compilation = firstDocument is null ? null : await firstDocument.Project.GetCompilationAsync(cancellationToken).ConfigureAwait(false);
            if (compilation is null)
                continue;
            var lineageSymbols = LineageSymbols.TryCreate(compilation);
            if (lineageSymbols is null)
                continue;

            // The declaration that receives the attributes: one that already has attributes, else the first by file path.
            var declarations = type.DeclaringSyntaxReferences
                .OrderBy(r => r.SyntaxTree.FilePath, StringComparer.Ordinal).ThenBy(r => r.Span.Start)
                .Select(r => r.GetSyntax(cancellationToken)).OfType<TypeDeclarationSyntax>()
                .OrderBy(d => d.AttributeLists.Count == 0 ? 1 : 0).ToList();
            if (declarations.Count == 0)
                continue;

            var isDataset = kind != LineageDeclarationKind.ModelOutput;
            var existing = isDataset
                ? PipelineDeclaration.DatasetInputsOf(type, lineageSymbols).Select(d => (Name: d.Name ?? string.Empty, Path: d.Path ?? string.Empty)).ToList()
                : PipelineDeclaration.ModelOutputsOf(type, lineageSymbols).Select(m => (Name: m.Name ?? string.Empty, Path: m.PathTemplate ?? string.Empty)).ToList();
            var names = new HashSet<string>(existing.Select(e => e.Name), StringComparer.OrdinalIgnoreCase);
            var identifiers = new HashSet<string>(existing.Select(e => Identifier(e.Name, kind)).Where(i => i is not null)!, StringComparer.Ordinal);

            var memberByPath = new Dictionary<string, string>(StringComparer.Ordinal);
            var declarationByPath = new Dictionary<string, string>(StringComparer.Ordinal);
            var newAttributes = new List<AttributeListSyntax>();
            var lineageClass = LineageNaming.GetLineageClassName(type, lineageSymbols);
            foreach (var edit in group)
            {
                if (edit.Rewrite is not null || memberByPath.ContainsKey(edit.Path))
                    continue;
                var declaredPath = isDataset ? edit.Path : VersionedTemplate(edit.Path);
                var match = existing.FirstOrDefault(e => e.Path == declaredPath);
                string name;
                if (match.Name is { Length: > 0 })
                {
                    name = match.Name;
                }
                else
                {
                    name = UniqueName(NameFromPath(edit.Path, isDataset ? "data" : "model"), names, identifiers, kind);
                    names.Add(name);
                    identifiers.Add(Identifier(name, kind)!);
                    newAttributes.Add(kind switch
                    {
                        LineageDeclarationKind.ModelOutput => Attribute("ModelOutput", Literal(name), Literal(declaredPath)),
                        LineageDeclarationKind.VerifiedDataset => Attribute(
                            "DatasetInput",
                            Literal(name),
                            Literal(declaredPath),
                            SyntaxFactory.AttributeArgument(Literal(DigestPlaceholder)).WithNameEquals(SyntaxFactory.NameEquals("Sha256"))),
                        _ => Attribute("DatasetInput", Literal(name), Literal(declaredPath)),
                    });
                }

                var member = lineageClass + "." + (isDataset ? LineageNaming.DatasetsClassName : LineageNaming.ModelsClassName) + "." + Identifier(name, kind);
                declarationByPath[edit.Path] = member;
                memberByPath[edit.Path] = isDataset
                    ? member + ".Path"
                    : member + ".Resolve(" + lineageClass + ".Version)";
            }

            if (lineageSymbols.GetPipelineAttribute(type) is null)
            {
                newAttributes.Insert(0, Attribute(
                    "TrainingPipeline",
                    Literal(KebabCase(type.Name)),
                    SyntaxFactory.AttributeArgument(Literal(InitialVersion)).WithNameEquals(SyntaxFactory.NameEquals("Version"))));
            }

            foreach (var edit in group)
            {
                var replacement = (edit.Rewrite?.Invoke(lineageClass) ?? SyntaxFactory.ParseExpression(memberByPath[edit.Path])).WithTriviaFrom(edit.Target);
                var target = edit.Target;
                Add(edit.DocumentId, editor => editor.ReplaceNode(target, replacement));
                if (edit.VerifyAfter is { } statement)
                {
                    // DatasetFingerprint.Compute hashes the declared file and throws DatasetHashMismatchException when it differs from the pinned Sha256.
                    var verify = SyntaxFactory.ParseStatement("DatasetFingerprint.Compute(" + declarationByPath[edit.Path] + ");")
                        .WithAdditionalAnnotations(Formatter.Annotation);
                    Add(edit.DocumentId, editor => editor.InsertAfter(statement, verify));
                    needsImport.Add(edit.DocumentId);
                }
            }

            // The attributes go on the first declaration; every declaration of the type and of the types around it must be partial.
            var attributeTarget = declarations[0];
            var attributeDocument = solution.GetDocument(attributeTarget.SyntaxTree);
            if (attributeDocument is not null && newAttributes.Count > 0)
            {
                needsImport.Add(attributeDocument.Id);
                var attributes = newAttributes.ToArray();
                typeEdits.Add((attributeDocument.Id, attributeTarget, Depth(attributeTarget), (node, _) =>
                    ((TypeDeclarationSyntax)node).AddAttributeLists(attributes)));
            }

            for (var current = type; current is not null; current = current.ContainingType)
            {
                foreach (var reference in current.DeclaringSyntaxReferences)
                {
                    if (reference.GetSyntax(cancellationToken) is TypeDeclarationSyntax declaration
                        && !declaration.Modifiers.Any(SyntaxKind.PartialKeyword)
                        && solution.GetDocument(declaration.SyntaxTree) is { } document)
                    {
                        typeEdits.Add((document.Id, declaration, Depth(declaration), (node, _) => AddPartial((TypeDeclarationSyntax)node)));
                    }
                }
            }
        }

        // Inner edits first, then the type declarations from the innermost out (the editor applies each on the current node).
        foreach (var (document, declaration, _, change) in typeEdits.OrderByDescending(t => t.Depth))
            Add(document, editor => editor.ReplaceNode(declaration, change));

        foreach (var pair in documentEdits)
        {
            var document = solution.GetDocument(pair.Key);
            if (document is null)
                continue;
            var editor = await DocumentEditor.CreateAsync(document, cancellationToken).ConfigureAwait(false);
            foreach (var edit in pair.Value)
                edit(editor);
            var root = editor.GetChangedRoot();
            if (needsImport.Contains(pair.Key) && root is CompilationUnitSyntax unit && !Imports(unit))
                root = unit.AddUsings(SyntaxFactory.UsingDirective(SyntaxFactory.ParseName(AttributeNamespace)).WithAdditionalAnnotations(Formatter.Annotation));
            solution = solution.WithDocumentSyntaxRoot(pair.Key, root);
        }

        return solution;
    }

    /// <summary>Collects the diagnostics of a Fix All scope (document, project or solution).</summary>
    public static async Task<ImmutableArray<Diagnostic>> GetDiagnosticsAsync(FixAllContext context)
    {
        switch (context.Scope)
        {
            case FixAllScope.Document when context.Document is not null:
                return await context.GetDocumentDiagnosticsAsync(context.Document).ConfigureAwait(false);
            case FixAllScope.Project:
                return await context.GetAllDiagnosticsAsync(context.Project).ConfigureAwait(false);
            case FixAllScope.Solution:
                var builder = ImmutableArray.CreateBuilder<Diagnostic>();
                foreach (var project in context.Solution.Projects)
                    builder.AddRange(await context.GetAllDiagnosticsAsync(project).ConfigureAwait(false));
                return builder.ToImmutable();
            default:
                return ImmutableArray<Diagnostic>.Empty;
        }
    }

    /// <summary>The named type a fix declares the lineage on: the type around <paramref name="node"/>, if it is one the user wrote.</summary>
    public static INamedTypeSymbol? PipelineTypeAt(SemanticModel model, SyntaxNode node, CancellationToken cancellationToken)
    {
        var declaration = node.AncestorsAndSelf().OfType<TypeDeclarationSyntax>().FirstOrDefault();
        if (declaration is null || declaration is InterfaceDeclarationSyntax)
            return null;
        return model.GetDeclaredSymbol(declaration, cancellationToken) is { IsImplicitlyDeclared: false } type ? type : null;
    }

    /// <summary><c>models/churn.zip</c> → <c>models/churn-{version}.zip</c> (no extension: appended).</summary>
    public static string VersionedTemplate(string path)
    {
        var slash = Math.Max(path.LastIndexOf('/'), path.LastIndexOf('\\'));
        var dot = path.LastIndexOf('.');
        return dot > slash + 1
            ? path.Substring(0, dot) + "-{version}" + path.Substring(dot)
            : path + "-{version}";
    }

    private static bool Imports(CompilationUnitSyntax unit)
        => unit.Usings.Concat(unit.Members.OfType<BaseNamespaceDeclarationSyntax>().SelectMany(n => n.Usings))
            .Any(u => u.Alias is null && u.StaticKeyword.IsKind(SyntaxKind.None) && u.Name?.ToString() == AttributeNamespace)
           || unit.Members.OfType<BaseNamespaceDeclarationSyntax>().Any(n => n.Name.ToString() == AttributeNamespace || n.Name.ToString().StartsWith(AttributeNamespace + ".", StringComparison.Ordinal));

    private static TypeDeclarationSyntax AddPartial(TypeDeclarationSyntax declaration)
    {
        var partial = SyntaxFactory.Token(SyntaxKind.PartialKeyword).WithTrailingTrivia(SyntaxFactory.Space);
        if (declaration.Modifiers.Count == 0)
        {
            // `class C` → `partial class C`: the keyword's leading trivia (indentation) moves to the modifier.
            var keyword = declaration.Keyword;
            return declaration
                .WithKeyword(keyword.WithLeadingTrivia())
                .WithModifiers(SyntaxFactory.TokenList(partial.WithLeadingTrivia(keyword.LeadingTrivia)));
        }

        return declaration.WithModifiers(declaration.Modifiers.Add(partial));
    }

    private static int Depth(SyntaxNode node) => node.Ancestors().Count();

    private static AttributeListSyntax Attribute(string name, params object[] arguments)
    {
        var list = arguments.Select(a => a as AttributeArgumentSyntax ?? SyntaxFactory.AttributeArgument((ExpressionSyntax)a));
        return SyntaxFactory.AttributeList(SyntaxFactory.SingletonSeparatedList(
                SyntaxFactory.Attribute(SyntaxFactory.IdentifierName(name), SyntaxFactory.AttributeArgumentList(SyntaxFactory.SeparatedList(list)))))
            .WithAdditionalAnnotations(Formatter.Annotation);
    }

    internal static LiteralExpressionSyntax Literal(string value)
        => SyntaxFactory.LiteralExpression(SyntaxKind.StringLiteralExpression, SyntaxFactory.Literal(value));

    private static string? Identifier(string name, LineageDeclarationKind kind)
        => LineageNaming.ToMemberIdentifier(name, kind == LineageDeclarationKind.ModelOutput ? LineageNaming.ModelsClassName : LineageNaming.DatasetsClassName);

    /// <summary>A name from the file (or folder) name: <c>data/churn-2024.csv</c> → <c>churn-2024</c>.</summary>
    private static string NameFromPath(string path, string fallback)
    {
        var trimmed = path.TrimEnd('/', '\\');
        var slash = Math.Max(trimmed.LastIndexOf('/'), trimmed.LastIndexOf('\\'));
        var file = trimmed.Substring(slash + 1);
        var dot = file.IndexOf('.');
        if (dot > 0)
            file = file.Substring(0, dot);
        var name = new StringBuilder();
        foreach (var c in file)
            name.Append(char.IsLetterOrDigit(c) || c is '-' or '_' ? char.ToLowerInvariant(c) : '-');
        var result = name.ToString().Trim('-', '_');
        return result.Length == 0 || LineageNaming.ToIdentifier(result) is null ? fallback : result;
    }

    private static string UniqueName(string baseName, HashSet<string> names, HashSet<string> identifiers, LineageDeclarationKind kind)
    {
        var name = baseName;
        for (var i = 2; names.Contains(name) || identifiers.Contains(Identifier(name, kind) ?? string.Empty); i++)
            name = baseName + "-" + i.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return name;
    }

    /// <summary><c>ChurnTrainer</c> → <c>churn-trainer</c>.</summary>
    private static string KebabCase(string name)
    {
        var builder = new StringBuilder();
        for (var i = 0; i < name.Length; i++)
        {
            var c = name[i];
            if (char.IsUpper(c) && i > 0 && (char.IsLower(name[i - 1]) || (i + 1 < name.Length && char.IsLower(name[i + 1]))))
                builder.Append('-');
            builder.Append(char.ToLowerInvariant(c));
        }

        return builder.ToString();
    }
}

/// <summary>Fix All for the lineage fixes: all diagnostics of the scope in one solution edit, so shared paths are declared once.</summary>
internal sealed class LineageFixAllProvider : FixAllProvider
{
    private readonly string _title;
    private readonly Func<Solution, ImmutableArray<Diagnostic>, CancellationToken, Task<Solution>> _fix;

    public LineageFixAllProvider(string title, Func<Solution, ImmutableArray<Diagnostic>, CancellationToken, Task<Solution>> fix)
    {
        _title = title;
        _fix = fix;
    }

    public override async Task<CodeAction?> GetFixAsync(FixAllContext fixAllContext)
    {
        var diagnostics = await LineageDeclarations.GetDiagnosticsAsync(fixAllContext).ConfigureAwait(false);
        var solution = fixAllContext.Solution;
        return diagnostics.IsEmpty
            ? null
            : CodeAction.Create(_title, ct => _fix(solution, diagnostics, ct), fixAllContext.CodeActionEquivalenceKey);
    }
}
