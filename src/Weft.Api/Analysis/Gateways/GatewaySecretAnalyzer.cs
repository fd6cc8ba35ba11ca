using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using Weft.Api.Analysis.Support;
using Weft.Api.Model.Core;
using Weft.Api.Model.Networking;

namespace Weft.Api.Analysis.Gateways;

/// <summary>
/// A Gateway's <c>credentialName</c> names a Secret in the namespace of the workloads the gateway
/// selects (not the Gateway's own), holding a certificate and key (<c>tls.crt</c>/<c>tls.key</c>, or
/// <c>cert</c>/<c>key</c>) whose certificate parses and is valid now.
/// </summary>
public sealed class GatewaySecretAnalyzer : IAnalyzer
{
    public string Name => "gateway.SecretAnalyzer";

    public string Description => "Checks a gateway's referenced secrets for correctness";

    public IReadOnlyList<string> Inputs => ["Gateway", "Pod", "WorkloadEntry", "Secret"];

    public void Analyze(AnalysisContext ctx)
    {
        var now = ctx.Options.Clock.GetUtcNow();
        foreach (var (gw, input) in ctx.OfType<Gateway>())
        {
            var selector = gw.Spec?.Selector;
            // The credential is read where the gateway runs; assume its workloads share a namespace.
            var workload = ctx.Workloads.FirstOrDefault(w => LabelSelectors.Matches(selector, w.Labels));
            if (workload is null)
            {
                ctx.Report(Messages.ReferencedResourceNotFound, input, GatewaySelectors.Path(selector), "selector", LabelSelectors.Format(selector));
                continue;
            }
            var servers = gw.Spec?.Servers ?? [];
            for (var i = 0; i < servers.Count; i++)
            {
                var credential = servers[i].Tls?.CredentialName;
                if (string.IsNullOrEmpty(credential))
                    continue;
                var at = $"spec.servers[{i}].tls.credentialName";
                var name = ObjectName.Parse(workload.Namespace, credential);
                var secret = ctx.Find<Secret>(name.Namespace, name.Name);
                if (secret is null)
                    ctx.Report(Messages.ReferencedResourceNotFound, input, at, "credentialName", credential);
                else if (!HoldsValidCertificate(secret, now))
                    ctx.Report(Messages.InvalidGatewayCredential, input, at, gw.Name, workload.Namespace);
            }
        }
    }

    /// <summary>A certificate and key under the TLS secret keys or the generic ones, the certificate parsing and in date.</summary>
    internal static bool HoldsValidCertificate(Secret secret, DateTimeOffset now)
    {
        var (cert, key) = secret.Has(SecretTypes.TlsCertKey) && secret.Has(SecretTypes.TlsPrivateKeyKey)
            ? (secret.Value(SecretTypes.TlsCertKey), secret.Value(SecretTypes.TlsPrivateKeyKey))
            : secret.Has("cert") && secret.Has("key") ? (secret.Value("cert"), secret.Value("key")) : (null, null);
        if (cert is null || cert.Length == 0 || key is null || key.Length == 0)
            return false;
        var pem = Encoding.ASCII.GetString(cert).AsSpan();
        var found = 0;
        while (PemEncoding.TryFind(pem, out var fields))
        {
            if (pem[fields.Label] is "CERTIFICATE")
            {
                try
                {
                    using var c = X509CertificateLoader.LoadCertificate(Convert.FromBase64String(pem[fields.Base64Data].ToString()));
                    if (now < c.NotBefore.ToUniversalTime() || now > c.NotAfter.ToUniversalTime())
                        return false;
                }
                catch (Exception e) when (e is CryptographicException or FormatException)
                {
                    return false;
                }
                found++;
            }
            pem = pem[fields.Location.End..];
        }
        return found > 0;
    }
}
