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

namespace MlOps.Analyzers.Facts.Paths;

/// <summary>What one piece of a file path (or URL) is known to be.</summary>
internal enum PathPartKind
{
    /// <summary>Constant text (a literal, a <c>const</c>, a folded <c>static readonly</c>, ...).</summary>
    Text,

    /// <summary>A machine location that is the same on every run (current directory, base directory, temp folder).</summary>
    Location,

    /// <summary>A component that changes per version or run: a version / run id / revision symbol, a date, a Guid, a hash, a resolved <c>[ModelOutput]</c>.</summary>
    Versioned,

    /// <summary>
    /// A value known only at run time that is recognisably a name (a label, an algorithm, a dataset or model name, an enum
    /// value): the same on every run of the same configuration, so it does not version a path (<see cref="PathPart.OfSymbol"/>).
    /// </summary>
    Name,

    /// <summary>A declared dataset of the lineage (<c>DatasetDeclaration.Path</c>, e.g. <c>Lineage.Datasets.Train.Path</c>).</summary>
    Dataset,

    /// <summary>A stream that is not a file (a <c>MemoryStream</c>, ...): where it ends up is decided elsewhere.</summary>
    NonFileStream,

    /// <summary>A parameter of the enclosing method: judged at its call sites (<c>ParameterCallSites</c>).</summary>
    Parameter,

    /// <summary>
    /// A value the program receives from outside at run time: the command line, configuration, an environment variable
    /// (<see cref="RunTimeInputs"/>); the text says where from. Not a declared source, and not known to be fixed.
    /// </summary>
    RunTimeInput,

    /// <summary>
    /// A field, property or method declared in another file (<see cref="PathPart.Member"/>): its code can be read only at
    /// compilation end, where the path is evaluated again (<see cref="PathEvaluator.FollowOtherFiles"/>).
    /// </summary>
    Member,

    /// <summary>Anything the reasoning cannot see through (a method result, a mutable field, a lambda parameter, ...).</summary>
    Unknown,
}
