using System;
using System.Collections.Generic;

namespace MlOps.Analyzers.Benchmarks.Corpus;

/// <summary>
/// Files shaped like the real ML applications the rules were judged on (issue 21): a model sweep that saves under names,
/// a save to a "latest" alias, an image folder scanned into a TorchSharp <c>Dataset</c>, a retraining job that reads its
/// data from <c>args</c> and the environment, Guid fold keys, clock seeds, a web controller that picks a random banner in
/// one action and scores request rows in another, and a dataset that is downloaded, extracted and loaded. Each shape has a
/// clean variant, written the way the rules want, and a planted one whose <see cref="CorpusFile.PlantedFindings"/> are
/// what RULES.md says should be reported (not what the rules happen to report): the corpus measures the cost of the
/// reasoning these shapes need, and <c>--check-corpus</c> keeps the rules true to them.
/// </summary>
public static class RealWorldShapes
{
    /// <summary>One file in this many of the ML corpus is one of these shapes (the last ones, so the others stay as they were).</summary>
    public const int OneIn = 20;

    private static readonly string[] Domains = { "Churn", "Fraud", "Price", "Demand", "Credit", "Claims" };

    /// <summary>Shape <c>index % 8</c>, planted or clean by a draw of <paramref name="random"/>.</summary>
    public static CorpusFile Write(int index, Random random)
    {
        var domain = Domains[random.Next(Domains.Length)];
        var slug = $"{domain.ToLowerInvariant()}-{index}";
        var seed = 1 + random.Next(1000);
        var planted = random.NextDouble() < 0.5;
        var findings = new List<string>();
        var text = (index % 8) switch
        {
            0 => NamesOnlySave(index, domain, slug, seed, planted, findings),
            1 => AliasSave(index, domain, seed, planted, findings),
            2 => ImageFolderDataset(index, domain, slug, planted, findings),
            3 => RuntimeSources(index, domain, slug, seed, planted, findings),
            4 => GuidFolds(index, domain, seed, planted, variant: random.Next(2), findings),
            5 => ClockSeeds(index, domain, planted, variant: random.Next(2), findings),
            6 => WebController(index, domain, seed, planted, findings),
            _ => DownloadExtractLoad(index, domain, slug, seed, planted, findings),
        };
        return new CorpusFile($"/corpus/{FileKind.RealWorldShapes}/{FileKind.RealWorldShapes}{index}.cs", text, FileKind.RealWorldShapes, findings);
    }

    private static string Row(string domain, int index) => $$"""
        public sealed class {{domain}}Row{{index}}
        {
            [LoadColumn(0)] public float Tenure { get; set; }
            [LoadColumn(1)] public float Spend { get; set; }
            [LoadColumn(2)] public float Label { get; set; }
        }
        """;

    private const string Usings = """
        using System;
        using System.Collections.Generic;
        using System.IO;
        using System.Linq;
        using Microsoft.ML;
        using Microsoft.ML.Data;
        using MlOps.Lineage;
        """;

