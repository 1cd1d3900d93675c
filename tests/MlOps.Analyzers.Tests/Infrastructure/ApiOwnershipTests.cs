using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;
using Xunit;
using MlOps.Analyzers.Engine;
using MlOps.Analyzers.Facts.Symbols;

namespace MlOps.Analyzers.Tests.Infrastructure;

/// <summary>
/// <see cref="ApiOwnership"/> against the real assemblies: the rules' filters (<see cref="ApiFilteredActions"/>) are only as
/// right as this classification of who declares a called method.
/// </summary>
public class ApiOwnershipTests
{
    private const string Source = @"
using System;
using System.Linq;
using Microsoft.ML;
using Microsoft.Data.Analysis;
using TorchSharp;

public class Row { public float X { get; set; } }

public class Calls
{
    public void Run<T>() where T : new()
    {
        var ml = new MLContext(seed: 1);
        var view = ml.Data.LoadFromTextFile<Row>(""data.csv"");
        var model = ml.Model.Load(""model.zip"", out var schema);
        var trainer = ml.Regression.Trainers.Sdca();
        var tensor = torch.zeros(3);
        var frame = DataFrame.LoadCsv(""data.csv"");
        var draw = new Random(1).Next();
        var count = new[] { 1 }.Select(x => x).Count();
        var environment = MlOps.Lineage.RunEnvironment.Capture();
        Helper();
        var made = new T();
        Action reference = Helper;
    }

    private static void Helper() { }
}";

    [Theory]
    [InlineData("new MLContext(seed: 1)", nameof(ApiOwners.MlNet))]
    [InlineData("ml.Data.LoadFromTextFile<Row>(\"data.csv\")", nameof(ApiOwners.MlNet))]
    [InlineData("ml.Model.Load(\"model.zip\", out var schema)", nameof(ApiOwners.MlNet))]
    [InlineData("ml.Regression.Trainers.Sdca()", nameof(ApiOwners.MlNet))]
    [InlineData("torch.zeros(3)", nameof(ApiOwners.TorchSharp))]
    [InlineData("DataFrame.LoadCsv(\"data.csv\")", nameof(ApiOwners.DataAnalysis))]
    [InlineData("new Random(1)", nameof(ApiOwners.Other))]
    [InlineData("new Random(1).Next()", nameof(ApiOwners.Other))]
    [InlineData("new[] { 1 }.Select(x => x).Count()", nameof(ApiOwners.Other))]
    [InlineData("MlOps.Lineage.RunEnvironment.Capture()", nameof(ApiOwners.Lineage))]
    [InlineData("Helper()", nameof(ApiOwners.Source))]
    [InlineData("Helper", nameof(ApiOwners.Source))]
    public void The_owner_of_a_call_is_the_assembly_that_declares_its_method(string call, string expected)
    {
        var (compilation, operations) = Compile();
        var operation = Assert.Single(operations, o => ApiOwnership.CallsMethod(o.Kind) && o.Syntax.ToString() == call);

        Assert.Equal(expected, new ApiOwnership(compilation).Of(operation).ToString());
    }

    [Fact]
    public void Operations_that_call_nothing_are_never_filtered_out()
    {
        var (compilation, operations) = Compile();
        var declarator = operations.OfType<IVariableDeclaratorOperation>().First();
        var typeParameterCreation = Assert.Single(operations.OfType<ITypeParameterObjectCreationOperation>()); // new T(): no constructor known

        Assert.Equal(ApiOwners.All, new ApiOwnership(compilation).Of(declarator));
        Assert.Equal(ApiOwners.All, new ApiOwnership(compilation).Of(typeParameterCreation));
        Assert.False(ApiOwnership.CallsMethod(declarator.Kind));
        Assert.False(ApiOwnership.CallsMethod(typeParameterCreation.Kind));
    }

    [Theory]
    [InlineData("Microsoft.ML", nameof(ApiOwners.MlNet))]
    [InlineData("Microsoft.ML.StandardTrainers", nameof(ApiOwners.MlNet))]
    [InlineData("Microsoft.ML.OnnxConverter", nameof(ApiOwners.MlNet))]
    [InlineData("Microsoft.MLNet.Extras", nameof(ApiOwners.Other))]
    [InlineData("TorchSharp", nameof(ApiOwners.TorchSharp))]
    [InlineData("TorchVision", nameof(ApiOwners.TorchSharp))]
    [InlineData("TorchSharpExtras", nameof(ApiOwners.Other))]
    [InlineData("Microsoft.Data.Analysis", nameof(ApiOwners.DataAnalysis))]
    [InlineData("MlOps.Lineage", nameof(ApiOwners.Lineage))]
    [InlineData("System.Runtime", nameof(ApiOwners.Other))]
    public void Referenced_assemblies_are_classified_by_name(string assembly, string expected)
        => Assert.Equal(expected, ApiOwnership.OfAssembly(assembly).ToString());

    private static (Compilation Compilation, List<IOperation> Operations) Compile()
    {
        var tree = CSharpSyntaxTree.ParseText(Source);
        var compilation = CSharpCompilation.Create("calls", new[] { tree }, TestReferences.All, new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));
        Assert.Empty(compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error));
        var model = compilation.GetSemanticModel(tree);
        var method = tree.GetRoot().DescendantNodes().OfType<MethodDeclarationSyntax>().First();
        var body = model.GetOperation(method)!;
        return (compilation, body.DescendantsAndSelf().ToList());
    }
}
