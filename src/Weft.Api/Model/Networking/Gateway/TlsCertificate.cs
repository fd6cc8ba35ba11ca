using Weft.Api.Binding;

namespace Weft.Api.Model.Networking;

/// <summary>One certificate and key of a server that offers two (RSA and ECDSA).</summary>
[WireNullsAreAbsent]
public sealed record TlsCertificate
{
    public string? ServerCertificate { get; init; }
    public string? PrivateKey { get; init; }
    public string? CaCertificates { get; init; }
}
