using System.Threading.Tasks;
using MlOps.Analyzers.Tests.Infrastructure;
using Verify = MlOps.Analyzers.Tests.Infrastructure.AnalyzerVerifier<MlOps.Analyzers.Rules.Reproducibility.UnseededMLContextAnalyzer>;
using MlOps.Analyzers.Rules.Reproducibility;

namespace MlOps.Analyzers.Tests.Rules.Reproducibility;

public class UnseededMLContextAnalyzerTests
{
    private const string Usings = $"""
        using System.Collections.Generic;
        using Microsoft.ML;
        using Microsoft.ML.Data;

        {TestSources.Row}
        {TestSources.Prediction}

        """;

    private const string ClockUsings = """
        using System;
        using System.Diagnostics;
        using System.Security.Cryptography;

        """;

    [Fact]
    public Task Unseeded_context_that_creates_a_trainer_is_reported() => Verify.VerifyAsync(Usings + """
        public static class Training
        {
            public static ITransformer Train(IDataView data)
            {
                var ml = {|#0:new MLContext()|};
                var pipeline = ml.Transforms.Concatenate("Features", "Feature")
                    .Append(ml.BinaryClassification.Trainers.SdcaLogisticRegression());
                return pipeline.Fit(data);
            }
        }
        """, Verify.Diagnostic(UnseededMLContextAnalyzer.Rule).WithLocation(0).WithArguments("creates the trainer 'SdcaLogisticRegression'", "has no seed"));

    [Fact]
    public Task Explicit_null_seed_is_reported() => Verify.VerifyAsync(Usings + """
        public static class Training
        {
            public static void Train(IDataView data)
            {
                var ml = {|#0:new MLContext(seed: null)|};
                ml.Regression.Trainers.FastTree().Fit(data);
            }
        }
        """, Verify.Diagnostic(UnseededMLContextAnalyzer.Rule).WithLocation(0).WithArguments("creates the trainer 'FastTree'", "has no seed"));

    [Fact]
    public Task Target_typed_new_in_a_field_used_by_another_method_is_reported() => Verify.VerifyAsync(Usings + """
        public class ChurnTrainer
        {
            private readonly MLContext _ml = {|#0:new()|};

            public IDataView Shuffle(IDataView data) => _ml.Data.ShuffleRows(data);
        }
        """, Verify.Diagnostic(UnseededMLContextAnalyzer.Rule).WithLocation(0).WithArguments("calls 'ShuffleRows'", "has no seed"));

    [Fact]
    public Task Context_assigned_in_constructor_and_cross_validated_is_reported() => Verify.VerifyAsync(Usings + """
        public class Experiment
        {
            private MLContext Context { get; }

            public Experiment() { Context = {|#0:new MLContext()|}; }

            public void Run(IDataView data)
            {
                var estimator = Context.BinaryClassification.Trainers.LbfgsLogisticRegression();
                Context.BinaryClassification.CrossValidate(data, estimator, numberOfFolds: 5);
            }
        }
        """, Verify.Diagnostic(UnseededMLContextAnalyzer.Rule).WithLocation(0).WithArguments("creates the trainer 'LbfgsLogisticRegression'", "has no seed"));

    [Fact]
    public Task Lazily_created_context_is_followed() => Verify.VerifyAsync(Usings + """
        public class Experiment
        {
            private MLContext? _ml;

            public ITransformer Train(IDataView data)
            {
                _ml ??= {|#0:new MLContext()|};
                return _ml.Regression.Trainers.FastForest().Fit(data);
            }
        }
        """, Verify.Diagnostic(UnseededMLContextAnalyzer.Rule).WithLocation(0).WithArguments("creates the trainer 'FastForest'", "has no seed"));

    [Fact]
    public Task Context_handed_out_by_a_lazy_property_is_followed() => Verify.VerifyAsync(Usings + """
        public class Experiment
        {
            private MLContext? _ml;

            private MLContext Ml => _ml ??= {|#0:new MLContext()|};

            public ITransformer Train(IDataView data) => Ml.Regression.Trainers.FastForest().Fit(data);
        }
        """, Verify.Diagnostic(UnseededMLContextAnalyzer.Rule).WithLocation(0).WithArguments("creates the trainer 'FastForest'", "has no seed"));

    [Fact]
    public Task Context_handed_out_by_a_property_over_a_field_is_followed() => Verify.VerifyAsync(Usings + """
        public class Experiment
        {
            private readonly MLContext _context;

            public Experiment() => _context = {|#0:new MLContext()|};

            public MLContext Context
            {
                get { return _context; }
            }

            public IDataView Shuffle(IDataView data) => Context.Data.ShuffleRows(data);
        }
        """, Verify.Diagnostic(UnseededMLContextAnalyzer.Rule).WithLocation(0).WithArguments("calls 'ShuffleRows'", "has no seed"));

