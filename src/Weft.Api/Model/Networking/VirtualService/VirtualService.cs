using Weft.Api.Binding;
using Weft.Api.Model.Meta;

namespace Weft.Api.Model.Networking;

/// <summary>networking.istio.io VirtualService: how requests for some hosts are routed.</summary>
[WireNullsAreAbsent]
public sealed record VirtualService : SpecObject<VirtualServiceSpec>;

[WireNullsAreAbsent]
public sealed record VirtualServiceSpec
{
    /// <summary>The hosts the rules apply to; empty for a delegate VirtualService.</summary>
    public IReadOnlyList<string>? Hosts { get; init; }

    /// <summary>Gateways (<c>namespace/name</c>) and/or <c>mesh</c> the rules apply to; none means mesh.</summary>
    public IReadOnlyList<string>? Gateways { get; init; }

    public IReadOnlyList<HttpRoute>? Http { get; init; }
    public IReadOnlyList<TlsRoute>? Tls { get; init; }
    public IReadOnlyList<TcpRoute>? Tcp { get; init; }
    public IReadOnlyList<string>? ExportTo { get; init; }
}