    /// <summary>
    /// A sweep over algorithms that saves each model as <c>$"Models/{label}-{algorithm}.zip"</c>: a label and an algorithm
    /// are names, not versions, so every run overwrites the last (MLOPS020). Clean: the best model is saved once to the
    /// run's versioned output with its lineage record.
    /// </summary>
    private static string NamesOnlySave(int index, string domain, string slug, int seed, bool planted, List<string> findings)
    {
        if (planted)
            findings.Add("MLOPS020");
        var save = planted
            ? """
                        ml.Model.Save(model, data.Schema, $"Models/{Label}-{algorithm}.zip");
            """
            : string.Empty;
        var saveBest = planted
            ? string.Empty
            : """
                    var modelPath = run.ModelPath(modelOutput);
                    ModelArtifact.Save(modelPath, stream => ml.Model.Save(best!, data.Schema, stream));
                    run.Complete(new Dictionary<string, double> { ["r2"] = bestScore });
                    run.WriteSidecar(modelPath);
            """;
        return $$"""
            {{Usings}}

            namespace Corpus.Shapes.Sweep{{index}};

            {{Row(domain, index)}}

            public sealed class {{domain}}ModelSweep{{index}}
            {
                private const int Seed = {{seed}};
                private const string Label = "{{slug}}";
                private static readonly string[] Algorithms = { "lbfgs", "ogd" };

                public ITransformer Sweep(LineageRecord run, DatasetDeclaration trainingData, ModelOutputDeclaration modelOutput)
                {
                    var ml = new MLContext(seed: Seed);
                    var data = ml.Data.LoadFromTextFile<{{domain}}Row{{index}}>(run.DatasetPath(trainingData), hasHeader: true, separatorChar: ',');
                    var split = ml.Data.TrainTestSplit(data, testFraction: 0.2, seed: Seed);
                    ITransformer? best = null;
                    var bestScore = double.MinValue;
                    foreach (var algorithm in Algorithms)
                    {
                        IEstimator<ITransformer> trainer = algorithm == "lbfgs"
                            ? ml.Regression.Trainers.LbfgsPoissonRegression()
                            : ml.Regression.Trainers.OnlineGradientDescent();
                        var model = ml.Transforms.Concatenate("Features", "Tenure", "Spend").Append(trainer).Fit(split.TrainSet);
                        var score = ml.Regression.Evaluate(model.Transform(split.TestSet)).RSquared;
            {{save}}
                        if (score > bestScore)
                            (best, bestScore) = (model, score);
                    }

            {{saveBest}}
                    return best!;
                }
            }
            """;
    }

    /// <summary>
    /// A save to <c>models/latest/model.zip</c>: "latest" is an alias, not a version, so the path is fixed (MLOPS020).
    /// Clean: the model goes to the run's versioned output, and the alias is left to the deployment.
    /// </summary>
    private static string AliasSave(int index, string domain, int seed, bool planted, List<string> findings)
    {
        if (planted)
            findings.Add("MLOPS020");
        var save = planted
            ? """
                    ml.Model.Save(model, data.Schema, "models/latest/model.zip");
            """
            : """
                    var modelPath = run.ModelPath(modelOutput);
                    ModelArtifact.Save(modelPath, stream => ml.Model.Save(model, data.Schema, stream));
                    run.Complete(new Dictionary<string, double> { ["rmse"] = metrics.RootMeanSquaredError });
                    run.WriteSidecar(modelPath);
            """;
        return $$"""
            {{Usings}}

            namespace Corpus.Shapes.Alias{{index}};

            {{Row(domain, index)}}

            public sealed class {{domain}}Publisher{{index}}
            {
                private const int Seed = {{seed}};

                public ITransformer TrainAndPublish(LineageRecord run, DatasetDeclaration trainingData, ModelOutputDeclaration modelOutput)
                {
                    var ml = new MLContext(seed: Seed);
                    var data = ml.Data.LoadFromTextFile<{{domain}}Row{{index}}>(run.DatasetPath(trainingData), hasHeader: true, separatorChar: ',');
                    var split = ml.Data.TrainTestSplit(data, testFraction: 0.25, seed: Seed);
                    var model = ml.Transforms.Concatenate("Features", "Tenure", "Spend")
                        .Append(ml.Regression.Trainers.LbfgsPoissonRegression())
                        .Fit(split.TrainSet);
                    var metrics = ml.Regression.Evaluate(model.Transform(split.TestSet));
            {{save}}
                    return model;
                }
            }
            """;
    }