    [Fact]
    public Task Context_returned_by_a_factory_method_of_the_type_is_followed() => Verify.VerifyAsync(Usings + """
        public class Experiment
        {
            private static MLContext CreateContext()
            {
                return {|#0:new MLContext()|};
            }

            private static MLContext SeededContext() => new MLContext(seed: 7);

            public ITransformer Train(IDataView data)
            {
                var ml = CreateContext();
                return ml.Regression.Trainers.FastTree().Fit(data);
            }

            public IDataView Shuffle(IDataView data) => SeededContext().Data.ShuffleRows(data);
        }
        """, Verify.Diagnostic(UnseededMLContextAnalyzer.Rule).WithLocation(0).WithArguments("creates the trainer 'FastTree'", "has no seed"));

    [Fact]
    public Task Factory_result_used_in_place_is_followed_and_an_inference_factory_is_not_reported() => Verify.VerifyAsync(Usings + """
        public class Experiment
        {
            private MLContext Create() => {|#0:new MLContext()|};

            private MLContext CreateForScoring() => new MLContext();

            public IDataView Shuffle(IDataView data) => Create().Data.ShuffleRows(data);

            public PredictionEngine<Row, Prediction> Engine(ITransformer model)
                => CreateForScoring().Model.CreatePredictionEngine<Row, Prediction>(model);
        }
        """, Verify.Diagnostic(UnseededMLContextAnalyzer.Rule).WithLocation(0).WithArguments("calls 'ShuffleRows'", "has no seed"));

    [Fact]
    public Task Lazily_created_context_used_in_place_is_followed() => Verify.VerifyAsync(Usings + """
        public class Experiment
        {
            private MLContext? _ml;

            public IDataView Shuffle(IDataView data) => (_ml ??= {|#0:new MLContext()|}).Data.ShuffleRows(data);
        }
        """, Verify.Diagnostic(UnseededMLContextAnalyzer.Rule).WithLocation(0).WithArguments("calls 'ShuffleRows'", "has no seed"));

    [Fact]
    public Task Context_stored_in_another_objects_property_is_followed_through_that_object() => Verify.VerifyAsync(Usings + """
        public sealed class Session
        {
            public MLContext Context { get; set; } = null!;
        }

        public static class Training
        {
            public static ITransformer Train(IDataView data)
            {
                var session = new Session();
                session.Context = {|#0:new MLContext()|};
                return session.Context.Regression.Trainers.FastTree().Fit(data);
            }
        }
        """, Verify.Diagnostic(UnseededMLContextAnalyzer.Rule).WithLocation(0).WithArguments("creates the trainer 'FastTree'", "has no seed"));

    [Fact]
    public Task Context_passed_to_a_helper_of_the_same_type_is_followed() => Verify.VerifyAsync(Usings + """
        public static class Program
        {
            public static void Main()
            {
                var ml = {|#0:new MLContext()|};
                var data = ml.Data.LoadFromEnumerable(new List<Row>());
                Sample(ml, data);
            }

            private static IDataView Sample(MLContext context, IDataView data) => context.Data.BootstrapSample(data);
        }
        """, Verify.Diagnostic(UnseededMLContextAnalyzer.Rule).WithLocation(0).WithArguments("calls 'BootstrapSample'", "has no seed"));

    [Fact]
    public Task Random_transform_on_a_directly_used_context_is_reported() => Verify.VerifyAsync(Usings + """
        public static class Features
        {
            public static IEstimator<ITransformer> Kernel() => {|#0:new MLContext()|}.Transforms.ApproximatedKernelMap("Features", rank: 100);
        }
        """, Verify.Diagnostic(UnseededMLContextAnalyzer.Rule).WithLocation(0).WithArguments("uses the random transform 'ApproximatedKernelMap'", "has no seed"));

    [Fact]
    public Task Top_level_statements_are_analyzed()
    {
        var test = new Verify.Test
        {
            TestCode = """
                using Microsoft.ML;

                var ml = {|#0:new MLContext()|};
                var data = ml.Data.LoadFromTextFile<Row>("train.csv", hasHeader: true, separatorChar: ',');
                var model = ml.BinaryClassification.Trainers.LightGbm().Fit(data);

                public class Row { public float Feature { get; set; } public bool Label { get; set; } }
                """,
        };
        test.TestState.OutputKind = Microsoft.CodeAnalysis.OutputKind.ConsoleApplication;
        test.ExpectedDiagnostics.Add(Verify.Diagnostic(UnseededMLContextAnalyzer.Rule).WithLocation(0).WithArguments("creates the trainer 'LightGbm'", "has no seed"));
        return test.RunAsync();
    }

