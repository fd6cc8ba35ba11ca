using Weft.Api.Analysis;
using Weft.Api.Loading;

namespace Weft.Api.Tests.Analysis;

/// <summary>Runs one analyzer over YAML written in a test: YAML in, findings out.</summary>
public static class AnalyzerKit
{
    /// <summary>The findings of the analyzer named <paramref name="analyzer"/> (Istio's name) over the documents.</summary>
    public static IReadOnlyList<Finding> Analyze(string analyzer, string yaml, AnalysisOptions? options = null)
    {
        var load = ManifestLoader.Load(yaml, "test.yaml");
        load.Errors.Select(e => e.ToString()).Should().BeEmpty("the test's YAML must load");
        options = (options ?? AnalysisOptions.Default) with { Only = [analyzer] };
        return AnalysisRunner.Run(load.Objects.Select(AnalysisInput.From).ToList(), options: options);
    }

    /// <summary>Each finding as "CODE Origin: message", the form the tests compare.</summary>
    public static IReadOnlyList<string> Lines(this IEnumerable<Finding> findings) =>
        findings.Select(f => $"{f.Code} {f.Origin}: {f.Message}").ToList();
}
