using System;
using MlOps.Lineage;

namespace ProductImageClassifier;

public static class Program
{
    public static int Main(string[] args)
    {
        if (args.Length == 2 && args[0] == "classify")
        {
            var scoring = new ImageScoring("models/product-categories-current.zip");
            Console.WriteLine(scoring.Classify(args[1]));
            return 0;
        }

        var run = ProductCatalogPipeline.Lineage.Capture();
        var (model, schema) = ProductCatalogPipeline.Train(run);
        var modelPath = ProductCatalogPipeline.Save(model, schema, run);
        run.Complete();
        run.WriteSidecar(modelPath);
        Console.WriteLine($"trained {ProductCatalogPipeline.Lineage.Name} {ProductCatalogPipeline.Lineage.Version}, run {run.RunId}");
        return 0;
    }
}
