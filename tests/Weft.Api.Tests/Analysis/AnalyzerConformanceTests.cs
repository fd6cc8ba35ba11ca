using Weft.Testing;

namespace Weft.Api.Tests.Analysis;

/// <summary>
/// Istio's own analyzer tests (pkg/config/analysis/analyzers): for every case, Weft's analyzer of the
/// same name reports exactly the multiset of (code, origin) Istio reports. Cases Weft deliberately
/// does not support are listed, with the reason, in <see cref="UnsupportedAnalyzerCases"/>.
/// </summary>
public class AnalyzerConformanceTests(ITestOutputHelper output)
{
    private const string NoCorpus = "corpus absent";

    /// <summary>One row per case, keyed by index and name (names repeat).</summary>
    public static TheoryData<string> Cases()
    {
        var corpus = Repo.Corpus;
        var folder = corpus is null ? null : Path.Combine(corpus, AnalyzerCorpus.Folder);
        if (folder is null || !File.Exists(Path.Combine(folder, "expected.json")))
            return [NoCorpus];
        return [.. AnalyzerCorpus.Cases(folder).Select(c => c.Key)];
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Each_case_reports_the_findings_Istio_reports(string key)
    {
        var folder = Repo.RequireCorpus(AnalyzerCorpus.Folder);
        Assert.SkipWhen(key == NoCorpus, "the analyzer corpus is absent");
        var c = AnalyzerCorpus.Cases(folder).Single(x => x.Key == key);
        if (UnsupportedAnalyzerCases.Reason(c) is { } reason)
            Assert.Skip($"not supported by Weft: {reason}");

        var outcome = AnalyzerCorpus.Run(folder, c);
        foreach (var e in outcome.LoadErrors)
            output.WriteLine("load: " + e);
        foreach (var f in outcome.Findings)
            output.WriteLine(f.ToString());

        outcome.Missing.Should().BeEmpty($"Istio reports these for {c.Analyzer} on {string.Join(", ", c.InputFiles)}");
        outcome.Unexpected.Should().BeEmpty("Istio does not report these");
    }

    [Fact]
    public void The_analyzer_conformance_figure_is_reported()
    {
        var folder = Repo.RequireCorpus(AnalyzerCorpus.Folder);
        var cases = AnalyzerCorpus.Cases(folder);
        var applicable = cases.Where(c => UnsupportedAnalyzerCases.Reason(c) is null).ToList();
        var outcomes = applicable.Select(c => AnalyzerCorpus.Run(folder, c)).ToList();
        var matched = outcomes.Count(o => o.Matches);
        foreach (var o in outcomes.Where(o => !o.Matches))
            output.WriteLine($"FAIL {o.Case.Key} ({o.Case.Analyzer}): missing [{string.Join(", ", o.Missing)}] unexpected [{string.Join(", ", o.Unexpected)}]");
        foreach (var c in cases.Except(applicable))
            output.WriteLine($"skip {c.Key} ({c.Analyzer}): {UnsupportedAnalyzerCases.Reason(c)}");

        var figure = $"{matched} / {applicable.Count} applicable analyzer cases match Istio exactly ({cases.Count - applicable.Count} of {cases.Count} not supported, see UnsupportedAnalyzerCases)";
        output.WriteLine(figure);
        File.WriteAllText(Path.Combine(TestOutput.Dir, "analyzer-conformance.txt"), figure + "\n");
        applicable.Should().NotBeEmpty();
    }
}