    /// <summary>
    /// A TorchSharp <c>Dataset</c> over an image folder: the folder scan is the training data's load (MLOPS010). Clean: the
    /// image files are handed in by the caller (a public API: its callers are judged in their compilation).
    /// </summary>
    private static string ImageFolderDataset(int index, string domain, string slug, bool planted, List<string> findings)
    {
        if (planted)
            findings.Add("MLOPS010");
        var constructor = planted
            ? $$"""
                public {{domain}}ImageFolder{{index}}()
                    => _files = Directory.GetFiles("data/{{slug}}/images", "*.png", SearchOption.AllDirectories);
            """
            : $$"""
                public {{domain}}ImageFolder{{index}}(IReadOnlyList<string> files)
                    => _files = files.ToArray();
            """;
        return $$"""
            using System.Collections.Generic;
            using System.IO;
            using System.Linq;
            using TorchSharp;
            using static TorchSharp.torch;

            namespace Corpus.Shapes.Images{{index}};

            public sealed class {{domain}}ImageFolder{{index}} : torch.utils.data.Dataset
            {
                private static readonly string[] Classes = { "cat", "dog", "other" };
                private readonly string[] _files;

            {{constructor}}

                public override long Count => _files.Length;

                public override Dictionary<string, Tensor> GetTensor(long index)
                {
                    var label = System.Array.IndexOf(Classes, Path.GetFileName(Path.GetDirectoryName(_files[index])));
                    return new() { ["image"] = torch.zeros(3, 64, 64), ["label"] = torch.tensor(label) };
                }
            }
            """;
    }

    /// <summary>
    /// A retraining job whose data path comes from <c>args[0]</c> and whose holdout path comes from an environment variable:
    /// values known only at run time are not declared sources (MLOPS010, twice). Clean: both come from the run's declared
    /// datasets.
    /// </summary>
    private static string RuntimeSources(int index, string domain, string slug, int seed, bool planted, List<string> findings)
    {
        if (planted)
            findings.AddRange(new[] { "MLOPS010", "MLOPS010" });
        var entry = planted
            ? "public static int Main(string[] args)"
            : "public static ITransformer Retrain(LineageRecord run, DatasetDeclaration trainingData, DatasetDeclaration holdoutData)";
        var result = planted ? "0" : "model";
        var trainPath = planted ? "args[0]" : "run.DatasetPath(trainingData)";
        var holdoutPath = planted ? $"Environment.GetEnvironmentVariable(\"{slug.ToUpperInvariant().Replace('-', '_')}_HOLDOUT\")!" : "run.DatasetPath(holdoutData)";
        return $$"""
            {{Usings}}

            namespace Corpus.Shapes.Retrain{{index}};

            {{Row(domain, index)}}

            public static class {{domain}}RetrainJob{{index}}
            {
                private const int Seed = {{seed}};

                {{entry}}
                {
                    var ml = new MLContext(seed: Seed);
                    var train = ml.Data.LoadFromTextFile<{{domain}}Row{{index}}>({{trainPath}}, hasHeader: true, separatorChar: ',');
                    var holdout = ml.Data.LoadFromTextFile<{{domain}}Row{{index}}>({{holdoutPath}}, hasHeader: true, separatorChar: ',');
                    var model = ml.Transforms.Concatenate("Features", "Tenure", "Spend")
                        .Append(ml.Regression.Trainers.LbfgsPoissonRegression())
                        .Fit(train);
                    Console.WriteLine($"r2 {ml.Regression.Evaluate(model.Transform(holdout)).RSquared:F3}");
                    return {{result}};
                }
            }
            """;
    }

