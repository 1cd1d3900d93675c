using System.IO;

namespace MlOpsAnalyzers.EndToEnd;

/// <summary>
/// samples/TorchSharpTrainer.Unchecked built against the packed package: exactly one finding of each TorchSharp
/// training-hygiene rule (a new false positive fails this test), and one `dotnet format analyzers` run repairs all five.
/// TorchSharp is compile-only here (its native library does not load on Debian 12): nothing runs.
/// </summary>
[Collection(PackageCollection.Name)]
public sealed class TorchSharpUncheckedSampleTests(PackageFixture fixture)
{
    private const string TorchSharpVersion = "0.107.0";

    /// <summary>The findings samples/README.md shows for the unchecked TorchSharp sample, by rule and position.</summary>
    private static readonly string[] ExpectedFindings =
    [
        "MLOPS040 Program.cs(31,24)", // backward() and step() in the batch loop, zero_grad() only before the epochs
        "MLOPS041 Program.cs(41,15)", // a bare torch.no_grad(): gradients stay off for the next epoch's training
        "MLOPS042 Program.cs(66,27)", // functional dropout in forward without training:
        "MLOPS043 Program.cs(26,13)", // the batch loop has no dispose scope
        "MLOPS044 Program.cs(42,31)", // the model evaluated with gradients off but still in training mode
    ];

    private Consumer CreateUnchecked(string name) => fixture.CreateConsumer(
        name,
        fixture.ReadSample("TorchSharpTrainer.Unchecked", "Program.cs"),
        extraItems: $"""<PackageReference Include="TorchSharp" Version="{TorchSharpVersion}" />""");

    [Fact]
    public void Build_reports_exactly_the_documented_findings()
    {
        var consumer = CreateUnchecked("TorchUnchecked");
        var sarif = Path.Combine(consumer.Directory, "unchecked.sarif");
        consumer.Build($"-p:ErrorLog={sarif}%2Cversion=2.1").EnsureSuccess("dotnet build of the unchecked TorchSharp sample");
        Assert.Equal(ExpectedFindings, Consumer.SarifResults(sarif));
    }

    [Fact]
    public void One_dotnet_format_run_repairs_every_finding()
    {
        var consumer = CreateUnchecked("TorchUncheckedFormat");
        consumer.Build().EnsureSuccess("dotnet build before format");

        // One combined run, as the README shows it: dotnet format fixes the rules one after the other, in an order that
        // changes from run to run, and hands each fixer the first finding of any rule.
        var path = Path.Combine(consumer.Directory, "Program.cs");
        var log = DotNet.Run(consumer.Directory, "format", "analyzers", consumer.ProjectPath, "--severity", "info").EnsureSuccess("dotnet format analyzers").Output;
        Assert.DoesNotContain("Unable to fix", log, System.StringComparison.Ordinal);
        Assert.DoesNotContain("Failed to apply", log, System.StringComparison.Ordinal);

        var program = File.ReadAllText(path).ReplaceLineEndings("\n");
        foreach (var expected in new[]
                 {
                     // MLOPS043 and MLOPS040 both insert at the top of the batch loop: the scope first, whichever ran first
                     "                using var scope = NewDisposeScope();\n                optimizer.zero_grad();\n",
                     "        using var noGrad = torch.no_grad();\n        model.eval();\n        var predicted = model.forward(x)",
                     "nn.functional.dropout(nn.functional.relu(_hidden.forward(x)), 0.2, training: this.training)",
                 })
            Assert.True(program.Contains(expected, System.StringComparison.Ordinal), $"Not found:\n{expected}\nin:\n{program}\ndotnet format said:\n{log}");

        Assert.Equal(2, program.Split("optimizer.zero_grad();").Length - 1); // the one before the epochs stays

        // Every finding of the sample has a fix: none is left for a person.
        var sarif = Path.Combine(consumer.Directory, "after.sarif");
        consumer.Build($"-p:ErrorLog={sarif}%2Cversion=2.1").EnsureSuccess("dotnet build after format");
        Assert.Empty(Consumer.SarifResults(sarif));
    }
}
