using Weft.Api.Kinds;

namespace Weft.Api.Model.Security;

/// <summary>The kinds of security.istio.io known to Weft (v1 preferred, v1beta1 still served, as in Istio's CRDs).</summary>
public static class SecurityKinds
{
    public const string Group = "security.istio.io";

    public static IEnumerable<KindInfo> All =>
    [
        KindInfo.Of<AuthorizationPolicy>(Group, "AuthorizationPolicy", "authorizationpolicies", ["v1", "v1beta1"], ["ap"]),
        KindInfo.Of<PeerAuthentication>(Group, "PeerAuthentication", "peerauthentications", ["v1", "v1beta1"], ["pa"]),
        KindInfo.Of<RequestAuthentication>(Group, "RequestAuthentication", "requestauthentications", ["v1", "v1beta1"], ["ra"]),
    ];
}