    /// <summary>
    /// Hand-written k-fold cross-validation whose fold of each row is drawn from a fresh Guid, in a <c>Select</c> or a
    /// <c>GroupBy</c> (MLOPS004). Clean: the fold comes from a seeded <c>Random</c>; the rows' ids are Guids (an id is not a key).
    /// </summary>
    private static string GuidFolds(int index, string domain, int seed, bool planted, int variant, List<string> findings)
    {
        if (planted)
            findings.Add("MLOPS004");
        var folds = (planted, variant) switch
        {
            (true, 0) => "rows.Select(row => (Row: row, Fold: Math.Abs(Guid.NewGuid().GetHashCode()) % k)).ToList()",
            (true, _) => "rows.GroupBy(_ => Math.Abs(Guid.NewGuid().GetHashCode() % k)).SelectMany(g => g.Select(row => (Row: row, Fold: g.Key))).ToList()",
            _ => "rows.Select(row => (Row: row, Fold: random.Next(k))).ToList()",
        };
        return $$"""
            {{Usings}}

            namespace Corpus.Shapes.Folds{{index}};

            {{Row(domain, index)}}

            public sealed class {{domain}}CrossValidation{{index}}
            {
                private const int Seed = {{seed}};

                public IReadOnlyList<double> Evaluate(IReadOnlyList<{{domain}}Row{{index}}> rows, int k)
                {
                    var ml = new MLContext(seed: Seed);
                    var random = new Random(Seed);
                    var runIds = rows.Select(row => new { Id = Guid.NewGuid(), row.Label }).ToList();
                    Console.WriteLine($"{runIds.Count} rows");
                    var folded = {{folds}};
                    var scores = new List<double>();
                    for (var fold = 0; fold < k; fold++)
                    {
                        var held = fold;
                        var train = ml.Data.LoadFromEnumerable(folded.Where(f => f.Fold != held).Select(f => f.Row).ToList());
                        var test = ml.Data.LoadFromEnumerable(folded.Where(f => f.Fold == held).Select(f => f.Row).ToList());
                        var model = ml.Transforms.Concatenate("Features", "Tenure", "Spend")
                            .Append(ml.Regression.Trainers.LbfgsPoissonRegression())
                            .Fit(train);
                        scores.Add(ml.Regression.Evaluate(model.Transform(test)).RSquared);
                    }

                    return scores;
                }
            }
            """;
    }

    /// <summary>
    /// Seeds drawn from the clock: <c>new MLContext(seed: Environment.TickCount)</c> (MLOPS001) or a shuffle with
    /// <c>new Random((int)DateTime.UtcNow.Ticks)</c> (MLOPS004). Clean: the seed is configured, with the clock only as a
    /// fallback when none is configured.
    /// </summary>
    private static string ClockSeeds(int index, string domain, bool planted, int variant, List<string> findings)
    {
        if (planted)
            findings.Add(variant == 0 ? "MLOPS001" : "MLOPS004");
        var context = planted && variant == 0 ? "new MLContext(seed: Environment.TickCount)" : "new MLContext(seed: runSeed)";
        var shuffler = planted && variant == 1 ? "new Random((int)DateTime.UtcNow.Ticks)" : "new Random(runSeed)";
        return $$"""
            {{Usings}}

            namespace Corpus.Shapes.Clock{{index}};

            {{Row(domain, index)}}

            public sealed class {{domain}}Experiment{{index}}
            {
                public ITransformer Train({{domain}}Row{{index}}[] rows, int? configuredSeed)
                {
                    var runSeed = configuredSeed ?? Environment.TickCount;
                    var ml = {{context}};
                    var shuffler = {{shuffler}};
                    shuffler.Shuffle(rows);
                    var data = ml.Data.LoadFromEnumerable(rows);
                    return ml.Transforms.Concatenate("Features", "Tenure", "Spend")
                        .Append(ml.Regression.Trainers.LbfgsPoissonRegression())
                        .Fit(data);
                }
            }
            """;
    }

