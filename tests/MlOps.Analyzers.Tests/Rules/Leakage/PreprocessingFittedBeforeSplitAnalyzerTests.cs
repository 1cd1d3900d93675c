using System.Threading.Tasks;
using Verify = MlOps.Analyzers.Tests.Infrastructure.AnalyzerVerifier<MlOps.Analyzers.Rules.Leakage.PreprocessingFittedBeforeSplitAnalyzer>;

namespace MlOps.Analyzers.Tests.Rules.Leakage;

public class PreprocessingFittedBeforeSplitAnalyzerTests
{
    private const string Usings = """
        using System;
        using Microsoft.ML;
        using Microsoft.ML.Data;
        using Microsoft.ML.Transforms;

        """;

    // Not a finding

    [Fact]
    public Task Preprocessing_fitted_on_the_training_part_is_not_reported() => Verify.VerifyAsync(Usings + """
        public static class Training
        {
            public static void Run(MLContext ml, IDataView data)
            {
                var split = ml.Data.TrainTestSplit(data, testFraction: 0.2);
                var scaler = ml.Transforms.NormalizeMinMax("Features").Fit(split.TrainSet);
                var train = scaler.Transform(split.TrainSet);
                var test = scaler.Transform(split.TestSet);
                var model = ml.BinaryClassification.Trainers.SdcaLogisticRegression().Fit(train);
                Console.WriteLine(ml.BinaryClassification.Evaluate(model.Transform(test)).Accuracy);
            }
        }
        """);

    [Fact]
    public Task Preprocessing_inside_the_trained_estimator_is_not_reported() => Verify.VerifyAsync(Usings + """
        public static class Training
        {
            public static void Run(MLContext ml, IDataView data)
            {
                var pipeline = ml.Transforms.NormalizeMeanVariance("Features")
                    .Append(ml.BinaryClassification.Trainers.SdcaLogisticRegression());
                var cv = ml.BinaryClassification.CrossValidate(data, pipeline, numberOfFolds: 5);
                var split = ml.Data.TrainTestSplit(data, testFraction: 0.2);
                var model = pipeline.Fit(data);
                Console.WriteLine(cv.Count);
            }
        }
        """);

    [Fact]
    public Task A_fit_on_all_rows_without_a_split_is_not_reported() => Verify.VerifyAsync(Usings + """
        public static class Production
        {
            public static ITransformer Refit(MLContext ml, IDataView data)
            {
                var scaler = ml.Transforms.NormalizeMinMax("Features").Fit(data);
                return scaler;
            }
        }
        """);

    [Fact]
    public Task A_production_refit_beside_a_correct_split_is_not_reported() => Verify.VerifyAsync(Usings + """
        public static class Training
        {
            public static ITransformer Run(MLContext ml, IDataView data)
            {
                var split = ml.Data.TrainTestSplit(data, testFraction: 0.2);
                var prep = ml.Transforms.NormalizeMinMax("Features");
                var scaler = prep.Fit(split.TrainSet);
                var model = ml.BinaryClassification.Trainers.SdcaLogisticRegression().Fit(scaler.Transform(split.TrainSet));
                Console.WriteLine(ml.BinaryClassification.Evaluate(model.Transform(scaler.Transform(split.TestSet))).Accuracy);
                var final = prep.Fit(data);
                return final;
            }
        }
        """);

    [Fact]
    public Task Transforms_that_learn_nothing_are_not_reported() => Verify.VerifyAsync(Usings + """
        public static class Training
        {
            public static void Run(MLContext ml, IDataView data)
            {
                var prep = ml.Transforms.Concatenate("Features", "A", "B")
                    .Append(ml.Transforms.NormalizeLpNorm("Features"))
                    .Append(ml.Transforms.ReplaceMissingValues("Features"))
                    .Append(ml.Transforms.Conversion.Hash("Id"))
                    .Append(ml.Transforms.Text.TokenizeIntoWords("Words", "Text"))
                    .Append(ml.Transforms.Conversion.MapValueToKey("Label"))
                    .Append(ml.Transforms.Conversion.MapValueToKey("Churned", "Churned"));
                var prepared = prep.Fit(data).Transform(data);
                var split = ml.Data.TrainTestSplit(prepared, testFraction: 0.2);
                var model = ml.BinaryClassification.Trainers.SdcaLogisticRegression(labelColumnName: "Churned").Fit(split.TrainSet);
                Console.WriteLine(ml.BinaryClassification.Evaluate(model.Transform(split.TestSet), labelColumnName: "Churned").Accuracy);
            }
        }
        """);

