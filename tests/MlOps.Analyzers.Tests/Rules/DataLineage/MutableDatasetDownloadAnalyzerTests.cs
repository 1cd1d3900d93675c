using System.Threading.Tasks;
using MlOps.Analyzers.Tests.Infrastructure;
using Verify = MlOps.Analyzers.Tests.Infrastructure.AnalyzerVerifier<MlOps.Analyzers.Rules.DataLineage.MutableDatasetDownloadAnalyzer>;
using MlOps.Analyzers.Rules.DataLineage;

namespace MlOps.Analyzers.Tests.Rules.DataLineage;

public class MutableDatasetDownloadAnalyzerTests
{
    private const string Usings = $"""
        using System;
        using System.IO;
        using System.Net;
        using System.Net.Http;
        using System.Security.Cryptography;
        using System.Threading.Tasks;
        using Microsoft.ML;
        using MlOps.Lineage;

        {TestSources.Row}

        """;

    private static string Pipeline(string body) => Usings + $$"""
        [TrainingPipeline("iris", Version = "1.0.0")]
        public partial class IrisTraining
        {
            private static readonly HttpClient Http = new();

            {{body}}
        }
        """;

    private static Microsoft.CodeAnalysis.Testing.DiagnosticResult Mutable(int location, string api, string url, string reason)
        => Verify.Diagnostic(MutableDatasetDownloadAnalyzer.Rule).WithLocation(location).WithArguments(api, url, reason);

    // ---- Not a finding ----

    [Theory]
    [InlineData("https://raw.githubusercontent.com/mlorg/datasets/0123456789abcdef0123456789abcdef01234567/iris/iris.csv")]
    [InlineData("https://github.com/mlorg/datasets/raw/0123456789abcdef0123456789abcdef01234567/iris.csv")]
    [InlineData("https://huggingface.co/datasets/mlorg/iris/resolve/0123456789abcdef0123456789abcdef01234567/train.csv")]
    [InlineData("https://github.com/mlorg/datasets/releases/download/v1.2.0/iris.zip")]
    [InlineData("https://raw.githubusercontent.com/mlorg/datasets/v1.2.0/iris.csv")]
    [InlineData("https://example.com/datasets/iris/v2/iris.csv")]
    [InlineData("https://example.com/datasets/iris-1.3.csv")]
    [InlineData("https://example.com/exports/sales_2024-01-31.csv")]
    [InlineData("https://example.com/datasets/iris.csv?version=3")]
    [InlineData("https://doi.org/10.5281/zenodo.1234567")]
    [InlineData("https://zenodo.org/records/1234567/files/iris.csv")]
    public Task Pinned_urls_are_not_reported(string url) => Verify.VerifyAsync(Pipeline($$"""
        public async Task<string> Download() => await Http.GetStringAsync("{{url}}");
        """));

    [Fact]
    public Task Download_verified_against_a_digest_is_not_reported() => Verify.VerifyAsync(Pipeline("""
        private const string Expected = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";

        public async Task<byte[]> Download()
        {
            var bytes = await Http.GetByteArrayAsync("https://raw.githubusercontent.com/mlorg/datasets/main/iris.csv");
            if (Convert.ToHexString(SHA256.HashData(bytes)) != Expected.ToUpperInvariant())
                throw new InvalidDataException("iris.csv changed");
            return bytes;
        }

        public async Task DownloadAndFingerprint(DatasetDeclaration dataset)
        {
            File.WriteAllBytes(dataset.Path, await Http.GetByteArrayAsync("https://example.com/iris.csv"));
            DatasetFingerprint.Compute(dataset);
        }

        public async Task<string> DownloadDeclared(DatasetDeclaration dataset)
        {
            var text = await Http.GetStringAsync("https://example.com/iris.csv");
            return dataset.Sha256 ?? text;
        }
        """));

    [Fact]
    public Task Downloads_outside_training_code_are_not_reported() => Verify.VerifyAsync(Usings + """
        public class ReleaseNotesPage
        {
            private static readonly HttpClient Http = new();

            public Task<string> Notes() => Http.GetStringAsync("https://raw.githubusercontent.com/mlorg/app/main/CHANGELOG.md");
        }
        """);

