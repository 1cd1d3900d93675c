using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;
using MlOps.Analyzers.Facts.Symbols;

namespace MlOps.Analyzers.Apis;

/// <summary>
/// A registration of a service with Microsoft.Extensions.DependencyInjection (<c>AddSingleton</c> / <c>AddScoped</c> /
/// <c>AddTransient</c> and their <c>TryAdd</c> forms, generic or with the service inferred), as MLOPS001 reads it for
/// <c>MLContext</c>: the container hands what it registers to every constructor that asks for the service.
/// </summary>
internal readonly struct ServiceRegistration
{
    private ServiceRegistration(IOperation? instance, IAnonymousFunctionOperation? factory)
    {
        Instance = instance;
        Factory = factory;
    }

    /// <summary>The registered instance (<c>AddSingleton(ml)</c>), if that is the form.</summary>
    public IOperation? Instance { get; }

    /// <summary>The factory lambda (<c>AddSingleton(_ =&gt; new MLContext())</c>), if that is the form.</summary>
    public IAnonymousFunctionOperation? Factory { get; }

    /// <summary>The container creates the service itself (<c>AddSingleton&lt;MLContext&gt;()</c>), with its constructor's defaults.</summary>
    public bool ByType => Instance is null && Factory is null;

    /// <summary>
    /// The registration <paramref name="invocation"/> makes of <paramref name="service"/>, or null when it is not one.
    /// Keyed registrations and the <c>Type</c>-argument overloads are not read.
    /// </summary>
    public static ServiceRegistration? Of(IInvocationOperation invocation, INamedTypeSymbol service)
    {
        var method = invocation.TargetMethod;
        if (method.Name is not ("AddSingleton" or "AddScoped" or "AddTransient" or "TryAddSingleton" or "TryAddScoped" or "TryAddTransient")
            || method.TypeArguments.Length == 0
            || !SymbolEqualityComparer.Default.Equals(method.TypeArguments[0], service)
            || method.ContainingType is not { Name: "ServiceCollectionServiceExtensions" or "ServiceCollectionDescriptorExtensions" } extensions
            || !extensions.ContainingNamespace.ToDisplayString().StartsWith("Microsoft.Extensions.DependencyInjection", System.StringComparison.Ordinal))
            return null;

        IOperation? instance = null;
        IAnonymousFunctionOperation? factory = null;
        foreach (var argument in invocation.Arguments)
        {
            if (argument.Parameter is not { Ordinal: > 0 } parameter)
                continue; // the service collection
            var value = argument.Value.WalkDownConversions();
            if (value is IDelegateCreationOperation { Target: IAnonymousFunctionOperation lambda })
                factory = lambda;
            else if (SymbolEqualityComparer.Default.Equals(parameter.Type, service) || SymbolEqualityComparer.Default.Equals(value.Type, service))
                instance = argument.Value;
            else
                return null; // a method group or a delegate variable as the factory: what it makes is out of sight
        }

        // AddSingleton<TService, TImplementation>() registers another type for the service: only MLContext itself is read.
        if (instance is null && factory is null && method.TypeArguments.Length > 1 && !SymbolEqualityComparer.Default.Equals(method.TypeArguments[1], service))
            return null;
        return new ServiceRegistration(instance, factory);
    }
}
