using Weft.Api.Validation;

namespace Weft.Api.Analysis;

/// <summary>Runs the analyzers over a set of objects, after turning schema errors into IST0106 findings.</summary>
public static class AnalysisRunner
{
    /// <summary>Every analyzer a run includes by default, in a stable order.</summary>
    public static IReadOnlyList<IAnalyzer> All { get; } = AnalyzerCatalog.Create();

    /// <summary>Analyzers that run only when <see cref="AnalysisOptions.Only"/> names them.</summary>
    public static IReadOnlyList<IAnalyzer> OptIn { get; } = AnalyzerCatalog.CreateOptIn();

    public static IReadOnlyList<Finding> Run(IReadOnlyList<AnalysisInput> inputs, IEnumerable<Diagnostic>? schemaErrors = null, AnalysisOptions? options = null)
    {
        options ??= AnalysisOptions.Default;
        var findings = new List<Finding>();
        foreach (var d in schemaErrors ?? [])
            findings.Add(new Finding(Messages.SchemaValidationError, d.Origin ?? d.Source, Messages.SchemaValidationError.Format(d.Message), d.Source, d.At, d.Error.Path));
        var ctx = new AnalysisContext(inputs, options);
        var analyzers = options.Only is null ? All : All.Concat(OptIn).Where(a => options.Only.Contains(a.Name));
        foreach (var a in analyzers)
            a.Analyze(ctx);
        findings.AddRange(ctx.Findings);
        return findings;
    }
}
