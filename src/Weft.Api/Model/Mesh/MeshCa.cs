using Weft.Api.Binding;
using Weft.Api.Model.Networking;

namespace Weft.Api.Model.Mesh;

/// <summary>MeshConfig.CA: an external CA implementing Istio's CA gRPC API.</summary>
[WireNullsAreAbsent]
public sealed record MeshCa
{
    /// <summary>HOST:PORT of the CA.</summary>
    public string? Address { get; init; }
    public ClientTlsSettings? TlsSettings { get; init; }

    /// <summary>How long a forwarded CSR may take (10s).</summary>
    public Duration? RequestTimeout { get; init; }

    /// <summary>Whether istiod (true) or the agent talks to the CA.</summary>
    public bool? IstiodSide { get; init; }
}
