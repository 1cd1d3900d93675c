using System.Threading.Tasks;
using Verify = MlOps.Analyzers.Tests.Infrastructure.LineageAnalyzerVerifier<MlOps.Analyzers.Rules.Lineage.HyperparameterNotConstantAnalyzer>;
using MlOps.Analyzers.Rules.Lineage;

namespace MlOps.Analyzers.Tests.Rules.Lineage;

public class HyperparameterNotConstantAnalyzerTests
{
    private const string NotConstant = "its value is not a compile-time constant; use a 'const', or a 'static readonly' field or static get-only property initialized with a constant";
    private const string Mutable = "its value can change at run time; make it 'const' or 'static readonly' with a constant value";

    [Fact]
    public Task Run_time_values_are_reported() => Verify.VerifyAsync("""
        using System;
        using MlOps.Lineage;

        [TrainingPipeline("churn", Version = "1.0.0")]
        public partial class ChurnTraining
        {
            [Hyperparameter] public static readonly int {|#0:Threads|} = Environment.ProcessorCount;
            [Hyperparameter] public static int {|#1:Trees|} = 100;
            [Hyperparameter] public int {|#2:Leaves|} = 31;
            [Hyperparameter] public static double {|#3:Rate|} => 0.1;
            [Hyperparameter] public static string {|#4:Objective|} { get; set; } = "binary";
            [TrainingSeed] public static readonly int {|#5:Seed|} = DateTime.Now.Millisecond;
        }
        """,
        Verify.Diagnostic(HyperparameterNotConstantAnalyzer.Rule).WithLocation(0).WithArguments("hyper-parameter", "Threads", NotConstant),
        Verify.Diagnostic(HyperparameterNotConstantAnalyzer.Rule).WithLocation(1).WithArguments("hyper-parameter", "Trees", Mutable),
        Verify.Diagnostic(HyperparameterNotConstantAnalyzer.Rule).WithLocation(2).WithArguments("hyper-parameter", "Leaves", "it is an instance member; make it 'const' or 'static readonly' with a constant value"),
        Verify.Diagnostic(HyperparameterNotConstantAnalyzer.Rule).WithLocation(3).WithArguments("hyper-parameter", "Rate", NotConstant),
        Verify.Diagnostic(HyperparameterNotConstantAnalyzer.Rule).WithLocation(4).WithArguments("hyper-parameter", "Objective", Mutable),
        Verify.Diagnostic(HyperparameterNotConstantAnalyzer.Rule).WithLocation(5).WithArguments("training seed", "Seed", NotConstant));

    [Fact]
    public Task Unsupported_types_null_and_non_int_seeds_are_reported() => Verify.VerifyAsync("""
        using System;
        using MlOps.Lineage;

        [TrainingPipeline("churn", Version = "1.0.0")]
        public partial class ChurnTraining
        {
            [Hyperparameter] public static readonly int[] {|#0:Layers|} = { 64, 32 };
            [Hyperparameter] public static readonly TimeSpan {|#1:Budget|} = TimeSpan.FromMinutes(5);
            [Hyperparameter] public const string? {|#2:Missing|} = null;
            [TrainingSeed] public const long {|#3:Seed|} = 42;
        }
        """,
        Verify.Diagnostic(HyperparameterNotConstantAnalyzer.Rule).WithLocation(0).WithArguments("hyper-parameter", "Layers", "its type 'int[]' is not supported; use bool, char, an integral or floating-point type, decimal, string or an enum"),
        Verify.Diagnostic(HyperparameterNotConstantAnalyzer.Rule).WithLocation(1).WithArguments("hyper-parameter", "Budget", "its type 'System.TimeSpan' is not supported; use bool, char, an integral or floating-point type, decimal, string or an enum"),
        Verify.Diagnostic(HyperparameterNotConstantAnalyzer.Rule).WithLocation(2).WithArguments("hyper-parameter", "Missing", "its value is null"),
        Verify.Diagnostic(HyperparameterNotConstantAnalyzer.Rule).WithLocation(3).WithArguments("training seed", "Seed", "its type 'long' is not 'int' (ML.NET and TorchSharp take int seeds)"));

    [Fact]
    public Task A_static_readonly_initializer_in_another_partial_file_is_evaluated()
    {
        var test = new Verify.Test();
        test.TestState.Sources.Add(("/A.cs", """
            using MlOps.Lineage;

            [TrainingPipeline("churn", Version = "1.0.0")]
            public partial class ChurnTraining { }
            """));
        test.TestState.Sources.Add(("/B.cs", """
            using MlOps.Lineage;

            public partial class ChurnTraining
            {
                [Hyperparameter] public static readonly double Rate = 0.1;
                [Hyperparameter] public static readonly double {|#0:Jitter|} = System.Math.Sqrt(2);
            }
            """));
        test.ExpectedDiagnostics.Add(Verify.Diagnostic(HyperparameterNotConstantAnalyzer.Rule).WithLocation(0).WithArguments("hyper-parameter", "Jitter", NotConstant));
        return test.RunAsync();
    }

    // ---- Not a finding ----

    [Fact]
    public Task Constants_of_supported_types_are_not_reported() => Verify.VerifyAsync("""
        using MlOps.Lineage;

        public enum Booster { Gbtree, Dart }

        [TrainingPipeline("churn", Version = "1.0.0")]
        public partial class ChurnTraining
        {
            [TrainingSeed] public const int Seed = 0;
            [Hyperparameter] public const int Trees = 100;
            [Hyperparameter("learning_rate")] public static readonly double LearningRate = 0.2;
            [Hyperparameter] public static readonly float L2 = 1;      // converted constant
            [Hyperparameter] public static string Objective { get; } = "binary";
            [Hyperparameter] public const Booster Kind = Booster.Dart;
            [Hyperparameter] public const decimal Budget = 1.5m;
            [Hyperparameter] public const bool Balanced = true;
            [Hyperparameter] public const string Prefix = "run-" + "a";
        }
        """);

    [Fact]
    public Task A_static_readonly_seed_with_a_constant_value_is_not_reported() => Verify.VerifyAsync("""
        using MlOps.Lineage;

        [TrainingPipeline("churn", Version = "1.0.0")]
        public partial class ChurnTraining
        {
            [TrainingSeed] public static readonly int Seed = 2024;
            public static int Use() => Lineage.Seed;
        }
        """);

    [Fact]
    public Task Members_of_a_type_that_is_not_a_pipeline_are_not_reported() => Verify.VerifyAsync("""
        using MlOps.Lineage;

        public class Settings
        {
            [Hyperparameter] public int Trees = 100;
        }
        """);
}
