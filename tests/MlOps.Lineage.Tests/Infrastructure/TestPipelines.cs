using System;
using System.Collections.Generic;

namespace MlOps.Lineage.Tests.Infrastructure;

/// <summary>Builds <see cref="PipelineInfo"/> the way the generated lineage class does.</summary>
public static class TestPipelines
{
    public const string Fingerprint = "3f1c2b7e9a0d4c5b6e7f8091a2b3c4d5e6f708192a3b4c5d6e7f8091a2b3c4d5";

    public static PipelineInfo Create(
        IReadOnlyList<DatasetDeclaration> datasets,
        IReadOnlyList<ModelOutputDeclaration>? models = null,
        string version = "1.2.0",
        int? seed = 42,
        string sourceRevision = "0123456789abcdef0123456789abcdef01234567") =>
        new(
            "churn-training",
            version,
            seed,
            datasets,
            models ?? [new ModelOutputDeclaration("churn", "models/churn-{version}.zip")],
            new Dictionary<string, object?>
            {
                ["learningRate"] = 0.1f,
                ["numberOfTrees"] = 100,
                ["l2"] = 1e-6,
                ["useBias"] = true,
                ["featureColumn"] = "Features",
            },
            Fingerprint,
            sourceRevision);
}
