using System.Collections.Immutable;
using System.Linq;
using System.Threading.Tasks;
using MlOps.Analyzers.Engine;
using MlOps.Analyzers.Rules.DataLineage;
using MlOps.Analyzers.Tests.Infrastructure;

namespace MlOps.Analyzers.Tests.Rules.DataLineage;

/// <summary>
/// One dataset, one finding: a program that downloads an archive, unpacks it and trains on what it unpacked gets the
/// download once (MLOPS011) and the dataset once, where it enters training (MLOPS010) — not a finding for the archive
/// read that unpacks it, nor for the listing the unpacking helper makes. MLOPS010 and MLOPS011 run together, as shipped.
/// </summary>
public class DatasetAcquisitionTests
{
    private const string Usings = """
        using System;
        using System.Collections.Generic;
        using System.IO;
        using System.IO.Compression;
        using System.Linq;
        using System.Net.Http;
        using System.Threading.Tasks;
        using Microsoft.ML;
        using Microsoft.ML.Data;
        using TorchSharp;
        using static TorchSharp.torch;

        public class ImageData { public string ImagePath { get; set; } = ""; public string Label { get; set; } = ""; }

        """;

    private const string DownloadAndUnpack = """
            private static async Task Download(string url, string destination)
            {
                using var http = new HttpClient();
                var bytes = await http.GetByteArrayAsync(url);
                await File.WriteAllBytesAsync(destination, bytes);
            }

            private static void Extract(string archivePath, string destination)
            {
                using (var stream = File.OpenRead(archivePath))
                using (var zip = new ZipArchive(stream))
                    zip.ExtractToDirectory(destination, overwriteFiles: true);

                // The archive holds gzipped files: unpack each one next to it, then drop the .gz.
                foreach (var gz in Directory.GetFiles(destination, "*.gz"))
                {
                    using var input = File.OpenRead(gz);
                    using var unzip = new GZipStream(input, CompressionMode.Decompress);
                    using var output = File.Create(Path.ChangeExtension(gz, null));
                    unzip.CopyTo(output);
                }

                foreach (var gz in Directory.EnumerateFiles(destination, "*.gz"))
                    File.Delete(gz);
            }
        """;

    private static async Task<string[]> FindingsAsync(string source)
    {
        var compilation = AnalyzerRunner.Compile(Usings + source);
        var errors = compilation.GetDiagnostics().Where(d => d.Severity == Microsoft.CodeAnalysis.DiagnosticSeverity.Error).ToList();
        Assert.True(errors.Count == 0, string.Join("\n", errors));
        var result = await AnalyzerRunner.RunAsync(compilation, ImmutableArray.Create<Rule>(new UntrackedDataLoadAnalyzer(), new MutableDatasetDownloadAnalyzer()));
        Assert.Empty(result.Exceptions);
        return result.Diagnostics
            .OrderBy(d => d.Location.SourceSpan.Start)
            .Select(d => $"{d.Id} {Text(compilation, d)}")
            .ToArray();
    }

    private static string Text(Microsoft.CodeAnalysis.Compilation compilation, Microsoft.CodeAnalysis.Diagnostic diagnostic)
        => diagnostic.Location.SourceTree!.GetText().ToString(diagnostic.Location.SourceSpan);

    [Fact]
    public async Task Image_classifier_trained_on_a_downloaded_archive_reports_the_download_and_the_image_load_once()
    {
        // The shape of the ML.NET image classification samples: download, unzip, list the images, load their bytes, train.
        var findings = await FindingsAsync("""
            public static class Program
            {
                private const string DataUrl = "https://github.com/acme/flowers/raw/main/flower_photos.zip";
                private static readonly string DataDir = Path.Combine("assets", "flower_photos");

                public static async Task Main()
                {
                    var archive = Path.Combine("assets", "flower_photos.zip");
                    await Download(DataUrl, archive);
                    Extract(archive, DataDir);

                    var ml = new MLContext(seed: 1);
                    var images = FileUtils.LoadImagesFromDirectory(DataDir);
                    var data = ml.Data.LoadFromEnumerable(images);
                    var pipeline = ml.Transforms.Conversion.MapValueToKey("LabelKey", "Label")
                        .Append(ml.Transforms.LoadRawImageBytes("Image", DataDir, "ImagePath"))
                        .Append(ml.MulticlassClassification.Trainers.SdcaMaximumEntropy("LabelKey", "Image"));
                    pipeline.Fit(data);
                }

            """ + DownloadAndUnpack + """
            }

            public static class FileUtils
            {
                public static IEnumerable<ImageData> LoadImagesFromDirectory(string folder)
                {
                    foreach (var file in Directory.GetFiles(folder, "*.jpg", SearchOption.AllDirectories))
                        yield return new ImageData { ImagePath = file, Label = Path.GetFileName(Path.GetDirectoryName(file)!)! };
                }
            }
            """);

        Assert.Equal(
            [
                "MLOPS010 ml.Transforms.LoadRawImageBytes(\"Image\", DataDir, \"ImagePath\")",
                "MLOPS011 http.GetByteArrayAsync(url)",
            ],
            findings);
    }

