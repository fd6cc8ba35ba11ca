namespace Weft.Integration.Tests.Gateways;

/// <summary>
/// One Gateway API conformance scenario: the suite's manifest (applied as it is, then deleted)
/// and the requests its upstream test sends with what each must get. The expectations restate
/// the upstream test's in data, since the corpus holds the manifests and not the Go tests.
/// </summary>
internal sealed record ConformanceScenario(string File, string Gateway, IReadOnlyList<ConformanceRequest> Requests)
{
    public string Name => Path.GetFileNameWithoutExtension(File);
}

/// <summary>A request through the gateway and what it must get; null expectations are not checked.</summary>
internal sealed record ConformanceRequest(string Path)
{
    public string? Host { get; init; }
    public string Method { get; init; } = "GET";
    public IReadOnlyDictionary<string, string> Headers { get; init; } = new Dictionary<string, string>();
    public int Status { get; init; } = 200;
    /// <summary>The backend that must answer (its name), for a 200.</summary>
    public string? Backend { get; init; }
    /// <summary>For a redirect: the whole Location.</summary>
    public string? Location { get; init; }
    /// <summary>The request line's path the backend must receive (rewrites).</summary>
    public string? BackendPath { get; init; }
    /// <summary>The Host the backend must receive (host rewrites).</summary>
    public string? BackendHost { get; init; }
    /// <summary>Headers the backend must receive, each value as one header line or a comma-joined one.</summary>
    public IReadOnlyDictionary<string, string> BackendHeaders { get; init; } = new Dictionary<string, string>();
    /// <summary>Headers the backend must not receive.</summary>
    public IReadOnlyList<string> BackendAbsent { get; init; } = [];
    /// <summary>Response headers the client must get.</summary>
    public IReadOnlyDictionary<string, string> ResponseHeaders { get; init; } = new Dictionary<string, string>();
    /// <summary>A backend that must get a copy (mirrors).</summary>
    public string? MirroredTo { get; init; }

    public override string ToString() => $"{Method} {Host ?? "(gateway address)"}{Path}";
}
