namespace Weft.Api.Validation.Security;

/// <summary>
/// The attributes an AuthorizationPolicy <c>when</c> condition may test, as Istio supports them
/// (istio.io/docs/reference/config/security/conditions), and the form of each one's values.
/// </summary>
public static class ConditionKeys
{
    /// <summary>Keys compared to their values as written, with wildcards.</summary>
    public static readonly IReadOnlyList<string> Plain =
    [
        "source.ip", "remote.ip", "source.namespace", "source.principal", "source.serviceAccount", "source.trustDomain",
        "request.auth.principal", "request.auth.audiences", "request.auth.presenter",
        "destination.ip", "destination.port", "connection.sni",
    ];

    /// <summary>Keys that name a header, claim or filter-state entry in brackets: <c>request.headers[User-Agent]</c>.</summary>
    public static readonly IReadOnlyList<(string Prefix, string Form)> Bracketed =
    [
        ("request.headers", "request.headers[NAME]"),
        ("request.auth.claims", "request.auth.claims[NAME]"),
        ("experimental.envoy.filters.", "experimental.envoy.filters.FILTER[KEY]"),
    ];

    private const string Supported =
        "supported keys: request.headers[NAME], source.ip, remote.ip, source.namespace, source.principal, source.serviceAccount, " +
        "source.trustDomain, request.auth.principal, request.auth.audiences, request.auth.presenter, request.auth.claims[NAME], " +
        "destination.ip, destination.port, connection.sni, experimental.envoy.filters.*[KEY]";

    /// <summary>What is wrong with a key, or null when Istio supports it.</summary>
    public static string? KeyProblem(string key)
    {
        if (Plain.Contains(key, StringComparer.Ordinal))
            return null;
        foreach (var (prefix, form) in Bracketed)
            if (key.StartsWith(prefix, StringComparison.Ordinal))
                return IsBracketed(key) ? null : $"bad key: should have the form {form}";
        return key switch
        {
            "destination.namespace" => "destination.namespace is replaced by the policy's metadata.namespace",
            _ when key.StartsWith("destination.labels", StringComparison.Ordinal) => "destination.labels is replaced by the policy's selector",
            "destination.name" or "destination.user" => $"{key} was only supported by the removed v1alpha1 RBAC API",
            _ => "unknown attribute; " + Supported,
        };
    }

    /// <summary>The rule for one value of a key Istio supports (empty values are refused for every key).</summary>
    public static FieldError? Value(string key, string path, string value) => key switch
    {
        "source.ip" or "remote.ip" or "destination.ip" => AuthorizationValues.IpBlock(path, value),
        "destination.port" => AuthorizationValues.Port(path, value),
        "source.principal" => AuthorizationValues.Principal(path, value),
        "source.namespace" => AuthorizationValues.Namespace(path, value),
        "source.serviceAccount" => AuthorizationValues.ServiceAccount(path, value),
        _ => AuthorizationValues.NotEmpty(path, value),
    };

    // "a[b]": an opening bracket after the first character, a closing one at the end, a name between.
    private static bool IsBracketed(string key)
    {
        var open = key.IndexOf('[', StringComparison.Ordinal);
        return key.EndsWith(']') && open > 0 && open < key.Length - 2;
    }
}
