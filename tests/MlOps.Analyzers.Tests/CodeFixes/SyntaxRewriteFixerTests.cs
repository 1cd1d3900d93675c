using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.Text;
using MlOps.Analyzers.CodeFixes.Rules.Reproducibility;
using MlOps.Analyzers.Tests.Infrastructure;

namespace MlOps.Analyzers.Tests.CodeFixes;

public class SyntaxRewriteFixerTests
{
    private const string Source = """
        using Microsoft.ML;

        public static class Training
        {
            public static MLContext Create() => new MLContext();
        }
        """;

    /// <summary>
    /// `dotnet format analyzers` asks each fixer about the first diagnostic of the analyzer that reports its id to learn
    /// the Fix All key; with one analyzer for every rule that diagnostic is often another rule's.
    /// </summary>
    [Fact]
    public async Task A_diagnostic_of_another_rule_gets_the_fix_all_key_and_changes_nothing()
    {
        var document = CreateDocument();
        var text = await document.GetTextAsync();
        var span = new TextSpan(Source.IndexOf("new MLContext()", System.StringComparison.Ordinal), "new MLContext()".Length);
        var tree = await document.GetSyntaxTreeAsync();
        var foreign = Diagnostic.Create(
            new DiagnosticDescriptor("MLOPS030", "t", "m", "MlOps.Leakage", DiagnosticSeverity.Warning, true),
            Location.Create(tree!, span));

        var actions = new List<CodeAction>();
        var context = new CodeFixContext(document, foreign, (action, _) => actions.Add(action), CancellationToken.None);
        await new UnseededMLContextFixer().RegisterCodeFixesAsync(context);

        var registered = Assert.Single(actions);
        Assert.Equal("MLOPS001: Seed the MLContext", registered.EquivalenceKey);
        var operations = await registered.GetOperationsAsync(CancellationToken.None);
        var changed = operations.OfType<ApplyChangesOperation>().Single().ChangedSolution.GetDocument(document.Id)!;
        Assert.Equal(text.ToString(), (await changed.GetTextAsync()).ToString());
    }

    private static Document CreateDocument()
    {
        var workspace = new AdhocWorkspace();
        var project = workspace.AddProject("Test", LanguageNames.CSharp)
            .WithMetadataReferences(TestReferences.All);
        return project.AddDocument("Training.cs", Source);
    }
}