    [Fact]
    public Task Context_handed_to_another_types_constructor_and_used_there_is_reported() => Verify.VerifyAsync(Usings + """
        public static class Program
        {
            public static void Main()
            {
                var ml = {|#0:new MLContext()|};
                var trainer = new ChurnTrainer(ml);
                trainer.Train(ml.Data.LoadFromEnumerable(new List<Row>()));
            }
        }

        public sealed class ChurnTrainer
        {
            private readonly MLContext _ml;
            public ChurnTrainer(MLContext ml) { _ml = ml; }
            public ITransformer Train(IDataView data) => _ml.BinaryClassification.Trainers.SdcaLogisticRegression().Fit(data);
        }
        """, Verify.Diagnostic(UnseededMLContextAnalyzer.HandedOffRule).WithLocation(0)
            .WithArguments("creates the trainer 'SdcaLogisticRegression'", "ChurnTrainer.ChurnTrainer(MLContext)", "has no seed"));

    [Fact]
    public Task Context_returned_by_a_factory_of_another_type_is_reported_where_it_is_created() => Verify.VerifyAsync(Usings + """
        public static class MlContextFactory
        {
            public static MLContext Create() => {|#0:new MLContext()|};

            public static MLContext CreateForScoring() => new MLContext();
        }

        public sealed class ChurnTrainer
        {
            public ITransformer Train(IDataView data)
            {
                var ml = MlContextFactory.Create();
                return ml.BinaryClassification.Trainers.SdcaLogisticRegression().Fit(data);
            }

            public PredictionEngine<Row, Prediction> Engine(ITransformer model)
                => MlContextFactory.CreateForScoring().Model.CreatePredictionEngine<Row, Prediction>(model);
        }
        """, Verify.Diagnostic(UnseededMLContextAnalyzer.ReturnedRule).WithLocation(0)
            .WithArguments("creates the trainer 'SdcaLogisticRegression'", "MlContextFactory.Create()", "has no seed"));

    [Fact]
    public Task Context_handed_on_through_two_types_is_followed() => Verify.VerifyAsync(Usings + """
        public static class Program
        {
            public static void Main() => Pipeline.Run({|#0:new MLContext()|});
        }

        public static class Pipeline
        {
            public static void Run(MLContext context) => Steps.Shuffle(context, context.Data.LoadFromEnumerable(new List<Row>()));
        }

        public static class Steps
        {
            public static IDataView Shuffle(MLContext ml, IDataView data) => ml.Data.ShuffleRows(data);
        }
        """, Verify.Diagnostic(UnseededMLContextAnalyzer.HandedOffRule).WithLocation(0)
            .WithArguments("calls 'ShuffleRows'", "Pipeline.Run(MLContext)", "has no seed"));

    [Fact]
    public Task Context_kept_in_a_static_field_of_another_type_is_reported_where_it_is_created() => Verify.VerifyAsync(Usings + """
        public static class Shared
        {
            public static readonly MLContext Ml = {|#0:new MLContext()|};
        }

        public sealed class ChurnTrainer
        {
            public ITransformer Train(IDataView data)
                => Shared.Ml.BinaryClassification.Trainers.SdcaLogisticRegression().Fit(data);
        }
        """, Verify.Diagnostic(UnseededMLContextAnalyzer.StoredRule).WithLocation(0)
            .WithArguments("creates the trainer 'SdcaLogisticRegression'", "Shared.Ml", "has no seed"));

    [Fact]
    public Task Context_kept_in_a_static_property_and_read_through_a_local_in_another_type_is_reported() => Verify.VerifyAsync(Usings + """
        public static class Contexts
        {
            public static MLContext Training { get; } = {|#0:new MLContext()|};
        }

        public sealed class Prep
        {
            public IDataView Shuffle(IDataView data)
            {
                var ml = Contexts.Training;
                return ml.Data.ShuffleRows(data);
            }
        }
        """, Verify.Diagnostic(UnseededMLContextAnalyzer.StoredRule).WithLocation(0)
            .WithArguments("calls 'ShuffleRows'", "Contexts.Training", "has no seed"));

    [Fact]
    public Task Context_stored_into_another_types_static_field_is_reported_where_it_is_created() => Verify.VerifyAsync(Usings + """
        public static class Shared
        {
            public static MLContext Ml;
        }

        public static class Program
        {
            public static void Main() => Shared.Ml = {|#0:new MLContext()|};
        }

        public sealed class Shuffler
        {
            public IDataView Shuffle(IDataView data) => Shared.Ml.Data.ShuffleRows(data);
        }
        """, Verify.Diagnostic(UnseededMLContextAnalyzer.StoredRule).WithLocation(0)
            .WithArguments("calls 'ShuffleRows'", "Shared.Ml", "has no seed"));

    [Fact]
    public Task Context_in_an_outer_types_private_field_used_by_a_nested_type_is_reported() => Verify.VerifyAsync(Usings + """
        public sealed class Experiment
        {
            private static readonly MLContext _ml = {|#0:new MLContext()|};

            private sealed class Step
            {
                public IDataView Run(IDataView data) => _ml.Data.ShuffleRows(data);
            }
        }
        """, Verify.Diagnostic(UnseededMLContextAnalyzer.StoredRule).WithLocation(0)
            .WithArguments("calls 'ShuffleRows'", "Experiment._ml", "has no seed"));

