using Weft.Api.Model.Mesh;
using Weft.Api.Validation;
using Weft.Api.Validation.Core;
using Weft.Api.Validation.Networking;

namespace Weft.Api.Mesh;

/// <summary>
/// A mesh config after defaults, as Istio's ValidateMeshConfig checks it (ports, timeouts, the
/// proxy defaults, locality load balancing, service settings, trust domains, TLS, extension
/// providers), plus what Istio documents but leaves to failures at run time: default providers
/// that name a provider, export defaults, discovery selectors, trust anchors.
/// </summary>
public static class MeshConfigValidator
{
    private static readonly TimeSpan ConnectTimeoutMax = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Every problem of <paramref name="mesh"/> (the document with defaults applied). Lists that
    /// defaults are merged into are checked as the user wrote them (<paramref name="written"/>), so
    /// an index in an error is the index in the user's file.
    /// </summary>
    public static IReadOnlyList<FieldError> Validate(MeshConfig mesh, MeshConfig? written = null)
    {
        written ??= mesh;
        var errors = new List<FieldError>();
        void Add(FieldError? e)
        {
            if (e is not null)
                errors.Add(e);
        }
        Add(mesh.ProxyListenPort is { } listen ? Rules.Port("proxyListenPort", listen) : null);
        Add(mesh.ProxyInboundListenPort is { } inbound ? Rules.Port("proxyInboundListenPort", inbound) : null);
        Add(mesh.ProxyHttpPort is { } http and not 0 ? Rules.Port("proxyHttpPort", http) : null);
        Add(DurationChecks.Positive("connectTimeout", mesh.ConnectTimeout, ConnectTimeoutMax));
        Add(DurationChecks.ZeroOrPositive("protocolDetectionTimeout", mesh.ProtocolDetectionTimeout));
        Add(DurationChecks.Positive("dnsRefreshRate", mesh.DnsRefreshRate));
        errors.AddRange(ProxyConfigRules.Validate("defaultConfig", mesh.DefaultConfig));
        errors.AddRange(TrustDomains(mesh, written));
        Add(mesh.RootNamespace is { } root ? Rules.Dns1123Label("rootNamespace", root) : null);
        errors.AddRange(ExportTo("defaultServiceExportTo", mesh.DefaultServiceExportTo, allowNone: true));
        errors.AddRange(ExportTo("defaultVirtualServiceExportTo", mesh.DefaultVirtualServiceExportTo, allowNone: false));
        errors.AddRange(ExportTo("defaultDestinationRuleExportTo", mesh.DefaultDestinationRuleExportTo, allowNone: false));
        var networking = new ErrorList();
        LocalityLbRules.Check(networking, "localityLbSetting", mesh.LocalityLbSetting);
        HttpRetryRules.Check(networking, "defaultHttpRetryPolicy", mesh.DefaultHttpRetryPolicy);
        if (mesh.Ca is { } ca)
            ClientTlsRules.Check(networking, "ca.tlsSettings", ca.TlsSettings, "");
        for (var i = 0; i < (mesh.ConfigSources?.Count ?? 0); i++)
            ClientTlsRules.Check(networking, FieldPath.Child(FieldPath.Index("configSources", i), "tlsSettings"), mesh.ConfigSources![i].TlsSettings, "");
        errors.AddRange(networking.Items);
        errors.AddRange(ServiceSettings(mesh.ServiceSettings));
        errors.AddRange(ExtensionProviderRules.Validate("extensionProviders", written.ExtensionProviders));
        errors.AddRange(DefaultProviders(mesh));
        if (mesh.MeshMtls?.EcdhCurves is not null)
            errors.Add(FieldError.Forbidden("meshMTLS.ecdhCurves", "mesh TLS does not support ECDH curves configuration"));
        errors.AddRange(CaCertificates(mesh.CaCertificates));
        if (mesh.Ca is { } meshCa)
        {
            if (string.IsNullOrEmpty(meshCa.Address))
                errors.Add(FieldError.Required("ca.address", "the external CA's HOST:PORT"));
            Add(DurationChecks.Positive("ca.requestTimeout", meshCa.RequestTimeout));
        }
        for (var i = 0; i < (mesh.ConfigSources?.Count ?? 0); i++)
            if (string.IsNullOrEmpty(mesh.ConfigSources![i].Address))
                errors.Add(FieldError.Required(FieldPath.Child(FieldPath.Index("configSources", i), "address")));
        for (var i = 0; i < (mesh.DiscoverySelectors?.Count ?? 0); i++)
            errors.AddRange(LabelSelectorRules.Validate(FieldPath.Index("discoverySelectors", i), mesh.DiscoverySelectors![i]));
        return errors;
    }

