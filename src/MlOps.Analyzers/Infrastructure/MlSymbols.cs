using System.Collections.Generic;
using System.Linq;
using System.Runtime.CompilerServices;
using Microsoft.CodeAnalysis;
using MlOps.Analyzers.Lineage;

namespace MlOps.Analyzers.Infrastructure;

/// <summary>
/// The well-known types the rules look for, resolved once per compilation. <see cref="TryCreate"/> returns
/// <see langword="null"/> when the compilation references none of ML.NET, TorchSharp or Microsoft.Data.Analysis,
/// so analyzers register nothing and non-ML projects pay close to nothing.
/// </summary>
internal sealed class MlSymbols
{
    private readonly ILookup<string, IAssemblySymbol> _assembliesByRoot;
    private readonly IAssemblySymbol? _coreLibrary;

    /// <summary>Where <c>System.Object</c> and most of <c>System</c> live (reference assemblies, the runtime, .NET Framework, .NET Standard), found by name: asking the compilation for its object type loads the core library's special types first.</summary>
    private static readonly string[] CoreLibraryNames = { "System.Runtime", "System.Private.CoreLib", "mscorlib", "netstandard" };

    private MlSymbols(Compilation compilation)
    {
        Compilation = compilation;
        _assembliesByRoot = compilation.SourceModule.ReferencedAssemblySymbols.ToLookup(a => RootOf(a.Name), System.StringComparer.OrdinalIgnoreCase);
        _coreLibrary = CoreLibraryNames.SelectMany(name => _assembliesByRoot[RootOf(name)].Where(a => a.Name == name)).FirstOrDefault();

        // Without one of the three libraries TryCreate returns null: resolve nothing else.
        MLContext = Get("Microsoft.ML.MLContext");
        Torch = Get("TorchSharp.torch");
        DataFrame = Get("Microsoft.Data.Analysis.DataFrame");
        if (!HasMlNet && !HasTorchSharp && !HasDataFrame)
            return;

        // ML.NET
        DataView = Get("Microsoft.ML.IDataView");
        DataOperationsCatalog = Get("Microsoft.ML.DataOperationsCatalog");
        TrainCatalogBase = Get("Microsoft.ML.TrainCatalogBase");
        TrainerCatalogInstantiator = Get("Microsoft.ML.TrainCatalogBase+CatalogInstantiatorBase");
        TransformsCatalog = Get("Microsoft.ML.TransformsCatalog");
        ModelOperationsCatalog = Get("Microsoft.ML.ModelOperationsCatalog");
        Estimator = Get("Microsoft.ML.IEstimator`1");
        Transformer = Get("Microsoft.ML.ITransformer");

        // Trainers whose randomness has its own options (MLOPS003).
        LightGbmTrainerBase = Get("Microsoft.ML.Trainers.LightGbm.LightGbmTrainerBase`4");
        SdcaTrainerBase = Get("Microsoft.ML.Trainers.SdcaTrainerBase`3");
        SgdBinaryTrainerBase = Get("Microsoft.ML.Trainers.SgdBinaryTrainerBase`1");
        AveragedPerceptronTrainer = Get("Microsoft.ML.Trainers.AveragedPerceptronTrainer");
        FieldAwareFactorizationMachineTrainer = Get("Microsoft.ML.Trainers.FieldAwareFactorizationMachineTrainer");

        // Microsoft.ML.AutoML (optional package): running an experiment trains models.
        AutoMLExperiment = Get("Microsoft.ML.AutoML.AutoMLExperiment");
        AutoMLExperimentBase = Get("Microsoft.ML.AutoML.ExperimentBase`2");

        // TorchSharp
        TorchTensor = Get("TorchSharp.torch+Tensor");
        TorchModule = Get("TorchSharp.torch+nn+Module");
        TorchOptimizer = Get("TorchSharp.torch+optim+Optimizer");
        TorchDataset = Get("TorchSharp.torch+utils+data+Dataset`1");
        TorchDataLoader = Get("TorchSharp.Modules.DataLoader`2");
        TorchUtilsData = Get("TorchSharp.torch+utils+data");
        TorchRandom = Get("TorchSharp.torch+random");

        // .NET
        Random = Get("System.Random");
        RandomNumberGenerator = Get("System.Security.Cryptography.RandomNumberGenerator");
        Guid = Get("System.Guid");
        Enumerable = Get("System.Linq.Enumerable");
        Queryable = Get("System.Linq.Queryable");

        // Test frameworks: a test fixture that makes fake rows is not training code (RULES.md, "Training code").
        TestAttributes = GetAll(
            "Xunit.FactAttribute",
            "NUnit.Framework.TestAttribute",
            "NUnit.Framework.TestCaseAttribute",
            "NUnit.Framework.TestFixtureAttribute",
            "Microsoft.VisualStudio.TestTools.UnitTesting.TestMethodAttribute",
            "Microsoft.VisualStudio.TestTools.UnitTesting.TestClassAttribute");

        // Our own attributes (MlOps.Lineage), present when the package's run-time library is referenced: resolved by
        // LineageSymbols, the one owner of those types (the generator and MLOPS100-104 use it alone, without ML symbols).
        Lineage = LineageSymbols.TryCreate(compilation);

        // Data lineage and model versioning (MLOPS010, MLOPS011, MLOPS020, MLOPS021): load and save APIs, the
        // .NET types the path reasoning (PathReasoning) folds or recognises, and the lineage contract types.
        TextLoaderSaverCatalog = Get("Microsoft.ML.TextLoaderSaverCatalog");
        BinaryLoaderSaverCatalog = Get("Microsoft.ML.BinaryLoaderSaverCatalog");
        SvmLightLoaderSaverCatalog = Get("Microsoft.ML.Data.SvmLightLoaderSaverCatalog");
        DataLoaderExtensions = Get("Microsoft.ML.DataLoaderExtensions");
        MultiFileSource = Get("Microsoft.ML.Data.MultiFileSource");
        DatabaseLoader = Get("Microsoft.ML.Data.DatabaseLoader");
        ImageEstimatorsCatalog = Get("Microsoft.ML.ImageEstimatorsCatalog");
        TorchJit = Get("TorchSharp.torch+jit");
        TorchVisionDatasets = Get("TorchSharp.torchvision+datasets");
        TorchVisionIO = Get("TorchSharp.torchvision+io");
        SystemPath = Get("System.IO.Path");
        File = Get("System.IO.File");
        Directory = Get("System.IO.Directory");
        Stream = Get("System.IO.Stream");
        FileStream = Get("System.IO.FileStream");
        BinaryWriter = Get("System.IO.BinaryWriter");
        DateTime = compilation.GetSpecialType(SpecialType.System_DateTime);
        DateTimeOffset = Get("System.DateTimeOffset");
        HashAlgorithm = Get("System.Security.Cryptography.HashAlgorithm");
        IncrementalHash = Get("System.Security.Cryptography.IncrementalHash");
        Environment = Get("System.Environment");
        AppContext = Get("System.AppContext");
        AppDomain = Get("System.AppDomain");
        Uri = Get("System.Uri");
        HttpClient = Get("System.Net.Http.HttpClient");
        WebClient = Get("System.Net.WebClient");
        DbDataReader = Get("System.Data.Common.DbDataReader");
        DbDataAdapter = Get("System.Data.Common.DbDataAdapter");
        ModelOutputDeclaration = Get("MlOps.Lineage.ModelOutputDeclaration");
        LineageRecord = Get("MlOps.Lineage.LineageRecord");
        ModelArtifact = Get("MlOps.Lineage.ModelArtifact");
        DatasetHasher = Get("MlOps.Lineage.DatasetHasher");
        DatasetFingerprint = Get("MlOps.Lineage.DatasetFingerprint");
    }

