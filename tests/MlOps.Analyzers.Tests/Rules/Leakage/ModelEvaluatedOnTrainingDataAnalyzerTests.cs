using System.Threading.Tasks;
using Microsoft.CodeAnalysis.Testing;
using MlOps.Analyzers.Rules.Leakage;
using Verify = MlOps.Analyzers.Tests.Infrastructure.AnalyzerVerifier<MlOps.Analyzers.Rules.Leakage.ModelEvaluatedOnTrainingDataAnalyzer>;

namespace MlOps.Analyzers.Tests.Rules.Leakage;

public class ModelEvaluatedOnTrainingDataAnalyzerTests
{
    private const string Usings = """
        using System;
        using Microsoft.ML;
        using Microsoft.ML.Data;
        using Microsoft.ML.Trainers.FastTree;
        using Microsoft.ML.Trainers.LightGbm;

        public sealed class Row
        {
            [LoadColumn(0)] public float A { get; set; }
            [LoadColumn(1)] public float B { get; set; }
            [LoadColumn(2)] public bool Label { get; set; }
        }

        """;

    private const string Pipeline = """
        ml.Transforms.Concatenate("Features", "A", "B").Append(ml.BinaryClassification.Trainers.SdcaLogisticRegression())
        """;

    private static DiagnosticResult Leak(int location, string api, string scored, string fittedOn)
        => Verify.Diagnostic(ModelEvaluatedOnTrainingDataAnalyzer.Rule).WithLocation(location).WithArguments(api, scored, fittedOn);

    private static DiagnosticResult LeakAtCallSite(int location, string scored, string passed, string caller)
        => Verify.Diagnostic(ModelEvaluatedOnTrainingDataAnalyzer.CallSiteRule).WithLocation(location).WithArguments("Evaluate", scored, passed, caller);

    // Not a finding

    [Fact]
    public Task The_test_part_of_the_same_split_is_not_reported() => Verify.VerifyAsync(Usings + $$"""
        public static class Training
        {
            public static void Run(MLContext ml, IDataView data)
            {
                var split = ml.Data.TrainTestSplit(data, testFraction: 0.2);
                var model = {{Pipeline}}.Fit(split.TrainSet);
                var metrics = ml.BinaryClassification.Evaluate(model.Transform(split.TestSet));
                Console.WriteLine(metrics.Accuracy);
            }
        }
        """);

    [Fact]
    public Task A_three_way_split_is_not_reported() => Verify.VerifyAsync(Usings + $$"""
        public static class Training
        {
            public static void Run(MLContext ml, IDataView data)
            {
                var holdout = ml.Data.TrainTestSplit(data, testFraction: 0.2, seed: 1);
                var tuning = ml.Data.TrainTestSplit(holdout.TrainSet, testFraction: 0.25, seed: 1);
                var model = {{Pipeline}}.Fit(tuning.TrainSet);
                var validation = ml.BinaryClassification.Evaluate(model.Transform(tuning.TestSet));
                var test = ml.BinaryClassification.Evaluate(model.Transform(holdout.TestSet));
                Console.WriteLine($"{validation.Accuracy} {test.Accuracy}");
            }
        }
        """);

    [Fact]
    public Task Validation_data_that_cannot_change_the_model_is_not_reported() => Verify.VerifyAsync(Usings + """
        public static class Training
        {
            public static void Forest(MLContext ml, IDataView train, IDataView test)
            {
                var forest = ml.BinaryClassification.Trainers.FastForest().Fit(train, validationData: test);
                Console.WriteLine(ml.BinaryClassification.EvaluateNonCalibrated(forest.Transform(test)).Accuracy);
            }

            public static void LightGbmWithoutEarlyStopping(MLContext ml, IDataView train, IDataView test)
            {
                var trainer = ml.BinaryClassification.Trainers.LightGbm(new LightGbmBinaryTrainer.Options { NumberOfIterations = 50 });
                var model = trainer.Fit(train, test);
                Console.WriteLine(ml.BinaryClassification.Evaluate(model.Transform(test)).Accuracy);
            }

            public static void FastTreeWithoutPruning(MLContext ml, IDataView train, IDataView test)
            {
                var model = ml.BinaryClassification.Trainers.FastTree(numberOfTrees: 20).Fit(train, test);
                Console.WriteLine(ml.BinaryClassification.Evaluate(model.Transform(test)).Accuracy);
            }

            public static void GamWithoutPruning(MLContext ml, IDataView train, IDataView test)
            {
                var gam = ml.BinaryClassification.Trainers.Gam(new GamBinaryTrainer.Options { EnablePruning = false });
                var model = gam.Fit(train, test);
                Console.WriteLine(ml.BinaryClassification.Evaluate(model.Transform(test)).Accuracy);
            }
        }
        """);

