using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;

namespace MlOps.Analyzers.Benchmarks.Corpus;

/// <summary>The kinds of file a real ML code base holds, in the proportions the corpus uses.</summary>
public enum FileKind
{
    MlNetTraining,
    TorchSharpTraining,
    InferenceService,
    DataPrep,
    Plain,
    RealWorldShapes,
}

/// <summary>One generated source file and the findings that were planted in it on purpose.</summary>
public sealed record CorpusFile(string Path, string Text, FileKind Kind, IReadOnlyList<string> PlantedFindings);

/// <summary>
/// The generator benchmark's corpus: the user's code alone, the input of the lineage generator. The benchmark runs the
/// generator itself, so <c>CorpusCompilation.Create</c> does not add the generated sources to it (the other corpora get
/// them, as in a build).
/// </summary>
public sealed class GeneratorInput : System.Collections.ObjectModel.ReadOnlyCollection<CorpusFile>
{
    public GeneratorInput(IList<CorpusFile> files)
        : base(files)
    {
    }
}

/// <summary>
/// Writes a deterministic (seeded) corpus of realistic C#: ML.NET training, TorchSharp training, inference services,
/// data preparation and plain non-ML code, all against the REAL library APIs, with a controlled share of files that
/// contain a finding (an unseeded context, <c>new Random()</c> in training code, a fixed model path, ...). The other files
/// are clean for every rule (seeded randomness, data read and models saved through the lineage run-time API, the run's
/// lineage record written beside each model), and a planted file yields exactly its <see cref="CorpusFile.PlantedFindings"/>:
/// <c>--check-corpus</c> checks both, file by file, with the shipped analyzer.
/// The same seed and size always give the same text, so runs are comparable.
/// </summary>
public sealed class CorpusGenerator
{
    /// <summary>Share of ML files that get one planted finding (the rest are written the way the rules want).</summary>
    public const double FindingShare = 0.15;

    private static readonly string[] Domains = { "Churn", "Fraud", "Price", "Demand", "Credit", "Sentiment", "Spam", "Energy", "Traffic", "Claims", "Retention", "Yield" };
    private static readonly string[] Features = { "Tenure", "MonthlySpend", "Age", "Visits", "Balance", "Clicks", "Distance", "Temperature", "Load", "Latency", "Returns", "Discount" };

    private readonly int _seed;

    public CorpusGenerator(int seed = 20240607) => _seed = seed;

    /// <summary>
    /// An ML code base of <paramref name="fileCount"/> files: about 30 % ML.NET training, 15 % TorchSharp, 15 % inference,
    /// 15 % data prep, 25 % plain, with the last one in <see cref="RealWorldShapes.OneIn"/> replaced by
    /// <see cref="RealWorldShapes"/> (drawn from their own generator, so the files before them stay as they were).
    /// </summary>
    public IReadOnlyList<CorpusFile> GenerateMl(int fileCount)
    {
        var random = new Random(_seed ^ fileCount);
        var files = new List<CorpusFile>(fileCount);
        var firstShape = fileCount - (fileCount / RealWorldShapes.OneIn);
        for (var i = 0; i < fileCount; i++)
        {
            if (i >= firstShape)
            {
                files.Add(RealWorldShapes.Write(i, new Random(_seed ^ i)));
                continue;
            }

            var roll = random.NextDouble();
            var kind = roll switch
            {
                < 0.30 => FileKind.MlNetTraining,
                < 0.45 => FileKind.TorchSharpTraining,
                < 0.60 => FileKind.InferenceService,
                < 0.75 => FileKind.DataPrep,
                _ => FileKind.Plain,
            };
            var withFinding = kind != FileKind.Plain && random.NextDouble() < FindingShare;
            files.Add(Write(kind, i, random, withFinding));
        }

        return files;
    }

    /// <summary>A code base of the same size with no ML code at all (compiled without ML references).</summary>
    public IReadOnlyList<CorpusFile> GenerateNonMl(int fileCount)
    {
        var random = new Random(_seed ^ fileCount ^ 0x5EED);
        return Enumerable.Range(0, fileCount).Select(i => Write(FileKind.Plain, i, random, withFinding: false)).ToList();
    }

    /// <summary>
    /// A code base for the generator: <paramref name="pipelineCount"/> ML.NET training pipelines marked with the lineage
    /// attributes, and <paramref name="otherCount"/> plain files (the targets of unrelated edits).
    /// </summary>
    public IReadOnlyList<CorpusFile> GenerateForGenerator(int pipelineCount, int otherCount)
    {
        var random = new Random(_seed ^ 0x6E11);
        var files = new List<CorpusFile>();
        for (var i = 0; i < pipelineCount; i++)
            files.Add(new CorpusFile(PipelinePath(i), PipelineWithTrees(i, 100), FileKind.MlNetTraining, Array.Empty<string>()));
        for (var i = 0; i < otherCount; i++)
            files.Add(Write(FileKind.Plain, pipelineCount + i, random, withFinding: false));
        return new GeneratorInput(files);
    }

    /// <summary>The text of pipeline <paramref name="index"/> with a different hyper-parameter value (an edit to a pipeline).</summary>
    public string PipelineWithTrees(int index, int trees)
        => MlNetTraining(index, new Random(_seed + (index * 7919)), finding: null, attributed: true, trees: trees);

    /// <summary>The path of pipeline <paramref name="index"/> in <see cref="GenerateForGenerator"/>.</summary>
    public static string PipelinePath(int index) => $"/corpus/Pipelines/Pipeline{index}.cs";

