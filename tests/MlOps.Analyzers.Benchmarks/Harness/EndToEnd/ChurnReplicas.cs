using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Text.RegularExpressions;
using MlOps.Analyzers.Benchmarks.Corpus;
using MlOps.Testing;

namespace MlOps.Analyzers.Benchmarks.Harness.EndToEnd;

/// <summary>
/// The fixed churn sample (<c>samples/ChurnTraining</c> and the data writer it links from <c>samples/Shared</c>) copied
/// again and again with renamed types and namespaces: ML.NET training code with the lineage attributes and no finding of
/// any rule (the sample builds warning-free in Strict mode). Read from the repository at run time, so the benchmark builds
/// the sample as it is today.
/// </summary>
public static class ChurnReplicas
{
    private static readonly string[] SampleFiles =
    {
        Path.Combine("ChurnTraining", "ChurnPipeline.cs"),
        Path.Combine("ChurnTraining", "Program.cs"),
        Path.Combine("Shared", "SyntheticChurnData.cs"),
    };

    /// <summary>The types each copy renames (whole words, so <c>Customers</c> keeps its name).</summary>
    private static readonly string[] RenamedTypes = { "ChurnPipeline", "Customer", "Program", "SyntheticChurnData" };

    public static int FilesPerReplica => SampleFiles.Length;

    /// <summary>The entry point of the first copy: a program has one, and MLOPS021 reads the run's lineage writes from it.</summary>
    public static string EntryPoint => "ChurnTraining.R0001.Program0001";

    /// <summary><paramref name="count"/> copies, three files each, under <c>Churn/R0001/...</c>.</summary>
    public static IReadOnlyList<CorpusFile> Create(int count)
    {
        var sources = new List<(string Name, string Text)>();
        foreach (var file in SampleFiles)
            sources.Add((Path.GetFileName(file), File.ReadAllText(RepoPaths.Combine("samples", file))));

        var files = new List<CorpusFile>(count * sources.Count);
        for (var i = 1; i <= count; i++)
        {
            var suffix = i.ToString("D4", CultureInfo.InvariantCulture);
            foreach (var (name, text) in sources)
                files.Add(new CorpusFile($"Churn/R{suffix}/{name}", Rename(text, suffix), FileKind.MlNetTraining, Array.Empty<string>()));
        }

        return files;
    }

    private static string Rename(string text, string suffix)
    {
        foreach (var type in RenamedTypes)
            text = Regex.Replace(text, $@"\b{type}\b", type + suffix);
        text = Regex.Replace(text, @"\bnamespace ChurnTraining\b", "namespace ChurnTraining.R" + suffix);
        text = Regex.Replace(text, @"\bMlOps\.Samples\b", "MlOps.Samples.R" + suffix);
        // Distinct pipelines, as in a code base with many models (the generator names the lineage after them).
        return Regex.Replace(text, @"\[TrainingPipeline\(""([^""]+)""", m => $"[TrainingPipeline(\"{m.Groups[1].Value}{suffix}\"");
    }
}