    public Compilation Compilation { get; }

    public INamedTypeSymbol? MLContext { get; }
    public INamedTypeSymbol? DataView { get; }
    public INamedTypeSymbol? DataOperationsCatalog { get; }
    public INamedTypeSymbol? TrainCatalogBase { get; }
    public INamedTypeSymbol? TrainerCatalogInstantiator { get; }
    public INamedTypeSymbol? TransformsCatalog { get; }
    public INamedTypeSymbol? ModelOperationsCatalog { get; }
    public INamedTypeSymbol? Estimator { get; }
    public INamedTypeSymbol? Transformer { get; }
    public INamedTypeSymbol? LightGbmTrainerBase { get; }
    public INamedTypeSymbol? SdcaTrainerBase { get; }
    public INamedTypeSymbol? SgdBinaryTrainerBase { get; }
    public INamedTypeSymbol? AveragedPerceptronTrainer { get; }
    public INamedTypeSymbol? FieldAwareFactorizationMachineTrainer { get; }
    public INamedTypeSymbol? AutoMLExperiment { get; }
    public INamedTypeSymbol? AutoMLExperimentBase { get; }
    public INamedTypeSymbol? DataFrame { get; }
    public INamedTypeSymbol? Torch { get; }
    public INamedTypeSymbol? TorchTensor { get; }
    public INamedTypeSymbol? TorchModule { get; }
    public INamedTypeSymbol? TorchOptimizer { get; }
    public INamedTypeSymbol? TorchDataset { get; }
    public INamedTypeSymbol? TorchDataLoader { get; }
    public INamedTypeSymbol? TorchUtilsData { get; }
    public INamedTypeSymbol? TorchRandom { get; }
    public INamedTypeSymbol? Random { get; }
    public INamedTypeSymbol? RandomNumberGenerator { get; }
    public INamedTypeSymbol? Guid { get; }
    public INamedTypeSymbol? Enumerable { get; }
    public INamedTypeSymbol? Queryable { get; }