    [Fact]
    public Task Key_mapping_with_given_key_data_is_not_reported() => Verify.VerifyAsync(Usings + """
        public static class Training
        {
            public static void Run(MLContext ml, IDataView data, IDataView categories)
            {
                var keys = ml.Transforms.Conversion.MapValueToKey("Category", keyData: categories).Fit(data);
                var split = ml.Data.TrainTestSplit(keys.Transform(data), testFraction: 0.2);
                Console.WriteLine(split.TestSet.Schema.Count);
            }
        }
        """);

    [Fact]
    public Task Preprocessing_fitted_on_the_final_part_of_a_three_way_split_is_not_reported() => Verify.VerifyAsync(Usings + """
        public static class Training
        {
            public static void Run(MLContext ml, IDataView data)
            {
                var holdout = ml.Data.TrainTestSplit(data, testFraction: 0.2);
                var tuning = ml.Data.TrainTestSplit(holdout.TrainSet, testFraction: 0.25);
                var scaler = ml.Transforms.NormalizeMinMax("Features").Fit(tuning.TrainSet);
                Console.WriteLine(scaler.Transform(tuning.TestSet).Schema.Count + scaler.Transform(holdout.TestSet).Schema.Count);
            }
        }
        """);

    [Fact]
    public Task A_split_in_another_method_is_not_reported() => Verify.VerifyAsync(Usings + """
        public static class Training
        {
            public static IDataView Prepare(MLContext ml, IDataView data)
                => ml.Transforms.NormalizeMinMax("Features").Fit(data).Transform(data);

            public static void Split(MLContext ml, IDataView data)
            {
                var split = ml.Data.TrainTestSplit(data, testFraction: 0.2);
                Console.WriteLine(split.TestSet.Schema.Count);
            }
        }
        """);

    // Each transform the catalog lists as learning nothing from the rows (ML.NET 5.0.1), fitted on all rows before a split.
    [Theory]
    [InlineData("ml.Transforms.Categorical.OneHotEncoding(\"Region\", keyData: categories)")]
    [InlineData("ml.Transforms.Categorical.OneHotEncoding(new[] { new InputOutputColumnPair(\"Region\"), new InputOutputColumnPair(\"Plan\") }, keyData: categories)")]
    [InlineData("ml.Transforms.Categorical.OneHotHashEncoding(\"Region\")")]
    [InlineData("ml.Transforms.Conversion.MapValueToKey(new[] { new InputOutputColumnPair(\"Region\") }, keyData: categories)")]
    [InlineData("ml.Transforms.Conversion.MapValueToKey(new[] { new InputOutputColumnPair(\"Label\", \"Churned\") })")]
    [InlineData("ml.Transforms.Conversion.MapValueToKey(\"Target\")")]
    [InlineData("ml.Transforms.Text.ProduceHashedWordBags(\"Bag\", \"Review\")")]
    [InlineData("ml.Transforms.NormalizeGlobalContrast(\"Features\")")]
    [InlineData("ml.Transforms.ReplaceMissingValues(\"Features\", replacementMode: MissingValueReplacingEstimator.ReplacementMode.DefaultValue)")]
    [InlineData("ml.Transforms.ReplaceMissingValues(new[] { new InputOutputColumnPair(\"Features\") })")]
    [InlineData("ml.Transforms.IndicateMissingValues(\"Missing\", \"Features\")")]
    public Task Each_transform_that_learns_nothing_is_not_reported(string estimator) => Verify.VerifyAsync(Usings + $$"""
        using Microsoft.ML.Trainers;

        public static class Training
        {
            public static void Run(MLContext ml, IDataView data, IDataView categories)
            {
                var prepared = {{estimator}}.Fit(data).Transform(data);
                var split = ml.Data.TrainTestSplit(prepared, testFraction: 0.2);
                var options = new SdcaMaximumEntropyMulticlassTrainer.Options { LabelColumnName = "Target" };
                var model = ml.MulticlassClassification.Trainers.SdcaMaximumEntropy(options).Fit(split.TrainSet);
                Console.WriteLine(ml.MulticlassClassification.Evaluate(model.Transform(split.TestSet)).MicroAccuracy);
            }
        }
        """);

