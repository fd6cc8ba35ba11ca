using System.Text.RegularExpressions;

namespace Weft.Api.Validation.Networking;

/// <summary>
/// Istio's rules for host names (pkg/config/validation/agent): FQDNs, names with a leading
/// wildcard label, <c>namespace/host</c> entries of Gateways and Sidecars, short names and partial
/// wildcards. Each check returns Istio's own reason, or null when the name is fine; the
/// <see cref="FieldError"/> overloads place that reason at a field.
/// </summary>
public static partial class HostRules
{
    /// <summary>A DNS label as Istio checks it: unlike Kubernetes' it allows upper case.</summary>
    public static bool IsDns1123Label(string? s) => s is { Length: > 0 and <= 63 } && Label().IsMatch(s);

    /// <summary>A label that may be <c>*</c> or start with <c>*</c> or <c>*-</c> (<c>*.example.com</c>, <c>*-dev.example.com</c>).</summary>
    public static bool IsWildcardDns1123Label(string? s) => s is { Length: > 0 and <= 63 } && WildcardLabel().IsMatch(s);

    /// <summary>A short name (<c>reviews</c>) rather than a fully qualified one; <c>*</c> is not short.</summary>
    public static bool IsShortName(string host) => host != "*" && !host.Contains('.', StringComparison.Ordinal);

    /// <summary>A fully qualified domain name (a single label is allowed; Istio calls every name an FQDN).</summary>
    public static string? CheckFqdn(string host) => CheckLength(host) ?? CheckLabels(host, host);

    /// <summary>An FQDN whose first label may be a wildcard.</summary>
    public static string? CheckWildcardDomain(string host)
    {
        if (CheckLength(host) is { } length)
            return length;
        var dot = host.IndexOf('.', StringComparison.Ordinal);
        var first = dot < 0 ? host : host[..dot];
        if (!IsWildcardDns1123Label(first))
            return $"domain name \"{host}\" invalid (label \"{first}\" invalid)";
        // The whole name is shown: Istio names only the part after the wildcard label, which hides where the label is.
        return dot < 0 ? null : CheckLabels(host[(dot + 1)..], host);
    }

    /// <summary>A wildcard anywhere but as the whole first label (<c>foo*.com</c>, <c>*foo.com</c>).</summary>
    public static string? CheckPartialWildcard(string host) =>
        host.Contains('*', StringComparison.Ordinal) && host.Length != 1 && !host.StartsWith("*.", StringComparison.Ordinal)
            ? $"partial wildcard \"{host}\" not allowed"
            : null;

    /// <summary>
    /// A Gateway server host or Sidecar egress host: <c>namespace/dnsName</c> where the namespace is
    /// <c>*</c>, <c>.</c>, a namespace name (or <c>~</c> in a Sidecar), and the name is an FQDN that
    /// may start with a wildcard (or <c>*</c>). A Gateway also accepts the old form without a
    /// namespace, and an IP address as the name.
    /// </summary>
    public static IReadOnlyList<string> CheckNamespaceSlashHost(string host, bool isGateway)
    {
        var reasons = new List<string>();
        var slash = host.IndexOf('/', StringComparison.Ordinal);
        if (slash < 0)
        {
            if (isGateway)
                AddHostnamePart(reasons, host, isGateway);
            else
                reasons.Add("host must be of form namespace/dnsName");
            return reasons;
        }
        var ns = host[..slash];
        var name = host[(slash + 1)..];
        if (ns.Length == 0 || name.Length == 0)
            reasons.Add("config namespace and dnsName in host entry cannot be empty");
        var specialNamespace = ns is "*" or "." || (!isGateway && ns == "~");
        if (!specialNamespace && !IsDns1123Label(ns))
            reasons.Add($"invalid namespace value \"{ns}\" in {(isGateway ? "gateway" : "sidecar")}");
        AddHostnamePart(reasons, name, isGateway);
        return reasons;
    }

    public static FieldError? Fqdn(string path, string host) =>
        CheckFqdn(host) is { } reason ? FieldError.Invalid(path, host, reason) : null;

    public static FieldError? WildcardDomain(string path, string host) =>
        CheckWildcardDomain(host) is { } reason ? FieldError.Invalid(path, host, reason) : null;

    public static IEnumerable<FieldError> NamespaceSlashHost(string path, string host, bool isGateway) =>
        CheckNamespaceSlashHost(host, isGateway).Select(reason => FieldError.Invalid(path, host, reason));

    private static void AddHostnamePart(List<string> reasons, string name, bool isGateway)
    {
        if (IsShortName(name))
            reasons.Add("short names (non FQDN) are not allowed");
        // A Gateway may name an IP address instead of a host.
        if (CheckWildcardDomain(name) is { } invalid && !(isGateway && AddressRules.IsIp(name)))
            reasons.Add(invalid);
        if (CheckPartialWildcard(name) is { } partial)
            reasons.Add(partial);
    }

    private static string? CheckLength(string host) =>
        host.Length > 255 ? $"domain name \"{host}\" too long (max 255)"
        : host.Length == 0 ? "empty domain name not allowed"
        : null;

    // Every label valid, the last one not all digits (that would be an IP address); a trailing dot is allowed.
    private static string? CheckLabels(string domain, string shown)
    {
        var labels = domain.Split('.');
        var top = labels[^1];
        if (top.Length > 0 && long.TryParse(top, System.Globalization.NumberStyles.AllowLeadingSign, System.Globalization.CultureInfo.InvariantCulture, out _))
            return $"domain name \"{shown}\" invalid (top level domain \"{top}\" cannot be all-numeric)";
        for (var i = 0; i < labels.Length; i++)
        {
            if (i == labels.Length - 1 && labels[i].Length == 0)
                return null;
            if (!IsDns1123Label(labels[i]))
                return $"domain name \"{shown}\" invalid (label \"{labels[i]}\" invalid)";
        }
        return null;
    }

    [GeneratedRegex("^[a-zA-Z0-9](?:[-a-zA-Z0-9]*[a-zA-Z0-9])?$", RegexOptions.CultureInvariant)]
    private static partial Regex Label();

    [GeneratedRegex(@"^(\*|(\*|\*-)?[a-zA-Z0-9](?:[-a-zA-Z0-9]*[a-zA-Z0-9])?)$", RegexOptions.CultureInvariant)]
    private static partial Regex WildcardLabel();
}
