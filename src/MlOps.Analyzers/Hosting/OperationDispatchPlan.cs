using System;
using System.Collections.Immutable;
using System.Threading;
using Microsoft.CodeAnalysis;

namespace MlOps.Analyzers.Hosting;

/// <summary>
/// How one type's operations reach the rules: for the operation kinds the rules registered in a type's symbol-start
/// pass (in order), the union of the kinds (what the host registers with the driver) and, per kind, which registrations
/// to call, in registration order. The rules register the same kinds for almost every type (a few only for
/// <c>[TrainingPipeline]</c> types), so plans are made once per compilation and shared by the types
/// (<see cref="Cache"/>); a type only allocates the array of its own actions.
/// </summary>
internal sealed class OperationDispatchPlan
{
    private readonly ImmutableArray<OperationKind>[] _registeredKinds;
    private readonly int[]?[] _registrationsByKind;

    private OperationDispatchPlan(ImmutableArray<OperationKind>[] registeredKinds)
    {
        _registeredKinds = registeredKinds;
        var union = ImmutableArray.CreateBuilder<OperationKind>();
        var maxKind = 0;
        foreach (var kinds in registeredKinds)
        {
            foreach (var kind in kinds)
            {
                if (!union.Contains(kind))
                    union.Add(kind);
                maxKind = Math.Max(maxKind, (int)kind);
            }
        }

        Kinds = union.ToImmutable();
        _registrationsByKind = new int[]?[maxKind + 1];
        foreach (var kind in Kinds)
        {
            var indices = ImmutableArray.CreateBuilder<int>();
            for (var i = 0; i < registeredKinds.Length; i++)
            {
                if (registeredKinds[i].Contains(kind))
                    indices.Add(i);
            }

            _registrationsByKind[(int)kind] = indices.ToArray();
        }
    }

    /// <summary>Every kind some registration asked for, each once.</summary>
    public ImmutableArray<OperationKind> Kinds { get; }

    /// <summary>The registrations (indices into the type's actions) that asked for <paramref name="kind"/>, in registration order.</summary>
    public int[]? RegistrationsFor(OperationKind kind)
        => (uint)kind < (uint)_registrationsByKind.Length ? _registrationsByKind[(int)kind] : null;

    private bool Matches(ImmutableArray<OperationKind>[] registeredKinds, int count)
    {
        if (_registeredKinds.Length != count)
            return false;
        for (var i = 0; i < count; i++)
        {
            // The rules pass static arrays, so the reference check decides almost always.
            if (_registeredKinds[i] != registeredKinds[i] && !SameKinds(_registeredKinds[i], registeredKinds[i]))
                return false;
        }

        return true;
    }

    private static bool SameKinds(ImmutableArray<OperationKind> left, ImmutableArray<OperationKind> right)
    {
        if (left.Length != right.Length)
            return false;
        for (var i = 0; i < left.Length; i++)
        {
            if (left[i] != right[i])
                return false;
        }

        return true;
    }

    /// <summary>The plans of one compilation: read without a lock (an array only ever replaced), added under one.</summary>
    internal sealed class Cache
    {
        private OperationDispatchPlan[] _plans = Array.Empty<OperationDispatchPlan>();

        public OperationDispatchPlan GetOrAdd(ImmutableArray<OperationKind>[] registeredKinds, int count)
        {
            if (Find(Volatile.Read(ref _plans), registeredKinds, count) is { } known)
                return known;

            lock (this)
            {
                if (Find(_plans, registeredKinds, count) is { } added)
                    return added;
                var key = new ImmutableArray<OperationKind>[count];
                Array.Copy(registeredKinds, key, count);
                var created = new OperationDispatchPlan(key);
                var plans = new OperationDispatchPlan[_plans.Length + 1];
                _plans.CopyTo(plans, 0);
                plans[_plans.Length] = created;
                Volatile.Write(ref _plans, plans);
                return created;
            }
        }

        private static OperationDispatchPlan? Find(OperationDispatchPlan[] plans, ImmutableArray<OperationKind>[] registeredKinds, int count)
        {
            foreach (var plan in plans)
            {
                if (plan.Matches(registeredKinds, count))
                    return plan;
            }

            return null;
        }
    }
}
