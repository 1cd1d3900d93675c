using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;

namespace MlOps.Analyzers.Benchmarks.Harness;

/// <summary>
/// What an analyzer asks the driver for: operation kinds, syntax kinds, symbol kinds and symbol-start scopes, recorded at
/// the compilation-start and symbol-start levels. Recorded by running the analyzer's own <c>Initialize</c> and its
/// compilation-start / symbol-start callbacks against recording contexts on the benchmark compilation.
/// </summary>
public sealed class Registrations
{
    // One entry per registration (a rule and a shared helper may both register for Invocation: two callbacks each time).
    public List<ImmutableArray<OperationKind>> OperationKinds { get; } = new();
    public List<ImmutableArray<SyntaxKind>> SyntaxKinds { get; } = new();
    public List<ImmutableArray<SymbolKind>> SymbolKinds { get; } = new();
    public Dictionary<SymbolKind, Registrations> SymbolStarts { get; } = new();
    public int SymbolEnds { get; set; }
    public bool SymbolEnd => SymbolEnds > 0;

    private int Size => OperationKinds.Sum(k => k.Length) + SyntaxKinds.Sum(k => k.Length) + SymbolKinds.Sum(k => k.Length) + SymbolEnds + (OperationBlock ? 1 : 0);
    public bool CompilationEnd { get; set; }
    public bool OperationBlock { get; set; }
    public bool SemanticModel { get; set; }
    public bool SyntaxTree { get; set; }
    public bool CompilationStart { get; set; }
    public Registrations? CompilationStartBody { get; set; }

    public override string ToString()
    {
        var parts = new List<string>();
        if (OperationKinds.Count > 0)
            parts.Add("ops " + string.Join(" + ", OperationKinds.Select(k => string.Join(",", k))));
        if (SyntaxKinds.Count > 0)
            parts.Add("syntax " + string.Join(" + ", SyntaxKinds.Select(k => string.Join(",", k))));
        if (SymbolKinds.Count > 0)
            parts.Add("symbols " + string.Join(" + ", SymbolKinds.Select(k => string.Join(",", k))));
        foreach (var (kind, body) in SymbolStarts)
            parts.Add($"symbol-start {kind} {{ {body}{(body.SymbolEnd ? $" end x{body.SymbolEnds}" : string.Empty)} }}");
        if (OperationBlock)
            parts.Add("operation-block");
        if (SemanticModel)
            parts.Add("semantic-model");
        if (SyntaxTree)
            parts.Add("syntax-tree");
        if (CompilationEnd)
            parts.Add("compilation-end");
        if (CompilationStartBody is { } start)
            parts.Add($"compilation-start {{ {start} }}");
        return string.Join("; ", parts);
    }

    /// <summary>Records what <paramref name="analyzer"/> registers on <paramref name="compilation"/> (symbol-start bodies on <paramref name="sampleSymbols"/>).</summary>
    public static Registrations Record(DiagnosticAnalyzer analyzer, Compilation compilation, IReadOnlyList<ISymbol> sampleSymbols)
    {
        var root = new Registrations();
        var context = new RecordingAnalysisContext(root, compilation, sampleSymbols);
        analyzer.Initialize(context);
        return root;
    }

    private sealed class RecordingAnalysisContext : AnalysisContext
    {
        private readonly Registrations _target;
        private readonly Compilation _compilation;
        private readonly IReadOnlyList<ISymbol> _samples;

        public RecordingAnalysisContext(Registrations target, Compilation compilation, IReadOnlyList<ISymbol> samples)
        {
            _target = target;
            _compilation = compilation;
            _samples = samples;
        }

        public override void EnableConcurrentExecution()
        {
        }

        public override void ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags analysisMode)
        {
        }

        public override void RegisterCompilationStartAction(Action<CompilationStartAnalysisContext> action)
        {
            _target.CompilationStart = true;
            var body = _target.CompilationStartBody ??= new Registrations();
            action(new RecordingCompilationStartContext(body, _compilation, _samples));
        }

        public override void RegisterCompilationAction(Action<CompilationAnalysisContext> action) => _target.CompilationEnd = true;

        public override void RegisterSemanticModelAction(Action<SemanticModelAnalysisContext> action) => _target.SemanticModel = true;

        public override void RegisterSymbolAction(Action<SymbolAnalysisContext> action, ImmutableArray<SymbolKind> symbolKinds) => Add(_target.SymbolKinds, symbolKinds);

        public override void RegisterCodeBlockStartAction<TLanguageKindEnum>(Action<CodeBlockStartAnalysisContext<TLanguageKindEnum>> action) => _target.OperationBlock = true;

        public override void RegisterCodeBlockAction(Action<CodeBlockAnalysisContext> action) => _target.OperationBlock = true;

        public override void RegisterSyntaxTreeAction(Action<SyntaxTreeAnalysisContext> action) => _target.SyntaxTree = true;