    private static CorpusFile Write(FileKind kind, int index, Random random, bool withFinding)
    {
        var findings = new List<string>();
        string text;
        switch (kind)
        {
            case FileKind.MlNetTraining:
            {
                var finding = withFinding ? Pick(random, "MLOPS001", "MLOPS002", "MLOPS004", "MLOPS010", "MLOPS020") : null;
                if (finding is not null)
                    findings.Add(finding);
                text = MlNetTraining(index, random, finding, attributed: random.NextDouble() < 0.4, trees: 50 + random.Next(200), planted: findings);
                break;
            }

            case FileKind.TorchSharpTraining:
            {
                // One draw whatever the list's length: the files after this one do not change with it.
                var finding = withFinding ? Pick(random, "MLOPS006", "MLOPS007", "MLOPS020", "MLOPS040", "MLOPS041", "MLOPS042", "MLOPS043", "MLOPS044") : null;
                if (finding is not null)
                    findings.Add(finding);
                text = TorchSharpTraining(index, random, finding);
                break;
            }

            case FileKind.InferenceService:
                text = InferenceService(index, random);
                break;
            case FileKind.DataPrep:
            {
                var finding = withFinding ? Pick(random, "MLOPS004", "MLOPS005") : null;
                if (finding is not null)
                    findings.Add(finding);
                text = DataPrep(index, random, finding);
                break;
            }

            default:
                text = Plain(index, random);
                break;
        }

        return new CorpusFile($"/corpus/{kind}/{kind}{index}.cs", text, kind, findings);
    }

    private static T Pick<T>(Random random, params T[] options) => options[random.Next(options.Length)];

    private static string[] PickFeatures(Random random, int count)
        => Features.OrderBy(_ => random.Next()).Take(count).ToArray();

    // ---------------------------------------------------------------- ML.NET training

