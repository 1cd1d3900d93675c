using System.Collections.Immutable;
using Microsoft.CodeAnalysis;

namespace MlOps.Analyzers.Engine;

/// <summary>
/// One rule of the package: its descriptors and, per compilation, the handlers it subscribes through
/// <see cref="RuleStart"/>. A rule is a plain class; <see cref="MlOpsAnalyzer"/> is the one analyzer the compiler loads,
/// and it hosts every rule (docs/architecture.md shows how a rule is written, subscribed and tested).
/// </summary>
public abstract class Rule
{
    /// <summary>Every descriptor the rule reports with (its id, and one descriptor per message when it has several).</summary>
    public abstract ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; }

    /// <summary>What the compilation must reference for the rule to run (the engine checks it once for every rule).</summary>
    internal virtual RuleGate Gate => RuleGate.MachineLearning;

    /// <summary>
    /// Called once per compilation that passes the <see cref="Gate"/> and in which one of the rule's diagnostics is on:
    /// subscribe the handlers here (<see cref="RuleStart.OnInvocation"/>, <see cref="RuleStart.OnCompilationEnd"/> ...).
    /// Per-compilation state lives in locals the handlers capture.
    /// </summary>
    internal abstract void Start(RuleStart start);
}
