using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using MlOps.Cli.Tests.Infrastructure;
using Spectre.Console;

namespace MlOps.Cli.Tests;

public sealed class VerifyCommandTests : IDisposable
{
    private readonly TempDirectory _temp = new();
    private readonly TrainingRuns _runs;

    public VerifyCommandTests()
    {
        _runs = new TrainingRuns(_temp.Path);
        _runs.WriteFile("data/churn.csv", "tenure,churned\n1,0\n");
        _runs.WriteFile("data/images/cat/1.png", "cat one");
        _runs.WriteFile("data/images/dog/1.png", "dog one");
    }

    public void Dispose() => _temp.Dispose();

    private string TrainOnFileAndDirectory() =>
        _runs.Completed(_runs.Pipeline(datasets:
        [
            new DatasetDeclaration("customers", "data/churn.csv"),
            new DatasetDeclaration("images", "data/images", DatasetRole.Other),
        ]));

    [Fact]
    public void Exit_0_when_the_model_and_every_dataset_match_the_record()
    {
        var model = TrainOnFileAndDirectory();

        var result = Mlops.Run("verify", model);

        Assert.True(result.ExitCode == 0, result.Output + result.Error);
        Assert.Equal("", result.Error);
        Assert.Matches(@"model\s+churn\s+" + model.Replace(".", @"\.", StringComparison.Ordinal) + @"\s+\w{12}\s+\w{12}\s+matches", result.Output);
        Assert.Matches(@"dataset\s+customers\s+.*matches", result.Output);
        Assert.Matches(@"dataset\s+images\s+.*matches", result.Output);
        Assert.Contains("verify: all 3 checked match", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void Exit_1_naming_the_dataset_and_its_path_when_a_file_dataset_changed()
    {
        var model = TrainOnFileAndDirectory();
        var record = LineageRecord.ReadSidecar(LineageRecord.SidecarPathFor(model));
        var csv = _runs.WriteFile("data/churn.csv", "tenure,churned\n1,1\n");

        var result = Mlops.Run("verify", model);

        Assert.Equal(1, result.ExitCode);
        Assert.Equal(
            $"error: dataset 'customers' at '{csv}' differs from its record: recorded sha256 {record.Datasets[0].Sha256}, on disk {DatasetHasher.ComputeSha256(csv)}",
            result.Error.TrimEnd());
        Assert.Matches(@"dataset\s+customers\s+.*DIFFERS", result.Output);
        Assert.Contains("verify: 1 of 3 checked differ", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void Json_lists_every_check_with_both_digests_and_its_result()
    {
        var model = TrainOnFileAndDirectory();
        var csv = _runs.WriteFile("data/churn.csv", "tenure,churned\n1,1\n");
        Directory.Delete(_temp.Combine("data", "images"), recursive: true);

        var result = Mlops.Run("verify", model, "--json");

        Assert.Equal(1, result.ExitCode);
        var report = System.Text.Json.JsonDocument.Parse(result.Output).RootElement;
        Assert.False(report.GetProperty("matches").GetBoolean());
        var checks = report.GetProperty("checks").EnumerateArray()
            .Select(c => $"{c.GetProperty("kind").GetString()} {c.GetProperty("name").GetString()} {c.GetProperty("result").GetString()} {c.GetProperty("actualSha256")}")
            .ToArray();
        Assert.Equal(
            [$"model churn matches {DatasetHasher.ComputeSha256(model)}", $"dataset customers differs {DatasetHasher.ComputeSha256(csv)}", "dataset images not-on-disk "],
            checks);
        Assert.StartsWith("error: dataset 'customers'", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_directory_dataset_is_rehashed_the_way_the_library_hashes_it()
    {
        var model = TrainOnFileAndDirectory();
        // A new file in a sub-folder changes the directory's manifest, and so its digest.
        _runs.WriteFile("data/images/dog/2.png", "dog two");

        var result = Mlops.Run("verify", model);

        Assert.Equal(1, result.ExitCode);
        var line = Assert.Single(result.Error.TrimEnd().Split('\n'));
        Assert.Contains($"dataset 'images' at '{_temp.Combine("data", "images")}'", line, StringComparison.Ordinal);
        Assert.EndsWith("on disk " + DatasetHasher.ComputeSha256(_temp.Combine("data", "images")), line, StringComparison.Ordinal);
    }

    [Fact]
    public void Exit_1_when_the_model_file_changed()
    {
        var model = TrainOnFileAndDirectory();
        File.AppendAllText(model, "tampered");

        var result = Mlops.Run("verify", model);

        Assert.Equal(1, result.ExitCode);
        Assert.StartsWith($"error: model 'churn' at '{model}' differs from its record", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_dataset_deleted_after_training_is_reported_not_checked_and_does_not_fail()
    {
        var model = TrainOnFileAndDirectory();
        File.Delete(_temp.Combine("data", "churn.csv"));

        var result = Mlops.Run("verify", model);

        Assert.True(result.ExitCode == 0, result.Output + result.Error);
        Assert.Matches(@"dataset\s+customers\s+\S+\s+\w{12}\s+-\s+not on disk \(not checked\)", result.Output);
        Assert.Contains("verify: all 2 checked match; 1 not on disk, not checked", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void A_model_and_sidecar_moved_together_are_verified_where_they_are_now()
    {
        var model = TrainOnFileAndDirectory();
        var moved = _temp.Combine("registry", "churn-1.0.0.zip");
        Directory.CreateDirectory(Path.GetDirectoryName(moved)!);
        File.Move(model, moved);
        File.Move(LineageRecord.SidecarPathFor(model), LineageRecord.SidecarPathFor(moved));

        var result = Mlops.Run("verify", moved);

        Assert.True(result.ExitCode == 0, result.Output + result.Error);
        Assert.Matches(@"model\s+churn\s+" + moved.Replace(".", @"\.", StringComparison.Ordinal) + @"\s+.*matches", result.Output);
    }

    [Fact]
    public void A_missing_model_beside_its_sidecar_is_exit_2()
    {
        var model = TrainOnFileAndDirectory();
        File.Delete(model);

        var result = Mlops.Run("verify", LineageRecord.SidecarPathFor(model));

        Assert.Equal(2, result.ExitCode);
        Assert.Equal($"error: the model '{model}' does not exist (its lineage record is '{model}.lineage.json')", result.Error.TrimEnd());
    }

    [Fact]
    public void Hashing_a_large_dataset_draws_a_progress_bar_on_stderr()
    {
        var big = new byte[ContentHasher.ProgressThresholdBytes + (1 << 20)];
        new Random(5).NextBytes(big);
        File.WriteAllBytes(_temp.Combine("data", "big.bin"), big);
        var model = _runs.Completed(_runs.Pipeline(datasets: [new DatasetDeclaration("big", "data/big.bin")]));
        using var error = new StringWriter();
        var terminal = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(error),
            Ansi = AnsiSupport.Yes,
            ColorSystem = ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.Yes,
        });

        var result = Mlops.RunWithProgress(terminal, error, "verify", model);

        Assert.True(result.ExitCode == 0, result.Output + result.Error);
        Assert.Contains("hashing dataset 'big'", result.Error, StringComparison.Ordinal);
        Assert.Contains("100%", result.Error, StringComparison.Ordinal);
        // The small model is hashed without a bar.
        Assert.DoesNotContain("hashing model", result.Error, StringComparison.Ordinal);
    }
}
