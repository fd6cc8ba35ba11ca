namespace Weft.Api.Validation.Security;

/// <summary>The semantic validators of security.istio.io.</summary>
public static class SecurityValidation
{
    public static IEnumerable<IKindValidator> All =>
    [
        new AuthorizationPolicyValidator(),
        new PeerAuthenticationValidator(),
        new RequestAuthenticationValidator(),
    ];
}