    [Fact]
    public Task Context_read_through_another_objects_property_is_reported_where_it_is_created() => Verify.VerifyAsync(Usings + """
        public sealed class TrainingEnvironment
        {
            public MLContext Context { get; } = {|#0:new MLContext()|};
        }

        public sealed class Prep
        {
            private readonly TrainingEnvironment _env = new TrainingEnvironment();

            public IDataView Shuffle(IDataView data) => _env.Context.Data.ShuffleRows(data);
        }
        """, Verify.Diagnostic(UnseededMLContextAnalyzer.StoredRule).WithLocation(0)
            .WithArguments("calls 'ShuffleRows'", "TrainingEnvironment.Context", "has no seed"));

    [Fact]
    public Task Context_copied_from_another_objects_property_into_a_local_is_reported() => Verify.VerifyAsync(Usings + """
        public sealed class TrainingEnvironment
        {
            public TrainingEnvironment() => Context = {|#0:new MLContext()|};

            public MLContext Context { get; }
        }

        public static class ChurnTrainer
        {
            public static ITransformer Train(TrainingEnvironment env, IDataView data)
            {
                var ml = env.Context;
                return ml.BinaryClassification.Trainers.SdcaLogisticRegression().Fit(data);
            }
        }
        """, Verify.Diagnostic(UnseededMLContextAnalyzer.StoredRule).WithLocation(0)
            .WithArguments("creates the trainer 'SdcaLogisticRegression'", "TrainingEnvironment.Context", "has no seed"));

    [Fact]
    public Task Context_set_on_another_objects_property_is_reported_where_it_is_created() => Verify.VerifyAsync(Usings + """
        public sealed class TrainingEnvironment
        {
            public MLContext Context { get; set; }
        }

        public static class Setup
        {
            public static TrainingEnvironment Create()
            {
                var env = new TrainingEnvironment();
                env.Context = {|#0:new MLContext()|};
                return env;
            }
        }

        public static class Prep
        {
            public static IDataView Shuffle(TrainingEnvironment env, IDataView data) => env.Context.Data.ShuffleRows(data);
        }
        """, Verify.Diagnostic(UnseededMLContextAnalyzer.StoredRule).WithLocation(0)
            .WithArguments("calls 'ShuffleRows'", "TrainingEnvironment.Context", "has no seed"));

    [Fact]
    public Task Context_in_a_base_class_field_used_by_a_derived_trainer_is_reported() => Verify.VerifyAsync(Usings + """
        public abstract class TrainerBase
        {
            protected readonly MLContext Ml = {|#0:new MLContext()|};

            public abstract ITransformer Train(IDataView data);
        }

        public sealed class ChurnTrainer : TrainerBase
        {
            public override ITransformer Train(IDataView data) => Ml.BinaryClassification.Trainers.SdcaLogisticRegression().Fit(data);
        }
        """, Verify.Diagnostic(UnseededMLContextAnalyzer.StoredRule).WithLocation(0)
            .WithArguments("creates the trainer 'SdcaLogisticRegression'", "TrainerBase.Ml", "has no seed"));

    [Fact]
    public Task Context_passed_to_a_primary_constructor_is_followed_into_its_members() => Verify.VerifyAsync(Usings + """
        public sealed class ChurnTrainer(MLContext ml)
        {
            public ITransformer Train(IDataView data) => ml.BinaryClassification.Trainers.SdcaLogisticRegression().Fit(data);
        }

        public static class Program
        {
            public static ITransformer Main(IDataView data) => new ChurnTrainer({|#0:new MLContext()|}).Train(data);
        }
        """, Verify.Diagnostic(UnseededMLContextAnalyzer.HandedOffRule).WithLocation(0)
            .WithArguments("creates the trainer 'SdcaLogisticRegression'", "ChurnTrainer.ChurnTrainer(MLContext)", "has no seed"));

    private const string DependencyInjection = """
        using Microsoft.Extensions.DependencyInjection;
        using Microsoft.Extensions.DependencyInjection.Extensions;

        """;

    [Fact]
    public Task Context_registered_for_dependency_injection_is_reported_where_it_is_created() => Verify.VerifyAsync(DependencyInjection + Usings + """
        public static class Startup
        {
            public static void Configure(IServiceCollection services)
            {
                services.AddSingleton({|#0:new MLContext()|});
                services.AddSingleton<RetrainingService>();
            }
        }

        public sealed class RetrainingService
        {
            private readonly MLContext _ml;

            public RetrainingService(MLContext ml) => _ml = ml;

            public ITransformer Retrain(IDataView data) => _ml.BinaryClassification.Trainers.SdcaLogisticRegression().Fit(data);
        }
        """, Verify.Diagnostic(UnseededMLContextAnalyzer.InjectedRule).WithLocation(0)
            .WithArguments("creates the trainer 'SdcaLogisticRegression'", "RetrainingService.RetrainingService(MLContext)", "has no seed"));

