using System;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;
using MlOps.Analyzers.Facts.Symbols;

namespace MlOps.Analyzers.Facts.Paths;

/// <summary>
/// Values a program receives from outside at run time (RULES.md, "Training code"): the command line (<c>args[i]</c> of
/// the entry point, <c>Environment.GetCommandLineArgs()[i]</c>), an environment variable
/// (<c>Environment.GetEnvironmentVariable</c>), configuration (<c>IConfiguration["key"]</c>, <c>GetValue&lt;T&gt;</c>,
/// <c>GetSection(..).Value</c>, <c>GetConnectionString</c>) and options bound from it (<c>IOptions&lt;T&gt;.Value</c>,
/// <c>IOptionsSnapshot&lt;T&gt;.Value</c>, <c>IOptionsMonitor&lt;T&gt;.CurrentValue</c>, <c>configuration.Get&lt;T&gt;()</c>,
/// <c>configuration.Bind(options)</c>).
/// Such a value is not a declared source: whoever runs the program decides which data it reads.
/// </summary>
internal sealed class RunTimeInputs
{
    private readonly Lazy<INamedTypeSymbol?> _configuration;
    private readonly Lazy<INamedTypeSymbol?> _configurationSection;
    private readonly Lazy<INamedTypeSymbol?> _configurationBinder;
    private readonly Lazy<INamedTypeSymbol?> _configurationExtensions;
    private readonly Lazy<INamedTypeSymbol?> _options;
    private readonly Lazy<INamedTypeSymbol?> _optionsSnapshot;
    private readonly Lazy<INamedTypeSymbol?> _optionsMonitor;
    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<MlSymbols, RunTimeInputs> PerCompilation = new();

    private readonly MlSymbols _symbols;

    private RunTimeInputs(MlSymbols symbols)
    {
        _symbols = symbols;
        var lookup = TypeLookup.For(symbols.Compilation);
        Lazy<INamedTypeSymbol?> Type(string name) => new(() => lookup.Get(name), LazyThreadSafetyMode.PublicationOnly);
        _configuration = Type("Microsoft.Extensions.Configuration.IConfiguration");
        _configurationSection = Type("Microsoft.Extensions.Configuration.IConfigurationSection");
        _configurationBinder = Type("Microsoft.Extensions.Configuration.ConfigurationBinder");
        _configurationExtensions = Type("Microsoft.Extensions.Configuration.ConfigurationExtensions");
        _options = Type("Microsoft.Extensions.Options.IOptions`1");
        _optionsSnapshot = Type("Microsoft.Extensions.Options.IOptionsSnapshot`1");
        _optionsMonitor = Type("Microsoft.Extensions.Options.IOptionsMonitor`1");
    }

    /// <summary>The run-time inputs of <paramref name="symbols"/>' compilation (configuration and options types resolved on first use).</summary>
    public static RunTimeInputs For(MlSymbols symbols) => PerCompilation.GetValue(symbols, static s => new RunTimeInputs(s));

    /// <summary>Where <paramref name="operation"/>'s value comes from when it is read from outside the program (for the message), else null.</summary>
    public string? Describe(IOperation operation)
    {
        switch (operation)
        {
            case IArrayElementReferenceOperation { ArrayReference: var array } when IsCommandLine(array.WalkDownConversions()):
                return $"the command line ({operation.Syntax})";
            case IInvocationOperation invocation:
                return DescribeCall(invocation);
            case IPropertyReferenceOperation property:
                return DescribeProperty(property);
            default:
                return null;
        }
    }

    /// <summary>The entry point's <c>string[] args</c> (also of top-level statements), or <c>Environment.GetCommandLineArgs()</c>.</summary>
    private bool IsCommandLine(IOperation array) => array switch
    {
        IParameterReferenceOperation { Parameter: { ContainingSymbol: IMethodSymbol { IsStatic: true, Name: "Main" or "<Main>$" } } parameter }
            => parameter.Type is IArrayTypeSymbol { ElementType.SpecialType: SpecialType.System_String },
        IInvocationOperation { TargetMethod: { Name: "GetCommandLineArgs" } method } => MlSymbols.Is(method.ContainingType, _symbols.Environment),
        _ => false,
    };

    private string? DescribeCall(IInvocationOperation invocation)
    {
        var method = invocation.TargetMethod;
        var type = method.ContainingType;
        if (method.Name == "GetEnvironmentVariable" && MlSymbols.Is(type, _symbols.Environment))
            return "the environment variable " + KeyOf(invocation);
        if (method.Name is "GetValue" && MlSymbols.Is(type, _configurationBinder.Value))
            return "the configuration " + KeyOf(invocation, skipReceiver: true);
        if (method.Name is "GetConnectionString" && MlSymbols.Is(type, _configurationExtensions.Value))
            return "the configuration's connection string " + KeyOf(invocation, skipReceiver: true);
        return null;
    }

    private string? DescribeProperty(IPropertyReferenceOperation reference)
    {
        var property = reference.Property;
        if (property.IsIndexer && IsConfiguration(property.ContainingType))
            return "the configuration " + (reference.Arguments.Length > 0 ? Quote(reference.Arguments[0].Value) : "entry");
        if (property.Name == "Value" && IsConfiguration(property.ContainingType))
        {
            return reference.Instance?.WalkDownConversions() is IInvocationOperation { TargetMethod.Name: "GetSection" } section
                ? "the configuration " + KeyOf(section, skipReceiver: true)
                : $"the configuration ({reference.Syntax})";
        }

        if (reference.Instance?.WalkDownConversions() is { } instance && IsBoundOptions(instance))
            return $"the options '{property.ContainingType.Name}.{property.Name}' bound from configuration";
        return null;
    }

