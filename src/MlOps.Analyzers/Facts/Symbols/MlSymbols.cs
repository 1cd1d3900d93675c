using System.Collections.Generic;
using System.Linq;
using System.Runtime.CompilerServices;
using Microsoft.CodeAnalysis;

namespace MlOps.Analyzers.Facts.Symbols;

/// <summary>
/// The well-known types the rules look for, resolved once per compilation (each on first use). <see cref="TryCreate"/> returns
/// <see langword="null"/> when the compilation references none of ML.NET, TorchSharp or Microsoft.Data.Analysis,
/// so analyzers register nothing and non-ML projects pay close to nothing.
/// </summary>
internal sealed class MlSymbols
{
    private readonly TypeLookup _types;

    private MlSymbols(Compilation compilation)
    {
        Compilation = compilation;
        Owners = ApiOwnership.For(compilation);
        _types = TypeLookup.For(compilation);

        // The three library anchors (TryCreate returns null without one of them); every other type is resolved when a
        // rule first needs it (LazyType).
        MLContext = Get("Microsoft.ML.MLContext");
        Torch = Get("TorchSharp.torch");
        DataFrame = Get("Microsoft.Data.Analysis.DataFrame");
        DateTime = compilation.GetSpecialType(SpecialType.System_DateTime);
        _lineage = new(() => LineageSymbols.TryCreate(compilation), System.Threading.LazyThreadSafetyMode.PublicationOnly);
    }

    public Compilation Compilation { get; }

    // ML.NET
    public INamedTypeSymbol? MLContext { get; }
    public INamedTypeSymbol? DataView => _dataView.Get(this);
    private readonly LazyType _dataView = new("Microsoft.ML.IDataView");
    public INamedTypeSymbol? DataOperationsCatalog => _dataOperationsCatalog.Get(this);
    private readonly LazyType _dataOperationsCatalog = new("Microsoft.ML.DataOperationsCatalog");
    public INamedTypeSymbol? TrainCatalogBase => _trainCatalogBase.Get(this);
    private readonly LazyType _trainCatalogBase = new("Microsoft.ML.TrainCatalogBase");
    public INamedTypeSymbol? TrainerCatalogInstantiator => _trainerCatalogInstantiator.Get(this);
    private readonly LazyType _trainerCatalogInstantiator = new("Microsoft.ML.TrainCatalogBase+CatalogInstantiatorBase");
    public INamedTypeSymbol? TransformsCatalog => _transformsCatalog.Get(this);
    private readonly LazyType _transformsCatalog = new("Microsoft.ML.TransformsCatalog");
    public INamedTypeSymbol? ModelOperationsCatalog => _modelOperationsCatalog.Get(this);
    private readonly LazyType _modelOperationsCatalog = new("Microsoft.ML.ModelOperationsCatalog");
    public INamedTypeSymbol? Estimator => _estimator.Get(this);
    private readonly LazyType _estimator = new("Microsoft.ML.IEstimator`1");
    public INamedTypeSymbol? Transformer => _transformer.Get(this);
    private readonly LazyType _transformer = new("Microsoft.ML.ITransformer");

    // Trainers whose randomness has its own options (MLOPS003).
    public INamedTypeSymbol? LightGbmTrainerBase => _lightGbmTrainerBase.Get(this);
    private readonly LazyType _lightGbmTrainerBase = new("Microsoft.ML.Trainers.LightGbm.LightGbmTrainerBase`4");
    public INamedTypeSymbol? SdcaTrainerBase => _sdcaTrainerBase.Get(this);
    private readonly LazyType _sdcaTrainerBase = new("Microsoft.ML.Trainers.SdcaTrainerBase`3");
    public INamedTypeSymbol? SgdBinaryTrainerBase => _sgdBinaryTrainerBase.Get(this);
    private readonly LazyType _sgdBinaryTrainerBase = new("Microsoft.ML.Trainers.SgdBinaryTrainerBase`1");
    public INamedTypeSymbol? AveragedPerceptronTrainer => _averagedPerceptronTrainer.Get(this);
    private readonly LazyType _averagedPerceptronTrainer = new("Microsoft.ML.Trainers.AveragedPerceptronTrainer");
    public INamedTypeSymbol? FieldAwareFactorizationMachineTrainer => _fieldAwareFactorizationMachineTrainer.Get(this);
    private readonly LazyType _fieldAwareFactorizationMachineTrainer = new("Microsoft.ML.Trainers.FieldAwareFactorizationMachineTrainer");