    /// <summary>Attributes that mark a test method or test class (xUnit, NUnit, MSTest); derived attributes count too.</summary>
    public System.Collections.Immutable.ImmutableArray<INamedTypeSymbol> TestAttributes { get; }

    /// <summary>The lineage attribute and declaration types, or null when <c>MlOps.Lineage</c> is not referenced.</summary>
    public LineageSymbols? Lineage { get; }
    public INamedTypeSymbol? TrainingPipelineAttribute => Lineage?.TrainingPipelineAttribute;
    public INamedTypeSymbol? DatasetInputAttribute => Lineage?.DatasetInputAttribute;
    public INamedTypeSymbol? ModelOutputAttribute => Lineage?.ModelOutputAttribute;
    public INamedTypeSymbol? HyperparameterAttribute => Lineage?.HyperparameterAttribute;
    public INamedTypeSymbol? TrainingSeedAttribute => Lineage?.TrainingSeedAttribute;
    public INamedTypeSymbol? TextLoaderSaverCatalog { get; }
    public INamedTypeSymbol? BinaryLoaderSaverCatalog { get; }
    public INamedTypeSymbol? SvmLightLoaderSaverCatalog { get; }
    public INamedTypeSymbol? DataLoaderExtensions { get; }
    public INamedTypeSymbol? MultiFileSource { get; }
    public INamedTypeSymbol? DatabaseLoader { get; }
    public INamedTypeSymbol? ImageEstimatorsCatalog { get; }
    public INamedTypeSymbol? TorchJit { get; }
    public INamedTypeSymbol? TorchVisionDatasets { get; }
    public INamedTypeSymbol? TorchVisionIO { get; }
    public INamedTypeSymbol? SystemPath { get; }
    public INamedTypeSymbol? File { get; }
    public INamedTypeSymbol? Directory { get; }
    public INamedTypeSymbol? Stream { get; }
    public INamedTypeSymbol? FileStream { get; }
    public INamedTypeSymbol? BinaryWriter { get; }
    public INamedTypeSymbol? DateTime { get; }
    public INamedTypeSymbol? DateTimeOffset { get; }
    public INamedTypeSymbol? HashAlgorithm { get; }
    public INamedTypeSymbol? IncrementalHash { get; }
    public INamedTypeSymbol? Environment { get; }
    public INamedTypeSymbol? AppContext { get; }
    public INamedTypeSymbol? AppDomain { get; }
    public INamedTypeSymbol? Uri { get; }
    public INamedTypeSymbol? HttpClient { get; }
    public INamedTypeSymbol? WebClient { get; }
    public INamedTypeSymbol? DbDataReader { get; }
    public INamedTypeSymbol? DbDataAdapter { get; }
    public INamedTypeSymbol? DatasetDeclaration => Lineage?.DatasetDeclaration;
    public INamedTypeSymbol? ModelOutputDeclaration { get; }
    public INamedTypeSymbol? LineageRecord { get; }
    public INamedTypeSymbol? ModelArtifact { get; }
    public INamedTypeSymbol? DatasetHasher { get; }
    public INamedTypeSymbol? DatasetFingerprint { get; }

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

