using Weft.Testing;

namespace Weft.Api.Tests.Conformance;

/// <summary>
/// Istio's own validation pairs (pkg/config/validation/testdata/crds): every valid document is
/// accepted and every invalid one is refused for the reason Istio gives. Cases Weft deliberately
/// does not support are listed in <see cref="ValidationCorpusExceptions"/> with the reason.
/// </summary>
public class ValidationCorpusTests(ITestOutputHelper output)
{
    public static TheoryData<string> Files() =>
    [
        "authz", "destinationrule", "envoyfilter", "peerauth", "proxyconfig", "reqauth", "serviceentry",
        "telemetry", "wasm", "workloadentry", "workloadgroup",
    ];

    [Theory]
    [MemberData(nameof(Files))]
    public void Valid_documents_are_accepted(string kind) => Check($"{kind}-valid.yaml");

    [Theory]
    [MemberData(nameof(Files))]
    public void Invalid_documents_are_refused_for_the_expected_reason(string kind) => Check($"{kind}-invalid.yaml");

    private void Check(string file)
    {
        var path = Repo.RequireCorpus(Path.Combine("istio/validation/crds", file));
        var failures = new List<string>();
        var cases = ValidationCorpus.Cases(path);
        foreach (var c in cases)
        {
            var outcome = ValidationCorpus.Run(c);
            var excused = ValidationCorpusExceptions.Reason(c);
            output.WriteLine($"{(outcome.Matches ? "ok  " : excused is null ? "FAIL" : "skip")} {c}: expected {(c.ExpectedError is null ? "accepted" : $"\"{c.ExpectedError}\"")}; got {(outcome.Errors.Count == 0 ? "accepted" : string.Join(" | ", outcome.Errors))}");
            if (!outcome.Matches && excused is null)
                failures.Add($"{c}: expected {(c.ExpectedError is null ? "no error" : $"an error containing \"{c.ExpectedError}\"")}, got [{string.Join(" | ", outcome.Errors)}]");
        }
        failures.Should().BeEmpty();
    }

    [Fact]
    public void The_conformance_figure_is_reported()
    {
        var dir = Repo.RequireCorpus("istio/validation/crds");
        var all = Directory.GetFiles(dir, "*.yaml").Order(StringComparer.Ordinal).SelectMany(ValidationCorpus.Cases).ToList();
        var matched = all.Select(ValidationCorpus.Run).Count(o => o.Matches);
        var excused = all.Count(c => ValidationCorpusExceptions.Reason(c) is not null);
        output.WriteLine($"Istio validation corpus: {matched} of {all.Count} documents match ({excused} excused, see ValidationCorpusExceptions)");
        File.WriteAllText(Path.Combine(TestOutput.Dir, "validation-corpus.txt"), $"{matched}/{all.Count} matched, {excused} excused\n");
        all.Should().NotBeEmpty();
    }
}

/// <summary>Cases of Istio's validation corpus Weft does not follow, each with the reason.</summary>
public static class ValidationCorpusExceptions
{
    // Key: "file.yaml#index" (1-based document index among the real documents of that file).
    private static readonly Dictionary<string, string> Excused = new(StringComparer.Ordinal)
    {
    };

    public static string? Reason(ValidationCase c) =>
        Excused.TryGetValue($"{Path.GetFileName(c.File)}#{c.Index}", out var r) ? r : null;
}
