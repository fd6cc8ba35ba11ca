using System.Text.Json;
using Weft.Api.Analysis;
using Weft.Api.Loading;
using Weft.Api.Mesh;
using Weft.Api.Model.Mesh;
using Weft.Api.Validation;

namespace Weft.Api.Tests.Analysis;

/// <summary>One finding Istio expects: the message code and the object it is about.</summary>
public sealed record ExpectedFinding(string Code, string Origin)
{
    public override string ToString() => $"{Code} {Origin}";
}

/// <summary>
/// One case of Istio's analyzer tests (../shared/corpus/istio/analyzers/expected.json): the input
/// files, the analyzer under test, and the findings Istio reports. Names repeat, so a case is keyed
/// by its index as well.
/// </summary>
public sealed record AnalyzerCase(
    int Index,
    string Name,
    string Analyzer,
    IReadOnlyList<string> InputFiles,
    string? MeshConfigFile,
    string? MeshNetworksFile,
    IReadOnlyList<ExpectedFinding> Expected,
    bool MultiCluster)
{
    public string Key => $"{Index:D3} {Name}";

    public override string ToString() => Key;
}

/// <summary>What Weft reported for one case, and whether it is the same multiset as Istio's.</summary>
public sealed record AnalyzerOutcome(AnalyzerCase Case, IReadOnlyList<Finding> Findings, IReadOnlyList<string> LoadErrors)
{
    public IReadOnlyList<ExpectedFinding> Actual { get; } = Findings.Select(f => new ExpectedFinding(f.Code, f.Origin)).ToList();

    /// <summary>Expected findings Weft did not report (each duplicate counts).</summary>
    public IReadOnlyList<ExpectedFinding> Missing => Subtract(Case.Expected, Actual);

    /// <summary>Findings Weft reported that Istio does not.</summary>
    public IReadOnlyList<ExpectedFinding> Unexpected => Subtract(Actual, Case.Expected);

    public bool Matches => Missing.Count == 0 && Unexpected.Count == 0;

    private static List<ExpectedFinding> Subtract(IEnumerable<ExpectedFinding> from, IEnumerable<ExpectedFinding> remove)
    {
        var left = from.ToList();
        foreach (var r in remove)
            left.Remove(r);
        return left;
    }
}

/// <summary>Reads Istio's analyzer cases and runs the analyzer under test on each, as Istio's harness does.</summary>
public static class AnalyzerCorpus
{
    public const string Folder = "istio/analyzers";

    public static IReadOnlyList<AnalyzerCase> Cases(string folder)
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(Path.Combine(folder, "expected.json")));
        var cases = new List<AnalyzerCase>();
        var index = 0;
        foreach (var c in doc.RootElement.EnumerateArray())
        {
            cases.Add(new AnalyzerCase(
                index++,
                c.GetProperty("name").GetString()!,
                c.GetProperty("analyzer").GetString()!,
                c.GetProperty("inputFiles").EnumerateArray().Select(f => f.GetString()!).ToList(),
                c.TryGetProperty("meshConfigFile", out var mc) ? mc.GetString() : null,
                c.TryGetProperty("meshNetworksFile", out var mn) ? mn.GetString() : null,
                c.GetProperty("expected").EnumerateArray()
                    .Select(e => new ExpectedFinding(e.GetProperty("code").GetString()!, e.GetProperty("origin").GetString()!)).ToList(),
                c.TryGetProperty("multicluster", out var m) && m.GetBoolean()));
        }
        return cases;
    }

    /// <summary>
    /// Loads the case's inputs and the default resources Istio's harness adds (the ingress gateway pod
    /// and service in istio-system), then runs only the analyzer under test.
    /// </summary>
    public static AnalyzerOutcome Run(string folder, AnalyzerCase c)
    {
        var testdata = Path.Combine(folder, "testdata");
        var problems = new List<Diagnostic>();
        var options = AnalysisOptions.Default with { Only = [c.Analyzer] };
        if (c.MeshConfigFile is not null)
        {
            var mesh = MeshConfigLoader.LoadFile(Path.Combine(testdata, c.MeshConfigFile));
            problems.AddRange(mesh.Errors);
            options = options with { Mesh = mesh.Value ?? options.Mesh };
        }
        if (c.MeshNetworksFile is not null)
        {
            var networks = MeshNetworksLoader.LoadFile(Path.Combine(testdata, c.MeshNetworksFile));
            problems.AddRange(networks.Errors);
            options = options with { MeshNetworks = networks.Value };
        }
        var loads = c.InputFiles.Select(f => ManifestLoader.LoadFile(Path.Combine(testdata, f))).ToList();
        // Istio's harness adds the default ingress gateway unless the mesh turns ingress off.
        if (options.Mesh.IngressControllerMode != IngressControllerMode.Off)
            loads.Add(ManifestLoader.LoadFile(Path.Combine(folder, "default-resources.yaml")));
        var load = LoadResult.Combine(loads);
        problems.AddRange(load.Errors);
        var findings = AnalysisRunner.Run(load.Objects.Select(AnalysisInput.From).ToList(), options: options);
        return new AnalyzerOutcome(c, findings, problems.Select(e => e.ToString()).ToList());
    }
}
