using System.Collections.Immutable;
using System.Runtime.CompilerServices;
using Microsoft.CodeAnalysis;
using MlOps.Analyzers.Facts.Symbols;

namespace MlOps.Analyzers.Facts.Leakage;

/// <summary>
/// The ML.NET and Microsoft.Data.Analysis types the leakage rules (MLOPS030-032) look for, resolved once per compilation,
/// on the first call that may concern them (an <c>Evaluate</c>, a <c>Fit</c>, a <c>ToDataFrame</c>): a compilation that
/// never evaluates, fits or converts a view resolves none of them.
/// </summary>
internal sealed class LeakageSymbols
{
    private static readonly ConditionalWeakTable<Compilation, LeakageSymbols> PerCompilation = new();

    private LeakageSymbols(MlSymbols symbols)
    {
        MlSymbols = symbols;
        DataView = symbols.DataView;
        Transformer = symbols.Transformer;
        Estimator = symbols.Estimator;
        DataOperationsCatalog = symbols.DataOperationsCatalog;
        TrainerEstimator = symbols.Get("Microsoft.ML.Trainers.ITrainerEstimator`2");
        PredictionTransformer = symbols.Get("Microsoft.ML.IPredictionTransformer`1");
        TrainTestData = DataOperationsCatalog is { } data && data.GetTypeMembers("TrainTestData") is { Length: 1 } nested ? nested[0] : null;
        ModelOperationsCatalog = symbols.ModelOperationsCatalog;

        // Supervised evaluation: binary, multiclass, regression and ranking. Clustering and anomaly detection judge
        // structure, not a label the model was fitted to, and are not leakage findings.
        SupervisedCatalogs = Resolve(symbols,
            "Microsoft.ML.BinaryClassificationCatalog",
            "Microsoft.ML.MulticlassClassificationCatalog",
            "Microsoft.ML.RegressionCatalog",
            "Microsoft.ML.RankingCatalog");

        // IDataView.ToDataFrame lives in Microsoft.Data.Analysis (namespace Microsoft.ML): asked of that assembly only.
        DataViewExtensions = symbols.DataFrame?.ContainingAssembly.GetTypeByMetadataName("Microsoft.ML.IDataViewExtensions");

        // The estimators that learn statistics from the rows they are fitted on (RULES.md "Leakage"; ML.NET 5.0.1:
        // NormalizerCatalog, FeatureSelectionCatalog, TextCatalog, PCACatalog). Normalizers that work row by row (LpNorm,
        // GlobalContrast), hashing and tokenizing are absent on purpose; key mapping and one-hot encoding learn their keys
        // only without keyData (KeyMappingEstimators).
        LearningEstimators = Resolve(symbols,
            "Microsoft.ML.Transforms.NormalizingEstimator",
            "Microsoft.ML.Transforms.CountFeatureSelectingEstimator",
            "Microsoft.ML.Transforms.MutualInformationFeatureSelectingEstimator",
            "Microsoft.ML.Transforms.Text.TextFeaturizingEstimator",
            "Microsoft.ML.Transforms.Text.NgramExtractingEstimator",
            "Microsoft.ML.Transforms.Text.WordBagEstimator",
            "Microsoft.ML.Transforms.Text.LatentDirichletAllocationEstimator",
            "Microsoft.ML.Transforms.PrincipalComponentAnalyzer");
        MissingValueReplacingEstimator = symbols.Get("Microsoft.ML.Transforms.MissingValueReplacingEstimator");
        KeyMappingEstimators = Resolve(symbols,
            "Microsoft.ML.Transforms.ValueToKeyMappingEstimator",
            "Microsoft.ML.Transforms.OneHotEncodingEstimator");

        // The trainers with a public Fit(trainData, validationData) whose validation data can change the model.
        LightGbmTrainerBase = symbols.LightGbmTrainerBase;
        BoostingTrainerBase = symbols.Get("Microsoft.ML.Trainers.FastTree.BoostingFastTreeTrainerBase`3");
        GamTrainerBase = symbols.Get("Microsoft.ML.Trainers.FastTree.GamTrainerBase`3");
    }

    public MlSymbols MlSymbols { get; }

    public INamedTypeSymbol? DataView { get; }
    public INamedTypeSymbol? Transformer { get; }
    public INamedTypeSymbol? Estimator { get; }
    public INamedTypeSymbol? TrainerEstimator { get; }
    public INamedTypeSymbol? PredictionTransformer { get; }
    public INamedTypeSymbol? DataOperationsCatalog { get; }
    public INamedTypeSymbol? TrainTestData { get; }
    public INamedTypeSymbol? ModelOperationsCatalog { get; }
    public ImmutableArray<INamedTypeSymbol> SupervisedCatalogs { get; }
    public INamedTypeSymbol? DataViewExtensions { get; }
    public ImmutableArray<INamedTypeSymbol> LearningEstimators { get; }
    public INamedTypeSymbol? MissingValueReplacingEstimator { get; }
    public ImmutableArray<INamedTypeSymbol> KeyMappingEstimators { get; }
    public INamedTypeSymbol? LightGbmTrainerBase { get; }
    public INamedTypeSymbol? BoostingTrainerBase { get; }
    public INamedTypeSymbol? GamTrainerBase { get; }

    public static LeakageSymbols For(MlSymbols symbols)
        => PerCompilation.GetValue(symbols.Compilation, _ => new LeakageSymbols(symbols));

    /// <summary>True for a method of one of the supervised evaluation catalogs (binary, multiclass, regression, ranking).</summary>
    public bool IsSupervisedCatalog(ITypeSymbol? type) => type is not null && Contains(SupervisedCatalogs, type);

    /// <summary>True for a method of <c>mlContext.Data</c>.</summary>
    public bool IsDataOperation(IMethodSymbol method) => MlSymbols.Is(method.ContainingType, DataOperationsCatalog);

    public static bool Contains(ImmutableArray<INamedTypeSymbol> types, ITypeSymbol type)
    {
        foreach (var candidate in types)
        {
            if (MlSymbols.Is(type, candidate))
                return true;
        }

        return false;
    }

    private static ImmutableArray<INamedTypeSymbol> Resolve(MlSymbols symbols, params string[] names)
    {
        var builder = ImmutableArray.CreateBuilder<INamedTypeSymbol>(names.Length);
        foreach (var name in names)
        {
            if (symbols.Get(name) is { } type)
                builder.Add(type);
        }

        return builder.ToImmutable();
    }
}