    // Microsoft.ML.AutoML (optional package): running an experiment trains models.
    public INamedTypeSymbol? AutoMLExperiment => _autoMLExperiment.Get(this);
    private readonly LazyType _autoMLExperiment = new("Microsoft.ML.AutoML.AutoMLExperiment");
    public INamedTypeSymbol? AutoMLExperimentBase => _autoMLExperimentBase.Get(this);
    private readonly LazyType _autoMLExperimentBase = new("Microsoft.ML.AutoML.ExperimentBase`2");

    // Microsoft.Data.Analysis and TorchSharp
    public INamedTypeSymbol? DataFrame { get; }
    public INamedTypeSymbol? Torch { get; }
    public INamedTypeSymbol? TorchTensor => _torchTensor.Get(this);
    private readonly LazyType _torchTensor = new("TorchSharp.torch+Tensor");
    public INamedTypeSymbol? TorchModule => _torchModule.Get(this);
    private readonly LazyType _torchModule = new("TorchSharp.torch+nn+Module");
    public INamedTypeSymbol? TorchOptimizer => _torchOptimizer.Get(this);
    private readonly LazyType _torchOptimizer = new("TorchSharp.torch+optim+Optimizer");
    public INamedTypeSymbol? TorchDataset => _torchDataset.Get(this);
    private readonly LazyType _torchDataset = new("TorchSharp.torch+utils+data+Dataset`1");
    public INamedTypeSymbol? TorchDataLoader => _torchDataLoader.Get(this);
    private readonly LazyType _torchDataLoader = new("TorchSharp.Modules.DataLoader`2");
    public INamedTypeSymbol? TorchUtilsData => _torchUtilsData.Get(this);
    private readonly LazyType _torchUtilsData = new("TorchSharp.torch+utils+data");
    public INamedTypeSymbol? TorchRandom => _torchRandom.Get(this);
    private readonly LazyType _torchRandom = new("TorchSharp.torch+random");

    // .NET randomness and ordering
    public INamedTypeSymbol? Random => _random.Get(this);
    private readonly LazyType _random = new("System.Random");
    public INamedTypeSymbol? RandomNumberGenerator => _randomNumberGenerator.Get(this);
    private readonly LazyType _randomNumberGenerator = new("System.Security.Cryptography.RandomNumberGenerator");
    public INamedTypeSymbol? Guid => _guid.Get(this);
    private readonly LazyType _guid = new("System.Guid");
    public INamedTypeSymbol? Enumerable => _enumerable.Get(this);
    private readonly LazyType _enumerable = new("System.Linq.Enumerable");
    public INamedTypeSymbol? Queryable => _queryable.Get(this);
    private readonly LazyType _queryable = new("System.Linq.Queryable");

    /// <summary>Attributes that mark a test method or test class (xUnit, NUnit, MSTest); derived attributes count too.</summary>
    public System.Collections.Immutable.ImmutableArray<INamedTypeSymbol> TestAttributes
    {
        get
        {
            // Resolved on first use; a race resolves them twice, to the same symbols.
            if (_testAttributes.IsDefault)
            {
                // Test frameworks: a test fixture that makes fake rows is not training code (RULES.md, "Training code").
                _testAttributes = GetAll(
                    "Xunit.FactAttribute",
                    "NUnit.Framework.TestAttribute",
                    "NUnit.Framework.TestCaseAttribute",
                    "NUnit.Framework.TestFixtureAttribute",
                    "Microsoft.VisualStudio.TestTools.UnitTesting.TestMethodAttribute",
                    "Microsoft.VisualStudio.TestTools.UnitTesting.TestClassAttribute");
            }

            return _testAttributes;
        }
    }

    private System.Collections.Immutable.ImmutableArray<INamedTypeSymbol> _testAttributes;

    /// <summary>The lineage attribute and declaration types, or null when <c>MlOps.Lineage</c> is not referenced.</summary>
    /// <remarks>Resolved by LineageSymbols, the one owner of those types (the generator and MLOPS100-104 use it alone, without ML symbols).</remarks>
    public LineageSymbols? Lineage => _lineage.Value;

