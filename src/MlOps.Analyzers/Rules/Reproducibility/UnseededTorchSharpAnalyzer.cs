using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using MlOps.Analyzers.Apis;
using MlOps.Analyzers.Catalog;
using MlOps.Analyzers.Engine;
using MlOps.Analyzers.Facts.Symbols;
using MlOps.Analyzers.Facts.Training;

namespace MlOps.Analyzers.Rules.Reproducibility;

/// <summary>
/// MLOPS006: a TorchSharp training method (it calls <c>Tensor.backward()</c> or <c>Optimizer.step()</c>) whose path is
/// not seeded: neither a member of its own type nor the program's entry point (<c>Main</c> / top-level statements) calls
/// <c>torch.manual_seed</c> / <c>torch.random.manual_seed</c>, directly or through a method it calls directly (a
/// <c>SeedEverything</c> helper in another type).
/// Module construction initialises parameters from LibTorch's global generator, and dropout, <c>rand*</c>,
/// <c>normal</c>, <c>bernoulli</c>, <c>multinomial</c> and <c>nn.init.*</c> draw from it, so an unseeded program trains a
/// different model on every run. A seed in some other type's method that neither the training type nor the entry point
/// calls does not count: that path may not run first.
/// </summary>
/// <remarks>
/// The entry point is only known once the whole compilation is seen, so this is a compilation-end diagnostic (reported
/// by builds and full-solution analysis, not as you type).
/// </remarks>
public sealed class UnseededTorchSharpAnalyzer : Rule
{
    internal static readonly DiagnosticDescriptor Rule = RuleDescriptors.Create(
        RuleIds.TorchSharpUnseeded,
        RuleCategories.Reproducibility,
        DiagnosticSeverity.Warning,
        title: "TorchSharp randomness without a seed",
        messageFormat: "'{0}' trains with TorchSharp, but neither its type nor the program's entry point calls torch.manual_seed with a fixed seed: initial weights, dropout and sampling differ on every run. Call torch.manual_seed(<seed>) first.",
        description: "TorchSharp initialises module parameters and runs dropout and random sampling from LibTorch's global generator. Unless torch.manual_seed is called on the training path (in the training type or at the program's entry point), each run trains a different model.",
        isEnabledByDefault: true,
        WellKnownDiagnosticTags.CompilationEnd);

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(Rule);

    internal override void Start(RuleStart start)
    {
        var symbols = start.Symbols;
        if (symbols.Torch is not { } torch)
            return;

        var seedingMembers = new ConcurrentDictionary<ISymbol, bool>(SymbolEqualityComparer.Default);
        var callsFromMain = new ConcurrentBag<(IMethodSymbol Caller, IMethodSymbol Callee)>();
        var helperCalls = new ConcurrentDictionary<(INamedTypeSymbol Caller, IMethodSymbol Callee), bool>();
        var trainingMethods = new ConcurrentDictionary<ISymbol, Location>(SymbolEqualityComparer.Default);

        // Seeding and training calls, and the calls to the team's helpers.
        start.OnInvocation(Calls.Into(ApiOwners.TorchSharp | ApiOwners.Source), c =>
        {
            var invocation = (IInvocationOperation)c.Operation;
            var method = invocation.TargetMethod;
            var containing = c.ContainingSymbol;

            if (method.Name == "manual_seed" && method.IsStatic
                && (SymbolEqualityComparer.Default.Equals(method.ContainingType, torch)
                    || SymbolEqualityComparer.Default.Equals(method.ContainingType, symbols.TorchRandom)))
            {
                // A seed from the clock or fresh entropy seeds nothing that a second run can repeat.
                if (invocation.Arguments.Length == 0 || EntropySeeds.SourceOf(invocation.Arguments[0].Value) is null)
                    seedingMembers.TryAdd(containing, true);
            }
            else if (TrainingScope.IsTorchTrainingStep(invocation, symbols))
            {
                trainingMethods.TryAdd(containing, ReportLocation(containing, invocation));
            }

            if (containing is IMethodSymbol { IsStatic: true, Name: "Main" or "<Main>$" } caller)
                callsFromMain.Add((caller, method.OriginalDefinition));
            else if (IsHelperCall(method, containing) is { } callerType)
                helperCalls.TryAdd((callerType, method.OriginalDefinition), true);
        });

        start.OnCompilationEnd(c =>
        {
            if (trainingMethods.IsEmpty)
                return;

            var entrySeeds = EntryPointSeeds(c.Compilation.GetEntryPoint(c.CancellationToken), seedingMembers, callsFromMain);
            if (entrySeeds)
                return;

            var seededTypes = new HashSet<INamedTypeSymbol>(
                seedingMembers.Keys.Select(member => member.ContainingType).Where(type => type is not null),
                SymbolEqualityComparer.Default);
            foreach (var call in helperCalls.Keys)
            {
                if (seedingMembers.ContainsKey(call.Callee))
                    seededTypes.Add(call.Caller);
            }

            foreach (var pair in trainingMethods)
            {
                if (!seededTypes.Contains(pair.Key.ContainingType))
                    c.ReportDiagnostic(Diagnostic.Create(Rule, pair.Value, IsTopLevelStatements(pair.Key) ? "the top-level statements" : pair.Key.Name));
            }
        });
    }

