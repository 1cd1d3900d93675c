using System;
using System.IO;
using System.IO.Compression;
using System.Linq;
using System.Text.Json;

namespace MlOpsAnalyzers.EndToEnd;

/// <summary>The one package a user installs, built, consumed and fixed exactly as a user would.</summary>
[Collection(PackageCollection.Name)]
public sealed class PackageTests(PackageFixture fixture)
{
    private string QuickStart => fixture.ReadSample("QuickStart", "Program.cs");

    /// <summary>1-based line and column of the first unseeded context in the quick-start sample.</summary>
    private (int Line, int Column) UnseededContextPosition()
    {
        var lines = QuickStart.Replace("\r\n", "\n").Split('\n');
        var index = Array.FindIndex(lines, l => l.Contains("new MLContext()", StringComparison.Ordinal));
        Assert.True(index >= 0, "the quick-start sample no longer has an unseeded MLContext");
        return (index + 1, lines[index].IndexOf("new MLContext()", StringComparison.Ordinal) + 1);
    }

    [Fact]
    public void Package_has_the_documented_layout()
    {
        using var zip = ZipFile.OpenRead(fixture.PackagePath);
        var entries = zip.Entries.Select(e => e.FullName).ToHashSet();
        foreach (var expected in new[]
                 {
                     "lib/netstandard2.0/MlOps.Lineage.dll", "lib/net8.0/MlOps.Lineage.dll",
                     "analyzers/dotnet/roslyn4.8/cs/MlOps.Analyzers.dll", "analyzers/dotnet/roslyn4.8/cs/MlOps.Analyzers.CodeFixes.dll",
                     "buildTransitive/MlOpsAnalyzers.props", "buildTransitive/MlOpsAnalyzers.targets",
                     "buildTransitive/config/mlops_strict.globalconfig", "buildTransitive/config/mlops_none.globalconfig",
                     "README.md", "LICENSE",
                 })
        {
            Assert.Contains(expected, entries);
        }

        // Only the run-time library is a lib: the analyzers must not leak into the user's references.
        Assert.DoesNotContain(entries, e => e.StartsWith("lib/", StringComparison.Ordinal) && e.Contains("Analyzers", StringComparison.Ordinal));
        using var nuspec = new StreamReader(zip.Entries.Single(e => e.FullName.EndsWith(".nuspec", StringComparison.Ordinal)).Open());
        var metadata = nuspec.ReadToEnd();
        foreach (var element in new[] { "<description>", "<tags>", "<readme>README.md</readme>", "<license type=\"expression\">MIT</license>", "<repository", "<releaseNotes>## [" })
            Assert.Contains(element, metadata);
    }

    [Fact]
    public void Build_reports_MLOPS001_at_the_right_place_and_in_SARIF()
    {
        var consumer = fixture.CreateConsumer("Build", QuickStart);
        var sarifPath = Path.Combine(consumer.Directory, "out.sarif");
        var result = consumer.Build($"-p:ErrorLog={sarifPath}%2Cversion=2.1").EnsureSuccess("dotnet build");

        var (line, column) = UnseededContextPosition();
        var reported = Assert.Single(consumer.DiagnosticLines(result, "MLOPS001"));
        Assert.Contains($"Program.cs({line},{column}): warning MLOPS001:", reported);

        using var sarif = JsonDocument.Parse(File.ReadAllText(sarifPath));
        Assert.Equal("2.1.0", sarif.RootElement.GetProperty("version").GetString());
        var run = sarif.RootElement.GetProperty("runs")[0];
        var sarifResult = run.GetProperty("results").EnumerateArray().Single(r => r.GetProperty("ruleId").GetString() == "MLOPS001");
        Assert.Equal("warning", sarifResult.GetProperty("level").GetString());
        var region = sarifResult.GetProperty("locations")[0].GetProperty("physicalLocation").GetProperty("region");
        Assert.Equal(line, region.GetProperty("startLine").GetInt32());
        var rule = run.GetProperty("tool").GetProperty("driver").GetProperty("rules").EnumerateArray()
            .Single(r => r.GetProperty("id").GetString() == "MLOPS001");
        Assert.EndsWith("docs/rules/MLOPS001.md", rule.GetProperty("helpUri").GetString());
    }