    // Kept here once resolved: the attribute properties below read it in operation callbacks.
    private readonly System.Lazy<LineageSymbols?> _lineage;
    public INamedTypeSymbol? TrainingPipelineAttribute => Lineage?.TrainingPipelineAttribute;
    public INamedTypeSymbol? DatasetInputAttribute => Lineage?.DatasetInputAttribute;
    public INamedTypeSymbol? ModelOutputAttribute => Lineage?.ModelOutputAttribute;
    public INamedTypeSymbol? HyperparameterAttribute => Lineage?.HyperparameterAttribute;
    public INamedTypeSymbol? TrainingSeedAttribute => Lineage?.TrainingSeedAttribute;

    // Data lineage and model versioning (MLOPS010, MLOPS011, MLOPS020, MLOPS021): load and save APIs, the .NET types the
    // path reasoning (PathReasoning) folds or recognises, and the lineage contract types.
    public INamedTypeSymbol? TextLoaderSaverCatalog => _textLoaderSaverCatalog.Get(this);
    private readonly LazyType _textLoaderSaverCatalog = new("Microsoft.ML.TextLoaderSaverCatalog");
    public INamedTypeSymbol? BinaryLoaderSaverCatalog => _binaryLoaderSaverCatalog.Get(this);
    private readonly LazyType _binaryLoaderSaverCatalog = new("Microsoft.ML.BinaryLoaderSaverCatalog");
    public INamedTypeSymbol? SvmLightLoaderSaverCatalog => _svmLightLoaderSaverCatalog.Get(this);
    private readonly LazyType _svmLightLoaderSaverCatalog = new("Microsoft.ML.Data.SvmLightLoaderSaverCatalog");
    public INamedTypeSymbol? DataLoaderExtensions => _dataLoaderExtensions.Get(this);
    private readonly LazyType _dataLoaderExtensions = new("Microsoft.ML.DataLoaderExtensions");
    public INamedTypeSymbol? MultiFileSource => _multiFileSource.Get(this);
    private readonly LazyType _multiFileSource = new("Microsoft.ML.Data.MultiFileSource");
    public INamedTypeSymbol? DatabaseLoader => _databaseLoader.Get(this);
    private readonly LazyType _databaseLoader = new("Microsoft.ML.Data.DatabaseLoader");
    public INamedTypeSymbol? ImageEstimatorsCatalog => _imageEstimatorsCatalog.Get(this);
    private readonly LazyType _imageEstimatorsCatalog = new("Microsoft.ML.ImageEstimatorsCatalog");
    public INamedTypeSymbol? OnnxInferenceSession => _onnxInferenceSession.Get(this);
    private readonly LazyType _onnxInferenceSession = new("Microsoft.ML.OnnxRuntime.InferenceSession");
    public INamedTypeSymbol? TorchJit => _torchJit.Get(this);
    private readonly LazyType _torchJit = new("TorchSharp.torch+jit");
    public INamedTypeSymbol? TorchVisionDatasets => _torchVisionDatasets.Get(this);
    private readonly LazyType _torchVisionDatasets = new("TorchSharp.torchvision+datasets");
    public INamedTypeSymbol? TorchVisionIO => _torchVisionIO.Get(this);
    private readonly LazyType _torchVisionIO = new("TorchSharp.torchvision+io");
    public INamedTypeSymbol? SystemPath => _systemPath.Get(this);
    private readonly LazyType _systemPath = new("System.IO.Path");
    public INamedTypeSymbol? File => _file.Get(this);
    private readonly LazyType _file = new("System.IO.File");
    public INamedTypeSymbol? Directory => _directory.Get(this);
    private readonly LazyType _directory = new("System.IO.Directory");
    public INamedTypeSymbol? FileSystemInfo => _fileSystemInfo.Get(this);
    private readonly LazyType _fileSystemInfo = new("System.IO.FileSystemInfo");
    public INamedTypeSymbol? DirectoryInfo => _directoryInfo.Get(this);
    private readonly LazyType _directoryInfo = new("System.IO.DirectoryInfo");
    public INamedTypeSymbol? FileInfo => _fileInfo.Get(this);
    private readonly LazyType _fileInfo = new("System.IO.FileInfo");

    /// <summary>The archive and decompression types of .NET (<c>System.IO.Compression</c>, <c>System.Formats.Tar</c>).</summary>
    public IReadOnlyList<INamedTypeSymbol> ArchiveReaders => _archiveReaders ??= GetAll(
        "System.IO.Compression.ZipArchive", "System.IO.Compression.GZipStream", "System.IO.Compression.DeflateStream",
        "System.IO.Compression.BrotliStream", "System.IO.Compression.ZLibStream", "System.Formats.Tar.TarReader").ToArray();
    private INamedTypeSymbol[]? _archiveReaders;

