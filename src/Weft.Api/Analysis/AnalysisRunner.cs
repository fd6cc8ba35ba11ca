using Weft.Api.Validation;

namespace Weft.Api.Analysis;

/// <summary>Runs the analyzers over a set of objects, after turning schema errors into IST0106 findings.</summary>
public static class AnalysisRunner
{
    /// <summary>Every analyzer a run includes by default, in a stable order.</summary>
    public static IReadOnlyList<IAnalyzer> All { get; } = AnalyzerCatalog.Create();

    /// <summary>Analyzers that run only when <see cref="AnalysisOptions.Only"/> names them.</summary>
    public static IReadOnlyList<IAnalyzer> OptIn { get; } = AnalyzerCatalog.CreateOptIn();

    public static IReadOnlyList<Finding> Run(IReadOnlyList<AnalysisInput> inputs, IEnumerable<Diagnostic>? schemaErrors = null, AnalysisOptions? options = null) =>
        Run(inputs, schemaErrors, options, analyzers: null);

    /// <summary>Runs the given analyzers (the catalogue's when null); a test seam for analyzers that fail.</summary>
    internal static IReadOnlyList<Finding> Run(IReadOnlyList<AnalysisInput> inputs, IEnumerable<Diagnostic>? schemaErrors, AnalysisOptions? options,
        IReadOnlyList<IAnalyzer>? analyzers)
    {
        options ??= AnalysisOptions.Default;
        var findings = new List<Finding>();
        foreach (var d in schemaErrors ?? [])
            findings.Add(new Finding(Messages.SchemaValidationError, d.Origin ?? d.Source, Messages.SchemaValidationError.Format(d.Message), d.Source, d.At, d.Error.Path));
        var ctx = new AnalysisContext(inputs, options);
        var selected = analyzers ?? (options.Only is null ? All : All.Concat(OptIn).Where(a => options.Only.Contains(a.Name)).ToList());
        foreach (var a in selected)
        {
            try
            {
                a.Analyze(ctx);
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                // One broken analyzer must not hide what the others found; its failure is a finding itself.
                findings.Add(new Finding(Messages.InternalError, a.Name,
                    Messages.InternalError.Format($"analyzer {a.Name} failed: {ex.GetType().Name}: {ex.Message}")));
            }
        }
        findings.AddRange(ctx.Findings);
        return findings;
    }
}