    [Fact]
    public Task A_local_reassigned_to_a_fresh_test_file_is_not_reported() => Verify.VerifyAsync(Usings + $$"""
        public static class Training
        {
            public static void Run(MLContext ml)
            {
                var data = ml.Data.LoadFromTextFile<Row>("train.csv", separatorChar: ',');
                var model = {{Pipeline}}.Fit(data);
                data = ml.Data.LoadFromTextFile<Row>("test.csv", separatorChar: ',');
                var metrics = ml.BinaryClassification.Evaluate(model.Transform(data));
                Console.WriteLine(metrics.Accuracy);
            }
        }
        """);

    [Fact]
    public Task The_same_local_name_in_two_methods_is_not_reported() => Verify.VerifyAsync(Usings + $$"""
        public sealed class Training
        {
            private ITransformer? _model;

            public void Train(MLContext ml)
            {
                var data = ml.Data.LoadFromTextFile<Row>("train.csv", separatorChar: ',');
                _model = {{Pipeline}}.Fit(data);
            }

            public void Test(MLContext ml)
            {
                var data = ml.Data.LoadFromTextFile<Row>("test.csv", separatorChar: ',');
                Console.WriteLine(ml.BinaryClassification.Evaluate(_model!.Transform(data)).Accuracy);
            }
        }
        """);

    [Fact]
    public Task Cross_validation_then_refit_is_not_reported() => Verify.VerifyAsync(Usings + $$"""
        public static class Training
        {
            public static ITransformer Run(MLContext ml, IDataView data)
            {
                var pipeline = {{Pipeline}};
                var folds = ml.BinaryClassification.CrossValidate(data, pipeline, numberOfFolds: 5);
                foreach (var fold in folds)
                    Console.WriteLine(fold.Metrics.Accuracy);
                foreach (var part in ml.Data.CrossValidationSplit(data, numberOfFolds: 3))
                {
                    var foldModel = pipeline.Fit(part.TrainSet);
                    Console.WriteLine(ml.BinaryClassification.Evaluate(foldModel.Transform(part.TestSet)).Accuracy);
                }

                return pipeline.Fit(data);
            }
        }
        """);

    [Fact]
    public Task Training_metrics_beside_test_metrics_are_not_reported() => Verify.VerifyAsync(Usings + $$"""
        public static class Training
        {
            public static void Run(MLContext ml, IDataView data)
            {
                var split = ml.Data.TrainTestSplit(data, testFraction: 0.2);
                var model = {{Pipeline}}.Fit(split.TrainSet);
                var train = ml.BinaryClassification.Evaluate(model.Transform(split.TrainSet));
                var test = ml.BinaryClassification.Evaluate(model.Transform(split.TestSet));
                Console.WriteLine($"train {train.Accuracy} test {test.Accuracy}");
            }
        }
        """);

    [Fact]
    public Task A_loaded_model_is_not_reported() => Verify.VerifyAsync(Usings + """
        public static class Scoring
        {
            public static void Run(MLContext ml, IDataView data)
            {
                var model = ml.Model.Load("model.zip", out var schema);
                Console.WriteLine(ml.BinaryClassification.Evaluate(model.Transform(data)).Accuracy);
            }
        }
        """);