    /// <summary>The static and extension types whose <c>ExtractToDirectory</c> / <c>ExtractToFile</c> unpack an archive to disk.</summary>
    public IReadOnlyList<INamedTypeSymbol> ArchiveExtractors => _archiveExtractors ??= GetAll(
        "System.IO.Compression.ZipFile", "System.IO.Compression.ZipFileExtensions", "System.Formats.Tar.TarFile").ToArray();
    private INamedTypeSymbol[]? _archiveExtractors;
    public INamedTypeSymbol? Assembly => _assembly.Get(this);
    private readonly LazyType _assembly = new("System.Reflection.Assembly");
    public INamedTypeSymbol? Stream => _stream.Get(this);
    private readonly LazyType _stream = new("System.IO.Stream");
    public INamedTypeSymbol? FileStream => _fileStream.Get(this);
    private readonly LazyType _fileStream = new("System.IO.FileStream");
    public INamedTypeSymbol? BinaryWriter => _binaryWriter.Get(this);
    private readonly LazyType _binaryWriter = new("System.IO.BinaryWriter");
    public INamedTypeSymbol? DateTime { get; }
    public INamedTypeSymbol? DateTimeOffset => _dateTimeOffset.Get(this);
    private readonly LazyType _dateTimeOffset = new("System.DateTimeOffset");
    public INamedTypeSymbol? HashAlgorithm => _hashAlgorithm.Get(this);
    private readonly LazyType _hashAlgorithm = new("System.Security.Cryptography.HashAlgorithm");
    public INamedTypeSymbol? IncrementalHash => _incrementalHash.Get(this);
    private readonly LazyType _incrementalHash = new("System.Security.Cryptography.IncrementalHash");
    public INamedTypeSymbol? Environment => _environment.Get(this);
    private readonly LazyType _environment = new("System.Environment");
    public INamedTypeSymbol? AppContext => _appContext.Get(this);
    private readonly LazyType _appContext = new("System.AppContext");
    public INamedTypeSymbol? AppDomain => _appDomain.Get(this);
    private readonly LazyType _appDomain = new("System.AppDomain");
    public INamedTypeSymbol? Uri => _uri.Get(this);
    private readonly LazyType _uri = new("System.Uri");
    public INamedTypeSymbol? HttpClient => _httpClient.Get(this);
    private readonly LazyType _httpClient = new("System.Net.Http.HttpClient");
    public INamedTypeSymbol? WebClient => _webClient.Get(this);
    private readonly LazyType _webClient = new("System.Net.WebClient");
    public INamedTypeSymbol? DbDataReader => _dbDataReader.Get(this);
    private readonly LazyType _dbDataReader = new("System.Data.Common.DbDataReader");
    public INamedTypeSymbol? DbDataAdapter => _dbDataAdapter.Get(this);
    private readonly LazyType _dbDataAdapter = new("System.Data.Common.DbDataAdapter");
    public INamedTypeSymbol? DatasetDeclaration => Lineage?.DatasetDeclaration;
    public INamedTypeSymbol? ModelOutputDeclaration => _modelOutputDeclaration.Get(this);
    private readonly LazyType _modelOutputDeclaration = new("MlOps.Lineage.ModelOutputDeclaration");
    public INamedTypeSymbol? LineageRecord => _lineageRecord.Get(this);
    private readonly LazyType _lineageRecord = new("MlOps.Lineage.LineageRecord");
    public INamedTypeSymbol? ModelArtifact => _modelArtifact.Get(this);
    private readonly LazyType _modelArtifact = new("MlOps.Lineage.ModelArtifact");
    public INamedTypeSymbol? DatasetHasher => _datasetHasher.Get(this);
    private readonly LazyType _datasetHasher = new("MlOps.Lineage.DatasetHasher");
    public INamedTypeSymbol? DatasetFingerprint => _datasetFingerprint.Get(this);
    private readonly LazyType _datasetFingerprint = new("MlOps.Lineage.DatasetFingerprint");

    public bool HasMlNet => MLContext is not null;
    public bool HasTorchSharp => Torch is not null;
    public bool HasDataFrame => DataFrame is not null;

