using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Runtime.InteropServices;

namespace MlOps.Cli.Lock;

/// <summary>A pipeline as the lineage generator compiled it into an assembly.</summary>
internal sealed record GeneratedPipeline(string Name, string Version, string CodeFingerprint, string LineageClass);

/// <summary>
/// Finds the lineage classes the MlOpsAnalyzers generator compiled into an assembly, without running any of its
/// code: the assembly is inspected in a <see cref="MetadataLoadContext"/>. A lineage class is a type marked
/// <c>[GeneratedCode("MlOps.Analyzers", ...)]</c> with the constants <c>Name</c>, <c>Version</c> and
/// <c>CodeFingerprint</c> (src/MlOps.Analyzers/Lineage/LineageEmitter.cs writes exactly these).
/// </summary>
internal static class GeneratedPipelines
{
    private const string GeneratorToolName = "MlOps.Analyzers";
    private const string GeneratedCodeAttribute = "System.CodeDom.Compiler.GeneratedCodeAttribute";
    private static readonly string[] ConstantNames = ["Name", "Version", "CodeFingerprint"];

    /// <exception cref="CliException">The file is not a readable .NET assembly.</exception>
    public static IReadOnlyList<GeneratedPipeline> Read(string assemblyPath)
    {
        var directory = Path.GetDirectoryName(assemblyPath)!;
        // The assembly's own folder first (its references), then this runtime's framework assemblies for the
        // core types; the resolver picks by name, so a net8.0 assembly resolves against the net10.0 framework.
        var candidates = Directory.EnumerateFiles(directory, "*.dll")
            .Concat(Directory.EnumerateFiles(RuntimeEnvironment.GetRuntimeDirectory(), "*.dll"))
            .Append(assemblyPath)
            .Distinct(StringComparer.Ordinal);

        try
        {
            using var context = new MetadataLoadContext(new PathAssemblyResolver(candidates));
            var assembly = context.LoadFromAssemblyPath(assemblyPath);
            return LoadableTypes(assembly)
                .Where(IsLineageClass)
                .Select(t => new GeneratedPipeline(
                    Constant(t, "Name"),
                    Constant(t, "Version"),
                    Constant(t, "CodeFingerprint"),
                    t.FullName!.Replace('+', '.')))
                .OrderBy(p => p.Name, StringComparer.Ordinal)
                .ToList();
        }
        catch (Exception ex) when (ex is BadImageFormatException or FileLoadException or FileNotFoundException or IOException)
        {
            throw new CliException($"cannot read the assembly '{assemblyPath}': {ex.Message}", ex);
        }
    }

    private static IEnumerable<Type> LoadableTypes(Assembly assembly)
    {
        try
        {
            return assembly.GetTypes();
        }
        catch (ReflectionTypeLoadException ex)
        {
            // A type whose base lives in an assembly that is not beside this one cannot load; lineage classes are
            // static classes deriving from object, so they always can.
            return ex.Types.Where(t => t is not null)!;
        }
    }

    private static bool IsLineageClass(Type type)
    {
        if (!type.IsClass || !type.IsAbstract || !type.IsSealed) // static
            return false;

        try
        {
            var generated = type.GetCustomAttributesData().Any(a =>
                a.AttributeType.FullName == GeneratedCodeAttribute
                && a.ConstructorArguments.Count > 0
                && a.ConstructorArguments[0].Value is GeneratorToolName);
            return generated && ConstantNames.All(name => ConstantField(type, name) is not null);
        }
        catch (FileNotFoundException)
        {
            return false;
        }
    }

    private static FieldInfo? ConstantField(Type type, string name) =>
        type.GetField(name, BindingFlags.Public | BindingFlags.Static | BindingFlags.DeclaredOnly) is { IsLiteral: true } field
        && field.FieldType.FullName == "System.String"
            ? field
            : null;

    private static string Constant(Type type, string name) => (string)ConstantField(type, name)!.GetRawConstantValue()!;
}
