using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using MlOps.Analyzers.Hosting;
using Xunit;

namespace MlOps.Analyzers.Tests.Hosting;

/// <summary>
/// The dispatch plan decides which rule actions an operation of a type reaches (the differential tests in
/// <see cref="MlOpsAnalyzerTests"/> check the outcome end to end); these pin its bookkeeping.
/// </summary>
public class OperationDispatchPlanTests
{
    private static readonly ImmutableArray<OperationKind> CallsAndCreations = ImmutableArray.Create(OperationKind.Invocation, OperationKind.ObjectCreation);
    private static readonly ImmutableArray<OperationKind> Calls = ImmutableArray.Create(OperationKind.Invocation);
    private static readonly ImmutableArray<OperationKind> Declarators = ImmutableArray.Create(OperationKind.VariableDeclarator);

    [Fact]
    public void Each_kind_reaches_the_registrations_that_asked_for_it_in_registration_order()
    {
        var plan = new OperationDispatchPlan.Cache().GetOrAdd(new[] { CallsAndCreations, Calls, Declarators }, 3);

        Assert.Equal(new[] { OperationKind.Invocation, OperationKind.ObjectCreation, OperationKind.VariableDeclarator }, plan.Kinds);
        Assert.Equal(new[] { 0, 1 }, plan.RegistrationsFor(OperationKind.Invocation));
        Assert.Equal(new[] { 0 }, plan.RegistrationsFor(OperationKind.ObjectCreation));
        Assert.Equal(new[] { 2 }, plan.RegistrationsFor(OperationKind.VariableDeclarator));
        Assert.Null(plan.RegistrationsFor(OperationKind.Literal));
        Assert.Null(plan.RegistrationsFor((OperationKind)int.MaxValue));
    }

    [Fact]
    public void Types_that_register_the_same_kinds_share_one_plan_even_from_other_array_instances()
    {
        var cache = new OperationDispatchPlan.Cache();
        var first = cache.GetOrAdd(new[] { CallsAndCreations, Calls }, 2);

        // A rule that builds its kinds per type (ImmutableArray.Create in the start action) passes equal, not identical, arrays;
        // the slots past the count are the context's unused capacity.
        var second = cache.GetOrAdd(new[] { ImmutableArray.Create(OperationKind.Invocation, OperationKind.ObjectCreation), ImmutableArray.Create(OperationKind.Invocation), Declarators }, 2);

        Assert.Same(first, second);
    }

    [Fact]
    public void Types_that_register_other_kinds_get_their_own_plan()
    {
        var cache = new OperationDispatchPlan.Cache();
        var ordinary = cache.GetOrAdd(new[] { CallsAndCreations, Calls }, 2);
        var pipeline = cache.GetOrAdd(new[] { CallsAndCreations, Calls, Declarators }, 3);
        var reordered = cache.GetOrAdd(new[] { Calls, CallsAndCreations }, 2);

        Assert.NotSame(ordinary, pipeline);
        Assert.NotSame(ordinary, reordered);
        Assert.Equal(new[] { 1 }, reordered.RegistrationsFor(OperationKind.ObjectCreation));
        Assert.Same(pipeline, cache.GetOrAdd(new[] { CallsAndCreations, Calls, Declarators }, 3));
    }
}
