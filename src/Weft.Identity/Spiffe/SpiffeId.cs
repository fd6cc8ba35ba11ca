using System.Diagnostics.CodeAnalysis;

namespace Weft.Identity.Spiffe;

/// <summary>
/// A workload identity as Istio writes it in the URI SAN of a certificate:
/// <c>spiffe://TRUST_DOMAIN/ns/NAMESPACE/sa/SERVICE_ACCOUNT</c>. Only this shape is a mesh
/// identity; any other SPIFFE path is refused, so a certificate cannot claim a workload by an
/// alias (<c>/ns/a/sa/b/extra</c>, <c>/ns/a/./sa/b</c>, percent-encoding, case tricks).
/// </summary>
public sealed record SpiffeId
{
    public const string Scheme = "spiffe://";

    /// <summary>SPIFFE's limit on a whole id, in bytes (ASCII here).</summary>
    public const int MaxLength = 2048;

    private SpiffeId(string trustDomain, string ns, string serviceAccount)
    {
        TrustDomain = trustDomain;
        Namespace = ns;
        ServiceAccount = serviceAccount;
    }

    public string TrustDomain { get; }

    public string Namespace { get; }

    public string ServiceAccount { get; }

    /// <summary>The id for a workload; every part checked (see <see cref="Check"/>).</summary>
    /// <exception cref="ArgumentException">A part is not valid; the message lists every problem.</exception>
    public static SpiffeId Create(string trustDomain, string ns, string serviceAccount)
    {
        var errors = Check(trustDomain, ns, serviceAccount);
        if (errors.Count > 0)
            throw new ArgumentException(string.Join("; ", errors));
        return new SpiffeId(trustDomain, ns, serviceAccount);
    }

    /// <summary>
    /// Every reason the parts do not make a workload identity: the trust domain's SPIFFE rules,
    /// a namespace that is a DNS-1123 label, a service account that is a DNS-1123 subdomain
    /// (Kubernetes' rules for those names, which Istio inherits).
    /// </summary>
    public static IReadOnlyList<string> Check(string? trustDomain, string? ns, string? serviceAccount)
    {
        var errors = new List<string>();
        if (Spiffe.TrustDomain.Check(trustDomain) is { } td)
            errors.Add(td);
        if (KubernetesNames.CheckLabel(ns) is { } n)
            errors.Add($"the namespace {n}");
        if (KubernetesNames.CheckSubdomain(serviceAccount) is { } sa)
            errors.Add($"the service account {sa}");
        return errors;
    }

    /// <exception cref="FormatException">The text is not a workload SPIFFE id; the message says why.</exception>
    public static SpiffeId Parse(string text) =>
        TryParse(text, out var id, out var error) ? id : throw new FormatException(error);

    public static bool TryParse(string? text, [NotNullWhen(true)] out SpiffeId? id, [NotNullWhen(false)] out string? error)
    {
        id = null;
        if (string.IsNullOrEmpty(text))
        {
            error = "the SPIFFE id is empty";
            return false;
        }
        var shown = text.Length > 120 ? text[..120] + "..." : text;
        if (text.Length > MaxLength)
        {
            error = $"\"{shown}\" is {text.Length} characters long; a SPIFFE id has at most {MaxLength}";
            return false;
        }
        if (!text.StartsWith(Scheme, StringComparison.Ordinal))
        {
            error = $"\"{shown}\" does not start with {Scheme} (the scheme is lowercase)";
            return false;
        }
        var rest = text.AsSpan(Scheme.Length);
        var slash = rest.IndexOf('/');
        var domain = (slash < 0 ? rest : rest[..slash]).ToString();
        if (Spiffe.TrustDomain.Check(domain) is { } tdError)
        {
            error = $"\"{shown}\": {tdError}";
            return false;
        }
        if (slash < 0)
        {
            error = $"\"{shown}\" names a trust domain but no workload; expected {Scheme}{domain}/ns/NAMESPACE/sa/SERVICE_ACCOUNT";
            return false;
        }
        var path = rest[slash..].ToString();
        var parts = path.Split('/');
        // "/ns/X/sa/Y" splits into "", "ns", X, "sa", Y.
        if (parts.Length != 5 || parts[1] != "ns" || parts[3] != "sa")
        {
            error = $"\"{shown}\" has the path \"{path}\"; a mesh identity's path is exactly /ns/NAMESPACE/sa/SERVICE_ACCOUNT";
            return false;
        }
        var errors = Check(domain, parts[2], parts[4]);
        if (errors.Count > 0)
        {
            error = $"\"{shown}\": {string.Join("; ", errors)}";
            return false;
        }
        id = new SpiffeId(domain, parts[2], parts[4]);
        error = null;
        return true;
    }

    public Uri ToUri() => new(ToString());

    public override string ToString() => $"{Scheme}{TrustDomain}/ns/{Namespace}/sa/{ServiceAccount}";
}
