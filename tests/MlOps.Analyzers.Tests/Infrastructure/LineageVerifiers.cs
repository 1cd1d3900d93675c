using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.Testing;
using MlOps.Analyzers.Engine;

namespace MlOps.Analyzers.Tests.Infrastructure;

/// <summary>
/// <see cref="AnalyzerVerifier{TRule}"/> with the lineage source generator in the compilation: the lineage rules are
/// about code that uses the generated <c>Lineage</c> class, which only exists when the generator runs.
/// </summary>
public static class LineageAnalyzerVerifier<TRule>
    where TRule : Rule, new()
{
    public static DiagnosticResult Diagnostic(DiagnosticDescriptor descriptor) => AnalyzerVerifier<TRule>.Diagnostic(descriptor);

    public static Task VerifyAsync(string source, params DiagnosticResult[] expected)
    {
        var test = new Test { TestCode = source };
        test.ExpectedDiagnostics.AddRange(expected);
        return test.RunAsync(CancellationToken.None);
    }

    public sealed class Test : AnalyzerVerifier<TRule>.Test
    {
        public Test()
            : base(withLineageGenerator: true)
        {
        }
    }
}

/// <summary>
/// <see cref="CodeFixVerifier{TRule, TCodeFix}"/> with the lineage source generator in the compilation: fixes that
/// rewrite code to the generated <c>Lineage</c> members are checked to compile against what the generator emits.
/// </summary>
public static class LineageCodeFixVerifier<TRule, TCodeFix>
    where TRule : Rule, new()
    where TCodeFix : CodeFixProvider, new()
{
    public static DiagnosticResult Diagnostic(DiagnosticDescriptor descriptor) => CodeFixVerifier<TRule, TCodeFix>.Diagnostic(descriptor);

    public static Task VerifyAsync(string source, string fixedSource, params DiagnosticResult[] expected)
    {
        var test = new Test { TestCode = source, FixedCode = fixedSource };
        test.ExpectedDiagnostics.AddRange(expected);
        return test.RunAsync(CancellationToken.None);
    }

    public sealed class Test : CodeFixVerifier<TRule, TCodeFix>.Test
    {
        public Test()
            : base(withLineageGenerator: true)
        {
        }
    }
}
