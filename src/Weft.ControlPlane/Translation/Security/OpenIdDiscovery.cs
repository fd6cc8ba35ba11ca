namespace Weft.ControlPlane.Translation.Security;

/// <summary>
/// OpenID Connect discovery, as Istio uses it for a JWT rule without jwksUri: the issuer's
/// configuration document lives at <c>ISSUER/.well-known/openid-configuration</c> and its
/// <c>jwks_uri</c> names the key set.
/// </summary>
public static class OpenIdDiscovery
{
    public const string WellKnownPath = "/.well-known/openid-configuration";

    public static string ConfigurationUri(string issuer) => issuer.TrimEnd('/') + WellKnownPath;
}
