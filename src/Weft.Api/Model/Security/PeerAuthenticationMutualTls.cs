namespace Weft.Api.Model.Security;

/// <summary>PeerAuthentication.MutualTLS.</summary>
public sealed record PeerAuthenticationMutualTls
{
    /// <summary>Absent or UNSET inherits from the parent scope (namespace, then mesh, then PERMISSIVE).</summary>
    public MutualTlsMode? Mode { get; init; }
}
