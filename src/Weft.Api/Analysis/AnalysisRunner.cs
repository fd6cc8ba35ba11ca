using Weft.Api.Validation;

namespace Weft.Api.Analysis;

/// <summary>Runs the analyzers over a set of objects, after turning schema errors into IST0106 findings.</summary>
public static class AnalysisRunner
{
    /// <summary>Every analyzer Weft has, in a stable order.</summary>
    public static IReadOnlyList<IAnalyzer> All { get; } = AnalyzerCatalog.Create();

    public static IReadOnlyList<Finding> Run(IReadOnlyList<AnalysisInput> inputs, IEnumerable<Diagnostic>? schemaErrors = null, AnalysisOptions? options = null)
    {
        options ??= AnalysisOptions.Default;
        var findings = new List<Finding>();
        foreach (var d in schemaErrors ?? [])
            findings.Add(new Finding(Messages.SchemaValidationError, d.Origin ?? d.Source, Messages.SchemaValidationError.Format(d.Message), d.Source, d.At, d.Error.Path));
        var ctx = new AnalysisContext(inputs, options);
        foreach (var a in All)
        {
            if (options.Only is not null && !options.Only.Contains(a.Name))
                continue;
            a.Analyze(ctx);
        }
        findings.AddRange(ctx.Findings);
        return findings;
    }
}