    [Fact]
    public Task Clustering_and_anomaly_evaluation_are_not_reported() => Verify.VerifyAsync(Usings + """
        public static class Training
        {
            public static void Run(MLContext ml, IDataView data)
            {
                var features = ml.Transforms.Concatenate("Features", "A", "B");
                var clusters = features.Append(ml.Clustering.Trainers.KMeans(numberOfClusters: 3)).Fit(data);
                Console.WriteLine(ml.Clustering.Evaluate(clusters.Transform(data)).AverageDistance);
                var anomalies = features.Append(ml.AnomalyDetection.Trainers.RandomizedPca()).Fit(data);
                Console.WriteLine(ml.AnomalyDetection.Evaluate(anomalies.Transform(data)).AreaUnderRocCurve);
            }
        }
        """);

    [Fact]
    public Task A_separately_loaded_test_set_and_disjoint_row_ranges_are_not_reported() => Verify.VerifyAsync(Usings + $$"""
        public static class Training
        {
            public static void Files(MLContext ml)
            {
                var train = ml.Data.LoadFromTextFile<Row>("train.csv", separatorChar: ',');
                var test = ml.Data.LoadFromTextFile<Row>("test.csv", separatorChar: ',');
                var model = {{Pipeline}}.Fit(train);
                Console.WriteLine(ml.BinaryClassification.Evaluate(model.Transform(test)).Accuracy);
            }

            public static void Ranges(MLContext ml, IDataView data)
            {
                var model = {{Pipeline}}.Fit(ml.Data.TakeRows(data, 800));
                Console.WriteLine(ml.BinaryClassification.Evaluate(model.Transform(ml.Data.SkipRows(data, 800))).Accuracy);
            }

            public static void SameCut(MLContext ml, IDataView data)
            {
                var first = ml.Data.TrainTestSplit(data, testFraction: 0.2, seed: 7);
                var again = ml.Data.TrainTestSplit(data, testFraction: 0.2, seed: 7);
                var model = {{Pipeline}}.Fit(first.TrainSet);
                Console.WriteLine(ml.BinaryClassification.Evaluate(model.Transform(again.TestSet)).Accuracy);
            }
        }
        """);

    [Fact]
    public Task A_view_that_is_either_part_on_different_paths_is_not_reported() => Verify.VerifyAsync(Usings + $$"""
        public static class Training
        {
            public static void Run(MLContext ml, IDataView data, bool quick)
            {
                var split = ml.Data.TrainTestSplit(data, testFraction: 0.2);
                var model = {{Pipeline}}.Fit(split.TrainSet);
                var scored = quick ? split.TrainSet : split.TestSet;
                Console.WriteLine(ml.BinaryClassification.Evaluate(model.Transform(scored)).Accuracy);
            }
        }
        """);

    [Fact]
    public Task A_local_a_lambda_reassigns_is_not_reported() => Verify.VerifyAsync(Usings + $$"""
        public static class Training
        {
            public static void Run(MLContext ml, IDataView data)
            {
                var split = ml.Data.TrainTestSplit(data, testFraction: 0.2);
                var model = {{Pipeline}}.Fit(split.TrainSet);
                var scored = split.TrainSet;
                Action holdOut = () => scored = split.TestSet;
                holdOut();
                Console.WriteLine(ml.BinaryClassification.Evaluate(model.Transform(scored)).Accuracy);
            }
        }
        """);

    [Fact]
    public Task A_helper_called_with_the_test_split_is_not_reported() => Verify.VerifyAsync(Usings + $$"""
        public static class Training
        {
            public static void Run(MLContext ml, IDataView data)
            {
                var split = ml.Data.TrainTestSplit(data, testFraction: 0.2);
                var model = {{Pipeline}}.Fit(split.TrainSet);
                Score(ml, model, split.TestSet);
            }

            private static void Score(MLContext ml, ITransformer model, IDataView data)
                => Console.WriteLine(ml.BinaryClassification.Evaluate(model.Transform(data)).Accuracy);
        }
        """);

    [Fact]
    public Task A_helper_without_visible_callers_is_not_reported() => Verify.VerifyAsync(Usings + """
        public static class Metrics
        {
            public static double Accuracy(MLContext ml, ITransformer model, IDataView data)
                => ml.BinaryClassification.Evaluate(model.Transform(data)).Accuracy;
        }
        """);