    private bool IsConfiguration(INamedTypeSymbol? type)
        => MlSymbols.IsOrImplements(type, _configuration.Value) || MlSymbols.IsOrImplements(type, _configurationSection.Value);

    /// <summary>
    /// An options object read from the options system or bound from configuration: <c>options.Value</c>,
    /// <c>monitor.CurrentValue</c>, <c>configuration.Get&lt;T&gt;()</c>, a readonly field that only ever holds one
    /// (<see cref="HoldsOnlyBoundOptions"/>), or a local the method binds (<see cref="IsBoundInPlace"/>).
    /// </summary>
    private bool IsBoundOptions(IOperation instance) => IsReadOfBoundOptions(instance)
        || (instance is IFieldReferenceOperation { Field: var field, SemanticModel: { } model } && HoldsOnlyBoundOptions(field, model))
        || (instance is ILocalReferenceOperation local && IsBoundInPlace(local));

    /// <summary>
    /// A local that its method hands to <c>configuration.Bind(...)</c> (<c>var options = new TrainingOptions();
    /// configuration.Bind("Training", options);</c>): whatever its properties held, configuration may replace them.
    /// </summary>
    private bool IsBoundInPlace(ILocalReferenceOperation local)
    {
        var root = (IOperation)local;
        while (root.Parent is not null)
            root = root.Parent;
        foreach (var operation in root.Descendants())
        {
            if (operation is IInvocationOperation { TargetMethod.Name: "Bind" } bind && MlSymbols.Is(bind.TargetMethod.ContainingType, _configurationBinder.Value)
                && bind.Arguments.Any(argument => argument.Parameter is { Ordinal: > 0, Type.SpecialType: SpecialType.System_Object }
                                                  && argument.Value.WalkDownConversions() is ILocalReferenceOperation bound
                                                  && SymbolEqualityComparer.Default.Equals(bound.Local, local.Local)))
                return true;
        }

        return false;
    }

    private bool IsReadOfBoundOptions(IOperation value) => value switch
    {
        IPropertyReferenceOperation { Property: { Name: "Value" or "CurrentValue" } options }
            => IsOptions(options.ContainingType?.OriginalDefinition),
        IInvocationOperation { TargetMethod: { Name: "Get" } get } => MlSymbols.Is(get.ContainingType, _configurationBinder.Value),
        _ => false,
    };

    /// <summary>
    /// A readonly field of a type written in <paramref name="model"/>'s file whose every store is a read of bound options:
    /// <c>_options = options.Value;</c> in the constructor. Stores are found by the field's name in the type's code
    /// (<see cref="MemberWrites"/>) and bound in the same file.
    /// </summary>
    private bool HoldsOnlyBoundOptions(IFieldSymbol field, SemanticModel model)
    {
        if (!field.IsReadOnly || field.ContainingType.DeclaringSyntaxReferences is not { Length: 1 } types || types[0].SyntaxTree != model.SyntaxTree)
            return false;
        var stores = 0;
        foreach (var write in MemberWrites.Of(field))
        {
            var store = write is AssignmentExpressionSyntax assignment ? model.GetOperation(assignment) : null;
            if (store is IAssignmentOperation { Target: IFieldReferenceOperation { Field: var target } } && !SymbolEqualityComparer.Default.Equals(target, field))
                continue; // another object's member of that name
            if (store is not ISimpleAssignmentOperation { Value: var value } || !IsReadOfBoundOptions(value.WalkDownConversions()))
                return false; // a store of something else, or one whose value is not seen (ref / out, deconstruction, +=)
            stores++;
        }

        foreach (var declaration in field.DeclaringSyntaxReferences)
        {
            if (declaration.GetSyntax() is VariableDeclaratorSyntax { Initializer: { } initializer } && model.GetOperation(initializer) is IFieldInitializerOperation { Value: var value })
            {
                if (!IsReadOfBoundOptions(value.WalkDownConversions()))
                    return false;
                stores++;
            }
        }

        return stores > 0;
    }

    private bool IsOptions(INamedTypeSymbol? type)
        => type is not null
           && (MlSymbols.Is(type, _options.Value) || MlSymbols.Is(type, _optionsSnapshot.Value) || MlSymbols.Is(type, _optionsMonitor.Value));

    /// <summary>The key a call reads (its first string argument after the receiver), quoted, or "entry" when it is not a constant.</summary>
    private static string KeyOf(IInvocationOperation invocation, bool skipReceiver = false)
    {
        foreach (var argument in invocation.Arguments)
        {
            if (skipReceiver && argument.Parameter?.Ordinal == 0 && invocation.TargetMethod.IsExtensionMethod)
                continue;
            if (argument.Value.Type?.SpecialType == SpecialType.System_String)
                return Quote(argument.Value);
        }

        return "entry";
    }

    private static string Quote(IOperation key)
        => key.ConstantValue is { HasValue: true, Value: string text } ? "'" + text + "'" : "(" + key.Syntax + ")";
}
