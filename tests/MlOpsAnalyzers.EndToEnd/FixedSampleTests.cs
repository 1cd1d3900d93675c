using System;
using System.IO;
using System.Linq;
using System.Security.Cryptography;
using System.Text.Json;

namespace MlOpsAnalyzers.EndToEnd;

/// <summary>
/// samples/ChurnTraining, run as a user runs it, in an empty working directory: it trains for real and writes a
/// versioned model, a lineage sidecar and OpenLineage events; a second run of the same version refuses to
/// overwrite the model.
/// </summary>
public sealed class FixedSampleTests : IDisposable
{
    internal static readonly Lazy<string> SampleDll = new(BuildSample);
    private readonly string _workDir = Directory.CreateTempSubdirectory("mlops-churn-run-").FullName;

    private static string BuildSample()
    {
        var project = Path.Combine(RepoPaths.Root, "samples", "ChurnTraining");
        DotNet.Run(RepoPaths.Root, "build", project, "-c", "Debug", "-nologo", "-v:q").EnsureSuccess("dotnet build samples/ChurnTraining");
        return Path.Combine(project, "bin", "Debug", "net10.0", "ChurnTraining.dll");
    }

    private DotNet.Result RunSample(params string[] arguments) => DotNet.Run(_workDir, [SampleDll.Value, .. arguments]);

    private string InWorkDir(params string[] parts) => Path.Combine([_workDir, .. parts]);

    [Fact]
    public void First_run_trains_and_writes_the_versioned_model_its_lineage_and_valid_events()
    {
        var run = RunSample().EnsureSuccess("first training run");

        var model = InWorkDir("models", "churn-1.0.0.zip");
        Assert.True(File.Exists(model), "no model at its versioned path\n" + run.Output);
        Assert.Contains("Accuracy", run.Output);
        Assert.Contains("models/churn-1.0.0.zip", run.Output);

        using var sidecar = JsonDocument.Parse(File.ReadAllText(model + ".lineage.json"));
        var dataset = sidecar.RootElement.GetProperty("datasets").EnumerateArray().Single();
        var actualDigest = Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(InWorkDir("data", "churn.csv")))).ToLowerInvariant();
        Assert.Equal(actualDigest, dataset.GetProperty("sha256").GetString());
        Assert.Equal("Completed", sidecar.RootElement.GetProperty("status").GetString(), ignoreCase: true);
        Assert.Equal(20261128, sidecar.RootElement.GetProperty("seed").GetInt32());
        Assert.Equal(64, sidecar.RootElement.GetProperty("codeFingerprint").GetString()!.Length);
        Assert.Contains(actualDigest, run.Output);

        var events = File.ReadAllLines(InWorkDir("lineage", "openlineage.jsonl"));
        Assert.Equal(["START", "COMPLETE"], events.Select(e => JsonDocument.Parse(e).RootElement.GetProperty("eventType").GetString()));
        foreach (var line in events)
            AssertValidRunEvent(line);
    }

    [Fact]
    public void Second_run_of_the_same_version_fails_clearly_and_leaves_the_model_unchanged()
    {
        RunSample().EnsureSuccess("first training run");
        var model = InWorkDir("models", "churn-1.0.0.zip");
        var before = File.ReadAllBytes(model);

        var second = RunSample();
        Assert.Equal(2, second.ExitCode);
        Assert.Contains("A model already exists at 'models/churn-1.0.0.zip'", second.Output);
        Assert.Contains("Bump [TrainingPipeline(Version = ...)] or pass --new-run", second.Output);
        Assert.Equal(before, File.ReadAllBytes(model));
        Assert.Single(Directory.GetFiles(InWorkDir("models"), "*.zip"));

        var events = File.ReadAllLines(InWorkDir("lineage", "openlineage.jsonl"));
        Assert.Equal("FAIL", JsonDocument.Parse(events[^1]).RootElement.GetProperty("eventType").GetString());
        AssertValidRunEvent(events[^1]);
    }

    [Fact]
    public void New_run_writes_a_run_specific_model_beside_the_existing_version()
    {
        RunSample().EnsureSuccess("first training run");
        RunSample("--new-run").EnsureSuccess("run with --new-run");

        var models = Directory.GetFiles(InWorkDir("models"), "*.zip").Select(Path.GetFileName).ToArray();
        Assert.Equal(2, models.Length);
        Assert.Contains("churn-1.0.0.zip", models);
        Assert.Single(models, m => System.Text.RegularExpressions.Regex.IsMatch(m!, "^churn-1\\.0\\.0-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\\.zip$"));
    }

    [Fact]
    public void A_lineage_folder_that_cannot_be_created_fails_with_exit_code_1_and_a_message_not_a_crash()
    {
        File.WriteAllText(InWorkDir("lineage"), "a file where the lineage folder goes");

        var run = RunSample();

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("error: ", run.Output);
        Assert.DoesNotContain("Unhandled exception", run.Output);
        Assert.False(Directory.Exists(InWorkDir("models")), "the run went on to train although its lineage could not be recorded");
    }

    [Fact]
    public void A_sidecar_that_cannot_be_written_leaves_no_model_reports_the_cause_and_the_version_trains_again()
    {
        var sidecar = InWorkDir("models", "churn-1.0.0.zip.lineage.json");
        Directory.CreateDirectory(sidecar);

        var failed = RunSample();

        Assert.Equal(1, failed.ExitCode);
        Assert.Contains("churn-1.0.0.zip.lineage.json' is a directory", failed.Output);
        Assert.DoesNotContain("cannot also fail", failed.Output);
        Assert.False(File.Exists(InWorkDir("models", "churn-1.0.0.zip")), "a model was left without its lineage record");
        var events = File.ReadAllLines(InWorkDir("lineage", "openlineage.jsonl"));
        Assert.Equal("FAIL", JsonDocument.Parse(events[^1]).RootElement.GetProperty("eventType").GetString());

        Directory.Delete(sidecar);
        RunSample().EnsureSuccess("the same version after the cause was fixed");
        Assert.True(File.Exists(sidecar));
    }

    private static void AssertValidRunEvent(string line)
    {
        var element = JsonDocument.Parse(line).RootElement;
        var core = OpenLineageSchemas.Evaluate(OpenLineageSchemas.Core, element);
        Assert.True(core.IsValid, OpenLineageSchemas.Describe(core));
        var parameters = OpenLineageSchemas.Evaluate(OpenLineageSchemas.Facet("ExecutionParametersRunFacet"), element.GetProperty("run").GetProperty("facets"));
        Assert.True(parameters.IsValid, OpenLineageSchemas.Describe(parameters));
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
