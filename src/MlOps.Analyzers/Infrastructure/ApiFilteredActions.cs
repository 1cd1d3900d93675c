using System;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace MlOps.Analyzers.Infrastructure;

/// <summary>
/// Operation actions that only want calls into some code (<see cref="ApiOwners"/>): for the operations that call a method
/// (invocations, object creations, method references), the action runs only when the callee's owner is one of
/// <c>calling</c>; operations of other kinds always reach it. <see cref="Hosting.MlOpsAnalyzer"/> classifies each call
/// once and skips the rules that do not want it; a rule running alone (its unit tests) filters the same way itself.
/// </summary>
internal static class ApiFilteredActions
{
    public static void RegisterOperationAction(
        this SymbolStartAnalysisContext context, Action<OperationAnalysisContext> action, ApiOwners calling, params OperationKind[] kinds)
        => RegisterOperationAction(context, action, calling, ImmutableArray.Create(kinds));

    public static void RegisterOperationAction(
        this SymbolStartAnalysisContext context, Action<OperationAnalysisContext> action, ApiOwners calling, ImmutableArray<OperationKind> kinds)
    {
        if (context is IApiFilteredRegistration host)
            host.RegisterOperationAction(action, calling, kinds);
        else
            context.RegisterOperationAction(Filter(action, calling, context.Compilation), kinds);
    }

    public static void RegisterOperationAction(
        this CompilationStartAnalysisContext context, Action<OperationAnalysisContext> action, ApiOwners calling, params OperationKind[] kinds)
        => RegisterOperationAction(context, action, calling, ImmutableArray.Create(kinds));

    public static void RegisterOperationAction(
        this CompilationStartAnalysisContext context, Action<OperationAnalysisContext> action, ApiOwners calling, ImmutableArray<OperationKind> kinds)
    {
        if (context is IApiFilteredRegistration host)
            host.RegisterOperationAction(action, calling, kinds);
        else
            context.RegisterOperationAction(Filter(action, calling, context.Compilation), kinds);
    }

    private static Action<OperationAnalysisContext> Filter(Action<OperationAnalysisContext> action, ApiOwners calling, Compilation compilation)
    {
        if (calling == ApiOwners.All)
            return action;
        var owners = ApiOwnership.For(compilation);
        return context =>
        {
            if ((owners.Of(context.Operation) & calling) != 0)
                action(context);
        };
    }
}

/// <summary>A registration context that filters by <see cref="ApiOwners"/> itself (the fan-out contexts of <see cref="Hosting.MlOpsAnalyzer"/>).</summary>
internal interface IApiFilteredRegistration
{
    void RegisterOperationAction(Action<OperationAnalysisContext> action, ApiOwners calling, ImmutableArray<OperationKind> kinds);
}