    [Fact]
    public async Task Text_data_unpacked_by_a_helper_is_reported_at_the_load_that_trains_on_it()
    {
        var findings = await FindingsAsync("""
            public static class Program
            {
                public static async Task Main()
                {
                    await Download("https://example.com/datasets/churn.zip", "data/churn.zip");
                    Extract("data/churn.zip", "data/churn");
                    var ml = new MLContext(seed: 1);
                    var data = ml.Data.LoadFromTextFile<ImageData>(Path.Combine("data/churn", "train.csv"), hasHeader: true, separatorChar: ',');
                    ml.MulticlassClassification.Trainers.SdcaMaximumEntropy().Fit(data);
                }

            """ + DownloadAndUnpack + """
            }
            """);

        Assert.Equal(
            [
                "MLOPS010 ml.Data.LoadFromTextFile<ImageData>(Path.Combine(\"data/churn\", \"train.csv\"), hasHeader: true, separatorChar: ',')",
                "MLOPS011 http.GetByteArrayAsync(url)",
            ],
            findings);
    }

    [Fact]
    public async Task TorchSharp_dataset_over_an_unpacked_folder_is_reported_at_its_listing()
    {
        var findings = await FindingsAsync("""
            public sealed class FlowerDataset : torch.utils.data.Dataset
            {
                private readonly string[] _files;

                public FlowerDataset(string root) => _files = Directory.GetFiles(root, "*.png", SearchOption.AllDirectories);

                public override long Count => _files.Length;

                public override Dictionary<string, Tensor> GetTensor(long index)
                    => new() { ["image"] = torchvision.io.read_image(_files[index]), ["label"] = tensor(0L) };
            }

            public static class Program
            {
                public static async Task Main()
                {
                    await Download("https://example.com/datasets/flowers.zip", "data/flowers.zip");
                    Extract("data/flowers.zip", "data/flowers");
                    using var train = new FlowerDataset("data/flowers");
                    var model = nn.Linear(4, 2);
                    var optimizer = optim.Adam(model.parameters());
                    var loss = model.call(torch.ones(1, 4)).sum();
                    loss.backward();
                    optimizer.step();
                }

            """ + DownloadAndUnpack + """
            }
            """);

        Assert.Equal(
            [
                "MLOPS010 Directory.GetFiles(root, \"*.png\", SearchOption.AllDirectories)",
                "MLOPS011 http.GetByteArrayAsync(url)",
            ],
            findings);
    }

    /// <summary>An unpacking helper that finds the one CSV it unpacked for its caller: the caller's load is the dataset's finding.</summary>
    [Fact]
    public async Task The_listing_an_unpacking_helper_makes_to_find_the_data_file_is_not_a_finding()
    {
        var findings = await FindingsAsync("""
            public static class ArchiveExtractor
            {
                public static string ExtractSingleCsv(string archivePath, string destination)
                {
                    using (var stream = File.OpenRead(archivePath))
                    using (var zip = new ZipArchive(stream, ZipArchiveMode.Read))
                        zip.ExtractToDirectory(destination);
                    var csvFiles = Directory.GetFiles(destination, "*.csv", SearchOption.AllDirectories);
                    if (csvFiles.Length != 1)
                        throw new InvalidDataException($"Expected one CSV, found {string.Join(", ", csvFiles.Select(Path.GetFileName))}");
                    return csvFiles[0];
                }
            }

            public static class Program
            {
                public static void Main()
                {
                    var csvPath = ArchiveExtractor.ExtractSingleCsv("data/churn.zip", "data/churn");
                    var ml = new MLContext(seed: 1);
                    var data = ml.Data.LoadFromTextFile<ImageData>("data/churn/churn.csv", hasHeader: true, separatorChar: ',');
                    ml.MulticlassClassification.Trainers.SdcaMaximumEntropy().Fit(data);
                }
            }
            """);

        Assert.Equal(["MLOPS010 ml.Data.LoadFromTextFile<ImageData>(\"data/churn/churn.csv\", hasHeader: true, separatorChar: ',')"], findings);
    }

    [Fact]
    public async Task A_pinned_download_of_a_declared_archive_unpacked_for_training_has_no_finding()
    {
        var findings = await FindingsAsync("""
            [MlOps.Lineage.TrainingPipeline("churn", Version = "1.0.0")]
            [MlOps.Lineage.DatasetInput("churn", "data/churn")]
            public static partial class Program
            {
                public static async Task Main()
                {
                    await Download("https://github.com/acme/data/releases/download/v1.2.0/churn.zip", "data/churn.zip");
                    Extract("data/churn.zip", "data/churn");
                    var ml = new MLContext(seed: 1);
                    var data = ml.Data.LoadFromTextFile<ImageData>("data/churn/train.csv", hasHeader: true, separatorChar: ',');
                    ml.MulticlassClassification.Trainers.SdcaMaximumEntropy().Fit(data);
                }

            """ + DownloadAndUnpack + """
            }
            """);

        Assert.Empty(findings);
    }
}
