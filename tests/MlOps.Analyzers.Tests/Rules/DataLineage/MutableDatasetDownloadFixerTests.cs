using System.Threading.Tasks;
using Microsoft.CodeAnalysis.Testing;
using MlOps.Analyzers.Rules.DataLineage;
using Verify = MlOps.Analyzers.Tests.Infrastructure.LineageCodeFixVerifier<
    MlOps.Analyzers.Rules.DataLineage.MutableDatasetDownloadAnalyzer,
    MlOps.Analyzers.CodeFixes.Rules.DataLineage.MutableDatasetDownloadFixer>;

namespace MlOps.Analyzers.Tests.Rules.DataLineage;

/// <summary>The fixed code compiles with the lineage generator in the compilation (Lineage.Datasets.X exists).</summary>
public class MutableDatasetDownloadFixerTests
{
    private const string Branch = "https://raw.githubusercontent.com/mlorg/datasets/main/iris.csv";

    private static DiagnosticResult Mutable(int location, string api, string url, string reason)
        => Verify.Diagnostic(MutableDatasetDownloadAnalyzer.Rule).WithLocation(location).WithArguments(api, url, reason);

    [Fact]
    public Task Download_written_to_a_file_is_declared_with_a_digest_and_verified() => Verify.VerifyAsync($$"""
        using System.IO;
        using System.Net.Http;
        using System.Threading.Tasks;
        using MlOps.Lineage;

        [TrainingPipeline("iris", Version = "1.0.0")]
        public partial class IrisTraining
        {
            private static readonly HttpClient Http = new();

            public static async Task DownloadAsync()
            {
                File.WriteAllBytes("data/iris.csv", await {|#0:Http.GetByteArrayAsync("{{Branch}}")|});
            }
        }
        """, $$"""
        using System.IO;
        using System.Net.Http;
        using System.Threading.Tasks;
        using MlOps.Lineage;

        [TrainingPipeline("iris", Version = "1.0.0")]
        [DatasetInput("iris", "data/iris.csv", Sha256 = "<fill in: the SHA-256 of the verified content, see docs/rules/MLOPS011.md>")]
        public partial class IrisTraining
        {
            private static readonly HttpClient Http = new();

            public static async Task DownloadAsync()
            {
                File.WriteAllBytes(Lineage.Datasets.Iris.Path, await Http.GetByteArrayAsync("{{Branch}}"));
                DatasetFingerprint.Compute(Lineage.Datasets.Iris);
            }
        }
        """, Mutable(0, "HttpClient.GetByteArrayAsync", Branch, "is on the branch 'main'"));

    [Fact]
    public Task WebClient_download_file_in_an_unattributed_trainer() => Verify.VerifyAsync("""
        using System.Net;
        using Microsoft.ML;

        public class Trainer
        {
            public ITransformer Train(MLContext ml, WebClient client, IDataView data)
            {
                Fetch(client);
                return ml.BinaryClassification.Trainers.SdcaLogisticRegression().Fit(data);
            }

        #pragma warning disable SYSLIB0014
            public void Fetch(WebClient client)
            {
                {|#0:client.DownloadFile("https://aka.ms/iris", "data/iris.csv")|};
            }
        #pragma warning restore SYSLIB0014
        }
        """, """
        using System.Net;
        using Microsoft.ML;
        using MlOps.Lineage;

        [TrainingPipeline("trainer", Version = "0.1.0")]
        [DatasetInput("iris", "data/iris.csv", Sha256 = "<fill in: the SHA-256 of the verified content, see docs/rules/MLOPS011.md>")]
        public partial class Trainer
        {
            public ITransformer Train(MLContext ml, WebClient client, IDataView data)
            {
                Fetch(client);
                return ml.BinaryClassification.Trainers.SdcaLogisticRegression().Fit(data);
            }

        #pragma warning disable SYSLIB0014
            public void Fetch(WebClient client)
            {
                client.DownloadFile("https://aka.ms/iris", Lineage.Datasets.Iris.Path);
                DatasetFingerprint.Compute(Lineage.Datasets.Iris);
            }
        #pragma warning restore SYSLIB0014
        }
        """, Mutable(0, "WebClient.DownloadFile", "https://aka.ms/iris", "goes through the redirector 'aka.ms'"));

