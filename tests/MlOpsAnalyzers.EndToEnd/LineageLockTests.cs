using System.IO;
using System.Linq;

namespace MlOpsAnalyzers.EndToEnd;

/// <summary>The package hands the project's mlops.lineage.lock to MLOPS105, which checks it in a real build.</summary>
[Collection(PackageCollection.Name)]
public sealed class LineageLockTests(PackageFixture fixture)
{
    private const string Pipeline = """
        using System;
        using MlOps.Lineage;

        [TrainingPipeline("churn", Version = "1.0.0")]
        public partial class ChurnTraining
        {
            public static void Main() => Console.WriteLine(Lineage.CodeFingerprint);
        }
        """;

    [Fact]
    public void A_lock_with_another_fingerprint_is_reported_and_the_built_fingerprint_is_not()
    {
        var stale = new string('a', 64);
        var consumer = fixture.CreateConsumer("LineageLock", Pipeline, extraFiles: ("mlops.lineage.lock", $"churn 1.0.0 {stale}\nbroken line\n"));
        var lockPath = Path.Combine(consumer.Directory, "mlops.lineage.lock");

        var result = consumer.Build().EnsureSuccess("dotnet build");
        var reported = consumer.DiagnosticLines(result, "MLOPS105");
        Assert.Contains(reported, l => l.Contains("Program.cs(4,28): warning MLOPS105: The code of pipeline 'churn' changed, but version 1.0.0 is locked"));
        Assert.Contains(reported, l => l.Contains("mlops.lineage.lock(2,1): warning MLOPS105:") && l.Contains("malformed lock line: expected '<name> <version> <code fingerprint>'"));

        // The fingerprint the build generated, as `mlops lock` would record it: locked, it is no longer a finding.
        var assembly = Path.Combine(consumer.Directory, "bin", "Debug", "net10.0", consumer.Name + ".dll");
        var built = DotNet.Run(consumer.Directory, assembly).EnsureSuccess("the built program").Output.Trim();
        Assert.Matches("^[0-9a-f]{64}$", built);
        Assert.NotEqual(stale, built);
        File.WriteAllText(lockPath, $"# locked\nchurn 1.0.0 {built}\n");

        var relocked = consumer.Build().EnsureSuccess("dotnet build");
        Assert.Empty(consumer.DiagnosticLines(relocked, "MLOPS105"));
    }
}