    [Fact]
    public Task Urls_the_analysis_cannot_fold_are_not_reported() => Verify.VerifyAsync(Pipeline("""
        public Task<string> Download(Func<string> locate) => Http.GetStringAsync(locate());

        public Task<string> FromEnvironment() => Http.GetStringAsync(Environment.GetEnvironmentVariable("DATA_URL"));

        public Task<string> NotHttp() => Http.GetStringAsync("file:///data/iris.csv");
        """));

    [Fact]
    public Task Parameter_whose_callers_pass_pinned_urls_is_not_reported() => Verify.VerifyAsync(Pipeline("""
        public Task Run() => Fetch("https://github.com/mlorg/datasets/releases/download/v3/iris.zip");

        private static Task<byte[]> Fetch(string url) => Http.GetByteArrayAsync(url);
        """));

    // ---- Findings ----

    [Theory]
    [InlineData("https://raw.githubusercontent.com/mlorg/datasets/main/iris/iris.csv", "is on the branch 'main'")]
    [InlineData("https://github.com/mlorg/datasets/raw/master/iris.csv", "is on the branch 'master'")]
    [InlineData("https://github.com/mlorg/datasets/blob/HEAD/iris.csv", "is on the branch 'HEAD'")]
    [InlineData("https://huggingface.co/datasets/mlorg/iris/resolve/main/train.csv", "is on the branch 'main'")]
    [InlineData("https://example.com/git/refs/heads/release-train/iris.csv", "is on the branch 'release-train'")]
    [InlineData("https://gitlab.com/api/v4/projects/1/repository/files/iris.csv/raw?ref=main", "is on the branch 'main'")]
    [InlineData("https://aka.ms/iris-dataset", "goes through the redirector 'aka.ms'")]
    [InlineData("https://bit.ly/3xYz", "goes through the redirector 'bit.ly'")]
    [InlineData("https://go.microsoft.com/fwlink/?linkid=2000000", "goes through the redirector 'go.microsoft.com'")]
    [InlineData("https://archive.ics.uci.edu/ml/machine-learning-databases/iris/iris.data", "has no version or commit in it")]
    public Task Mutable_urls_are_reported(string url, string reason) => Verify.VerifyAsync(Pipeline($$"""
        public async Task<string> Download() => await {|#0:Http.GetStringAsync("{{url}}")|};
        """), Mutable(0, "HttpClient.GetStringAsync", url, reason));

    [Fact]
    public Task Every_download_api_is_reported() => Verify.VerifyAsync(Pipeline("""
        private const string Repo = "https://raw.githubusercontent.com/mlorg/datasets";

        public async Task Download()
        {
            var url = $"{Repo}/main/iris.csv";
            await {|#0:Http.GetAsync(url)|};
            await {|#1:Http.GetByteArrayAsync(new Uri(url))|};
            await {|#2:Http.GetStreamAsync(Repo + "/master/iris.csv")|};
        #pragma warning disable SYSLIB0014
            using var client = new WebClient();
        #pragma warning restore SYSLIB0014
            {|#3:client.DownloadFile("https://aka.ms/iris", "iris.csv")|};
            await {|#4:client.DownloadStringTaskAsync(new Uri("https://example.com/iris.csv"))|};
            {|#5:client.DownloadData("https://example.com/iris.bin")|};
        }
        """),
        Mutable(0, "HttpClient.GetAsync", "https://raw.githubusercontent.com/mlorg/datasets/main/iris.csv", "is on the branch 'main'"),
        Mutable(1, "HttpClient.GetByteArrayAsync", "https://raw.githubusercontent.com/mlorg/datasets/main/iris.csv", "is on the branch 'main'"),
        Mutable(2, "HttpClient.GetStreamAsync", "https://raw.githubusercontent.com/mlorg/datasets/master/iris.csv", "is on the branch 'master'"),
        Mutable(3, "WebClient.DownloadFile", "https://aka.ms/iris", "goes through the redirector 'aka.ms'"),
        Mutable(4, "WebClient.DownloadStringTaskAsync", "https://example.com/iris.csv", "has no version or commit in it"),
        Mutable(5, "WebClient.DownloadData", "https://example.com/iris.bin", "has no version or commit in it"));