    [Fact]
    public void Dotnet_format_fixes_every_site_and_the_rebuild_is_clean()
    {
        var twoSites = QuickStart + """

            public static class SecondTrainer
            {
                public static ITransformer Train(IDataView data) => new MLContext().Regression.Trainers.Sdca().Fit(data);
            }
            """;
        var consumer = fixture.CreateConsumer("Format", twoSites);
        var before = consumer.Build().EnsureSuccess("dotnet build");
        Assert.Equal(2, consumer.DiagnosticLines(before, "MLOPS001").Length);

        DotNet.Run(consumer.Directory, "format", "analyzers", consumer.ProjectPath, "--diagnostics", "MLOPS001", "--severity", "info")
            .EnsureSuccess("dotnet format analyzers");

        var fixedSource = File.ReadAllText(Path.Combine(consumer.Directory, "Program.cs"));
        Assert.DoesNotContain("new MLContext()", fixedSource);
        Assert.Equal(2, fixedSource.Split("new MLContext(seed: 42)").Length - 1);
        var after = consumer.Build("-warnaserror").EnsureSuccess("rebuild after dotnet format");
        Assert.Empty(consumer.DiagnosticLines(after, "MLOPS001"));
    }

    /// <summary>MLOPS021 is decided at compilation end: its fix reaches users through `dotnet format`, checked here.</summary>
    [Fact]
    public void Dotnet_format_writes_the_lineage_record_after_a_versioned_save()
    {
        const string source = """
            using Microsoft.ML;
            using MlOps.Lineage;

            [TrainingPipeline("churn", Version = "1.0.0")]
            public partial class ChurnTraining
            {
                public static void Save(MLContext ml, ITransformer model, DataViewSchema schema, string runId)
                {
                    var path = $"models/churn-{runId}.zip";
                    ml.Model.Save(model, schema, path);
                }

                public static void Main() { }
            }
            """;
        // An Info finding is not printed by a build: the inserted line shows that format saw it and applied its fix.
        var consumer = fixture.CreateConsumer("FormatLineage", source);
        DotNet.Run(consumer.Directory, "format", "analyzers", consumer.ProjectPath, "--diagnostics", "MLOPS021", "--severity", "info")
            .EnsureSuccess("dotnet format analyzers");

        var fixedSource = File.ReadAllText(Path.Combine(consumer.Directory, "Program.cs"));
        Assert.Contains("ml.Model.Save(model, schema, path);\n        Lineage.Capture().WriteSidecar(path);", fixedSource.Replace("\r\n", "\n"));
        consumer.Build("-warnaserror").EnsureSuccess("rebuild after dotnet format");
    }