    /// <summary>
    /// The type named <paramref name="metadataName"/>, declared in the compilation or in a referenced assembly, or null.
    /// Looked up in the assemblies that can define it, most likely first: for <c>System</c> types the core library, then the
    /// ones named after the type's namespace, then every assembly of the same root (<see cref="RootOf"/>: <c>Microsoft.ML.*</c> for
    /// <c>Microsoft.ML.MLContext</c>, <c>System.*</c> / <c>mscorlib</c> / <c>netstandard</c> for <c>System.IO.File</c>).
    /// <c>Compilation.GetTypeByMetadataName</c> opens the type tables of every referenced assembly for every name: done
    /// for each of these names it was the largest cost of a first analysis.
    /// </summary>
    public INamedTypeSymbol? Get(string metadataName)
    {
        if (Compilation.Assembly.GetTypeByMetadataName(metadataName) is { } declared)
            return declared;

        foreach (var assembly in AssembliesThatMayDefine(metadataName))
        {
            if (assembly.GetTypeByMetadataName(metadataName) is { } type)
                return type;
        }

        return null;
    }

    /// <summary>The referenced assemblies that may define <paramref name="metadataName"/>, most likely first (see <see cref="Get"/>).</summary>
    private IEnumerable<IAssemblySymbol> AssembliesThatMayDefine(string metadataName)
    {
        var lastDot = metadataName.LastIndexOf('.');
        var ns = lastDot < 0 ? string.Empty : metadataName.Substring(0, lastDot);
        var root = RootOf(metadataName);
        var sameRoot = root switch
        {
            "System" => _assembliesByRoot["System"].Concat(_assembliesByRoot["mscorlib"]).Concat(_assembliesByRoot["netstandard"]),
            "TorchSharp" => _assembliesByRoot["TorchSharp"].Concat(_assembliesByRoot["TorchVision"]), // torchvision lives in TorchSharp's namespace
            _ => _assembliesByRoot[root],
        };
        var namedAfterNamespace = sameRoot.Where(a => a.Name == ns || a.Name.StartsWith(ns + ".", System.StringComparison.Ordinal));
        return root == "System" && _coreLibrary is not null
            ? namedAfterNamespace.Prepend(_coreLibrary).Concat(sameRoot)
            : namedAfterNamespace.Concat(sameRoot);
    }

    /// <summary>A name's root: its first dotted segment, or its first two for <c>Microsoft.*</c> (<c>Microsoft.ML</c>, <c>Microsoft.Data</c>).</summary>
    private static string RootOf(string name)
    {
        var first = name.IndexOf('.');
        if (first < 0)
            return name;
        if (!name.StartsWith("Microsoft.", System.StringComparison.Ordinal))
            return name.Substring(0, first);
        var second = name.IndexOf('.', first + 1);
        return second < 0 ? name : name.Substring(0, second);
    }

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
        foreach (var implemented in type.AllInterfaces)
        {
            if (SymbolEqualityComparer.Default.Equals(implemented.OriginalDefinition, candidate))
                return true;
        }

        return type is ITypeParameterSymbol parameter && parameter.ConstraintTypes.Any(constraint => IsOrImplements(constraint, candidate));
    }

    /// <summary>True when <paramref name="type"/> is <paramref name="candidate"/> or derives from it.</summary>
    public static bool IsOrDerivesFrom(ITypeSymbol? type, INamedTypeSymbol? candidate)
    {
        if (candidate is null)
            return false;
        for (var current = type; current is not null; current = current.BaseType)
        {
            if (SymbolEqualityComparer.Default.Equals(current.OriginalDefinition, candidate))
                return true;
        }

        return false;
    }
}
