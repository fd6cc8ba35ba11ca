namespace Weft.Api.Tests.Analysis;

/// <summary>
/// The cases of Istio's analyzer tests Weft deliberately does not support, each with the reason. A
/// whole analyzer is listed when what it checks does not exist in Weft.
/// </summary>
public static class UnsupportedAnalyzerCases
{
    // Key: Istio's analyzer name; every case of that analyzer is unsupported for the reason given.
    private static readonly Dictionary<string, string> ByAnalyzer = new(StringComparer.Ordinal)
    {
    };

    // Key: the case key ("NNN name"), for single cases of otherwise supported analyzers.
    private static readonly Dictionary<string, string> ByCase = new(StringComparer.Ordinal)
    {
    };

    public static string? Reason(AnalyzerCase c) =>
        ByCase.TryGetValue(c.Key, out var r) ? r : ByAnalyzer.GetValueOrDefault(c.Analyzer);
}
