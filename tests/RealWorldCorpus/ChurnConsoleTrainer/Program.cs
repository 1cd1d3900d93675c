using System;
using System.Net.Http;
using System.Threading.Tasks;

namespace ChurnConsoleTrainer;

public static class Program
{
    public static async Task<int> Main(string[] args)
    {
        var options = TrainingOptions.FromArgs(args);
        using var http = new HttpClient { Timeout = TimeSpan.FromMinutes(5) };

        var job = new ChurnTrainingJob(options, http);
        try
        {
            var result = await job.RunAsync();
            Console.WriteLine($"AUC {result.Auc:F3}  F1 {result.F1:F3}");
            Console.WriteLine($"Saved {result.ModelPath}");
            return 0;
        }
        catch (HttpRequestException ex)
        {
            Console.Error.WriteLine($"Could not download the churn export: {ex.Message}");
            return 1;
        }
    }
}