    [Fact]
    public Task Context_the_container_creates_with_its_default_seed_is_reported_at_the_registration() => Verify.VerifyAsync(DependencyInjection + Usings + """
        public static class Startup
        {
            public static IServiceCollection Configure(IServiceCollection services) => {|#0:services.AddSingleton<MLContext>()|};
        }

        public sealed class Prep(MLContext ml)
        {
            public IDataView Shuffle(IDataView data) => ml.Data.ShuffleRows(data);
        }
        """, Verify.Diagnostic(UnseededMLContextAnalyzer.InjectedRule).WithLocation(0)
            .WithArguments("calls 'ShuffleRows'", "Prep.Prep(MLContext)", "has no seed"));

    [Fact]
    public Task Context_made_by_a_registered_factory_is_reported_where_it_is_created() => Verify.VerifyAsync(DependencyInjection + Usings + """
        public static class Startup
        {
            public static void Configure(IServiceCollection services) => services.TryAddSingleton(_ => {|#0:new MLContext()|});
        }

        public sealed class RetrainingService(MLContext ml)
        {
            public ITransformer Retrain(IDataView data) => ml.Regression.Trainers.Sdca().Fit(data);
        }
        """, Verify.Diagnostic(UnseededMLContextAnalyzer.InjectedRule).WithLocation(0)
            .WithArguments("creates the trainer 'Sdca'", "RetrainingService.RetrainingService(MLContext)", "has no seed"));

    // ---- Not a finding ----

    [Fact]
    public Task Another_objects_context_property_used_only_for_scoring_or_seeded_is_not_reported() => Verify.VerifyAsync(Usings + """
        public sealed class ScoringEnvironment
        {
            public MLContext Context { get; } = new MLContext();
        }

        public sealed class TrainingEnvironment
        {
            public MLContext Context { get; } = new MLContext(seed: 42);
        }

        public sealed class Service
        {
            public bool Predict(ScoringEnvironment scoring, Row row)
            {
                var model = scoring.Context.Model.Load("model.zip", out _);
                return scoring.Context.Model.CreatePredictionEngine<Row, Prediction>(model).Predict(row).PredictedLabel;
            }

            public ITransformer Train(TrainingEnvironment training, IDataView data)
                => training.Context.BinaryClassification.Trainers.SdcaLogisticRegression().Fit(data);
        }
        """);

    [Theory]
    [InlineData("services.AddSingleton(new MLContext(seed: 1))")]
    [InlineData("services.AddSingleton(_ => new MLContext(seed: 1))")]
    [InlineData("services.AddSingleton(new MLContext(seed: 1)); services.TryAddSingleton<MLContext>()")]
    public Task Dependency_injection_of_a_seeded_context_is_not_reported(string registrations) => Verify.VerifyAsync(DependencyInjection + Usings + $$"""
        public static class Startup
        {
            public static void Configure(IServiceCollection services)
            {
                {{registrations}};
            }
        }

        public sealed class RetrainingService(MLContext ml)
        {
            public ITransformer Retrain(IDataView data) => ml.BinaryClassification.Trainers.SdcaLogisticRegression().Fit(data);
        }
        """);

    [Fact]
    public Task Dependency_injection_of_an_unseeded_context_used_only_for_scoring_is_not_reported() => Verify.VerifyAsync(DependencyInjection + Usings + """
        public static class Startup
        {
            public static void Configure(IServiceCollection services) => services.AddScoped(_ => new MLContext());
        }

        public sealed class Scorer(MLContext ml)
        {
            public bool Predict(Row row)
            {
                var model = ml.Model.Load("model.zip", out _);
                return ml.Model.CreatePredictionEngine<Row, Prediction>(model).Predict(row).PredictedLabel;
            }
        }
        """);

    [Fact]
    public Task Registered_unseeded_context_is_not_reported_for_a_constructor_the_code_calls_with_its_own_context() => Verify.VerifyAsync(DependencyInjection + Usings + """
        public static class Startup
        {
            public static void Configure(IServiceCollection services) => services.AddSingleton(new MLContext());

            public static ITransformer TrainNow(IDataView data) => new ChurnTrainer(new MLContext(seed: 7)).Train(data);
        }

        public sealed class ChurnTrainer(MLContext ml)
        {
            public ITransformer Train(IDataView data) => ml.BinaryClassification.Trainers.SdcaLogisticRegression().Fit(data);
        }
        """);