    /// <summary>
    /// The calling type when <paramref name="callee"/> is a static method declared in source in another type: a candidate
    /// seeding helper (<c>Seeding.SeedEverything(42)</c>); whether it seeds is known at compilation end.
    /// </summary>
    private static INamedTypeSymbol? IsHelperCall(IMethodSymbol callee, ISymbol containing)
        => callee.IsStatic
           && callee.DeclaringSyntaxReferences.Length > 0
           && (containing as INamedTypeSymbol ?? containing.ContainingType) is { } callerType
           && !SymbolEqualityComparer.Default.Equals(callee.ContainingType, callerType)
            ? callerType
            : null;

    /// <summary>The training method's identifier; for top-level statements (no identifier), the training call.</summary>
    private static Location ReportLocation(ISymbol containing, IInvocationOperation invocation)
        => !containing.IsImplicitlyDeclared && !IsTopLevelStatements(containing) && containing.Locations.FirstOrDefault() is { IsInSource: true } location
            ? location
            : invocation.GetNameLocation();

    /// <summary>The compiler's entry point for top-level statements (<c>&lt;Main&gt;$</c>): it is declared by the whole file, not by an identifier.</summary>
    private static bool IsTopLevelStatements(ISymbol symbol)
        => symbol is IMethodSymbol { IsStatic: true } && symbol.DeclaringSyntaxReferences.FirstOrDefault()?.GetSyntax() is CompilationUnitSyntax;

    /// <summary>
    /// The entry point seeds when it calls <c>manual_seed</c> itself or calls, directly, a method that does. An
    /// <c>async Main</c> is compiled behind a synthesized entry point, so every <c>Main</c> of the entry point's type counts.
    /// </summary>
    private static bool EntryPointSeeds(
        IMethodSymbol? entryPoint,
        ConcurrentDictionary<ISymbol, bool> seedingMembers,
        ConcurrentBag<(IMethodSymbol Caller, IMethodSymbol Callee)> callsFromMain)
    {
        if (entryPoint?.ContainingType is not { } programType)
            return false;

        bool IsEntry(ISymbol symbol)
            => symbol is IMethodSymbol { IsStatic: true, Name: "Main" or "<Main>$" }
               && SymbolEqualityComparer.Default.Equals(symbol.ContainingType, programType);

        if (seedingMembers.Keys.Any(IsEntry))
            return true;
        return callsFromMain.Any(call => IsEntry(call.Caller) && seedingMembers.ContainsKey(call.Callee));
    }
}
