namespace Weft.ControlPlane.Translation.Security;

/// <summary>
/// Where translation finds the keys of a jwksUri (weftd's fetcher, Security/JwksResolver): it
/// answers from its cache at once and fetches what it has not seen in the background, then asks
/// for a push. Istio's istiod inlines the keys the same way so proxies never fetch them.
/// </summary>
public interface IJwksSource
{
    /// <param name="uri">The jwksUri of a JWT rule.</param>
    /// <param name="timeout">The rule's fetch timeout.</param>
    JwksLookup Lookup(string uri, TimeSpan timeout);

    /// <summary>
    /// The keys of an issuer that names no jwksUri, found as Istio finds them: its OpenID
    /// configuration (<see cref="OpenIdDiscovery.ConfigurationUri"/>) names the <c>jwks_uri</c>.
    /// </summary>
    JwksLookup LookupIssuer(string issuer, TimeSpan timeout) => new(null, "weftd does not discover JWKS here");
}

/// <summary>The cached key set (null before the first good fetch) and why the last fetch failed, if it did.</summary>
public readonly record struct JwksLookup(string? Jwks, string? Error);

/// <summary>No fetcher (tests, the gateway status writer): every jwksUri is unknown.</summary>
public sealed class NoJwksSource : IJwksSource
{
    public static readonly NoJwksSource Instance = new();

    public JwksLookup Lookup(string uri, TimeSpan timeout) => new(null, "weftd does not fetch JWKS here");
}
