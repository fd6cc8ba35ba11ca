namespace Weft.Proxy.Security.Authorization;

/// <summary>The outcome for one request: allowed or not, the policy that decided (Envoy's <c>rbac_access_denied_matched_policy[...]</c>), and whether an AUDIT policy matched.</summary>
public readonly record struct AuthorizationDecision(bool Allowed, string? Policy, bool Audited, bool NeedsCustom = false, string? Provider = null)
{
    public static readonly AuthorizationDecision AllowAll = new(true, null, false);

    /// <summary>Envoy's response code details for a denial.</summary>
    public string Details => Policy is null ? "rbac_access_denied_matched_policy[none]" : $"rbac_access_denied_matched_policy[{Policy}]";
}
