using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Testing;

namespace MlOps.Analyzers.Tests.Infrastructure;

/// <summary>
/// <see cref="AnalyzerVerifier{TAnalyzer}"/> with the lineage source generator in the compilation: the lineage rules are
/// about code that uses the generated <c>Lineage</c> class, which only exists when the generator runs.
/// </summary>
public static class LineageAnalyzerVerifier<TAnalyzer>
    where TAnalyzer : DiagnosticAnalyzer, new()
{
    public static DiagnosticResult Diagnostic(DiagnosticDescriptor descriptor) => AnalyzerVerifier<TAnalyzer>.Diagnostic(descriptor);

    public static Task VerifyAsync(string source, params DiagnosticResult[] expected)
    {
        var test = new Test { TestCode = source };
        test.ExpectedDiagnostics.AddRange(expected);
        return test.RunAsync(CancellationToken.None);
    }

    public sealed class Test : AnalyzerVerifier<TAnalyzer>.Test
    {
        public Test()
            : base(withLineageGenerator: true)
        {
        }
    }
}

/// <summary>
/// <see cref="CodeFixVerifier{TAnalyzer, TCodeFix}"/> with the lineage source generator in the compilation: fixes that
/// rewrite code to the generated <c>Lineage</c> members are checked to compile against what the generator emits.
/// </summary>
public static class LineageCodeFixVerifier<TAnalyzer, TCodeFix>
    where TAnalyzer : DiagnosticAnalyzer, new()
    where TCodeFix : CodeFixProvider, new()
{
    public static DiagnosticResult Diagnostic(DiagnosticDescriptor descriptor) => CodeFixVerifier<TAnalyzer, TCodeFix>.Diagnostic(descriptor);

    public static Task VerifyAsync(string source, string fixedSource, params DiagnosticResult[] expected)
    {
        var test = new Test { TestCode = source, FixedCode = fixedSource };
        test.ExpectedDiagnostics.AddRange(expected);
        return test.RunAsync(CancellationToken.None);
    }

    public sealed class Test : CodeFixVerifier<TAnalyzer, TCodeFix>.Test
    {
        public Test()
            : base(withLineageGenerator: true)
        {
        }
    }
}
