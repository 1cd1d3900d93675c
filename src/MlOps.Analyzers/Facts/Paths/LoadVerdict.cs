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

/// <summary>The verdict on where data is loaded from.</summary>
internal enum LoadVerdict
{
    /// <summary>A declared dataset, or a file under a declared directory.</summary>
    Declared,

    /// <summary>A fully known path that no <c>[DatasetInput]</c> declares.</summary>
    Undeclared,

    /// <summary>Not fully known (a value the analysis cannot see): not reported, the rule cannot tell.</summary>
    Unknown,

    /// <summary>A value read from outside the program at run time (command line, configuration, environment): not a declared source.</summary>
    RunTimeInput,
}
