using System;
using System.Diagnostics;
using System.IO;
using System.Linq;

namespace MlOps.Cli.Tests.Infrastructure;

/// <summary>
/// Debian's <c>chromium</c>, headless, with a fresh profile and no network of its own: loads a page, runs its
/// scripts, and returns the DOM as it stands afterwards (<c>--dump-dom</c>). A missing browser fails the test:
/// .ci/run installs it.
/// </summary>
public static class HeadlessChromium
{
    public static string DumpDom(string htmlPath)
    {
        var browser = FindOnPath("chromium")
            ?? throw new InvalidOperationException("chromium is not installed (apt-get install -y chromium; .ci/run installs it when missing).");
        var profile = Path.Combine(Path.GetTempPath(), "mlops-cli-tests-chromium-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(profile);
        try
        {
            var start = new ProcessStartInfo(browser)
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            foreach (var argument in new[]
            {
                "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--user-data-dir=" + profile, "--dump-dom", new Uri(htmlPath).AbsoluteUri,
            })
                start.ArgumentList.Add(argument);

            using var process = Process.Start(start)!;
            var stderr = process.StandardError.ReadToEndAsync();
            var dom = process.StandardOutput.ReadToEndAsync();
            if (!process.WaitForExit(60_000))
            {
                process.Kill(entireProcessTree: true);
                throw new TimeoutException("chromium did not finish within 60 s:\n" + stderr.Result);
            }

            process.WaitForExit();
            if (process.ExitCode != 0 || dom.Result.Length == 0)
                throw new InvalidOperationException($"chromium exited with {process.ExitCode}:\n{stderr.Result}");
            return dom.Result;
        }
        finally
        {
            try
            {
                Directory.Delete(profile, recursive: true);
            }
            catch (IOException)
            {
            }
        }
    }

    private static string? FindOnPath(string name) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "")
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(dir => Path.Combine(dir, name))
            .FirstOrDefault(File.Exists);
}
