using System.Collections.Generic;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace MlOps.Analyzers.Facts.Training;

/// <summary>
/// Which members of one type use which: RULES.md's "it prepares data for such code in the same type" (a field the trainer
/// reads, a method the trainer calls, the constructor that fills that field). Read from the members' syntax by name, so it
/// works where no semantic model of the code is at hand (at compilation end, for a type written over several files): a
/// name counts when it stands alone (<c>Prepare(rows)</c>, <c>_rng</c>) or after <c>this.</c>, <c>base.</c> or the
/// type's own name, never after another object (<c>row.Label</c> is not the type's <c>Label</c>).
/// </summary>
internal sealed class MemberUses
{
    private readonly INamedTypeSymbol _type;
    private readonly Dictionary<ISymbol, HashSet<string>> _mentions = new(SymbolEqualityComparer.Default);
    private readonly Dictionary<string, List<ISymbol>> _writers = new();

    private MemberUses(INamedTypeSymbol type) => _type = type;

    /// <summary>Reads the members of <paramref name="type"/> written in source.</summary>
    public static MemberUses Of(INamedTypeSymbol type, CancellationToken cancellationToken)
    {
        var uses = new MemberUses(type);
        foreach (var member in type.GetMembers())
        {
            if (member is INamedTypeSymbol)
                continue; // a nested type is judged on its own
            var mentions = new HashSet<string>();
            foreach (var reference in member.DeclaringSyntaxReferences)
                uses.Read(member, reference.GetSyntax(cancellationToken), mentions);
            uses._mentions[member] = mentions;
        }

        return uses;
    }

    /// <summary>
    /// <paramref name="roots"/> (the members that train or build training data) and every member they use, directly or
    /// through other members; a member that writes a field or property one of them reads; a member that calls a root
    /// (it hands the trainer its rows).
    /// </summary>
    public HashSet<ISymbol> Closure(IEnumerable<ISymbol> roots)
    {
        var closure = new HashSet<ISymbol>(SymbolEqualityComparer.Default);
        var pending = new Stack<ISymbol>();
        void Add(ISymbol member)
        {
            if (closure.Add(member))
                pending.Push(member);
        }

        var rootNames = new HashSet<string>();
        foreach (var root in roots)
        {
            Add(root);
            rootNames.Add(NameOf(root));
        }

        foreach (var pair in _mentions)
        {
            if (pair.Value.Overlaps(rootNames))
                Add(pair.Key);
        }

        while (pending.Count > 0)
        {
            var member = pending.Pop();
            if (!_mentions.TryGetValue(member, out var mentions))
                continue;
            foreach (var name in mentions)
            {
                foreach (var used in _type.GetMembers(name))
                {
                    if (used is INamedTypeSymbol)
                        continue;
                    Add(used);
                    if (used is IPropertySymbol property)
                    {
                        if (property.GetMethod is { } getter)
                            Add(getter);
                        if (property.SetMethod is { } setter)
                            Add(setter);
                    }
                }

                if (_writers.TryGetValue(name, out var writers))
                {
                    foreach (var writer in writers)
                        Add(writer);
                }
            }
        }

        return closure;
    }

    /// <summary>The name code uses for a member: an accessor is used by its property's name.</summary>
    private static string NameOf(ISymbol member) => member is IMethodSymbol { AssociatedSymbol: { } property } ? property.Name : member.Name;

    private void Read(ISymbol member, SyntaxNode syntax, HashSet<string> mentions)
    {
        foreach (var node in syntax.DescendantNodesAndSelf())
        {
            switch (node)
            {
                case SimpleNameSyntax name when IsOwnMember(name):
                    mentions.Add(name.Identifier.ValueText);
                    break;
                // An object initializer's `Label = x` sets the created object's member, not this type's.
                case AssignmentExpressionSyntax assignment when assignment.Parent is not InitializerExpressionSyntax && Written(assignment.Left) is { } written:
                    if (!_writers.TryGetValue(written, out var writers))
                        _writers[written] = writers = new List<ISymbol>();
                    writers.Add(member);
                    break;
            }
        }
    }

    private bool IsOwnMember(SimpleNameSyntax name) => name.Parent switch
    {
        MemberAccessExpressionSyntax access when access.Name == name => IsOwnReceiver(access.Expression),
        MemberBindingExpressionSyntax => false,
        QualifiedNameSyntax qualified when qualified.Right == name => false,
        _ => true,
    };

    private bool IsOwnReceiver(ExpressionSyntax receiver) => receiver switch
    {
        ThisExpressionSyntax or BaseExpressionSyntax => true,
        IdentifierNameSyntax identifier => identifier.Identifier.ValueText == _type.Name,
        _ => false,
    };

    /// <summary>The member name an assignment writes (<c>_rows = ...</c>, <c>this._rows = ...</c>, <c>_rows[i] = ...</c>).</summary>
    private string? Written(ExpressionSyntax target) => target switch
    {
        IdentifierNameSyntax identifier => identifier.Identifier.ValueText,
        MemberAccessExpressionSyntax access when IsOwnReceiver(access.Expression) => access.Name.Identifier.ValueText,
        ElementAccessExpressionSyntax element => Written(element.Expression),
        ParenthesizedExpressionSyntax parenthesized => Written(parenthesized.Expression),
        _ => null,
    };
}