    [Fact]
    public Task Download_in_a_type_that_trains_is_reported() => Verify.VerifyAsync(Usings + """
        public class Trainer
        {
            private readonly HttpClient _http = new();

            public async Task<string> Fetch() => await {|#0:_http.GetStringAsync("https://raw.githubusercontent.com/mlorg/datasets/main/iris.csv")|};

            public ITransformer Train(MLContext ml, IDataView data) => ml.BinaryClassification.Trainers.SdcaLogisticRegression().Fit(data);
        }
        """, Mutable(0, "HttpClient.GetStringAsync", "https://raw.githubusercontent.com/mlorg/datasets/main/iris.csv", "is on the branch 'main'"));

    [Fact]
    public Task Parameter_whose_caller_passes_a_branch_url_is_reported() => Verify.VerifyAsync(Pipeline("""
        public Task Run() => Fetch("https://raw.githubusercontent.com/mlorg/datasets/master/iris.csv");

        private static Task<byte[]> Fetch(string url) => {|#0:Http.GetByteArrayAsync(url)|};
        """), Verify.Diagnostic(MutableDatasetDownloadAnalyzer.CallSiteRule).WithLocation(0)
        .WithArguments("HttpClient.GetByteArrayAsync", "https://raw.githubusercontent.com/mlorg/datasets/master/iris.csv", "is on the branch 'master'", "'IrisTraining.Run' (Test0.cs line 16)"));

    /// <summary>A download helper outside training code: the training code that passes it a branch URL is the finding's caller; a web page's is not.</summary>
    [Fact]
    public Task Download_helper_called_by_training_code_with_a_branch_url_is_reported() => Verify.VerifyAsync(Usings + """
        public static class Downloads
        {
            private static readonly HttpClient Http = new();

            public static async Task Fetch(string url, string destination)
                => await File.WriteAllBytesAsync(destination, await {|#0:Http.GetByteArrayAsync(url)|});
        }

        public class NewsPage
        {
            public Task Refresh() => Downloads.Fetch("https://example.com/news/latest.json", "cache/news.json");
        }

        public class Trainer
        {
            public async Task<ITransformer> Train(MLContext ml)
            {
                await Downloads.Fetch("https://raw.githubusercontent.com/mlorg/datasets/main/iris.csv", "data/iris.csv");
                var data = ml.Data.LoadFromTextFile<Row>("data/iris.csv", separatorChar: ',');
                return ml.BinaryClassification.Trainers.SdcaLogisticRegression().Fit(data);
            }
        }
        """, Verify.Diagnostic(MutableDatasetDownloadAnalyzer.CallSiteRule).WithLocation(0)
        .WithArguments("HttpClient.GetByteArrayAsync", "https://raw.githubusercontent.com/mlorg/datasets/main/iris.csv", "is on the branch 'main'", "'Trainer.Train' (Test0.cs line 28)"));

    [Fact]
    public Task Download_helper_called_only_outside_training_code_is_not_reported() => Verify.VerifyAsync(Usings + """
        public static class Downloads
        {
            private static readonly HttpClient Http = new();

            public static Task<string> Fetch(string url) => Http.GetStringAsync(url);
        }

        public class NewsPage
        {
            public Task<string> Refresh() => Downloads.Fetch("https://example.com/news/latest.json");
        }

        public class Scorer
        {
            public async Task<float> Score(MLContext ml)
            {
                var text = await Downloads.Fetch("https://raw.githubusercontent.com/mlorg/inputs/main/today.csv");
                var model = ml.Model.Load("model.zip", out _);
                return text.Length;
            }
        }
        """);

    [Theory]
    [InlineData("Http.GetStringAsync(")]
    [InlineData("Http.GetStringAsync($\"{Undefined}/main/x.csv\")")]
    [InlineData("Http.GetStringAsync(\"https://[::1\")")]
    [InlineData("Http.GetStringAsync(\"https://example.com/%zz/main\")")]
    [InlineData("new WebClient().DownloadFile(, )")]
    public async Task Broken_code_does_not_throw(string body)
    {
        var compilation = AnalyzerRunner.Compile(Pipeline("public void M() { " + body + "; }"));
        var result = await AnalyzerRunner.RunAsync(compilation, [new MutableDatasetDownloadAnalyzer()]);
        Assert.Empty(result.Exceptions);
    }
}
