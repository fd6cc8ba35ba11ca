using Weft.Api.Binding;

namespace Weft.Api.Model.Mesh;

/// <summary>MeshConfig.CertificateData: an extra trust anchor, as PEM or as a SPIFFE bundle URL (one of them).</summary>
[WireNullsAreAbsent]
public sealed record CertificateData
{
    public string? Pem { get; init; }
    public string? SpiffeBundleUrl { get; init; }

    /// <summary>The Kubernetes signers this anchor is used for; absent means all.</summary>
    public IReadOnlyList<string>? CertSigners { get; init; }

    /// <summary>The trust domains this anchor is used for; absent means the mesh's and its aliases.</summary>
    public IReadOnlyList<string>? TrustDomains { get; init; }
}
