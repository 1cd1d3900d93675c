using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using MlOps.Analyzers.Hosting;
using MlOps.Analyzers.Infrastructure;
using Xunit;
using Registration = MlOps.Analyzers.Hosting.OperationDispatchPlan.Registration;

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

    private static Registration Any(ImmutableArray<OperationKind> kinds) => new(kinds, ApiOwners.All);

    [Fact]
    public void Each_kind_reaches_the_registrations_that_asked_for_it_in_registration_order()
    {
        var plan = new OperationDispatchPlan.Cache().GetOrAdd(new[] { Any(CallsAndCreations), Any(Calls), Any(Declarators) }, 3);

        Assert.Equal(new[] { OperationKind.Invocation, OperationKind.ObjectCreation, OperationKind.VariableDeclarator }, plan.Kinds);
        Assert.Equal(new[] { 0, 1 }, plan.TargetsFor(OperationKind.Invocation)!.Indices);
        Assert.Equal(new[] { 0 }, plan.TargetsFor(OperationKind.ObjectCreation)!.Indices);
        Assert.Equal(new[] { 2 }, plan.TargetsFor(OperationKind.VariableDeclarator)!.Indices);
        Assert.Null(plan.TargetsFor(OperationKind.Literal));
        Assert.Null(plan.TargetsFor((OperationKind)int.MaxValue));
        Assert.False(plan.TargetsFor(OperationKind.Invocation)!.Filtered); // nobody filters: no classification
    }

    [Fact]
    public void Calls_are_classified_only_for_the_kinds_that_call_a_method_and_only_when_a_registration_filters()
    {
        var plan = new OperationDispatchPlan.Cache().GetOrAdd(
            new[] { new Registration(CallsAndCreations, ApiOwners.MlNet), Any(Calls), new Registration(Declarators, ApiOwners.MlNet) }, 3);

        var calls = plan.TargetsFor(OperationKind.Invocation)!;
        Assert.True(calls.Filtered);
        Assert.Equal(new[] { ApiOwners.MlNet, ApiOwners.All }, calls.Calling);
        Assert.True(plan.TargetsFor(OperationKind.ObjectCreation)!.Filtered);
        Assert.False(plan.TargetsFor(OperationKind.VariableDeclarator)!.Filtered); // a declarator calls nothing
    }

    [Fact]
    public void Types_that_register_the_same_actions_share_one_plan_even_from_other_array_instances()
    {
        var cache = new OperationDispatchPlan.Cache();
        var first = cache.GetOrAdd(new[] { Any(CallsAndCreations), new Registration(Calls, ApiOwners.Source) }, 2);

        // A rule that builds its kinds per type (ImmutableArray.Create in the start action) passes equal, not identical, arrays;
        // the slots past the count are the context's unused capacity.
        var second = cache.GetOrAdd(
            new[] { Any(ImmutableArray.Create(OperationKind.Invocation, OperationKind.ObjectCreation)), new Registration(ImmutableArray.Create(OperationKind.Invocation), ApiOwners.Source), Any(Declarators) },
            2);

        Assert.Same(first, second);
    }

    [Fact]
    public void Types_that_register_other_actions_get_their_own_plan()
    {
        var cache = new OperationDispatchPlan.Cache();
        var ordinary = cache.GetOrAdd(new[] { Any(CallsAndCreations), Any(Calls) }, 2);
        var pipeline = cache.GetOrAdd(new[] { Any(CallsAndCreations), Any(Calls), Any(Declarators) }, 3);
        var reordered = cache.GetOrAdd(new[] { Any(Calls), Any(CallsAndCreations) }, 2);
        var filtered = cache.GetOrAdd(new[] { Any(CallsAndCreations), new Registration(Calls, ApiOwners.TorchSharp) }, 2);

        Assert.NotSame(ordinary, pipeline);
        Assert.NotSame(ordinary, reordered);
        Assert.NotSame(ordinary, filtered);
        Assert.Equal(new[] { 1 }, reordered.TargetsFor(OperationKind.ObjectCreation)!.Indices);
        Assert.Same(pipeline, cache.GetOrAdd(new[] { Any(CallsAndCreations), Any(Calls), Any(Declarators) }, 3));
    }
}
