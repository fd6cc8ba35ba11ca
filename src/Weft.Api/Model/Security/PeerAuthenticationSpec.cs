using Weft.Api.Model.Istio;

namespace Weft.Api.Model.Security;

/// <summary>istio.security.v1beta1.PeerAuthentication.</summary>
public sealed record PeerAuthenticationSpec
{
    /// <summary>Absent: the namespace (or, in the root namespace, the mesh).</summary>
    public WorkloadSelector? Selector { get; init; }

    public PeerAuthenticationMutualTls? Mtls { get; init; }

    /// <summary>Per-port modes, keyed by port number written as a string (needs a selector with labels).</summary>
    public IReadOnlyDictionary<string, PeerAuthenticationMutualTls>? PortLevelMtls { get; init; }
}
