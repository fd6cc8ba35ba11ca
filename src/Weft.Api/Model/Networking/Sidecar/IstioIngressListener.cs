using Weft.Api.Binding;

namespace Weft.Api.Model.Networking;

/// <summary>An inbound listener of a sidecar: a port and the workload endpoint it forwards to.</summary>
[WireNullsAreAbsent]
public sealed record IstioIngressListener
{
    public SidecarPort? Port { get; init; }
    public string? Bind { get; init; }
    public CaptureMode? CaptureMode { get; init; }
    public string? DefaultEndpoint { get; init; }
    public ServerTlsSettings? Tls { get; init; }
    public ConnectionPoolSettings? ConnectionPool { get; init; }
}
