using System;
using System.Threading.Tasks;

namespace BillingPlatform.Invoicing;

/// <summary>Retries transient failures with exponential back-off and full jitter.</summary>
public static class RetryPolicy
{
    public static async Task<T> ExecuteAsync<T>(Func<Task<T>> action, int attempts = 5)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await action();
            }
            catch (TimeoutException) when (attempt < attempts)
            {
                var ceiling = Math.Min(30_000, 100 * (1 << attempt));
                await Task.Delay(Random.Shared.Next(ceiling));
            }
        }
    }
}