        public override void RegisterSyntaxNodeAction<TLanguageKindEnum>(Action<SyntaxNodeAnalysisContext> action, ImmutableArray<TLanguageKindEnum> syntaxKinds)
            => Add(_target.SyntaxKinds, syntaxKinds.Select(k => (SyntaxKind)(object)k!).ToImmutableArray());

        public override void RegisterOperationAction(Action<OperationAnalysisContext> action, ImmutableArray<OperationKind> operationKinds) => Add(_target.OperationKinds, operationKinds);

        public override void RegisterOperationBlockStartAction(Action<OperationBlockStartAnalysisContext> action) => _target.OperationBlock = true;

        public override void RegisterOperationBlockAction(Action<OperationBlockAnalysisContext> action) => _target.OperationBlock = true;

        public override void RegisterSymbolStartAction(Action<SymbolStartAnalysisContext> action, SymbolKind symbolKind)
            => RecordSymbolStart(_target, action, symbolKind, _compilation, _samples);
    }

    /// <summary>Adds one registration.</summary>
    private static void Add<T>(List<ImmutableArray<T>> list, ImmutableArray<T> kinds)
        => list.Add(kinds);

    private static void RecordSymbolStart(Registrations target, Action<SymbolStartAnalysisContext> action, SymbolKind symbolKind, Compilation compilation, IReadOnlyList<ISymbol> samples)
    {
        // The body may differ per symbol (a rule can register only for some types): keep the largest one seen.
        target.SymbolStarts.TryGetValue(symbolKind, out var largest);
        foreach (var symbol in samples.Where(s => s.Kind == symbolKind))
        {
            var body = new Registrations();
            action(new RecordingSymbolStartContext(body, symbol, compilation));
            if (largest is null || body.Size > largest.Size)
                largest = body;
        }

        target.SymbolStarts[symbolKind] = largest ?? new Registrations();
    }

    private sealed class RecordingCompilationStartContext : CompilationStartAnalysisContext
    {
        private readonly Registrations _target;
        private readonly IReadOnlyList<ISymbol> _samples;

        public RecordingCompilationStartContext(Registrations target, Compilation compilation, IReadOnlyList<ISymbol> samples)
            : base(compilation, new AnalyzerOptions(ImmutableArray<AdditionalText>.Empty), CancellationToken.None)
        {
            _target = target;
            _samples = samples;
        }

        public override void RegisterCompilationEndAction(Action<CompilationAnalysisContext> action) => _target.CompilationEnd = true;

        public override void RegisterSemanticModelAction(Action<SemanticModelAnalysisContext> action) => _target.SemanticModel = true;

        public override void RegisterSymbolAction(Action<SymbolAnalysisContext> action, ImmutableArray<SymbolKind> symbolKinds) => Add(_target.SymbolKinds, symbolKinds);

        public override void RegisterCodeBlockStartAction<TLanguageKindEnum>(Action<CodeBlockStartAnalysisContext<TLanguageKindEnum>> action) => _target.OperationBlock = true;

        public override void RegisterCodeBlockAction(Action<CodeBlockAnalysisContext> action) => _target.OperationBlock = true;

        public override void RegisterSyntaxTreeAction(Action<SyntaxTreeAnalysisContext> action) => _target.SyntaxTree = true;

        public override void RegisterSyntaxNodeAction<TLanguageKindEnum>(Action<SyntaxNodeAnalysisContext> action, ImmutableArray<TLanguageKindEnum> syntaxKinds)
            => Add(_target.SyntaxKinds, syntaxKinds.Select(k => (SyntaxKind)(object)k!).ToImmutableArray());

        public override void RegisterOperationAction(Action<OperationAnalysisContext> action, ImmutableArray<OperationKind> operationKinds) => Add(_target.OperationKinds, operationKinds);

        public override void RegisterOperationBlockStartAction(Action<OperationBlockStartAnalysisContext> action) => _target.OperationBlock = true;

        public override void RegisterOperationBlockAction(Action<OperationBlockAnalysisContext> action) => _target.OperationBlock = true;

        public override void RegisterSymbolStartAction(Action<SymbolStartAnalysisContext> action, SymbolKind symbolKind)
            => RecordSymbolStart(_target, action, symbolKind, Compilation, _samples);
    }

    private sealed class RecordingSymbolStartContext : SymbolStartAnalysisContext
    {
        private readonly Registrations _target;

        // The constructor is obsolete for hosts; here it only records what an analyzer registers, nothing runs.
#pragma warning disable CS0618
        public RecordingSymbolStartContext(Registrations target, ISymbol symbol, Compilation compilation)
            : base(symbol, compilation, new AnalyzerOptions(ImmutableArray<AdditionalText>.Empty), CancellationToken.None)
            => _target = target;
#pragma warning restore CS0618

        public override void RegisterSymbolEndAction(Action<SymbolAnalysisContext> action) => _target.SymbolEnds++;

        public override void RegisterCodeBlockStartAction<TLanguageKindEnum>(Action<CodeBlockStartAnalysisContext<TLanguageKindEnum>> action) => _target.OperationBlock = true;

        public override void RegisterCodeBlockAction(Action<CodeBlockAnalysisContext> action) => _target.OperationBlock = true;

        public override void RegisterSyntaxNodeAction<TLanguageKindEnum>(Action<SyntaxNodeAnalysisContext> action, ImmutableArray<TLanguageKindEnum> syntaxKinds)
            => Add(_target.SyntaxKinds, syntaxKinds.Select(k => (SyntaxKind)(object)k!).ToImmutableArray());

        public override void RegisterOperationBlockStartAction(Action<OperationBlockStartAnalysisContext> action) => _target.OperationBlock = true;

        public override void RegisterOperationBlockAction(Action<OperationBlockAnalysisContext> action) => _target.OperationBlock = true;

        public override void RegisterOperationAction(Action<OperationAnalysisContext> action, ImmutableArray<OperationKind> operationKinds) => Add(_target.OperationKinds, operationKinds);
    }
}

