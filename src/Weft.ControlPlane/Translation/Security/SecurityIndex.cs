using System.Collections.Immutable;
using Weft.Api.Model.Mesh;
using Weft.Api.Model.Security;
using Weft.ControlPlane.Config;

namespace Weft.ControlPlane.Translation.Security;

/// <summary>
/// The security config of one revision, indexed once per push (as Istio's AuthorizationPolicies
/// and PeerAuthentication indexes): policies by namespace, oldest first, RequestAuthentications
/// with the JWKS fetcher, plus the mesh's path normalization. <see cref="SecurityBuilder"/> picks a proxy's share.
/// </summary>
public sealed class SecurityIndex
{
    public static readonly SecurityIndex Empty = new([], [], null);

    private SecurityIndex(ImmutableArray<PeerAuthentication> peerAuthentications, ImmutableArray<AuthorizationPolicy> authorizationPolicies, PathNormalizationType? pathNormalization)
    {
        PeerAuthentications = peerAuthentications;
        AuthorizationPolicies = authorizationPolicies;
        PathNormalization = pathNormalization;
    }

    public ImmutableArray<PeerAuthentication> PeerAuthentications { get; }

    public ImmutableArray<AuthorizationPolicy> AuthorizationPolicies { get; }

    public PathNormalizationType? PathNormalization { get; }

    /// <summary>RequestAuthentications, oldest first.</summary>
    public ImmutableArray<RequestAuthentication> RequestAuthentications { get; private init; } = [];

    /// <summary>Every jwksUri the stored RequestAuthentications name (rules without inline keys), or their issuer's OpenID configuration when they name none: what the fetcher must keep fresh.</summary>
    public IEnumerable<string> JwksUris =>
        RequestAuthentications.SelectMany(ra => ra.Spec?.JwtRules ?? []).Where(r => r.Jwks is null && (r.EffectiveJwksUri is not null || !string.IsNullOrEmpty(r.Issuer)))
            .Select(r => r.EffectiveJwksUri ?? OpenIdDiscovery.ConfigurationUri(r.Issuer!));

    /// <summary>Where the keys of jwksUris come from (weftd's fetcher).</summary>
    public IJwksSource Jwks { get; private init; } = NoJwksSource.Instance;

    public static SecurityIndex Build(ConfigSnapshot config, MeshConfig mesh, IJwksSource? jwks = null) => new(
        [.. Oldest(config.OfType<PeerAuthentication>())],
        [.. Oldest(config.OfType<AuthorizationPolicy>())],
        mesh.PathNormalization?.Normalization)
    {
        RequestAuthentications = [.. Oldest(config.OfType<RequestAuthentication>())],
        Jwks = jwks ?? NoJwksSource.Instance,
    };

    private static IEnumerable<T> Oldest<T>(IEnumerable<T> objects) where T : Api.Model.Meta.KubeObject =>
        objects.OrderBy(o => o.Metadata.CreationTimestamp ?? "", StringComparer.Ordinal)
            .ThenBy(o => o.Namespace, StringComparer.Ordinal).ThenBy(o => o.Name, StringComparer.Ordinal);
}
