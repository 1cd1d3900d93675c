using System.IO;
using Microsoft.Data.Analysis;
using Microsoft.ML;

namespace SalesForecastPrep;

/// <summary>Writes the engineered features for the forecasting notebook.</summary>
public static class FeatureExport
{
    public static void WriteFeatures(DataFrame joined, string path)
    {
        var ml = new MLContext(seed: 0);
        var pipeline = ml.Transforms.Text.FeaturizeText("DescriptionFeatures", "Description");
        var featurized = pipeline.Fit(joined).Transform(joined);

        var preview = ml.Data.TakeRows(featurized, 20).ToDataFrame();
        System.Console.WriteLine(preview);

        var features = featurized.ToDataFrame(); // expect: MLOPS032
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        DataFrame.SaveCsv(features, path);
    }

    public static DataFrame AllRows(IDataView view) => view.ToDataFrame(maxRows: -1);
}