    [Fact]
    public async Task Fix_all_over_two_documents_declares_a_shared_path_once_and_verifies_each_download()
    {
        var test = new Verify.Test
        {
            TestState =
            {
                Sources =
                {
                    ("/0/A.cs", $$"""
                        using System.IO;
                        using System.Net.Http;
                        using System.Threading.Tasks;
                        using MlOps.Lineage;

                        [TrainingPipeline("iris", Version = "1.0.0")]
                        public partial class IrisTraining
                        {
                            public static async Task Iris(HttpClient http)
                            {
                                File.WriteAllBytes("data/iris.csv", await {|#0:http.GetByteArrayAsync("{{Branch}}")|});
                            }

                            public static async Task Wine(HttpClient http)
                            {
                                await File.WriteAllTextAsync("data/wine.csv", await {|#1:http.GetStringAsync("https://example.com/wine.csv")|});
                            }
                        }
                        """),
                    ("/0/B.cs", $$"""
                        using System.IO;
                        using System.Net.Http;
                        using System.Threading.Tasks;

                        public partial class IrisTraining
                        {
                            public static async Task Refresh(HttpClient http)
                            {
                                File.WriteAllBytes("data/iris.csv", await {|#2:http.GetByteArrayAsync("{{Branch}}")|});
                            }
                        }
                        """),
                },
                ExpectedDiagnostics =
                {
                    Mutable(0, "HttpClient.GetByteArrayAsync", Branch, "is on the branch 'main'"),
                    Mutable(1, "HttpClient.GetStringAsync", "https://example.com/wine.csv", "has no version or commit in it"),
                    Mutable(2, "HttpClient.GetByteArrayAsync", Branch, "is on the branch 'main'"),
                },
            },
            FixedState =
            {
                Sources =
                {
                    ("/0/A.cs", $$"""
                        using System.IO;
                        using System.Net.Http;
                        using System.Threading.Tasks;
                        using MlOps.Lineage;

                        [TrainingPipeline("iris", Version = "1.0.0")]
                        [DatasetInput("iris", "data/iris.csv", Sha256 = "<fill in: the SHA-256 of the verified content, see docs/rules/MLOPS011.md>")]
                        [DatasetInput("wine", "data/wine.csv", Sha256 = "<fill in: the SHA-256 of the verified content, see docs/rules/MLOPS011.md>")]
                        public partial class IrisTraining
                        {
                            public static async Task Iris(HttpClient http)
                            {
                                File.WriteAllBytes(Lineage.Datasets.Iris.Path, await http.GetByteArrayAsync("{{Branch}}"));
                                DatasetFingerprint.Compute(Lineage.Datasets.Iris);
                            }

                            public static async Task Wine(HttpClient http)
                            {
                                await File.WriteAllTextAsync(Lineage.Datasets.Wine.Path, await http.GetStringAsync("https://example.com/wine.csv"));
                                DatasetFingerprint.Compute(Lineage.Datasets.Wine);
                            }
                        }
                        """),
                    ("/0/B.cs", $$"""
                        using System.IO;
                        using System.Net.Http;
                        using System.Threading.Tasks;
                        using MlOps.Lineage;

                        public partial class IrisTraining
                        {
                            public static async Task Refresh(HttpClient http)
                            {
                                File.WriteAllBytes(Lineage.Datasets.Iris.Path, await http.GetByteArrayAsync("{{Branch}}"));
                                DatasetFingerprint.Compute(Lineage.Datasets.Iris);
                            }
                        }
                        """),
                },
            },
            CodeFixTestBehaviors = CodeFixTestBehaviors.SkipFixAllInDocumentCheck,
        };
        // IrisTraining is partial across the two files: whether its downloads are training code needs both files' code, so
        // they are judged at compilation end (docs/architecture.md), which the test framework counts as non-local. The IDE
        // fixes them in full-solution analysis and `dotnet format` applies the fix, which is what this test checks.
        test.CodeFixTestBehaviors |= Microsoft.CodeAnalysis.Testing.CodeFixTestBehaviors.SkipLocalDiagnosticCheck;
        await test.RunAsync();
    }

    [Fact]
    public Task Content_kept_in_memory_offers_no_fix()
    {
        const string source = $$"""
            using System.Net.Http;
            using System.Threading.Tasks;
            using MlOps.Lineage;

            [TrainingPipeline("iris", Version = "1.0.0")]
            public partial class IrisTraining
            {
                public static Task<string> Download(HttpClient http) => {|#0:http.GetStringAsync("{{Branch}}")|};
            }
            """;
        var test = new Verify.Test { TestCode = source, FixedCode = source };
        test.ExpectedDiagnostics.Add(Mutable(0, "HttpClient.GetStringAsync", Branch, "is on the branch 'main'"));
        return test.RunAsync();
    }
}
