using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Globalization;
using System.Linq;
using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;
using MlOps.Analyzers.Facts.Symbols;

namespace MlOps.Analyzers.Facts.Paths;

/// <summary>
/// The path reasoning shared by MLOPS010 (untracked data load), MLOPS011 (mutable download URL), MLOPS020
/// (unversioned model save) and MLOPS021: constant folding (literals, <c>const</c>, <c>static readonly</c> and
/// get-only properties with an initializer in the same file, <c>Path.Combine</c> / <c>Path.Join</c>,
/// interpolation, concatenation), following a local to its initializer (and its other simple assignments)
/// within the method, file streams to their path, and recognising the components that make a path versioned
/// (a version, run id, timestamp, hash or training-loop counter, decided by <see cref="PathPart.OfSymbol"/>; a
/// <c>DateTime</c> / <c>DateTimeOffset</c> / <c>Guid</c> value, a hash API, a <c>[ModelOutput]</c> template resolved with
/// <c>ModelOutputDeclaration.Resolve</c>), a name (<see cref="PathPartKind.Name"/>) or declared (<c>DatasetDeclaration.Path</c>). A call to a helper declared in the
/// same file (<c>GetAbsolutePath("../Data/train.csv")</c>, the idiom of the ML.NET samples) is evaluated through its
/// returns with the call's arguments (<see cref="PathEvaluation"/>); the application folder is recognised in its usual spellings
/// (<c>AppContext.BaseDirectory</c>, <c>Assembly.Location</c> through <c>FileInfo</c> / <c>Path.GetDirectoryName</c>). Other
/// parameters are left as <see cref="PathPartKind.Parameter"/> parts for <c>ParameterCallSites</c> to judge at the call sites.
/// Thread-safe: each evaluation carries its own state.
/// </summary>
internal sealed class PathEvaluator
{
    /// <summary>How deep an evaluation follows locals, members and helper calls.</summary>
    internal const int MaxDepth = 16;

    private readonly MlSymbols _symbols;

    public PathEvaluator(MlSymbols symbols) => _symbols = symbols;

    /// <summary>How the current directory reads in messages; also lets a relative declared path match it.</summary>
    public const string CurrentDirectory = "the current directory";

    /// <summary>How the folder of the program reads in messages.</summary>
    public const string ApplicationFolder = "the application folder";

    public MlSymbols Symbols => _symbols;

    private Compilation? _otherFiles;
    private readonly System.Collections.Concurrent.ConcurrentDictionary<SyntaxTree, SemanticModel> _models = new();

    /// <summary>
    /// From compilation end on, a field, property or method declared in another file is followed into that file's code
    /// (RULES.md: values are followed across the files of the compilation). Before it, such a value is a
    /// <see cref="PathPartKind.Member"/> part, and the rules judge the path again at compilation end.
    /// </summary>
    /// <remarks>
    /// An analyzer may bind another file only at compilation end (RS1030): all files have been analyzed then, and only
    /// the few paths that reach another file's member are evaluated again.
    /// </remarks>
    public void FollowOtherFiles(Compilation compilation) => _otherFiles = compilation;

    /// <summary>The semantic model of <paramref name="tree"/> once other files are followed (<see cref="FollowOtherFiles"/>), else null.</summary>
    internal SemanticModel? ModelOf(SyntaxTree tree)
    {
        if (_otherFiles is not { } compilation || !compilation.ContainsSyntaxTree(tree))
            return null;
#pragma warning disable RS1030 // Compilation end only (see FollowOtherFiles): one model per file, for the paths that reach it.
        return _models.GetOrAdd(tree, t => compilation.GetSemanticModel(t));
#pragma warning restore RS1030
    }

    /// <summary>The possible values of <paramref name="operation"/> (a path string, a <c>Uri</c>, or a stream / writer to save into).</summary>
    public PathValue Evaluate(IOperation? operation) => new PathEvaluation(this).Eval(operation, 0);
}
