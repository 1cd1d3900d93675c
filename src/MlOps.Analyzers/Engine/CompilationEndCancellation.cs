using System;
using System.Collections.Generic;
using Microsoft.CodeAnalysis.Diagnostics;

namespace MlOps.Analyzers.Engine;

/// <summary>
/// The compilation-end work judges the whole compilation, and the IDE cancels analysis on every keystroke. The driver
/// checks the token only between actions, and the rules' end handlers run inside one action: they stop at the cancel
/// here, before each handler and at the next finding a handler reports (reporting is where their loops go on).
/// </summary>
internal static class CompilationEndCancellation
{
    /// <summary>One compilation-end action that runs <paramref name="handlers"/> in order and stops when the analysis is cancelled.</summary>
    public static Action<CompilationAnalysisContext> Combine(IReadOnlyList<Action<CompilationAnalysisContext>> handlers) => context =>
    {
        var cancellationToken = context.CancellationToken;
        // The public constructor is the only way to stand between a handler and ReportDiagnostic. Roslyn marks it
        // obsolete to steer tests to CompilationWithAnalyzers (dotnet/roslyn#63440); it is unchanged and supported.
#pragma warning disable CS0618
        var stoppable = new CompilationAnalysisContext(
            context.Compilation,
            context.Options,
            diagnostic =>
            {
                cancellationToken.ThrowIfCancellationRequested();
                context.ReportDiagnostic(diagnostic);
            },
            _ => true, // the driver's context, which receives the diagnostic, checks it
            cancellationToken);
#pragma warning restore CS0618
        foreach (var handler in handlers)
        {
            cancellationToken.ThrowIfCancellationRequested();
            handler(stoppable);
        }
    };
}