    [Fact]
    public Task Shared_static_context_read_only_for_scoring_is_not_reported() => Verify.VerifyAsync(Usings + """
        public static class Shared
        {
            public static readonly MLContext Ml = new MLContext();
            public static MLContext Scoring { get; } = new MLContext();
        }

        public sealed class Scorer
        {
            public bool Predict(Row row)
            {
                var model = Shared.Ml.Model.Load("model.zip", out _);
                var engine = Shared.Scoring.Model.CreatePredictionEngine<Row, Prediction>(model);
                return engine.Predict(row).PredictedLabel;
            }
        }
        """);

    [Fact]
    public Task Seeded_shared_static_context_used_for_training_in_another_type_is_not_reported() => Verify.VerifyAsync(Usings + """
        public static class Shared
        {
            public static readonly MLContext Ml = new MLContext(seed: 0);
        }

        public sealed class ChurnTrainer
        {
            public ITransformer Train(IDataView data)
                => Shared.Ml.BinaryClassification.Trainers.SdcaLogisticRegression().Fit(data);
        }
        """);


    [Theory]
    [InlineData("new MLContext(seed: 0)")]
    [InlineData("new MLContext(1)")]
    [InlineData("new MLContext(seed: Seed)")]
    [InlineData("new MLContext(seed: seedFromCaller)")]
    [InlineData("new MLContext(seed: localSeed)")]
    [InlineData("new MLContext(seed: SeedField)")]
    [InlineData("new MLContext(seed: NullableSeed)")]
    public Task Any_seed_that_is_not_the_null_constant_is_accepted(string creation) => Verify.VerifyAsync(Usings + $$"""
        public class Training
        {
            private const int Seed = 7;
            private static readonly int SeedField = 11;
            private static int? NullableSeed => 3;

            public ITransformer Train(IDataView data, int seedFromCaller)
            {
                int localSeed = seedFromCaller + 1;
                var ml = {{creation}};
                ml.Data.ShuffleRows(data);
                return ml.BinaryClassification.Trainers.SdcaLogisticRegression().Fit(data);
            }
        }
        """);

    [Theory]
    [InlineData("new MLContext(seed: configuredSeed ?? Environment.TickCount)")] // a fallback: the configured seed reproduces the run
    [InlineData("new MLContext(configuredSeed.GetValueOrDefault(Environment.TickCount))")]
    [InlineData("new MLContext(args.Length > 0 ? int.Parse(args[0]) : Environment.TickCount)")]
    [InlineData("new MLContext(int.Parse(Environment.GetEnvironmentVariable(\"SEED\") ?? \"1\"))")] // configuration, not a clock
    [InlineData("new MLContext(Seeds.ForRun(DateTime.UtcNow))")] // the team's own method decides
    [InlineData("new MLContext(seed: MutableClockSeed)")] // a field others can assign
    [InlineData("new MLContext(seed: ReplacedClockSeed)")] // the constructor replaces the initializer
    [InlineData("new MLContext(seed: new Random(7).Next())")] // a seeded generator's draw is reproducible
    [InlineData("new MLContext(seed: DateTime.MinValue.Millisecond)")]
    [InlineData("new MLContext(seed: reassigned)")]
    [InlineData("new MLContext(seed: SettableClockSeed)")] // a property others can set
    [InlineData("new MLContext(seed: ReplacedClockSeedProperty)")] // the constructor replaces the initializer
    [InlineData("new MLContext(seed: OverridableClockSeed)")] // a derived type decides
    [InlineData("new MLContext(seed: ConfiguredSeed)")] // a getter with a body: not followed
    public Task A_seed_that_may_be_a_real_seed_is_not_a_clock_seed(string creation) => Verify.VerifyAsync(ClockUsings + Usings + $$"""
        public static class Seeds
        {
            public static int ForRun(DateTime day) => 17;
        }

        public class Training
        {
            private static int MutableClockSeed = Environment.TickCount;
            private readonly int ReplacedClockSeed = Environment.TickCount;
            public static int SettableClockSeed { get; set; } = Environment.TickCount;
            private int ReplacedClockSeedProperty { get; } = Environment.TickCount;
            protected virtual int OverridableClockSeed => Environment.TickCount;
            private int ConfiguredSeed { get { return Environment.GetEnvironmentVariable("SEED") is { } seed ? int.Parse(seed) : Environment.TickCount; } }

            public Training(int seed)
            {
                ReplacedClockSeed = seed;
                ReplacedClockSeedProperty = seed;
            }

            public ITransformer Train(IDataView data, string[] args, int? configuredSeed)
            {
                var reassigned = Environment.TickCount;
                reassigned = 5;
                var ml = {{creation}};
                ml.Data.ShuffleRows(data);
                return ml.BinaryClassification.Trainers.SdcaLogisticRegression().Fit(data);
            }
        }
        """);