    /// <summary>
    /// An ML.NET training pipeline, written the way a careful team writes it: a seeded context, seeded shuffles and splits,
    /// SDCA on one thread, the data read through the run's lineage and the model saved with <c>ModelArtifact</c> (versioned,
    /// never overwritten) and its lineage record (<c>WriteSidecar</c>) beside it. <paramref name="attributed"/>: a
    /// <c>[TrainingPipeline]</c> that captures its own run (<c>Lineage.Capture()</c>, generated); otherwise a training step
    /// that the pipeline driving it hands its run to (<c>LineageRecord</c>), with the dataset and model output to use.
    /// <paramref name="finding"/> plants one finding; what it necessarily brings along under the rules is added to
    /// <paramref name="planted"/>.
    /// </summary>
    private static string MlNetTraining(int index, Random random, string? finding, bool attributed, int trees, List<string>? planted = null)
    {
        var domain = Domains[random.Next(Domains.Length)];
        var slug = $"{domain.ToLowerInvariant()}-{index}";
        var features = PickFeatures(random, 3 + random.Next(5));
        var task = random.Next(3); // 0 binary, 1 regression, 2 multiclass
        var name = attributed ? $"{domain}Training{index}" : $"{domain}Trainer{index}";
        var row = $"{domain}Row{index}";
        var seed = 1 + random.Next(1000);
        var run = attributed ? "run" : "_run";
        var trainingData = attributed ? "Lineage.Datasets.Train" : "_trainingData";
        var modelOutput = attributed ? "Lineage.Models.Model" : "_modelOutput";
        var sb = new StringBuilder();
        sb.AppendLine("using System;");
        sb.AppendLine("using System.Collections.Generic;");
        sb.AppendLine("using System.IO;");
        sb.AppendLine("using System.Linq;");
        sb.AppendLine("using Microsoft.ML;");
        sb.AppendLine("using Microsoft.ML.Data;");
        sb.AppendLine("using Microsoft.ML.Trainers;");
        sb.AppendLine("using MlOps.Lineage;");
        sb.AppendLine();
        sb.AppendLine($"namespace Corpus.Training.{domain};");
        sb.AppendLine();
        sb.AppendLine($"public sealed class {row}");
        sb.AppendLine("{");
        for (var f = 0; f < features.Length; f++)
            sb.AppendLine($"    [LoadColumn({f})] public float {features[f]} {{ get; set; }}");
        var labelType = task switch { 0 => "bool", 1 => "float", _ => "string" };
        sb.AppendLine($"    [LoadColumn({features.Length})] public {labelType} Label {{ get; set; }}{(task == 2 ? " = string.Empty;" : string.Empty)}");
        sb.AppendLine("}");
        sb.AppendLine();
        if (attributed)
        {
            sb.AppendLine($"[TrainingPipeline(\"{slug}\", Version = \"1.{index % 10}.0\", Owner = \"ml-team\")]");
            sb.AppendLine($"[DatasetInput(\"train\", \"data/{slug}.csv\", Role = DatasetRole.Train)]");
            sb.AppendLine($"[ModelOutput(\"model\", \"models/{slug}-{{version}}.zip\")]");
            sb.AppendLine($"public sealed partial class {name}");
            sb.AppendLine("{");
            sb.AppendLine($"    [TrainingSeed] public const int Seed = {seed};");
            sb.AppendLine($"    [Hyperparameter] public const int NumberOfTrees = {trees};");
            sb.AppendLine($"    [Hyperparameter(\"learning_rate\")] public const double LearningRate = 0.{1 + random.Next(9)};");
            sb.AppendLine();
            sb.AppendLine("    /// <summary>One run: reads the declared data, trains, evaluates, saves a new model version and its lineage record.</summary>");
            sb.AppendLine("    public ITransformer Train()");
            sb.AppendLine("    {");
            sb.AppendLine("        var run = Lineage.Capture();");
        }
        else
        {
            sb.AppendLine($"/// <summary>Trains the {domain.ToLowerInvariant()} model for the pipeline run that drives it: reads the run's dataset, saves a new model version and writes the run's record beside it.</summary>");
            sb.AppendLine($"public sealed class {name}");
            sb.AppendLine("{");
            sb.AppendLine($"    public const int Seed = {seed};");
            sb.AppendLine($"    public const int NumberOfTrees = {trees};");
            sb.AppendLine();
            sb.AppendLine("    private readonly LineageRecord _run;");
            sb.AppendLine("    private readonly DatasetDeclaration _trainingData;");
            sb.AppendLine("    private readonly ModelOutputDeclaration _modelOutput;");
            sb.AppendLine();
            sb.AppendLine($"    public {name}(LineageRecord run, DatasetDeclaration trainingData, ModelOutputDeclaration modelOutput)");
            sb.AppendLine("    {");
            sb.AppendLine("        _run = run;");
            sb.AppendLine("        _trainingData = trainingData;");
            sb.AppendLine("        _modelOutput = modelOutput;");
            sb.AppendLine("    }");
            sb.AppendLine();
            sb.AppendLine("    public ITransformer Train()");
            sb.AppendLine("    {");
        }

        sb.AppendLine(finding == "MLOPS001" ? "        var ml = new MLContext();" : "        var ml = new MLContext(seed: Seed);");
        sb.AppendLine($"        IDataView data = ml.Data.LoadFromTextFile<{row}>({run}.DatasetPath({trainingData}), hasHeader: true, separatorChar: ',');");
        if (finding == "MLOPS002")
        {
            // MLOPS002 needs a context that is provably unseeded in the type, and such a context that shuffles is MLOPS001
            // by definition (RULES.md): the one cannot be planted without the other.
            sb.AppendLine("        data = new MLContext().Data.ShuffleRows(data);");
            planted?.Add("MLOPS001");
        }
        else if (random.Next(3) == 0)
            sb.AppendLine("        data = ml.Data.ShuffleRows(data, seed: Seed);");
        sb.AppendLine("        var split = ml.Data.TrainTestSplit(data, testFraction: 0.2, seed: Seed);");
        sb.AppendLine(finding == "MLOPS010"
            ? $"        var testSet = ml.Data.LoadFromTextFile<{row}>(\"data/{slug}-holdout.csv\", hasHeader: true, separatorChar: ',');"
            : "        var testSet = split.TestSet;");
        var featureList = string.Join(", ", features.Select(f => $"nameof({row}.{f})"));
        sb.AppendLine($"        var features = ml.Transforms.Concatenate(\"Features\", {featureList})");
        sb.AppendLine(random.Next(2) == 0 ? "            .Append(ml.Transforms.NormalizeMinMax(\"Features\"));" : "            .Append(ml.Transforms.NormalizeMeanVariance(\"Features\"));");

        // A trainer and whether it draws randomness from the context (a LightGBM seed, an epoch shuffle): on an unseeded
        // context that is MLOPS003. SDCA runs on one thread (its lock-free multi-threading is not deterministic, MLOPS003
        // on any context); on the seeded context its shuffle is reproducible.
        (string Code, bool DrawsFromContext) trainer;
        string recorded;
        switch (task)
        {
            case 0:
                trainer = Pick(random,
                    ("ml.BinaryClassification.Trainers.SdcaLogisticRegression(new SdcaLogisticRegressionBinaryTrainer.Options { LabelColumnName = \"Label\", FeatureColumnName = \"Features\", NumberOfThreads = 1 });", true),
                    ("ml.BinaryClassification.Trainers.LbfgsLogisticRegression();", false),
                    ("ml.BinaryClassification.Trainers.FastTree(numberOfTrees: NumberOfTrees);", false),
                    ("ml.BinaryClassification.Trainers.LightGbm(numberOfIterations: NumberOfTrees);", true),
                    ("ml.BinaryClassification.Trainers.AveragedPerceptron(numberOfIterations: 10);", true));
                sb.AppendLine("        var trainer = " + trainer.Code);
                sb.AppendLine("        var pipeline = features.Append(trainer);");
                sb.AppendLine("        var model = pipeline.Fit(split.TrainSet);");
                sb.AppendLine("        var metrics = ml.BinaryClassification.EvaluateNonCalibrated(model.Transform(testSet));");
                sb.AppendLine("        Console.WriteLine($\"accuracy {metrics.Accuracy:F3} f1 {metrics.F1Score:F3}\");");
                recorded = "[\"accuracy\"] = metrics.Accuracy, [\"f1\"] = metrics.F1Score";
                break;
            case 1:
                trainer = Pick(random,
                    ("ml.Regression.Trainers.Sdca(new SdcaRegressionTrainer.Options { LabelColumnName = \"Label\", FeatureColumnName = \"Features\", NumberOfThreads = 1 });", true),
                    ("ml.Regression.Trainers.FastTree(numberOfTrees: NumberOfTrees);", false),
                    ("ml.Regression.Trainers.LightGbm(numberOfIterations: NumberOfTrees);", true),
                    ("ml.Regression.Trainers.OnlineGradientDescent();", false),
                    ("ml.Regression.Trainers.LbfgsPoissonRegression();", false));
                sb.AppendLine("        var trainer = " + trainer.Code);
                sb.AppendLine("        var pipeline = features.Append(trainer);");
                sb.AppendLine("        var model = pipeline.Fit(split.TrainSet);");
                sb.AppendLine("        var metrics = ml.Regression.Evaluate(model.Transform(testSet));");
                sb.AppendLine("        Console.WriteLine($\"r2 {metrics.RSquared:F3} rmse {metrics.RootMeanSquaredError:F3}\");");
                recorded = "[\"r2\"] = metrics.RSquared, [\"rmse\"] = metrics.RootMeanSquaredError";
                break;
            default:
                trainer = Pick(random,
                    ("ml.MulticlassClassification.Trainers.SdcaMaximumEntropy(new SdcaMaximumEntropyMulticlassTrainer.Options { NumberOfThreads = 1 });", true),
                    ("ml.MulticlassClassification.Trainers.LbfgsMaximumEntropy();", false),
                    ("ml.MulticlassClassification.Trainers.LightGbm(numberOfIterations: NumberOfTrees);", true));
                sb.AppendLine("        var trainer = " + trainer.Code);
                sb.AppendLine("        var pipeline = ml.Transforms.Conversion.MapValueToKey(\"Label\")");
                sb.AppendLine("            .Append(features)");
                sb.AppendLine("            .Append(trainer)");
                sb.AppendLine("            .Append(ml.Transforms.Conversion.MapKeyToValue(\"PredictedLabel\"));");
                sb.AppendLine("        var model = pipeline.Fit(split.TrainSet);");
                sb.AppendLine("        var metrics = ml.MulticlassClassification.Evaluate(model.Transform(testSet));");
                sb.AppendLine("        Console.WriteLine($\"micro {metrics.MicroAccuracy:F3} macro {metrics.MacroAccuracy:F3}\");");
                recorded = "[\"micro_accuracy\"] = metrics.MicroAccuracy, [\"macro_accuracy\"] = metrics.MacroAccuracy";
                break;
        }

        // The unseeded context of an MLOPS001 plant also feeds such a trainer's randomness: MLOPS003 comes with it.
        if (finding == "MLOPS001" && trainer.DrawsFromContext)
            planted?.Add("MLOPS003");

        if (random.Next(4) == 0)
        {
            sb.AppendLine("        var folds = ml.Data.CrossValidationSplit(data, numberOfFolds: 5, seed: Seed);");
            sb.AppendLine("        Console.WriteLine($\"folds {folds.Count}\");");
        }

        sb.AppendLine();
        if (finding == "MLOPS020")
        {
            sb.AppendLine($"        var modelPath = Path.Combine(\"models\", \"{slug}.zip\");");
            sb.AppendLine("        ml.Model.Save(model, data.Schema, modelPath);");
        }
        else
        {
            sb.AppendLine($"        var modelPath = {run}.ModelPath({modelOutput});");
            sb.AppendLine("        ModelArtifact.Save(modelPath, stream => ml.Model.Save(model, data.Schema, stream));");
        }

        sb.AppendLine($"        {run}.Complete(new Dictionary<string, double> {{ {recorded} }});");
        sb.AppendLine($"        {run}.WriteSidecar(modelPath);");
        sb.AppendLine("        return model;");
        sb.AppendLine("    }");
        sb.AppendLine();
        sb.AppendLine($"    public static IReadOnlyList<{row}> Sample(IReadOnlyList<{row}> rows, int count)");
        sb.AppendLine("    {");
        sb.AppendLine(finding == "MLOPS004" ? "        var random = new Random();" : "        var random = new Random(Seed);");
        sb.AppendLine("        return rows.OrderBy(_ => random.Next()).Take(count).ToList();");
        sb.AppendLine("    }");
        sb.AppendLine();
        sb.AppendLine($"    public IDataView LoadSampled(MLContext ml, IReadOnlyList<{row}> rows) => ml.Data.LoadFromEnumerable(Sample(rows, Math.Min(rows.Count, 10_000)));");
        sb.AppendLine("}");
        return sb.ToString();
    }