    [Fact]
    public Task A_local_reassigned_on_one_branch_before_the_evaluation_is_not_reported() => Verify.VerifyAsync(Usings + $$"""
        public static class Training
        {
            public static void Run(MLContext ml, bool holdOut)
            {
                var data = ml.Data.LoadFromTextFile<Row>("train.csv", separatorChar: ',');
                var model = {{Pipeline}}.Fit(data);
                if (holdOut)
                    data = ml.Data.LoadFromTextFile<Row>("test.csv", separatorChar: ',');
                Console.WriteLine(ml.BinaryClassification.Evaluate(model.Transform(data)).Accuracy);
            }
        }
        """);

    // Findings

    [Fact]
    public Task Evaluating_on_the_training_part_is_reported() => Verify.VerifyAsync(Usings + $$"""
        public static class Training
        {
            public static void Run(MLContext ml, IDataView data)
            {
                var split = ml.Data.TrainTestSplit(data, testFraction: 0.2);
                var model = {{Pipeline}}.Fit(split.TrainSet);
                var metrics = ml.BinaryClassification.{|#0:Evaluate|}(model.Transform(split.TrainSet));
                Console.WriteLine(metrics.Accuracy);
            }
        }
        """,
        Leak(0, "Evaluate", "split.TrainSet", "split.TrainSet"));

    [Fact]
    public Task Evaluating_on_the_rows_fitted_without_a_split_is_reported() => Verify.VerifyAsync(Usings + $$"""
        public static class Training
        {
            public static void Run(MLContext ml)
            {
                var data = ml.Data.LoadFromTextFile<Row>("customers.csv", separatorChar: ',');
                var model = {{Pipeline}}.Fit(data);
                var predictions = model.Transform(data);
                Console.WriteLine(ml.BinaryClassification.{|#0:EvaluateNonCalibrated|}(predictions).Accuracy);
            }
        }
        """,
        Leak(0, "EvaluateNonCalibrated", "data", "data"));

    [Fact]
    public Task A_local_reassigned_in_order_is_the_last_value_written_before_the_evaluation() => Verify.VerifyAsync(Usings + $$"""
        public static class Training
        {
            public static void Run(MLContext ml)
            {
                var data = ml.Data.LoadFromTextFile<Row>("train.csv", separatorChar: ',');
                data = ml.Data.ShuffleRows(data, seed: 1);
                var model = {{Pipeline}}.Fit(data);
                Console.WriteLine(ml.BinaryClassification.{|#0:Evaluate|}(model.Transform(data)).Accuracy);
                data = ml.Data.LoadFromTextFile<Row>("test.csv", separatorChar: ',');
                Console.WriteLine(data.Schema.Count);
            }
        }
        """,
        Leak(0, "Evaluate", "data", "data"));

    [Fact]
    public Task Evaluating_on_all_rows_after_fitting_on_a_part_is_reported() => Verify.VerifyAsync(Usings + $$"""
        public static class Training
        {
            public static void Run(MLContext ml, IDataView data)
            {
                var cached = ml.Data.Cache(ml.Data.ShuffleRows(data, seed: 1));
                var split = ml.Data.TrainTestSplit(cached, testFraction: 0.2);
                var model = {{Pipeline}}.Fit(split.TrainSet);
                Console.WriteLine(ml.BinaryClassification.{|#0:Evaluate|}(model.Transform(data)).Accuracy);
            }
        }
        """,
        Leak(0, "Evaluate", "data", "split.TrainSet"));

    [Fact]
    public Task A_test_part_of_another_split_is_reported() => Verify.VerifyAsync(Usings + $$"""
        public static class Training
        {
            public static void Run(MLContext ml, IDataView data)
            {
                var forTraining = ml.Data.TrainTestSplit(data, testFraction: 0.2, seed: 1);
                var forTesting = ml.Data.TrainTestSplit(data, testFraction: 0.2, seed: 2);
                var model = {{Pipeline}}.Fit(forTraining.TrainSet);
                Console.WriteLine(ml.BinaryClassification.{|#0:Evaluate|}(model.Transform(forTesting.TestSet)).Accuracy);
            }
        }
        """,
        Leak(0, "Evaluate", "forTesting.TestSet", "forTraining.TrainSet"));