    [Fact]
    public Task A_clock_seeded_context_used_only_for_scoring_is_not_reported() => Verify.VerifyAsync(ClockUsings + Usings + """
        public class Scorer
        {
            private readonly MLContext _ml = new MLContext(seed: Environment.TickCount);

            public bool Predict(Row row)
            {
                var model = _ml.Model.Load("model.zip", out _);
                return _ml.Model.CreatePredictionEngine<Row, Prediction>(model).Predict(row).PredictedLabel;
            }
        }
        """);

    [Theory]
    [InlineData("new MLContext(seed: Environment.TickCount)", "Environment.TickCount", "milliseconds since the machine started")]
    [InlineData("new MLContext(DateTime.Now.Millisecond)", "DateTime.Now", "the wall clock")]
    [InlineData("new MLContext((int)DateTime.UtcNow.Ticks)", "DateTime.UtcNow", "the wall clock")]
    [InlineData("new MLContext(unchecked((int)DateTimeOffset.UtcNow.ToUnixTimeMilliseconds()))", "DateTimeOffset.UtcNow", "the wall clock")]
    [InlineData("new MLContext(seed: (int)Stopwatch.GetTimestamp())", "Stopwatch.GetTimestamp()", "the high-resolution performance counter")]
    [InlineData("new MLContext(Guid.NewGuid().GetHashCode())", "Guid.NewGuid()", "122 fresh random bits (a version 4 Guid)")]
    [InlineData("new MLContext(Random.Shared.Next())", "Random.Shared", "a process-wide generator seeded by the operating system")]
    [InlineData("new MLContext(new Random().Next())", "new Random()", "new Random() is seeded by the operating system")]
    [InlineData("new MLContext(RandomNumberGenerator.GetInt32(int.MaxValue))", "RandomNumberGenerator.GetInt32()", "the operating system's random generator")]
    [InlineData("new MLContext(Math.Abs(Environment.TickCount ^ 17))", "Environment.TickCount", "milliseconds since the machine started")]
    [InlineData("new MLContext(seed: clockSeed)", "Environment.TickCount", "milliseconds since the machine started")]
    [InlineData("new MLContext(seed: ClockSeed)", "DateTime.Now", "the wall clock")]
    [InlineData("new MLContext(seed: ClockSeedProperty)", "Environment.TickCount", "milliseconds since the machine started")]
    [InlineData("new MLContext(seed: ClockSeedGetter)", "Stopwatch.GetTimestamp()", "the high-resolution performance counter")]
    [InlineData("new MLContext(seed: StartupSeed)", "DateTime.UtcNow", "the wall clock")]
    public Task A_seed_drawn_from_the_clock_or_fresh_entropy_is_no_seed(string creation, string source, string why) => Verify.VerifyAsync(ClockUsings + Usings + $$"""
        public class Training
        {
            private static readonly int ClockSeed = DateTime.Now.Millisecond;
            private static int ClockSeedProperty => Environment.TickCount;
            private int ClockSeedGetter { get => (int)Stopwatch.GetTimestamp(); }
            private int StartupSeed { get; } = (int)DateTime.UtcNow.Ticks;

            public ITransformer Train(IDataView data)
            {
                var clockSeed = Environment.TickCount;
                var ml = {|#0:{{creation}}|};
                return ml.BinaryClassification.Trainers.SdcaLogisticRegression().Fit(data);
            }
        }
        """, Verify.Diagnostic(UnseededMLContextAnalyzer.Rule).WithLocation(0)
            .WithArguments("creates the trainer 'SdcaLogisticRegression'", $"is seeded from '{source}' ({why}), a different seed on every run"));

    [Fact]
    public Task A_clock_seeded_context_handed_to_another_type_is_reported_with_its_seed() => Verify.VerifyAsync(ClockUsings + Usings + """
        public static class Program
        {
            public static void Main() => new ChurnTrainer({|#0:new MLContext(seed: Environment.TickCount)|}).Train(null!);
        }

        public sealed class ChurnTrainer
        {
            private readonly MLContext _ml;
            public ChurnTrainer(MLContext ml) => _ml = ml;
            public ITransformer Train(IDataView data) => _ml.BinaryClassification.Trainers.SdcaLogisticRegression().Fit(data);
        }
        """, Verify.Diagnostic(UnseededMLContextAnalyzer.HandedOffRule).WithLocation(0).WithArguments(
            "creates the trainer 'SdcaLogisticRegression'", "ChurnTrainer.ChurnTrainer(MLContext)",
            "is seeded from 'Environment.TickCount' (milliseconds since the machine started), a different seed on every run"));

    [Fact]
    public Task Inference_only_context_is_not_reported() => Verify.VerifyAsync(Usings + """
        public class Scorer
        {
            private readonly MLContext _ml = new MLContext();

            public bool Predict(Row row)
            {
                var model = _ml.Model.Load("model.zip", out _);
                var engine = _ml.Model.CreatePredictionEngine<Row, Prediction>(model);
                return engine.Predict(row).PredictedLabel;
            }

            public IDataView Score(ITransformer model, string path)
                => model.Transform(_ml.Data.LoadFromTextFile<Row>(path, separatorChar: ','));
        }
        """);