    // ---------------------------------------------------------------- TorchSharp training

    /// <summary>
    /// A TorchSharp training program: a module, a <c>Dataset</c>, and a training method that seeds LibTorch's generator,
    /// shuffles with a seeded <c>DataLoader</c> and saves the model with <c>ModelArtifact</c> and its lineage record. Half
    /// of them are <c>[TrainingPipeline]</c> types that capture their own run (<c>Lineage.Capture()</c>, generated); the
    /// others are handed the run (<c>LineageRecord</c>) and the model output by the pipeline that drives them.
    /// </summary>
    private static string TorchSharpTraining(int index, Random random, string? finding)
    {
        var name = Pick(random, "Mlp", "Classifier", "Regressor", "Encoder", "Tabular") + index;
        var inputs = 8 + random.Next(56);
        var hidden = 16 + random.Next(240);
        var outputs = 2 + random.Next(8);
        var seed = 1 + random.Next(1000);
        var attributed = index % 2 == 0; // not drawn from the corpus's generator: the files of the corpus stay as they were
        var sb = new StringBuilder();
        sb.AppendLine("using System;");
        sb.AppendLine("using System.Collections.Generic;");
        sb.AppendLine("using System.IO;");
        sb.AppendLine("using MlOps.Lineage;");
        sb.AppendLine("using TorchSharp;");
        sb.AppendLine("using TorchSharp.Modules;");
        sb.AppendLine("using static TorchSharp.torch;");
        sb.AppendLine();
        sb.AppendLine($"namespace Corpus.Deep.N{index % 17};");
        sb.AppendLine();
        sb.AppendLine($"public sealed class {name}Net : nn.Module<Tensor, Tensor>");
        sb.AppendLine("{");
        sb.AppendLine("    private readonly Linear _input;");
        sb.AppendLine("    private readonly Linear _hidden;");
        sb.AppendLine("    private readonly Linear _output;");
        sb.AppendLine("    private readonly Dropout _dropout;");
        sb.AppendLine();
        sb.AppendLine($"    public {name}Net(long inputs, long hidden, long outputs) : base(nameof({name}Net))");
        sb.AppendLine("    {");
        sb.AppendLine("        _input = nn.Linear(inputs, hidden);");
        sb.AppendLine("        _hidden = nn.Linear(hidden, hidden);");
        sb.AppendLine("        _output = nn.Linear(hidden, outputs);");
        sb.AppendLine($"        _dropout = nn.Dropout(0.{1 + random.Next(4)});");
        sb.AppendLine("        RegisterComponents();");
        sb.AppendLine("    }");
        sb.AppendLine();
        sb.AppendLine("    public override Tensor forward(Tensor input)");
        sb.AppendLine("    {");
        sb.AppendLine("        using var a = nn.functional.relu(_input.forward(input));");
        sb.AppendLine(finding == "MLOPS042"
            ? "        using var b = nn.functional.dropout(a, 0.2);" // keeps dropping after eval()
            : "        using var b = _dropout.forward(a);");
        sb.AppendLine("        using var c = nn.functional.relu(_hidden.forward(b));");
        sb.AppendLine("        return _output.forward(c);");
        sb.AppendLine("    }");
        sb.AppendLine("}");
        sb.AppendLine();
        sb.AppendLine($"public sealed class {name}Dataset : torch.utils.data.Dataset");
        sb.AppendLine("{");
        sb.AppendLine("    private readonly Tensor _features;");
        sb.AppendLine("    private readonly Tensor _labels;");
        sb.AppendLine();
        sb.AppendLine($"    public {name}Dataset(Tensor features, Tensor labels) {{ _features = features; _labels = labels; }}");
        sb.AppendLine();
        sb.AppendLine("    public override long Count => _features.shape[0];");
        sb.AppendLine();
        sb.AppendLine("    public override Dictionary<string, Tensor> GetTensor(long index)");
        sb.AppendLine("        => new() { [\"features\"] = _features[index], [\"label\"] = _labels[index] };");
        sb.AppendLine("}");
        sb.AppendLine();
        if (attributed)
        {
            sb.AppendLine($"[TrainingPipeline(\"{name.ToLowerInvariant()}\", Version = \"2.{index % 10}.0\", Owner = \"dl-team\")]");
            sb.AppendLine($"[ModelOutput(\"model\", \"models/{name.ToLowerInvariant()}-{{version}}.bin\")]");
            sb.AppendLine($"public static partial class {name}Training");
            sb.AppendLine("{");
            sb.AppendLine($"    [TrainingSeed] public const int Seed = {seed};");
            sb.AppendLine("    [Hyperparameter(\"batch_size\")] public const int BatchSize = 64;");
            sb.AppendLine();
            sb.AppendLine("    public static void Train(int epochs)");
            sb.AppendLine("    {");
            sb.AppendLine("        var run = Lineage.Capture();");
        }
        else
        {
            sb.AppendLine($"public static class {name}Training");
            sb.AppendLine("{");
            sb.AppendLine($"    public const int Seed = {seed};");
            sb.AppendLine("    public const int BatchSize = 64;");
            sb.AppendLine();
            sb.AppendLine("    /// <summary>Trains for the pipeline run that drives it, and saves a new model version with the run's record beside it.</summary>");
            sb.AppendLine("    public static void Train(LineageRecord run, ModelOutputDeclaration modelOutput, int epochs)");
            sb.AppendLine("    {");
        }

        if (finding != "MLOPS006")
            sb.AppendLine("        torch.manual_seed(Seed);");
        sb.AppendLine($"        var model = new {name}Net({inputs}, {hidden}, {outputs});");
        sb.AppendLine($"        using var features = torch.randn(1024, {inputs});");
        sb.AppendLine($"        using var labels = torch.randint(0, {outputs}, new long[] {{ 1024 }});");
        sb.AppendLine($"        using var dataset = new {name}Dataset(features, labels);");
        sb.AppendLine(finding == "MLOPS007"
            ? "        using var loader = torch.utils.data.DataLoader(dataset, BatchSize, shuffle: true);"
            : "        using var loader = torch.utils.data.DataLoader(dataset, BatchSize, shuffle: true, seed: Seed);");
        sb.AppendLine(Pick(random,
            "        var optimizer = torch.optim.Adam(model.parameters(), lr: 0.001);",
            "        var optimizer = torch.optim.SGD(model.parameters(), 0.01, momentum: 0.9);",
            "        var optimizer = torch.optim.AdamW(model.parameters(), lr: 0.0005);"));
        sb.AppendLine("        var lossFunction = nn.CrossEntropyLoss();");
        sb.AppendLine("        var lastLoss = double.NaN;");
        sb.AppendLine("        model.train();");
        if (finding == "MLOPS043" && index % 2 == 1)
            sb.AppendLine("        using var trainingScope = torch.NewDisposeScope(); // one scope for all epochs: still a finding");
        sb.AppendLine("        for (var epoch = 0; epoch < epochs; epoch++)");
        sb.AppendLine("        {");
        sb.AppendLine("            var total = 0.0;");
        sb.AppendLine("            foreach (var batch in loader)");
        sb.AppendLine("            {");
        if (finding != "MLOPS043")
            sb.AppendLine("                using var scope = torch.NewDisposeScope();");
        if (finding != "MLOPS040")
            sb.AppendLine("                optimizer.zero_grad();");
        sb.AppendLine("                var output = model.forward(batch[\"features\"]);");
        sb.AppendLine("                var loss = lossFunction.forward(output, batch[\"label\"]);");
        sb.AppendLine("                loss.backward();");
        sb.AppendLine("                optimizer.step();");
        sb.AppendLine("                total += loss.item<float>();");
        sb.AppendLine("            }");
        sb.AppendLine();
        sb.AppendLine("            lastLoss = total;");
        sb.AppendLine("            Console.WriteLine($\"epoch {epoch}: loss {total:F4}\");");
        sb.AppendLine("        }");
        sb.AppendLine();
        sb.AppendLine("        model.eval();");
        if (finding == "MLOPS020")
        {
            sb.AppendLine($"        var modelPath = Path.Combine(\"models\", \"{name.ToLowerInvariant()}.bin\");");
            sb.AppendLine("        model.save(modelPath);");
        }
        else
        {
            sb.AppendLine(attributed
                ? "        var modelPath = run.ModelPath(Lineage.Models.Model);"
                : "        var modelPath = run.ModelPath(modelOutput);");
            sb.AppendLine("        ModelArtifact.SaveUsingPath(modelPath, path => model.save(path));");
        }

        sb.AppendLine("        run.Complete(new Dictionary<string, double> { [\"loss\"] = lastLoss });");
        sb.AppendLine("        run.WriteSidecar(modelPath);");
        sb.AppendLine("    }");
        sb.AppendLine();
        sb.AppendLine("    public static float Evaluate(nn.Module<Tensor, Tensor> model, Tensor features, Tensor labels)");
        sb.AppendLine("    {");
        if (finding != "MLOPS044")
            sb.AppendLine("        model.eval();");
        sb.AppendLine(finding == "MLOPS041"
            ? "        torch.no_grad();" // gradients stay off on this thread
            : "        using var noGrad = torch.no_grad();");
        sb.AppendLine("        using var logits = model.forward(features);");
        sb.AppendLine("        using var predicted = logits.argmax(1);");
        sb.AppendLine("        using var correct = predicted.eq(labels).sum();");
        sb.AppendLine("        return correct.item<long>() / (float)labels.shape[0];");
        sb.AppendLine("    }");
        sb.AppendLine("}");
        sb.Append(TorchSharpTrainingShapes.Write(name, index));
        return sb.ToString();
    }

