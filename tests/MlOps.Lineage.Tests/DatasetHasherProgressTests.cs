using System;
using System.Collections.Generic;
using MlOps.Lineage.Tests.Infrastructure;

namespace MlOps.Lineage.Tests;

/// <summary><see cref="DatasetHasher.ComputeSha256(string, IProgress{long})"/>: the digest of the plain overload, with a running byte count.</summary>
public sealed class DatasetHasherProgressTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void A_file_reports_a_running_total_per_block_ending_at_its_size()
    {
        var bytes = new byte[(2 * 1024 * 1024) + 5]; // three blocks of the 1 MB buffer
        new Random(3).NextBytes(bytes);
        var path = _temp.WriteFile("train.bin", bytes);
        var reports = new RecordingProgress();

        var sha = DatasetHasher.ComputeSha256(path, reports);

        Assert.Equal(DatasetHasher.ComputeSha256(path), sha);
        Assert.Equal([1 << 20, 2 << 20, bytes.Length], reports.Values);
    }

    [Fact]
    public void A_directory_reports_the_total_over_all_its_files()
    {
        _temp.WriteFile("images/a.png", "aaaa");
        _temp.WriteFile("images/sub/b.png", "bbbbbb");
        var reports = new RecordingProgress();

        var sha = DatasetHasher.ComputeSha256(_temp.Combine("images"), reports);

        Assert.Equal(DatasetHasher.ComputeSha256(_temp.Combine("images")), sha);
        Assert.Equal([4, 10], reports.Values);
    }

    /// <summary>Records reports synchronously (<see cref="Progress{T}"/> would post them to the thread pool).</summary>
    private sealed class RecordingProgress : IProgress<long>
    {
        public List<long> Values { get; } = [];

        public void Report(long value) => Values.Add(value);
    }
}
