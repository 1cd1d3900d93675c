using System;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Json;

namespace MlOpsAnalyzers.EndToEnd;

/// <summary>
/// The README's lineage example, taken from README.md as it is written (so the test breaks when the README drifts),
/// built against the packed package and run twice in an empty folder: the first run trains and writes the model, its
/// completed lineage record and its events; the second refuses to replace the version.
/// </summary>
[Collection(PackageCollection.Name)]
public sealed class ReadmeLineageExampleTests(PackageFixture fixture) : IDisposable
{
    private readonly string _workDir = Directory.CreateTempSubdirectory("mlops-readme-run-").FullName;

    /// <summary>The first C# block of the README's "## Lineage" section.</summary>
    private static string ReadmeExample()
    {
        var readme = File.ReadAllText(Path.Combine(RepoPaths.Root, "README.md")).Replace("\r\n", "\n");
        var section = readme.IndexOf("\n## Lineage\n", StringComparison.Ordinal);
        Assert.True(section >= 0, "README.md has no '## Lineage' section");
        const string Fence = "```csharp\n";
        var start = readme.IndexOf(Fence, section, StringComparison.Ordinal) + Fence.Length;
        var end = readme.IndexOf("\n```", start, StringComparison.Ordinal);
        return readme.Substring(start, end - start + 1);
    }

    private void WriteData(string name, int seed)
    {
        var random = new Random(seed);
        var csv = new StringBuilder("tenure,churned\n");
        for (var i = 0; i < 300; i++)
        {
            var tenure = random.Next(0, 72);
            var churned = tenure < 20 ? random.NextDouble() < 0.8 : random.NextDouble() < 0.15;
            csv.Append(tenure.ToString(CultureInfo.InvariantCulture)).Append(',').Append(churned ? "true" : "false").Append('\n');
        }

        Directory.CreateDirectory(Path.Combine(_workDir, "data"));
        File.WriteAllText(Path.Combine(_workDir, "data", name), csv.ToString());
    }

    [Fact]
    public void The_README_lineage_example_trains_records_a_completed_run_and_refuses_to_replace_the_version()
    {
        var consumer = fixture.CreateConsumer("ReadmeLineage", ReadmeExample(),
            extraItems: $"""<PackageReference Include="Microsoft.ML.FastTree" Version="{PackageFixture.MlNetVersion}" />""");
        var build = consumer.Build().EnsureSuccess("dotnet build of the README example");
        Assert.DoesNotContain(": warning MLOPS", build.Output); // the example shows the practice the rules ask for
        var program = Path.Combine(consumer.Directory, "bin", "Debug", "net10.0", "ReadmeLineage.dll");
        WriteData("churn-train.csv", 1);
        WriteData("churn-test.csv", 2);
        Assert.False(Directory.Exists(Path.Combine(_workDir, "models")));

        DotNet.Run(_workDir, program).EnsureSuccess("first run of the README example");

        var model = Path.Combine(_workDir, "models", "churn-1.2.0.zip");
        Assert.True(File.Exists(model));
        using (var sidecar = JsonDocument.Parse(File.ReadAllText(model + ".lineage.json")))
        {
            Assert.Equal("completed", sidecar.RootElement.GetProperty("status").GetString());
            Assert.Equal(2, sidecar.RootElement.GetProperty("datasets").GetArrayLength());
            Assert.True(sidecar.RootElement.GetProperty("metrics").GetProperty("auc").GetDouble() > 0.5);
            var recorded = sidecar.RootElement.GetProperty("models").EnumerateArray().Single();
            Assert.Equal(
                Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(File.ReadAllBytes(model))).ToLowerInvariant(),
                recorded.GetProperty("sha256").GetString());
        }

        var events = File.ReadAllLines(Path.Combine(_workDir, "lineage", "openlineage.jsonl"));
        Assert.Equal(["START", "COMPLETE"], events.Select(e => JsonDocument.Parse(e).RootElement.GetProperty("eventType").GetString()));

        var before = File.ReadAllBytes(model);
        var second = DotNet.Run(_workDir, program);

        Assert.Equal(2, second.ExitCode);
        Assert.Contains("A model already exists", second.Output);
        Assert.Equal(before, File.ReadAllBytes(model));
        Assert.Equal("completed", JsonDocument.Parse(File.ReadAllText(model + ".lineage.json")).RootElement.GetProperty("status").GetString());
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(_workDir, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