    // ---------------------------------------------------------------- Inference service

    private static string InferenceService(int index, Random random)
    {
        var domain = Domains[random.Next(Domains.Length)];
        var features = PickFeatures(random, 2 + random.Next(5));
        var row = $"{domain}Input{index}";
        var prediction = $"{domain}Score{index}";
        var sb = new StringBuilder();
        sb.AppendLine("using System;");
        sb.AppendLine("using System.Collections.Generic;");
        sb.AppendLine("using System.Linq;");
        sb.AppendLine("using System.Threading;");
        sb.AppendLine("using System.Threading.Tasks;");
        sb.AppendLine("using Microsoft.ML;");
        sb.AppendLine("using Microsoft.ML.Data;");
        sb.AppendLine();
        sb.AppendLine($"namespace Corpus.Serving.{domain};");
        sb.AppendLine();
        sb.AppendLine($"public sealed class {row}");
        sb.AppendLine("{");
        foreach (var f in features)
            sb.AppendLine($"    public float {f} {{ get; set; }}");
        sb.AppendLine("}");
        sb.AppendLine();
        sb.AppendLine($"public sealed class {prediction}");
        sb.AppendLine("{");
        sb.AppendLine("    [ColumnName(\"Score\")] public float Value { get; set; }");
        sb.AppendLine("}");
        sb.AppendLine();
        sb.AppendLine($"public sealed class {domain}ScoringService{index} : IDisposable");
        sb.AppendLine("{");
        sb.AppendLine("    // Inference only: the seed does not change a loaded model's predictions.");
        sb.AppendLine("    private readonly MLContext _ml = new MLContext();");
        sb.AppendLine("    private readonly ITransformer _model;");
        sb.AppendLine($"    private readonly PredictionEngine<{row}, {prediction}> _engine;");
        sb.AppendLine("    private readonly SemaphoreSlim _gate = new(1, 1);");
        sb.AppendLine("    private readonly Random _jitter = new();");
        sb.AppendLine();
        sb.AppendLine($"    public {domain}ScoringService{index}(string modelPath)");
        sb.AppendLine("    {");
        sb.AppendLine("        _model = _ml.Model.Load(modelPath, out _);");
        sb.AppendLine($"        _engine = _ml.Model.CreatePredictionEngine<{row}, {prediction}>(_model);");
        sb.AppendLine("    }");
        sb.AppendLine();
        sb.AppendLine($"    public async Task<float> ScoreAsync({row} input, CancellationToken cancellationToken)");
        sb.AppendLine("    {");
        sb.AppendLine("        for (var attempt = 0; ; attempt++)");
        sb.AppendLine("        {");
        sb.AppendLine("            if (await _gate.WaitAsync(TimeSpan.FromMilliseconds(50), cancellationToken))");
        sb.AppendLine("            {");
        sb.AppendLine("                try { return _engine.Predict(input).Value; }");
        sb.AppendLine("                finally { _gate.Release(); }");
        sb.AppendLine("            }");
        sb.AppendLine();
        sb.AppendLine("            // Retry with jitter: randomness outside training code is not a finding.");
        sb.AppendLine("            await Task.Delay(10 * attempt + _jitter.Next(20), cancellationToken);");
        sb.AppendLine("        }");
        sb.AppendLine("    }");
        sb.AppendLine();
        sb.AppendLine($"    public IReadOnlyList<float> ScoreBatch(IEnumerable<{row}> inputs)");
        sb.AppendLine("    {");
        sb.AppendLine("        var view = _ml.Data.LoadFromEnumerable(inputs);");
        sb.AppendLine("        var scored = _model.Transform(view);");
        sb.AppendLine($"        return _ml.Data.CreateEnumerable<{prediction}>(scored, reuseRowObject: false).Select(p => p.Value).ToList();");
        sb.AppendLine("    }");
        sb.AppendLine();
        sb.AppendLine("    public void Dispose()");
        sb.AppendLine("    {");
        sb.AppendLine("        _engine.Dispose();");
        sb.AppendLine("        _gate.Dispose();");
        sb.AppendLine("    }");
        sb.AppendLine("}");
        return sb.ToString();
    }

