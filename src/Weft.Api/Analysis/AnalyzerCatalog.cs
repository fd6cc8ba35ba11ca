namespace Weft.Api.Analysis;

/// <summary>The list of analyzers, one line each.</summary>
internal static class AnalyzerCatalog
{
    public static IReadOnlyList<IAnalyzer> Create() =>
    [
    ];
}