    /// <summary>
    /// The symbols of <paramref name="compilation"/>, or <see langword="null"/> when it uses no ML library. Resolved once
    /// per compilation and shared by every rule: <c>GetTypeByMetadataName</c> searches every referenced assembly, and
    /// the compilation's own cache of it holds only a few dozen names, fewer than this class resolves.
    /// </summary>
    public static MlSymbols? TryCreate(Compilation compilation)
        => PerCompilation.GetValue(compilation, static c =>
        {
            var symbols = new MlSymbols(c);
            return new StrongBox<MlSymbols?>(symbols.HasMlNet || symbols.HasTorchSharp || symbols.HasDataFrame ? symbols : null);
        }).Value;

    private static readonly ConditionalWeakTable<Compilation, StrongBox<MlSymbols?>> PerCompilation = new();

    /// <summary>The type named <paramref name="metadataName"/>, or null (see <see cref="TypeLookup.Get"/>).</summary>
    public INamedTypeSymbol? Get(string metadataName) => _types.Get(metadataName);

    /// <summary>Who declares the types and methods of this compilation's code and references.</summary>
    public ApiOwnership Owners { get; }

    /// <summary>True when <paramref name="type"/> is exactly <paramref name="candidate"/> (its original definition).</summary>
    public static bool Is(ITypeSymbol? type, INamedTypeSymbol? candidate)
        => candidate is not null && type is not null && SymbolEqualityComparer.Default.Equals(type.OriginalDefinition, candidate);

    private System.Collections.Immutable.ImmutableArray<INamedTypeSymbol> GetAll(params string[] metadataNames)
    {
        var builder = System.Collections.Immutable.ImmutableArray.CreateBuilder<INamedTypeSymbol>();
        foreach (var name in metadataNames)
        {
            if (Get(name) is { } type)
                builder.Add(type);
        }

        return builder.ToImmutable();
    }

    /// <summary>True when <paramref name="type"/> is <paramref name="candidate"/> (an interface), implements it, or derives from it.</summary>
    public static bool IsOrImplements(ITypeSymbol? type, INamedTypeSymbol? candidate)
    {
        if (type is null || candidate is null)
            return false;
        if (IsOrDerivesFrom(type, candidate))
            return true;

        // The interfaces of the type's definition: a constructed type (EstimatorChain<T>) would substitute every one of them
        // again on each call, and whether it implements an interface does not depend on its type arguments.
        var definition = type is INamedTypeSymbol named ? named.OriginalDefinition : type;
        foreach (var implemented in definition.AllInterfaces)
        {
            if (SymbolEqualityComparer.Default.Equals(implemented.OriginalDefinition, candidate))
                return true;
        }

        return type is ITypeParameterSymbol parameter && parameter.ConstraintTypes.Any(constraint => IsOrImplements(constraint, candidate));
    }

    /// <summary>True when <paramref name="type"/> is <paramref name="candidate"/> or derives from it.</summary>
    public static bool IsOrDerivesFrom(ITypeSymbol? type, INamedTypeSymbol? candidate)
    {
        if (candidate is null || type is null)
            return false;
        if (candidate.IsSealed)
            return SymbolEqualityComparer.Default.Equals(type.OriginalDefinition, candidate); // nothing derives from it: no walk up the bases (this runs for most invocations)
        for (var current = type; current is not null; current = current.BaseType)
        {
            if (SymbolEqualityComparer.Default.Equals(current.OriginalDefinition, candidate))
                return true;
        }

        return false;
    }

    /// <summary>
    /// A type resolved on first use. Compilation start runs while the compiler binds the code base and every rule waits
    /// for it: resolving only the three library anchors there, and each other type when a rule first needs it, keeps it
    /// short (and a type no rule needs is never looked up).
    /// </summary>
    private sealed class LazyType
    {
        private readonly string _metadataName;
        private INamedTypeSymbol? _value;
        private volatile bool _resolved;

        public LazyType(string metadataName) => _metadataName = metadataName;

        /// <summary>The type in <paramref name="owner"/>'s compilation, or null; a race resolves it twice, to the same symbol.</summary>
        public INamedTypeSymbol? Get(MlSymbols owner)
        {
            if (!_resolved)
            {
                _value = owner.Get(_metadataName);
                _resolved = true;
            }

            return _value;
        }
    }
}
