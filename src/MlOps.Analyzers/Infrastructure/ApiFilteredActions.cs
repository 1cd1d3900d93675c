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
    // One array per kind, shared by every type's registrations: these run in every type's symbol-start pass, and the
    // host's dispatch plans compare the kinds arrays by reference first.
    private static readonly ImmutableArray<OperationKind>[] SingleKinds = new ImmutableArray<OperationKind>[128];

    public static void RegisterOperationAction(
        this SymbolStartAnalysisContext context, Action<OperationAnalysisContext> action, ApiOwners calling, OperationKind kind)
        => RegisterOperationAction(context, action, calling, Single(kind));

    public static void RegisterOperationAction(
        this SymbolStartAnalysisContext context, Action<OperationAnalysisContext> action, ApiOwners calling, ImmutableArray<OperationKind> kinds)
    {
        // The host is asked first: the method group below is a delegate allocated per call, and this runs per rule per type.
        if (context is IApiFilteredRegistration host)
            host.RegisterOperationAction(action, calling, kinds);
        else
            RegisterFiltering(context.RegisterOperationAction, context.Compilation, action, calling, kinds);
    }

    public static void RegisterOperationAction(
        this CompilationStartAnalysisContext context, Action<OperationAnalysisContext> action, ApiOwners calling, OperationKind kind)
        => RegisterOperationAction(context, action, calling, Single(kind));

#pragma warning disable RS1012 // the action is registered on `context`, through the method group handed to RegisterFiltering
    public static void RegisterOperationAction(
        this CompilationStartAnalysisContext context, Action<OperationAnalysisContext> action, ApiOwners calling, ImmutableArray<OperationKind> kinds)
    {
        if (context is IApiFilteredRegistration host)
            host.RegisterOperationAction(action, calling, kinds);
        else
            RegisterFiltering(context.RegisterOperationAction, context.Compilation, action, calling, kinds);
    }
#pragma warning restore RS1012

    /// <summary>Without a host that filters: registers <paramref name="action"/> behind a filter of its own.</summary>
    private static void RegisterFiltering(
        Action<Action<OperationAnalysisContext>, ImmutableArray<OperationKind>> registerPlain,
        Compilation compilation,
        Action<OperationAnalysisContext> action,
        ApiOwners calling,
        ImmutableArray<OperationKind> kinds)
    {
        if (calling == ApiOwners.All)
        {
            registerPlain(action, kinds);
            return;
        }

        var owners = ApiOwnership.For(compilation);
        registerPlain(
            context =>
            {
                if ((owners.Of(context.Operation) & calling) != 0)
                    action(context);
            },
            kinds);
    }

    private static ImmutableArray<OperationKind> Single(OperationKind kind)
    {
        var index = (int)kind;
        if ((uint)index >= (uint)SingleKinds.Length)
            return ImmutableArray.Create(kind);
        var cached = SingleKinds[index];
        if (cached.IsDefault)
            SingleKinds[index] = cached = ImmutableArray.Create(kind); // a race only makes an equal array twice
        return cached;
    }
}

/// <summary>A registration context that filters by <see cref="ApiOwners"/> itself (the fan-out contexts of <see cref="Hosting.MlOpsAnalyzer"/>).</summary>
internal interface IApiFilteredRegistration
{
    void RegisterOperationAction(Action<OperationAnalysisContext> action, ApiOwners calling, ImmutableArray<OperationKind> kinds);
}