    [Fact]
    public Task Deterministic_onnx_wrapper_fitted_on_an_empty_list_is_not_reported() => Verify.VerifyAsync(Usings + """
        public static class OnnxScoring
        {
            public static ITransformer Wrap(string onnxPath)
            {
                var ml = new MLContext();
                var empty = ml.Data.LoadFromEnumerable(new List<Row>());
                return ml.Transforms.ApplyOnnxModel(onnxPath).Fit(empty);
            }
        }
        """);

    [Fact]
    public Task Train_test_split_alone_is_reproducible_and_not_reported() => Verify.VerifyAsync(Usings + """
        public static class Split
        {
            public static DataOperationsCatalog.TrainTestData Run(IDataView data)
            {
                var ml = new MLContext();
                return ml.Data.TrainTestSplit(data, testFraction: 0.2);
            }
        }
        """);

    [Fact]
    public Task Context_received_as_a_parameter_is_the_callers_business() => Verify.VerifyAsync(Usings + """
        public static class Training
        {
            public static ITransformer Train(MLContext ml, IDataView data)
                => ml.BinaryClassification.Trainers.SdcaLogisticRegression().Fit(data);
        }
        """);

    [Fact]
    public Task Context_handed_to_another_type_that_only_scores_is_not_reported() => Verify.VerifyAsync(Usings + """
        public static class Program
        {
            public static void Main()
            {
                var ml = new MLContext();
                System.Console.WriteLine(ml);
                var scorer = new Scorer(ml, "model.zip");
                System.Console.WriteLine(scorer.Predict(new Row()));
            }
        }

        public sealed class Scorer(MLContext ml, string path)
        {
            private readonly ITransformer _model = ml.Model.Load(path, out _);
            public bool Predict(Row row) => ml.Model.CreatePredictionEngine<Row, Prediction>(_model).Predict(row).PredictedLabel;
        }
        """);

    [Fact]
    public Task Seeded_field_and_an_unrelated_unseeded_inference_context_are_told_apart() => Verify.VerifyAsync(Usings + """
        public class Service
        {
            private readonly MLContext _training = new MLContext(seed: 1);
            private readonly MLContext _scoring = new MLContext();

            public ITransformer Train(IDataView data) => _training.BinaryClassification.Trainers.SdcaLogisticRegression().Fit(data);
            public ITransformer Load(string path) => _scoring.Model.Load(path, out _);
        }
        """);

    [Fact]
    public Task A_context_returned_by_a_lambda_inside_a_getter_is_not_what_the_property_holds() => Verify.VerifyAsync(Usings + """
        public class Experiment
        {
            private readonly MLContext _seeded = new MLContext(seed: 1);

            // The getter returns the seeded context; the lambda's unseeded one is only scored with.
            public MLContext Context
            {
                get
                {
                    System.Func<MLContext> scoring = () => new MLContext();
                    scoring().Model.CreatePredictionEngine<Row, Prediction>(null!);
                    return _seeded;
                }
            }

            public IDataView Shuffle(IDataView data) => Context.Data.ShuffleRows(data);
        }
        """);

    [Fact]
    public Task Nested_types_report_once() => Verify.VerifyAsync(Usings + """
        public class Outer
        {
            public class Inner
            {
                public void Train(IDataView data) => {|#0:new MLContext()|}.Regression.Trainers.Sdca().Fit(data);
            }
        }
        """, Verify.Diagnostic(UnseededMLContextAnalyzer.Rule).WithLocation(0).WithArguments("creates the trainer 'Sdca'", "has no seed"));

    [Fact]
    public Task Non_ml_compilation_is_ignored() => Verify.VerifyAsync("""
        public class MLContext { }
        public static class C { public static object M() => new MLContext(); }
        """);

    [Theory]
    [InlineData("var ml = new MLContext(; ml.BinaryClassification.Trainers.")]
    [InlineData("var ml = new MLContext(seed: ); ml.Data.ShuffleRows(")]
    [InlineData("MLContext ml = new(); ml.Regression.Trainers.Sdca(labelColumnName: ).Fit(Undefined)")]
    [InlineData("var ml = new MLContext(seed: \"x\"); ml.Data.ShuffleRows(null!);")]
    [InlineData("var ml = new Undefined.MLContext(); ml.Auto().Create(")]
    public async Task Broken_code_does_not_throw(string body)
    {
        var compilation = AnalyzerRunner.Compile(Usings + "public static class Broken { public static void M() { " + body + " } }");
        var result = await AnalyzerRunner.RunAsync(compilation, [new UnseededMLContextAnalyzer()]);
        Assert.Empty(result.Exceptions);
    }
}
