using System;
using System.Net.Http;
using System.Threading.Tasks;

namespace ChurnConsoleTrainer;

/// <summary>Retries a flaky download with exponential back-off and jitter.</summary>
public static class DownloadRetry
{
    public static async Task<byte[]> GetBytesAsync(HttpClient http, string url, int attempts = 4)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await http.GetByteArrayAsync(url);
            }
            catch (HttpRequestException) when (attempt < attempts)
            {
                var jitter = Random.Shared.Next(0, 250);
                await Task.Delay(TimeSpan.FromMilliseconds(200 * Math.Pow(2, attempt) + jitter));
            }
        }
    }
}
