using Weft.Api.Binding;

namespace Weft.Api.Model.Networking;

/// <summary>An outbound listener of a sidecar (or, without a port, the catch-all) and the <c>namespace/host</c>s it can reach.</summary>
[WireNullsAreAbsent]
public sealed record IstioEgressListener
{
    public SidecarPort? Port { get; init; }
    public string? Bind { get; init; }
    public CaptureMode? CaptureMode { get; init; }
    public IReadOnlyList<string>? Hosts { get; init; }
}