    // ---------------------------------------------------------------- Data preparation

    private static string DataPrep(int index, Random random, string? finding)
    {
        var domain = Domains[random.Next(Domains.Length)];
        var features = PickFeatures(random, 2 + random.Next(4));
        var name = $"{domain}Preparation{index}";
        var seed = 1 + random.Next(1000);
        var sb = new StringBuilder();
        sb.AppendLine("using System;");
        sb.AppendLine("using System.Collections.Generic;");
        sb.AppendLine("using System.IO;");
        sb.AppendLine("using System.Linq;");
        sb.AppendLine("using Microsoft.Data.Analysis;");
        sb.AppendLine("using Microsoft.ML;");
        sb.AppendLine();
        sb.AppendLine($"namespace Corpus.Data.{domain};");
        sb.AppendLine();
        sb.AppendLine($"public sealed class {name}");
        sb.AppendLine("{");
        sb.AppendLine($"    private const int Seed = {seed};");
        sb.AppendLine("    private readonly MLContext _ml = new(seed: Seed);");
        sb.AppendLine();
        sb.AppendLine("    public DataFrame Clean(string csvPath)");
        sb.AppendLine("    {");
        sb.AppendLine("        var frame = DataFrame.LoadCsv(csvPath);");
        sb.AppendLine("        frame = frame.DropNulls();");
        foreach (var f in features)
        {
            sb.AppendLine($"        frame = frame.Filter(frame[\"{f}\"].ElementwiseGreaterThanOrEqual(0));");
        }

        sb.AppendLine($"        frame = frame.OrderBy(\"{features[0]}\");");
        sb.AppendLine($"        var mean = frame[\"{features[^1]}\"].Mean();");
        sb.AppendLine("        Console.WriteLine($\"rows {frame.Rows.Count}, mean {mean:F2}\");");
        sb.AppendLine("        return frame;");
        sb.AppendLine("    }");
        sb.AppendLine();
        sb.AppendLine("    public IDataView ToTrainingView(DataFrame frame, int count)");
        sb.AppendLine("    {");
        sb.AppendLine(finding == "MLOPS005"
            ? "        var sample = frame.Sample(count);"
            : "        var sample = frame.Head(count);");
        sb.AppendLine("        var view = sample as IDataView;");
        sb.AppendLine("        var model = _ml.Transforms.NormalizeMinMax(\"" + features[0] + "\").Fit(view);");
        sb.AppendLine("        return model.Transform(view);");
        sb.AppendLine("    }");
        sb.AppendLine();
        sb.AppendLine("    public IReadOnlyList<string[]> ShuffledRecords(string csvPath)");
        sb.AppendLine("    {");
        sb.AppendLine(finding == "MLOPS004" ? "        var random = new Random();" : "        var random = new Random(Seed);");
        sb.AppendLine("        var records = File.ReadLines(csvPath).Skip(1).Select(line => line.Split(',')).ToArray();");
        sb.AppendLine("        random.Shuffle(records);");
        sb.AppendLine("        return records;");
        sb.AppendLine("    }");
        sb.AppendLine();
        sb.AppendLine("    public static Dictionary<string, double> Summarize(DataFrame frame)");
        sb.AppendLine("    {");
        sb.AppendLine("        var summary = new Dictionary<string, double>();");
        sb.AppendLine("        foreach (var column in frame.Columns)");
        sb.AppendLine("        {");
        sb.AppendLine("            if (column.DataType == typeof(float) || column.DataType == typeof(double))");
        sb.AppendLine("                summary[column.Name] = Convert.ToDouble(column.Mean());");
        sb.AppendLine("        }");
        sb.AppendLine();
        sb.AppendLine("        return summary;");
        sb.AppendLine("    }");
        sb.AppendLine("}");
        return sb.ToString();
    }