    /// <summary>
    /// A web controller that picks a random banner in one action and scores request rows in another: not training code
    /// (the unit is the member, and scoring is inference). Planted: a third action retrains and shuffles with
    /// <c>new Random()</c> (MLOPS004 there only; the banner stays silent).
    /// </summary>
    private static string WebController(int index, string domain, int seed, bool planted, List<string> findings)
    {
        if (planted)
            findings.Add("MLOPS004");
        var retrain = planted
            ? $$"""

                public ITransformer Retrain({{domain}}Row{{index}}[] rows)
                {
                    var ml = new MLContext(seed: {{seed}});
                    var random = new Random();
                    random.Shuffle(rows);
                    return ml.Transforms.Concatenate("Features", "Tenure", "Spend")
                        .Append(ml.Regression.Trainers.LbfgsPoissonRegression())
                        .Fit(ml.Data.LoadFromEnumerable(rows));
                }
            """
            : string.Empty;
        return $$"""
            {{Usings}}

            namespace Corpus.Shapes.Web{{index}};

            {{Row(domain, index)}}

            public sealed class {{domain}}Score{{index}}
            {
                [ColumnName("Score")] public float Value { get; set; }
            }

            public sealed class {{domain}}Controller{{index}}
            {
                private static readonly string[] Banners = { "spring-sale", "free-shipping", "new-arrivals", "loyalty" };
                private readonly MLContext _ml = new MLContext();
                private readonly ITransformer _model;

                public {{domain}}Controller{{index}}(ITransformer model) => _model = model;

                public string Banner() => Banners[Random.Shared.Next(Banners.Length)];

                public IReadOnlyList<float> Score(IEnumerable<{{domain}}Row{{index}}> requests)
                {
                    var view = _ml.Data.LoadFromEnumerable(requests);
                    return _ml.Data.CreateEnumerable<{{domain}}Score{{index}}>(_model.Transform(view), reuseRowObject: false).Select(s => s.Value).ToList();
                }
            {{retrain}}
            }
            """;
    }

    /// <summary>
    /// One dataset downloaded from a branch, extracted and loaded: the download is reported once (MLOPS011) and the
    /// dataset once, where it enters training (MLOPS010), not again at the archive's <c>File.OpenRead</c> or the
    /// extraction folder's scan. Clean: a release-pinned CSV written to and read from the run's declared dataset.
    /// </summary>
    private static string DownloadExtractLoad(int index, string domain, string slug, int seed, bool planted, List<string> findings)
    {
        if (planted)
            findings.AddRange(new[] { "MLOPS011", "MLOPS010" });
        var body = planted
            ? $$"""
                    var archivePath = "downloads/{{slug}}.zip";
                    await File.WriteAllBytesAsync(archivePath, await http.GetByteArrayAsync("https://github.com/example/{{slug}}-data/archive/refs/heads/main.zip"));
                    var folder = Extract(archivePath, "data/{{slug}}");
                    var csvPath = Directory.GetFiles(folder, "*.csv", SearchOption.AllDirectories).First();
                    var data = ml.Data.LoadFromTextFile<{{domain}}Row{{index}}>(csvPath, hasHeader: true, separatorChar: ',');
            """
            : $$"""
                    var csvPath = run.DatasetPath(trainingData);
                    await File.WriteAllBytesAsync(csvPath, await http.GetByteArrayAsync("https://github.com/example/{{slug}}-data/releases/download/v2.1.0/{{slug}}.csv"));
                    var data = ml.Data.LoadFromTextFile<{{domain}}Row{{index}}>(run.DatasetPath(trainingData), hasHeader: true, separatorChar: ',');
            """;
        var extract = planted
            ? """

                private static string Extract(string archivePath, string folder)
                {
                    using var stream = File.OpenRead(archivePath);
                    using var archive = new ZipArchive(stream);
                    archive.ExtractToDirectory(folder, overwriteFiles: true);
                    return folder;
                }
            """
            : string.Empty;
        return $$"""
            {{Usings}}
            using System.IO.Compression;
            using System.Net.Http;
            using System.Threading.Tasks;

            namespace Corpus.Shapes.Download{{index}};

            {{Row(domain, index)}}

            public sealed class {{domain}}DatasetTraining{{index}}
            {
                private const int Seed = {{seed}};

                public async Task<ITransformer> TrainAsync(HttpClient http, LineageRecord run, DatasetDeclaration trainingData)
                {
                    var ml = new MLContext(seed: Seed);
            {{body}}
                    return ml.Transforms.Concatenate("Features", "Tenure", "Spend")
                        .Append(ml.Regression.Trainers.LbfgsPoissonRegression())
                        .Fit(data);
                }
            {{extract}}
            }
            """;
    }
}
