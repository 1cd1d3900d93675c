using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp.Testing;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Testing;
using MlOps.Analyzers.Lineage;

namespace MlOps.Analyzers.Tests.Infrastructure;

/// <summary>
/// Like <see cref="CodeFixVerifier{TAnalyzer, TCodeFix}"/>, with the lineage source generator in the compilation: fixes
/// that rewrite code to the generated <c>Lineage</c> members are checked to compile against what the generator emits.
/// </summary>
public static class LineageCodeFixVerifier<TAnalyzer, TCodeFix>
    where TAnalyzer : DiagnosticAnalyzer, new()
    where TCodeFix : CodeFixProvider, new()
{
    public static DiagnosticResult Diagnostic(Microsoft.CodeAnalysis.DiagnosticDescriptor descriptor)
        => CSharpCodeFixVerifier<TAnalyzer, TCodeFix, DefaultVerifier>.Diagnostic(descriptor);

    public static Task VerifyAsync(string source, string fixedSource, params DiagnosticResult[] expected)
    {
        var test = new Test { TestCode = source, FixedCode = fixedSource };
        test.ExpectedDiagnostics.AddRange(expected);
        return test.RunAsync(CancellationToken.None);
    }

    public sealed class Test : CSharpCodeFixTest<TAnalyzer, TCodeFix, DefaultVerifier>
    {
        public Test()
        {
            SolutionTransforms.Add(TestSetup.UseLatestLanguage);
            // The generator's own output is tested in tests/.../Lineage; here it only has to make the fixed code compile.
            TestBehaviors |= TestBehaviors.SkipGeneratedSourcesCheck;
        }

        protected override IEnumerable<Type> GetSourceGenerators() => new[] { typeof(LineageGenerator) };

        protected override Task RunImplAsync(CancellationToken cancellationToken)
        {
            TestSetup.Configure(TestState, editorConfig: null);
            return base.RunImplAsync(cancellationToken);
        }
    }
}
