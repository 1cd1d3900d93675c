using System;
using System.IO;
using System.Linq;
using System.Security.Cryptography;
using System.Text;
using MlOps.Lineage.Tests.Infrastructure;

namespace MlOps.Lineage.Tests;

public sealed class DatasetHashingTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    private static string Sha256Hex(byte[] bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));

    [Fact]
    public void File_hash_is_the_SHA256_of_its_bytes()
    {
        var bytes = new byte[(3 * 1024 * 1024) + 17]; // more than one read buffer, not a multiple of it
        new Random(7).NextBytes(bytes);
        var path = _temp.WriteFile("train.bin", bytes);

        Assert.Equal(Sha256Hex(bytes), DatasetHasher.ComputeSha256(path));
    }

    [Theory]
    [InlineData("", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")]
    [InlineData("abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")]
    public void File_hash_matches_the_published_SHA256_test_vectors(string content, string expected)
    {
        var path = _temp.WriteFile("vector.txt", Encoding.ASCII.GetBytes(content));

        Assert.Equal(expected, DatasetHasher.ComputeSha256(path));
    }

    [Fact]
    public void A_64_MB_file_is_hashed_streaming_with_bounded_memory()
    {
        const int ChunkSize = 1024 * 1024;
        const int Chunks = 64;
        var path = _temp.Combine("large.bin");
        var chunk = new byte[ChunkSize];
        var random = new Random(11);
        using (var expectedHash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256))
        {
            using (var stream = File.Create(path))
            {
                for (var i = 0; i < Chunks; i++)
                {
                    random.NextBytes(chunk);
                    stream.Write(chunk);
                    expectedHash.AppendData(chunk);
                }
            }

            var expected = Convert.ToHexStringLower(expectedHash.GetHashAndReset());
            var before = GC.GetAllocatedBytesForCurrentThread();
            var fingerprint = DatasetFingerprint.Compute(new DatasetDeclaration("large", path));
            var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

            Assert.Equal(expected, fingerprint.Sha256);
            Assert.Equal((long)ChunkSize * Chunks, fingerprint.SizeBytes);
            // Reading the file whole would allocate at least 64 MB; streaming costs one buffer.
            Assert.True(allocated < 8 * 1024 * 1024, $"Hashing 64 MB allocated {allocated:N0} bytes.");
        }
    }

    [Fact]
    public void The_product_code_never_reads_a_dataset_whole()
    {
        var sources = Directory.GetFiles(Path.Combine(RepoPaths.Root, "src", "MlOps.Lineage"), "*.cs", SearchOption.AllDirectories);
        Assert.NotEmpty(sources);
        foreach (var source in sources)
            Assert.DoesNotContain("ReadAllBytes", File.ReadAllText(source), StringComparison.Ordinal);
    }

    [Fact]
    public void Directory_hash_is_the_hash_of_its_sorted_sha256sum_manifest()
    {
        var dir = _temp.Combine("images");
        _temp.WriteFile("images/cats/b.png", "bbb");
        _temp.WriteFile("images/a.txt", "aaa");
        _temp.WriteFile("images/cats/a.png", "ccc");
        _temp.WriteFile("images/dogs/.hidden", "ddd");

        var manifest = new StringBuilder();
        foreach (var (relative, content) in new[] { ("a.txt", "aaa"), ("cats/a.png", "ccc"), ("cats/b.png", "bbb"), ("dogs/.hidden", "ddd") })
            manifest.Append(Sha256Hex(Encoding.UTF8.GetBytes(content))).Append("  ").Append(relative).Append('\n');

        Assert.Equal(Sha256Hex(Encoding.UTF8.GetBytes(manifest.ToString())), DatasetHasher.ComputeSha256(dir));
        // What `find . -type f -printf '%P\n' | LC_ALL=C sort | xargs -d '\n' sha256sum | sha256sum` prints for this folder.
        Assert.Equal("766b36c4f24ede6f6530e58780f141e58773428624c9b50e80e350c5faa261ed", DatasetHasher.ComputeSha256(dir));
    }

    [Fact]
    public void Directory_hash_does_not_depend_on_creation_order_or_timestamps()
    {
        var files = new[] { ("z.csv", "1,2"), ("a/y.csv", "3,4"), ("a/b/x.csv", "5,6"), ("m.csv", "") };
        foreach (var (relative, content) in files)
            _temp.WriteFile("first/" + relative, content);
        foreach (var (relative, content) in files.Reverse())
        {
            var path = _temp.WriteFile("second/" + relative, content);
            File.SetLastWriteTimeUtc(path, new DateTime(2001, 2, 3, 4, 5, 6, DateTimeKind.Utc));
        }

        Assert.Equal(DatasetHasher.ComputeSha256(_temp.Combine("first")), DatasetHasher.ComputeSha256(_temp.Combine("second")));
        Assert.Equal(DatasetHasher.ComputeSha256(_temp.Combine("first")), DatasetHasher.ComputeSha256(_temp.Combine("first") + "/"));
    }

    [Fact]
    public void Directory_hash_changes_with_a_file_content_a_rename_or_a_new_file()
    {
        _temp.WriteFile("d/a.csv", "1");
        _temp.WriteFile("d/b.csv", "2");
        var dir = _temp.Combine("d");
        var original = DatasetHasher.ComputeSha256(dir);

        _temp.WriteFile("d/b.csv", "3");
        var edited = DatasetHasher.ComputeSha256(dir);
        File.Move(_temp.Combine("d", "b.csv"), _temp.Combine("d", "c.csv"));
        var renamed = DatasetHasher.ComputeSha256(dir);
        _temp.WriteFile("d/e/f.csv", "");
        var added = DatasetHasher.ComputeSha256(dir);

        Assert.Equal(4, new[] { original, edited, renamed, added }.Distinct().Count());
    }

    [Fact]
    public void Fingerprint_of_a_directory_has_total_size_file_count_and_newest_write_time()
    {
        var a = _temp.WriteFile("imgs/a.bin", new byte[10]);
        var b = _temp.WriteFile("imgs/sub/b.bin", new byte[32]);
        var newest = new DateTime(2030, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        File.SetLastWriteTimeUtc(a, new DateTime(2020, 1, 1, 0, 0, 0, DateTimeKind.Utc));
        File.SetLastWriteTimeUtc(b, newest);

        var fingerprint = DatasetFingerprint.Compute(new DatasetDeclaration("images", "imgs", DatasetRole.Validation), _temp.Path);

        Assert.True(fingerprint.IsDirectory);
        Assert.Equal(42, fingerprint.SizeBytes);
        Assert.Equal(2, fingerprint.FileCount);
        Assert.Equal(newest, fingerprint.LastWriteTime.UtcDateTime);
        Assert.Equal(_temp.Combine("imgs"), fingerprint.FullPath);
        Assert.Equal("imgs", fingerprint.Path);
        Assert.Equal(DatasetRole.Validation, fingerprint.Role);
    }

    [Fact]
    public void Fingerprint_of_a_file_has_size_and_last_write_time()
    {
        var path = _temp.WriteFile("train.csv", "a,b\n1,2\n");
        var written = new DateTime(2024, 5, 6, 7, 8, 9, DateTimeKind.Utc);
        File.SetLastWriteTimeUtc(path, written);

        var fingerprint = DatasetFingerprint.Compute(new DatasetDeclaration("train", path));

        Assert.False(fingerprint.IsDirectory);
        Assert.Equal(8, fingerprint.SizeBytes);
        Assert.Equal(1, fingerprint.FileCount);
        Assert.Equal(written, fingerprint.LastWriteTime.UtcDateTime);
        Assert.Equal(Sha256Hex(File.ReadAllBytes(path)), fingerprint.Sha256);
    }

    [Fact]
    public void A_pinned_digest_that_matches_passes_in_any_letter_case()
    {
        var path = _temp.WriteFile("train.csv", "abc");
        var pinned = "BA7816BF8F01CFEA414140DE5DAE2223B00361A396177A9CB410FF61F20015AD";

        var fingerprint = DatasetFingerprint.Compute(new DatasetDeclaration("train", path, sha256: pinned));

        Assert.Equal(pinned.ToLowerInvariant(), fingerprint.Sha256);
    }

    [Fact]
    public void A_pinned_digest_that_differs_fails_naming_dataset_path_and_both_digests()
    {
        var path = _temp.WriteFile("train.csv", "abc");
        var pinned = new string('0', 64);

        var error = Assert.Throws<DatasetHashMismatchException>(
            () => DatasetFingerprint.Compute(new DatasetDeclaration("train", path, sha256: pinned)));

        Assert.Equal("train", error.DatasetName);
        Assert.Equal(path, error.Path);
        Assert.Equal(pinned, error.ExpectedSha256);
        Assert.Equal("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", error.ActualSha256);
        Assert.Contains("'train'", error.Message, StringComparison.Ordinal);
        Assert.Contains(path, error.Message, StringComparison.Ordinal);
        Assert.Contains(pinned, error.Message, StringComparison.Ordinal);
        Assert.Contains(error.ActualSha256, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_dataset_fails_naming_dataset_and_path()
    {
        var error = Assert.Throws<DatasetUnavailableException>(
            () => DatasetFingerprint.Compute(new DatasetDeclaration("holdout", "data/holdout.csv", DatasetRole.Test), _temp.Path));

        var fullPath = _temp.Combine("data", "holdout.csv");
        Assert.Equal("holdout", error.DatasetName);
        Assert.Equal(fullPath, error.Path);
        Assert.Contains("'holdout'", error.Message, StringComparison.Ordinal);
        Assert.Contains(fullPath, error.Message, StringComparison.Ordinal);
        Assert.Contains("does not exist", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unreadable_dataset_fails_naming_dataset_and_path()
    {
        // Running as root defeats file permissions; an exclusive lock (FileShare.None, flock on Unix) does not.
        var path = _temp.WriteFile("locked.csv", "a,b");
        using var exclusive = new FileStream(path, FileMode.Open, FileAccess.ReadWrite, FileShare.None);

        var error = Assert.Throws<DatasetUnavailableException>(
            () => DatasetFingerprint.Compute(new DatasetDeclaration("locked", path)));

        Assert.Contains("'locked'", error.Message, StringComparison.Ordinal);
        Assert.Contains(path, error.Message, StringComparison.Ordinal);
        Assert.Contains("cannot be read", error.Message, StringComparison.Ordinal);
        Assert.IsAssignableFrom<IOException>(error.InnerException);
    }

    [Fact]
    public void ComputeSha256_of_a_missing_path_throws_FileNotFound()
    {
        Assert.Throws<FileNotFoundException>(() => DatasetHasher.ComputeSha256(_temp.Combine("nope")));
    }
}
