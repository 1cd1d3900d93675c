using System;
using System.IO;

namespace ChurnConsoleTrainer;

public sealed record TrainingOptions(string WorkDirectory, int NumberOfTrees, bool PublishAsLatest)
{
    public static TrainingOptions FromArgs(string[] args)
    {
        var workDirectory = args.Length > 0 ? args[0] : Path.Combine(Path.GetTempPath(), "churn-training");
        var trees = args.Length > 1 ? int.Parse(args[1]) : 100;
        var publish = Array.IndexOf(args, "--publish") >= 0;
        return new TrainingOptions(workDirectory, trees, publish);
    }
}
