namespace MlOps.Analyzers.Catalog;

/// <summary>Every rule id, as fixed in RULES.md. Tests, docs, presets and users' .editorconfig files agree on these.</summary>
internal static class RuleIds
{
    // Reproducibility
    public const string UnseededMLContext = "MLOPS001";
    public const string UnseededDataOperation = "MLOPS002";
    public const string TrainerRandomnessNotPinned = "MLOPS003";
    public const string UnseededDotNetRandomness = "MLOPS004";
    public const string DataFrameSampleUnseeded = "MLOPS005";
    public const string TorchSharpUnseeded = "MLOPS006";
    public const string DataLoaderShuffleUnseeded = "MLOPS007";

    // Data lineage
    public const string UntrackedDataLoad = "MLOPS010";
    public const string MutableDatasetDownload = "MLOPS011";

    // Model versioning
    public const string UnversionedModelSave = "MLOPS020";
    public const string ModelSavedWithoutLineage = "MLOPS021";
    public const string ModelLoadedFromUnversionedPath = "MLOPS022";

    // Leakage
    public const string ModelEvaluatedOnTrainingData = "MLOPS030";
    public const string PreprocessingFittedBeforeSplit = "MLOPS031";
    public const string ToDataFrameTruncates = "MLOPS032";

    // TorchSharp training hygiene
    public const string GradientsNotCleared = "MLOPS040";
    public const string GradModeSwitchNotScoped = "MLOPS041";
    public const string FunctionalDropoutIgnoresMode = "MLOPS042";
    public const string TrainingLoopWithoutDisposeScope = "MLOPS043";
    public const string ModelEvaluatedInTrainingMode = "MLOPS044";

    // Lineage attributes
    public const string PipelineTypeNotPartial = "MLOPS100";
    public const string DuplicateLineageName = "MLOPS101";
    public const string HyperparameterNotConstant = "MLOPS102";
    public const string InvalidVersionOrTemplate = "MLOPS103";
    public const string DeclaredDatasetNeverLoaded = "MLOPS104";

    // Lineage lock
    public const string PipelineChangedWithoutVersionBump = "MLOPS105";
}