    [Fact]
    public void Analyzer_loads_under_the_4_14_compiler()
    {
        var consumer = fixture.CreateConsumer(
            "Compiler414",
            QuickStart,
            extraProperties: "<RoslynCompilerType>Custom</RoslynCompilerType>",
            extraItems: "<PackageReference Include=\"Microsoft.Net.Compilers.Toolset\" Version=\"4.14.0\" PrivateAssets=\"all\" />");
        var result = consumer.Build("-v:n").EnsureSuccess("dotnet build with Roslyn 4.14");
        Assert.Contains("microsoft.net.compilers.toolset", result.Output, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("CS8032", result.Output);
        Assert.DoesNotContain("CS9057", result.Output);
        Assert.Single(consumer.DiagnosticLines(result, "MLOPS001"));
    }

    /// <summary>
    /// A netstandard2.0 library compiles as C# 7.3 by default: the generated lineage class must compile there, or the
    /// build fails inside the generated file and every finding disappears with it.
    /// </summary>
    [Fact]
    public void A_pipeline_in_a_netstandard2_0_library_builds_with_its_findings()
    {
        const string source = """
            using Microsoft.ML;
            using MlOps.Lineage;

            namespace Legacy
            {
                [TrainingPipeline("legacy", Version = "1.0.0")]
                [DatasetInput("train", "data/train.csv")]
                [ModelOutput("model", "models/legacy-{version}.zip")]
                public partial class LegacyTraining
                {
                    [Hyperparameter] public const int Trees = 10;

                    public static ITransformer Train(IDataView data)
                    {
                        return new MLContext().Regression.Trainers.Sdca().Fit(data);
                    }

                    public static string TrainPath() { return Lineage.Datasets.Train.Path; }
                }
            }
            """;
        var consumer = fixture.CreateConsumer(
            "NetStandardLibrary", source, extraProperties: "<OutputType>Library</OutputType><TargetFramework>netstandard2.0</TargetFramework><Nullable>disable</Nullable>");

        var result = consumer.Build().EnsureSuccess("dotnet build of a C# 7.3 library");

        Assert.DoesNotContain(": error ", result.Output);
        Assert.Single(consumer.DiagnosticLines(result, "MLOPS001"));
    }

    [Fact]
    public void Pragma_suppression_is_honoured()
    {
        var source = QuickStart.Replace("var mlContext = new MLContext();", "#pragma warning disable MLOPS001\nvar mlContext = new MLContext();\n#pragma warning restore MLOPS001");
        var consumer = fixture.CreateConsumer("Pragma", source);
        var result = consumer.Build().EnsureSuccess("dotnet build");
        Assert.Empty(consumer.DiagnosticLines(result, "MLOPS001"));
    }

    [Fact]
    public void Editorconfig_severity_is_honoured_over_the_preset()
    {
        var consumer = fixture.CreateConsumer("EditorConfig", QuickStart, extraProperties: "<MlOpsAnalysisMode>Strict</MlOpsAnalysisMode>");
        File.WriteAllText(Path.Combine(consumer.Directory, ".editorconfig"), "root = true\n\n[*.cs]\ndotnet_diagnostic.MLOPS001.severity = error\n");
        var result = consumer.Build();
        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains(": error MLOPS001:", result.Output);
    }

    [Fact]
    public void Preset_None_turns_the_rules_off()
    {
        var consumer = fixture.CreateConsumer("PresetNone", QuickStart, extraProperties: "<MlOpsAnalysisMode>None</MlOpsAnalysisMode>");
        var result = consumer.Build().EnsureSuccess("dotnet build");
        Assert.Empty(consumer.DiagnosticLines(result, "MLOPS001"));
    }

    [Fact]
    public void Preset_Strict_raises_info_rules_to_warnings_and_an_unknown_mode_warns()
    {
        // MLOPS003 (Info by default) fires on the quick start's SDCA trainer: invisible in a default build, a warning in Strict.
        var byDefault = fixture.CreateConsumer("PresetDefault", QuickStart);
        Assert.Empty(byDefault.DiagnosticLines(byDefault.Build().EnsureSuccess("dotnet build"), "MLOPS003"));

        var strict = fixture.CreateConsumer("PresetStrict", QuickStart, extraProperties: "<MlOpsAnalysisMode>Strict</MlOpsAnalysisMode>");
        var strictResult = strict.Build().EnsureSuccess("dotnet build");
        Assert.Single(strict.DiagnosticLines(strictResult, "MLOPS001"));
        Assert.Contains(": warning MLOPS003:", Assert.Single(strict.DiagnosticLines(strictResult, "MLOPS003")));
        var strictConfig = File.ReadAllText(Path.Combine(fixture.RepoRoot, "src", "MlOpsAnalyzers.Package", "buildTransitive", "config", "mlops_strict.globalconfig"));
        Assert.Contains("global_level = -100", strictConfig);

        var unknown = fixture.CreateConsumer("PresetUnknown", QuickStart, extraProperties: "<MlOpsAnalysisMode>Loud</MlOpsAnalysisMode>");
        var unknownResult = unknown.Build().EnsureSuccess("dotnet build");
        Assert.Contains("MLOPSBUILD01", unknownResult.Output);
        Assert.Single(unknown.DiagnosticLines(unknownResult, "MLOPS001"));
    }
}
