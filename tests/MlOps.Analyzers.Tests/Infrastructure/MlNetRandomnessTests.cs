using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Xunit;
using MlOps.Analyzers.Apis;
using MlOps.Analyzers.Facts.Symbols;

namespace MlOps.Analyzers.Tests.Infrastructure;

/// <summary>The ML.NET facts <see cref="MlNetRandomness"/> relies on, checked against the real assemblies.</summary>
public class MlNetRandomnessTests
{
    private static readonly string[] CatalogBases =
    {
        "Microsoft.ML.TrainCatalogBase",
        "Microsoft.ML.TrainCatalogBase+CatalogInstantiatorBase",
        "Microsoft.ML.DataOperationsCatalog",
        "Microsoft.ML.TransformsCatalog",
        "Microsoft.ML.MLContext",
    };

    /// <summary>
    /// <see cref="MlNetRandomness.DescribeRandomUse"/> skips receivers declared outside ML.NET without walking their base
    /// types: that is only sound while no code outside ML.NET can derive from a catalog.
    /// </summary>
    [Fact]
    public void No_type_outside_MLNET_can_derive_from_a_catalog_or_MLContext()
    {
        var compilation = CSharpCompilation.Create("facts", references: TestReferences.All);
        var bases = CatalogBases.Select(name => compilation.GetTypeByMetadataName(name)).ToList();
        Assert.All(bases, type => Assert.NotNull(type));

        var catalogs = new List<string>();
        var derivable = new List<string>();
        foreach (var assembly in compilation.SourceModule.ReferencedAssemblySymbols.Where(a => ApiOwnership.OfAssembly(a.Name) == ApiOwners.MlNet))
        {
            foreach (var type in TypesOf(assembly.GlobalNamespace))
            {
                var isCatalog = false;
                for (var current = (ITypeSymbol?)type; current is not null && !isCatalog; current = current.BaseType)
                    isCatalog = bases.Any(b => SymbolEqualityComparer.Default.Equals(current.OriginalDefinition, b));
                if (isCatalog)
                    catalogs.Add(type.ToDisplayString());
                if (isCatalog && !type.IsSealed && type.InstanceConstructors.Any(c => c.DeclaredAccessibility is Accessibility.Public or Accessibility.Protected or Accessibility.ProtectedOrInternal))
                    derivable.Add(type.ToDisplayString());
            }
        }

        Assert.Contains("Microsoft.ML.BinaryClassificationCatalog.BinaryClassificationTrainers", catalogs);
        Assert.Empty(derivable);
    }

    private static IEnumerable<INamedTypeSymbol> TypesOf(INamespaceOrTypeSymbol container)
    {
        foreach (var member in container.GetMembers())
        {
            if (member is INamespaceSymbol ns)
            {
                foreach (var type in TypesOf(ns))
                    yield return type;
            }
            else if (member is INamedTypeSymbol type)
            {
                yield return type;
                foreach (var nested in TypesOf(type))
                    yield return nested;
            }
        }
    }
}