    // ---------------------------------------------------------------- Plain, non-ML code

    private static string Plain(int index, Random random)
    {
        var entity = Pick(random, "Order", "Customer", "Invoice", "Shipment", "Ticket", "Account", "Product", "Booking") + index;
        var sb = new StringBuilder();
        sb.AppendLine("using System;");
        sb.AppendLine("using System.Collections.Concurrent;");
        sb.AppendLine("using System.Collections.Generic;");
        sb.AppendLine("using System.Linq;");
        sb.AppendLine("using System.Text;");
        sb.AppendLine("using System.Threading;");
        sb.AppendLine("using System.Threading.Tasks;");
        sb.AppendLine();
        sb.AppendLine($"namespace Corpus.App.M{index % 23};");
        sb.AppendLine();
        sb.AppendLine($"public sealed record {entity}(Guid Id, string Name, decimal Amount, DateTimeOffset CreatedAt, IReadOnlyList<string> Tags);");
        sb.AppendLine();
        sb.AppendLine($"public interface I{entity}Repository");
        sb.AppendLine("{");
        sb.AppendLine($"    Task<{entity}?> FindAsync(Guid id, CancellationToken cancellationToken);");
        sb.AppendLine($"    Task SaveAsync({entity} item, CancellationToken cancellationToken);");
        sb.AppendLine($"    IAsyncEnumerable<{entity}> ListAsync(CancellationToken cancellationToken);");
        sb.AppendLine("}");
        sb.AppendLine();
        sb.AppendLine($"public sealed class InMemory{entity}Repository : I{entity}Repository");
        sb.AppendLine("{");
        sb.AppendLine($"    private readonly ConcurrentDictionary<Guid, {entity}> _items = new();");
        sb.AppendLine();
        sb.AppendLine($"    public Task<{entity}?> FindAsync(Guid id, CancellationToken cancellationToken)");
        sb.AppendLine("        => Task.FromResult(_items.TryGetValue(id, out var item) ? item : null);");
        sb.AppendLine();
        sb.AppendLine($"    public Task SaveAsync({entity} item, CancellationToken cancellationToken)");
        sb.AppendLine("    {");
        sb.AppendLine("        cancellationToken.ThrowIfCancellationRequested();");
        sb.AppendLine("        _items[item.Id] = item;");
        sb.AppendLine("        return Task.CompletedTask;");
        sb.AppendLine("    }");
        sb.AppendLine();
        sb.AppendLine($"    public async IAsyncEnumerable<{entity}> ListAsync([System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)");
        sb.AppendLine("    {");
        sb.AppendLine("        foreach (var item in _items.Values.OrderBy(i => i.CreatedAt))");
        sb.AppendLine("        {");
        sb.AppendLine("            cancellationToken.ThrowIfCancellationRequested();");
        sb.AppendLine("            await Task.Yield();");
        sb.AppendLine("            yield return item;");
        sb.AppendLine("        }");
        sb.AppendLine("    }");
        sb.AppendLine("}");
        sb.AppendLine();
        sb.AppendLine($"public sealed class {entity}Service");
        sb.AppendLine("{");
        sb.AppendLine($"    private readonly I{entity}Repository _repository;");
        sb.AppendLine("    private readonly Random _jitter = Random.Shared;");
        sb.AppendLine();
        sb.AppendLine($"    public {entity}Service(I{entity}Repository repository) => _repository = repository;");
        sb.AppendLine();
        sb.AppendLine($"    public async Task<{entity}> CreateAsync(string name, decimal amount, IEnumerable<string> tags, CancellationToken cancellationToken)");
        sb.AppendLine("    {");
        sb.AppendLine("        if (string.IsNullOrWhiteSpace(name))");
        sb.AppendLine("            throw new ArgumentException(\"A name is required.\", nameof(name));");
        sb.AppendLine($"        var item = new {entity}(Guid.NewGuid(), name.Trim(), decimal.Round(amount, 2), DateTimeOffset.UtcNow, tags.Distinct(StringComparer.OrdinalIgnoreCase).ToList());");
        sb.AppendLine("        await RetryAsync(() => _repository.SaveAsync(item, cancellationToken), cancellationToken);");
        sb.AppendLine("        return item;");
        sb.AppendLine("    }");
        sb.AppendLine();
        sb.AppendLine("    public async Task<decimal> TotalAsync(CancellationToken cancellationToken)");
        sb.AppendLine("    {");
        sb.AppendLine("        var total = 0m;");
        sb.AppendLine("        await foreach (var item in _repository.ListAsync(cancellationToken))");
        sb.AppendLine("            total += item.Amount;");
        sb.AppendLine("        return total;");
        sb.AppendLine("    }");
        sb.AppendLine();
        sb.AppendLine($"    public static string Describe(IEnumerable<{entity}> items)");
        sb.AppendLine("    {");
        sb.AppendLine("        var builder = new StringBuilder();");
        sb.AppendLine("        foreach (var group in items.GroupBy(i => i.CreatedAt.Year).OrderBy(g => g.Key))");
        sb.AppendLine("        {");
        sb.AppendLine("            builder.Append(group.Key).Append(\": \").Append(group.Count()).Append(\" items, \")");
        sb.AppendLine("                .Append(group.Sum(i => i.Amount).ToString(\"F2\", System.Globalization.CultureInfo.InvariantCulture)).AppendLine();");
        sb.AppendLine("        }");
        sb.AppendLine();
        sb.AppendLine("        return builder.ToString();");
        sb.AppendLine("    }");
        sb.AppendLine();
        sb.AppendLine("    private async Task RetryAsync(Func<Task> action, CancellationToken cancellationToken)");
        sb.AppendLine("    {");
        sb.AppendLine($"        for (var attempt = 1; attempt <= {2 + random.Next(4)}; attempt++)");
        sb.AppendLine("        {");
        sb.AppendLine("            try");
        sb.AppendLine("            {");
        sb.AppendLine("                await action();");
        sb.AppendLine("                return;");
        sb.AppendLine("            }");
        sb.AppendLine("            catch (TimeoutException) when (attempt < 3)");
        sb.AppendLine("            {");
        sb.AppendLine("                await Task.Delay(TimeSpan.FromMilliseconds(100 * attempt + _jitter.Next(50)), cancellationToken);");
        sb.AppendLine("            }");
        sb.AppendLine("        }");
        sb.AppendLine("    }");
        sb.AppendLine();
        sb.AppendLine($"    public static int Checksum(ReadOnlySpan<char> text)");
        sb.AppendLine("    {");
        sb.AppendLine($"        var hash = {17 + random.Next(1000)};");
        sb.AppendLine("        foreach (var c in text)");
        sb.AppendLine("            hash = unchecked(hash * 31 + c);");
        sb.AppendLine("        return hash switch { < 0 => -hash, _ => hash };");
        sb.AppendLine("    }");
        sb.AppendLine("}");
        return sb.ToString();
    }
}