/// <summary>
/// The floor for one rule: a no-op analyzer with the same registration shape as the rule (compilation start, symbol start
/// and end, the same operation / syntax / symbol kinds) whose callbacks do nothing. What the rule costs above its floor
/// is the cost of its own logic; the floor is what any implementation subscribing to the same events pays.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class FloorAnalyzer : DiagnosticAnalyzer
{
    private static readonly DiagnosticDescriptor Never = new("FLOOR0001", "No-op floor", "Never reported", "Benchmark", DiagnosticSeverity.Warning, isEnabledByDefault: true);
    private readonly Registrations _shape;

    public FloorAnalyzer(string name, Registrations shape)
    {
        Name = name;
        _shape = shape;
    }

    public string Name { get; }

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(Never);

    public override void Initialize(AnalysisContext context)
    {
        context.EnableConcurrentExecution();
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        RegisterFlat(context, _shape);
        if (_shape.CompilationStartBody is { } body)
        {
            context.RegisterCompilationStartAction(start =>
            {
                foreach (var kinds in body.OperationKinds)
                    start.RegisterOperationAction(static _ => { }, kinds);
                foreach (var kinds in body.SyntaxKinds)
                    start.RegisterSyntaxNodeAction(static _ => { }, kinds);
                foreach (var kinds in body.SymbolKinds)
                    start.RegisterSymbolAction(static _ => { }, kinds);
                if (body.OperationBlock)
                    start.RegisterOperationBlockAction(static _ => { });
                if (body.SemanticModel)
                    start.RegisterSemanticModelAction(static _ => { });
                if (body.SyntaxTree)
                    start.RegisterSyntaxTreeAction(static _ => { });
                if (body.CompilationEnd)
                    start.RegisterCompilationEndAction(static _ => { });
                foreach (var (kind, symbolBody) in body.SymbolStarts)
                {
                    start.RegisterSymbolStartAction(symbolStart => RegisterSymbolBody(symbolStart, symbolBody), kind);
                }
            });
        }
    }

    private static void RegisterFlat(AnalysisContext context, Registrations shape)
    {
        foreach (var kinds in shape.OperationKinds)
            context.RegisterOperationAction(static _ => { }, kinds);
        foreach (var kinds in shape.SyntaxKinds)
            context.RegisterSyntaxNodeAction(static _ => { }, kinds);
        foreach (var kinds in shape.SymbolKinds)
            context.RegisterSymbolAction(static _ => { }, kinds);
        if (shape.OperationBlock)
            context.RegisterOperationBlockAction(static _ => { });
        if (shape.SemanticModel)
            context.RegisterSemanticModelAction(static _ => { });
        if (shape.SyntaxTree)
            context.RegisterSyntaxTreeAction(static _ => { });
        foreach (var (kind, symbolBody) in shape.SymbolStarts)
            context.RegisterSymbolStartAction(symbolStart => RegisterSymbolBody(symbolStart, symbolBody), kind);
    }

    private static void RegisterSymbolBody(SymbolStartAnalysisContext symbolStart, Registrations symbolBody)
    {
        foreach (var kinds in symbolBody.OperationKinds)
            symbolStart.RegisterOperationAction(static _ => { }, kinds);
        foreach (var kinds in symbolBody.SyntaxKinds)
            symbolStart.RegisterSyntaxNodeAction(static _ => { }, kinds);
        if (symbolBody.OperationBlock)
            symbolStart.RegisterOperationBlockAction(static _ => { });
        for (var i = 0; i < symbolBody.SymbolEnds; i++)
            symbolStart.RegisterSymbolEndAction(static _ => { });
    }
}