    [Fact]
    public Task Test_data_used_for_early_stopping_or_pruning_is_reported() => Verify.VerifyAsync(Usings + """
        public static class Training
        {
            public static void LightGbm(MLContext ml, IDataView data)
            {
                var split = ml.Data.TrainTestSplit(data, testFraction: 0.2);
                var options = new LightGbmBinaryTrainer.Options { EarlyStoppingRound = 10 };
                var model = ml.BinaryClassification.Trainers.LightGbm(options).Fit(split.TrainSet, validationData: split.TestSet);
                Console.WriteLine(ml.BinaryClassification.{|#0:Evaluate|}(model.Transform(split.TestSet)).Accuracy);
            }

            public static void Gam(MLContext ml, IDataView data)
            {
                var split = ml.Data.TrainTestSplit(data, testFraction: 0.2);
                var model = ml.BinaryClassification.Trainers.Gam().Fit(split.TrainSet, split.TestSet);
                Console.WriteLine(ml.BinaryClassification.{|#1:Evaluate|}(model.Transform(split.TestSet)).Accuracy);
            }

            public static void FastTree(MLContext ml, IDataView data)
            {
                var split = ml.Data.TrainTestSplit(data, testFraction: 0.2);
                var trainer = ml.Regression.Trainers.FastTree(new FastTreeRegressionTrainer.Options { EnablePruning = true });
                var model = trainer.Fit(split.TrainSet, split.TestSet);
                Console.WriteLine(ml.Regression.{|#2:Evaluate|}(model.Transform(split.TestSet)).RSquared);
            }
        }
        """,
        Leak(0, "Evaluate", "split.TestSet", "split.TestSet"),
        Leak(1, "Evaluate", "split.TestSet", "split.TestSet"),
        Leak(2, "Evaluate", "split.TestSet", "split.TestSet"));

    [Fact]
    public Task A_helper_called_with_the_training_split_is_reported_with_the_call_site() => Verify.VerifyAsync(Usings + $$"""
        public static class Training
        {
            public static void Run(MLContext ml, IDataView data)
            {
                var split = ml.Data.TrainTestSplit(data, testFraction: 0.2);
                var model = {{Pipeline}}.Fit(split.TrainSet);
                Score(ml, model, split.TrainSet);
            }

            private static void Score(MLContext ml, ITransformer model, IDataView data)
                => Console.WriteLine(ml.BinaryClassification.{|#0:Evaluate|}(model.Transform(data)).Accuracy);
        }
        """,
        LeakAtCallSite(0, "data", "split.TrainSet", "'Training.Run' (Test0.cs line 19)"));

    [Fact]
    public Task A_helper_given_the_training_part_as_test_data_by_one_caller_is_reported() => Verify.VerifyAsync(Usings + $$"""
        public static class Training
        {
            public static void Correct(MLContext ml, IDataView data)
            {
                var split = ml.Data.TrainTestSplit(data, testFraction: 0.2);
                Report(ml, split.TrainSet, split.TestSet);
            }

            public static void Leaky(MLContext ml, IDataView data)
            {
                var split = ml.Data.TrainTestSplit(data, testFraction: 0.2);
                Report(ml, split.TrainSet, split.TrainSet);
            }

            private static void Report(MLContext ml, IDataView train, IDataView test)
            {
                var model = {{Pipeline}}.Fit(train);
                Console.WriteLine(ml.BinaryClassification.{|#0:Evaluate|}(model.Transform(test)).Accuracy);
            }
        }
        """,
        LeakAtCallSite(0, "test", "split.TrainSet", "'Training.Leaky' (Test0.cs line 24)"));

    [Fact]
    public Task A_helper_whose_callers_all_pass_held_out_rows_is_not_reported() => Verify.VerifyAsync(Usings + $$"""
        public static class Training
        {
            public static void Run(MLContext ml, IDataView data)
            {
                var split = ml.Data.TrainTestSplit(data, testFraction: 0.2);
                Report(ml, split.TrainSet, split.TestSet);
                Report(ml, ml.Data.TakeRows(data, 100), ml.Data.SkipRows(data, 100));
            }

            private static void Report(MLContext ml, IDataView train, IDataView test)
            {
                var model = {{Pipeline}}.Fit(train);
                Console.WriteLine(ml.BinaryClassification.Evaluate(model.Transform(test)).Accuracy);
            }
        }
        """);
}
