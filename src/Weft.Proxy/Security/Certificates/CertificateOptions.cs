using Weft.Identity.Spiffe;

namespace Weft.Proxy.Security.Certificates;

/// <summary>
/// How the proxy gets its workload certificate: the control plane's certificate endpoint, the
/// roots to trust it by on the first connection, and a one-time bootstrap token (needed only
/// until a certificate is saved in the data directory; after that the proxy renews with it).
/// </summary>
public sealed record CertificateOptions
{
    /// <summary>The flags these options come from, for weft-proxy's parser.</summary>
    public static readonly string[] Flags = ["--ca-address", "--bootstrap-token", "--token-file", "--ca-root-file", "--trust-domain"];

    public const string Usage = """
          --ca-address URL          the control plane's certificate endpoint (e.g. https://10.0.0.5:15013)
          --token-file PATH         a bootstrap token from 'weft workload token create' (first start only)
          --bootstrap-token TOKEN   the same on the command line (visible to other users in ps: prefer --token-file)
          --ca-root-file PATH       the mesh's root certificate(s), PEM, to trust the control plane by on the
                                    first connection (later ones use the roots saved in --data-dir)
          --trust-domain NAME       the mesh's trust domain (default cluster.local)
        """;

    public required Uri CaAddress { get; init; }

    public string? BootstrapToken { get; init; }

    public string? TokenFile { get; init; }

    public string? RootFile { get; init; }

    public string TrustDomain { get; init; } = Identity.Spiffe.TrustDomain.Default;

    /// <summary>Reads the certificate flags among weft-proxy's; null when --ca-address is absent (no certificate wanted).</summary>
    public static CertificateOptions? Parse(IReadOnlyDictionary<string, string> values, ICollection<string> errors)
    {
        ArgumentNullException.ThrowIfNull(values);
        ArgumentNullException.ThrowIfNull(errors);
        var td = values.GetValueOrDefault("--trust-domain") ?? Identity.Spiffe.TrustDomain.Default;
        if (Identity.Spiffe.TrustDomain.Check(td) is { } tdError)
            errors.Add($"cannot use '{td}' for option '--trust-domain': {tdError}");
        if (!values.TryGetValue("--ca-address", out var address))
        {
            foreach (var flag in Flags.Where(f => f != "--trust-domain" && values.ContainsKey(f)))
                errors.Add($"option '{flag}' needs '--ca-address' (where to exchange it for a certificate)");
            return null;
        }
        if (!Uri.TryCreate(address, UriKind.Absolute, out var uri) || uri.Scheme != Uri.UriSchemeHttps)
        {
            errors.Add($"cannot parse '{address}' for option '--ca-address': expected an https URL such as https://127.0.0.1:15013");
            return null;
        }
        if (values.ContainsKey("--bootstrap-token") && values.ContainsKey("--token-file"))
            errors.Add("options '--bootstrap-token' and '--token-file' give the token twice; use one");
        if (values.TryGetValue("--token-file", out var tokenFile) && !File.Exists(tokenFile))
            errors.Add($"cannot read '{tokenFile}' for option '--token-file': the file does not exist");
        if (values.TryGetValue("--ca-root-file", out var rootFile) && !File.Exists(rootFile))
            errors.Add($"cannot read '{rootFile}' for option '--ca-root-file': the file does not exist");
        return new CertificateOptions
        {
            CaAddress = uri,
            BootstrapToken = values.GetValueOrDefault("--bootstrap-token"),
            TokenFile = tokenFile is null ? null : Path.GetFullPath(tokenFile),
            RootFile = rootFile is null ? null : Path.GetFullPath(rootFile),
            TrustDomain = td,
        };
    }

    /// <summary>The identity the proxy asks for: its namespace and service account in the trust domain.</summary>
    public SpiffeId IdentityFor(string ns, string serviceAccount) => SpiffeId.Create(TrustDomain, ns, serviceAccount);
}