    [Fact]
    public Task A_trained_multiclass_pipeline_ending_in_key_to_value_is_not_reported() => Verify.VerifyAsync(Usings + """
        public static class Training
        {
            public static ITransformer Run(MLContext ml, IDataView data)
            {
                var split = ml.Data.TrainTestSplit(data, testFraction: 0.2, seed: 1);
                var features = ml.Transforms.Concatenate("Features", "A", "B").Append(ml.Transforms.NormalizeMinMax("Features"));
                var trainer = ml.MulticlassClassification.Trainers.LightGbm(numberOfIterations: 10);
                var pipeline = ml.Transforms.Conversion.MapValueToKey("Label")
                    .Append(features)
                    .Append(trainer)
                    .Append(ml.Transforms.Conversion.MapKeyToValue("PredictedLabel"));
                var model = pipeline.Fit(data);
                var refit = ml.Data.TrainTestSplit(model.Transform(data), testFraction: 0.2, seed: 1);
                Console.WriteLine(refit.TestSet.Schema.Count);
                return model;
            }
        }
        """);

    // Findings

    [Fact]
    public Task Normalizing_all_rows_then_splitting_is_reported() => Verify.VerifyAsync(Usings + """
        public static class Training
        {
            public static void Run(MLContext ml, IDataView data)
            {
                var scaler = ml.Transforms.NormalizeMinMax("Features").{|#0:Fit|}(data);
                var normalized = scaler.Transform(data);
                var split = ml.Data.TrainTestSplit(normalized, testFraction: 0.2);
                var model = ml.BinaryClassification.Trainers.SdcaLogisticRegression().Fit(split.TrainSet);
                Console.WriteLine(ml.BinaryClassification.Evaluate(model.Transform(split.TestSet)).Accuracy);
            }
        }
        """,
        Verify.Diagnostic("MLOPS031").WithLocation(0).WithArguments("NormalizeMinMax", "data", "TrainTestSplit"));

    [Fact]
    public Task Splitting_first_then_fitting_on_all_rows_is_reported() => Verify.VerifyAsync(Usings + """
        public static class Training
        {
            public static void Run(MLContext ml, IDataView data)
            {
                var split = ml.Data.TrainTestSplit(data, testFraction: 0.2);
                var text = ml.Transforms.Text.FeaturizeText("Features", "Review").{|MLOPS031:Fit|}(data);
                var model = ml.BinaryClassification.Trainers.SdcaLogisticRegression().Fit(text.Transform(split.TrainSet));
                Console.WriteLine(ml.BinaryClassification.Evaluate(model.Transform(text.Transform(split.TestSet))).Accuracy);
            }
        }
        """);

    [Fact]
    public Task Learning_transforms_in_a_chain_before_cross_validation_are_reported() => Verify.VerifyAsync(Usings + """
        public static class Training
        {
            public static void Run(MLContext ml, IDataView data)
            {
                var prep = ml.Transforms.Concatenate("Features", "A", "B")
                    .Append(ml.Transforms.ReplaceMissingValues("Features", replacementMode: MissingValueReplacingEstimator.ReplacementMode.Mean))
                    .Append(ml.Transforms.Conversion.MapValueToKey("Region"));
                var prepared = prep.{|MLOPS031:Fit|}(data).Transform(data);
                var results = ml.BinaryClassification.CrossValidate(prepared, ml.BinaryClassification.Trainers.SdcaLogisticRegression());
                Console.WriteLine(results.Count);
            }
        }
        """);