    /// <summary>
    /// A SPIFFE trust domain: dot-separated DNS labels (a trailing dot is allowed), as Istio's
    /// ValidateTrustDomain checks it (its labels may be upper case).
    /// </summary>
    public static string? TrustDomainProblem(string domain)
    {
        if (domain.Length == 0)
            return "empty domain name not allowed";
        var parts = domain.Split('.');
        for (var i = 0; i < parts.Length; i++)
        {
            if (i == parts.Length - 1 && parts[i].Length == 0 && i > 0)
                return null;
            if (!HostRules.IsDns1123Label(parts[i]))
                return $"trust domain name \"{domain}\" invalid: \"{parts[i]}\" is not a DNS label";
        }
        return null;
    }

    private static IEnumerable<FieldError> TrustDomains(MeshConfig mesh, MeshConfig written)
    {
        if (mesh.TrustDomain is { } td && TrustDomainProblem(td) is { } problem)
            yield return FieldError.Invalid("trustDomain", td, problem);
        var aliases = written.TrustDomainAliases ?? [];
        for (var i = 0; i < aliases.Count; i++)
            if (TrustDomainProblem(aliases[i]) is { } aliasProblem)
                yield return FieldError.Invalid(FieldPath.Index("trustDomainAliases", i), aliases[i], aliasProblem);
    }

    private static IEnumerable<FieldError> ExportTo(string path, IReadOnlyList<string>? entries, bool allowNone)
    {
        for (var i = 0; i < (entries?.Count ?? 0); i++)
        {
            var e = entries![i];
            if (e is "*" or "." || (allowNone && e == "~"))
                continue;
            if (!Rules.IsDns1123Label(e))
                yield return FieldError.Invalid(FieldPath.Index(path, i), e,
                    allowNone ? "must be \"*\", \".\", \"~\" or a namespace name" : "must be \"*\", \".\" or a namespace name");
        }
    }

    private static IEnumerable<FieldError> ServiceSettings(IReadOnlyList<ServiceSettings>? settings)
    {
        for (var i = 0; i < (settings?.Count ?? 0); i++)
        {
            var hosts = settings![i].Hosts ?? [];
            for (var j = 0; j < hosts.Count; j++)
                if (HostRules.WildcardDomain(FieldPath.Index(FieldPath.Child(FieldPath.Index("serviceSettings", i), "hosts"), j), hosts[j]) is { } e)
                    yield return e;
        }
    }

    // The defaults must name providers the mesh defines, or telemetry silently goes nowhere.
    private static IEnumerable<FieldError> DefaultProviders(MeshConfig mesh)
    {
        if (mesh.DefaultProviders is not { } defaults)
            yield break;
        var known = (mesh.ExtensionProviders ?? []).Select(p => p.Name).OfType<string>().ToHashSet(StringComparer.Ordinal);
        foreach (var (field, names) in new[] { ("tracing", defaults.Tracing), ("metrics", defaults.Metrics), ("accessLogging", defaults.AccessLogging) })
        {
            for (var i = 0; i < (names?.Count ?? 0); i++)
            {
                if (!known.Contains(names![i]))
                    yield return FieldError.NotSupported(FieldPath.Index(FieldPath.Child("defaultProviders", field), i), names[i],
                        known.Order(StringComparer.Ordinal));
            }
        }
    }

    private static IEnumerable<FieldError> CaCertificates(IReadOnlyList<CertificateData>? certificates)
    {
        for (var i = 0; i < (certificates?.Count ?? 0); i++)
        {
            var c = certificates![i];
            var at = FieldPath.Index("caCertificates", i);
            if (c.Pem is not null && c.SpiffeBundleUrl is not null)
                yield return FieldError.InvalidNoValue(at, "set pem or spiffeBundleUrl, not both");
            else if (string.IsNullOrEmpty(c.Pem) && string.IsNullOrEmpty(c.SpiffeBundleUrl))
                yield return FieldError.Required(at, "a trust anchor is a pem or a spiffeBundleUrl");
            else if (c.Pem is { } pem && !pem.Contains("-----BEGIN CERTIFICATE-----", StringComparison.Ordinal))
                yield return FieldError.InvalidNoValue(FieldPath.Child(at, "pem"), "not a PEM certificate (no BEGIN CERTIFICATE block)");
        }
    }
}
