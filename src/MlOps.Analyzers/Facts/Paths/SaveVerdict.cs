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

/// <summary>The verdict on where a model is saved.</summary>
internal enum SaveVerdict
{
    /// <summary>Every alternative is fixed: each run overwrites the same file.</summary>
    Fixed,

    /// <summary>Every alternative carries a version / run id / timestamp / hash component, or is not a file.</summary>
    Versioned,

    /// <summary>Anything else (unknown pieces, a mix): not reported.</summary>
    Unknown,
}