    // Each transform the catalog lists as learning statistics from the rows it is fitted on (ML.NET 5.0.1).
    [Theory]
    [InlineData("ml.Transforms.NormalizeMinMax(\"Features\")", "NormalizeMinMax")]
    [InlineData("ml.Transforms.NormalizeMeanVariance(\"Features\")", "NormalizeMeanVariance")]
    [InlineData("ml.Transforms.NormalizeLogMeanVariance(\"Features\")", "NormalizeLogMeanVariance")]
    [InlineData("ml.Transforms.NormalizeBinning(\"Features\")", "NormalizeBinning")]
    [InlineData("ml.Transforms.NormalizeSupervisedBinning(\"Features\")", "NormalizeSupervisedBinning")]
    [InlineData("ml.Transforms.NormalizeRobustScaling(\"Features\")", "NormalizeRobustScaling")]
    [InlineData("ml.Transforms.ReplaceMissingValues(\"Features\", replacementMode: MissingValueReplacingEstimator.ReplacementMode.Mean)", "ReplaceMissingValues")]
    [InlineData("ml.Transforms.ReplaceMissingValues(new[] { new InputOutputColumnPair(\"Features\") }, MissingValueReplacingEstimator.ReplacementMode.Mode)", "ReplaceMissingValues")]
    [InlineData("ml.Transforms.FeatureSelection.SelectFeaturesBasedOnCount(\"Features\", count: 2)", "SelectFeaturesBasedOnCount")]
    [InlineData("ml.Transforms.FeatureSelection.SelectFeaturesBasedOnMutualInformation(\"Features\")", "SelectFeaturesBasedOnMutualInformation")]
    [InlineData("ml.Transforms.Text.FeaturizeText(\"Words\", \"Review\")", "FeaturizeText")]
    [InlineData("ml.Transforms.Text.ProduceWordBags(\"Bag\", \"Review\")", "ProduceWordBags")]
    [InlineData("ml.Transforms.Text.TokenizeIntoWords(\"Tokens\", \"Review\").Append(ml.Transforms.Conversion.MapValueToKey(\"Tokens\")).Append(ml.Transforms.Text.ProduceNgrams(\"Tokens\"))", "MapValueToKey")]
    [InlineData("ml.Transforms.ProjectToPrincipalComponents(\"Pca\", \"Features\", rank: 2)", "ProjectToPrincipalComponents")]
    [InlineData("ml.Transforms.Categorical.OneHotEncoding(\"Region\")", "OneHotEncoding")]
    [InlineData("ml.Transforms.Categorical.OneHotEncoding(new[] { new InputOutputColumnPair(\"Region\"), new InputOutputColumnPair(\"Plan\") })", "OneHotEncoding")]
    [InlineData("ml.Transforms.Conversion.MapValueToKey(new[] { new InputOutputColumnPair(\"Label\"), new InputOutputColumnPair(\"Region\") })", "MapValueToKey")]
    public Task Each_transform_that_learns_from_the_rows_is_reported(string estimator, string transform) => Verify.VerifyAsync(Usings + $$"""
        public static class Training
        {
            public static void Run(MLContext ml, IDataView data)
            {
                var prepared = {{estimator}}.{|#0:Fit|}(data).Transform(data);
                var split = ml.Data.TrainTestSplit(prepared, testFraction: 0.2);
                Console.WriteLine(split.TestSet.Schema.Count);
            }
        }
        """,
        Verify.Diagnostic("MLOPS031").WithLocation(0).WithArguments(transform, "data", "TrainTestSplit"));

    [Fact]
    public Task Mean_imputation_alone_is_reported() => Verify.VerifyAsync(Usings + """
        public static class Training
        {
            public static void Run(MLContext ml, IDataView data)
            {
                var imputer = ml.Transforms.ReplaceMissingValues("Features", replacementMode: MissingValueReplacingEstimator.ReplacementMode.Mean).{|MLOPS031:Fit|}(data);
                var split = ml.Data.TrainTestSplit(data, testFraction: 0.2);
                var model = ml.BinaryClassification.Trainers.SdcaLogisticRegression().Fit(imputer.Transform(split.TrainSet));
                Console.WriteLine(ml.BinaryClassification.Evaluate(model.Transform(imputer.Transform(split.TestSet))).Accuracy);
            }
        }
        """);
}
