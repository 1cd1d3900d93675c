using System;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using MlOps.Analyzers.Infrastructure;

namespace MlOps.Analyzers.Hosting;

/// <summary>
/// How one type's operations reach the rules: for the operation actions the rules registered in a type's symbol-start
/// pass (in order, each with its kinds and the <see cref="ApiOwners"/> it calls into), the union of the kinds (what the
/// host registers with the driver) and, per kind, which registrations to call, in registration order. The rules register
/// the same actions for almost every type (a few only for <c>[TrainingPipeline]</c> types), so plans are made once per
/// compilation and shared by the types (<see cref="Cache"/>); a type only allocates the array of its own actions.
/// </summary>
internal sealed class OperationDispatchPlan
{
    private readonly Registration[] _registrations;
    private readonly Targets?[] _targetsByKind;

    private OperationDispatchPlan(Registration[] registrations)
    {
        _registrations = registrations;
        var union = ImmutableArray.CreateBuilder<OperationKind>();
        var maxKind = 0;
        foreach (var registration in registrations)
        {
            foreach (var kind in registration.Kinds)
            {
                if (!union.Contains(kind))
                    union.Add(kind);
                maxKind = Math.Max(maxKind, (int)kind);
            }
        }

        Kinds = union.ToImmutable();
        _targetsByKind = new Targets?[maxKind + 1];
        foreach (var kind in Kinds)
        {
            var indices = ImmutableArray.CreateBuilder<int>();
            var calling = ImmutableArray.CreateBuilder<ApiOwners>();
            for (var i = 0; i < registrations.Length; i++)
            {
                if (registrations[i].Kinds.Contains(kind))
                {
                    indices.Add(i);
                    calling.Add(registrations[i].Calling);
                }
            }

            var filtered = ApiOwnership.CallsMethod(kind) && calling.Any(owners => owners != ApiOwners.All);
            _targetsByKind[(int)kind] = new Targets(indices.ToArray(), calling.ToArray(), filtered);
        }
    }

    /// <summary>One operation action of a rule: the kinds it asked for and the code whose calls it wants.</summary>
    public readonly record struct Registration(ImmutableArray<OperationKind> Kinds, ApiOwners Calling);

    /// <summary>
    /// The registrations for one kind: their indices (into the type's actions) and what each calls into. When
    /// <see cref="Filtered"/>, the operation's callee is classified once and only the registrations that want it run.
    /// </summary>
    public sealed record Targets(int[] Indices, ApiOwners[] Calling, bool Filtered);

    /// <summary>Every kind some registration asked for, each once.</summary>
    public ImmutableArray<OperationKind> Kinds { get; }

    /// <summary>The registrations that asked for <paramref name="kind"/>, in registration order.</summary>
    public Targets? TargetsFor(OperationKind kind)
        => (uint)kind < (uint)_targetsByKind.Length ? _targetsByKind[(int)kind] : null;

    private bool Matches(Registration[] registrations, int count)
    {
        if (_registrations.Length != count)
            return false;
        for (var i = 0; i < count; i++)
        {
            var known = _registrations[i];
            var asked = registrations[i];
            // The rules pass static arrays, so the reference check decides almost always.
            if (known.Calling != asked.Calling || (known.Kinds != asked.Kinds && !known.Kinds.SequenceEqual(asked.Kinds)))
                return false;
        }

        return true;
    }

    /// <summary>The plans of one compilation: read without a lock (an array only ever replaced), added under one.</summary>
    internal sealed class Cache
    {
        private OperationDispatchPlan[] _plans = Array.Empty<OperationDispatchPlan>();

        public OperationDispatchPlan GetOrAdd(Registration[] registrations, int count)
        {
            if (Find(Volatile.Read(ref _plans), registrations, count) is { } known)
                return known;

            lock (this)
            {
                if (Find(_plans, registrations, count) is { } added)
                    return added;
                var key = new Registration[count];
                Array.Copy(registrations, key, count);
                var created = new OperationDispatchPlan(key);
                var plans = new OperationDispatchPlan[_plans.Length + 1];
                _plans.CopyTo(plans, 0);
                plans[_plans.Length] = created;
                Volatile.Write(ref _plans, plans);
                return created;
            }
        }

        private static OperationDispatchPlan? Find(OperationDispatchPlan[] plans, Registration[] registrations, int count)
        {
            foreach (var plan in plans)
            {
                if (plan.Matches(registrations, count))
                    return plan;
            }

            return null;
        }
    }
}
