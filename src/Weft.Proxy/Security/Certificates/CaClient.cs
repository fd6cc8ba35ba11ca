using System.Net;
using System.Net.Security;
using System.Security.Authentication;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json.Nodes;
using Weft.Identity.Certificates;
using Weft.Identity.Csr;
using Weft.Identity.Protocol;
using Weft.Identity.Trust;

namespace Weft.Proxy.Security.Certificates;

/// <summary>
/// The proxy's side of the certificate endpoint (<see cref="CaProtocol"/>). It trusts the control
/// plane only through the mesh roots it holds and the name <c>weftd</c> in its certificate (never
/// the system's CAs), so a bootstrap token is never sent to anyone else. The key stays here: only
/// the CSR travels, and the answer is accepted only if it certifies that key for the identity
/// asked (<see cref="PendingCertificate.Complete"/>).
/// </summary>
public sealed class CaClient(Uri address, TimeProvider time)
{
    public static readonly TimeSpan RequestTimeout = TimeSpan.FromSeconds(30);

    public Uri Address { get; } = address;

    /// <summary>A first certificate, paid for with a bootstrap token.</summary>
    /// <exception cref="CaRefusedException">The control plane refused (the token or the CSR).</exception>
    /// <exception cref="IOException">The control plane cannot be reached or answered with something else than a certificate.</exception>
    public Task<WorkloadCertificate> BootstrapAsync(PendingCertificate pending, string token, TrustBundle roots, CancellationToken ct) =>
        RequestAsync(pending, token, null, roots, ct);

    /// <summary>A renewal, proving the identity with the current certificate over mutual TLS.</summary>
    /// <exception cref="CaRefusedException">The control plane refused (the certificate or the CSR).</exception>
    /// <exception cref="IOException">The control plane cannot be reached or answered with something else than a certificate.</exception>
    public Task<WorkloadCertificate> RenewAsync(PendingCertificate pending, WorkloadCertificate current, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(current);
        return RequestAsync(pending, null, current, current.TrustBundle, ct);
    }

    private async Task<WorkloadCertificate> RequestAsync(PendingCertificate pending, string? token, WorkloadCertificate? current, TrustBundle roots, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(pending);
        string? serverProblem = null;
        // One handler per request: the TLS session carries the certificate current now, not one pooled from before a rotation.
        using var handler = new SocketsHttpHandler
        {
            UseProxy = false,
            ConnectTimeout = TimeSpan.FromSeconds(10),
            PooledConnectionLifetime = TimeSpan.Zero,
            SslOptions = new SslClientAuthenticationOptions
            {
                EnabledSslProtocols = SslProtocols.Tls13,
                ClientCertificateContext = current?.Context,
                RemoteCertificateValidationCallback = (_, cert, chain, _) =>
                {
                    serverProblem = ServerProblem(cert, chain, roots);
                    return serverProblem is null;
                },
            },
        };
        using var http = new HttpClient(handler) { Timeout = RequestTimeout };
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(Address, CaProtocol.Path))
        {
            Content = new StringContent(new CertificateSigningMessage(pending.CsrPem, null).ToJson(), Encoding.UTF8, "application/json"),
        };
        if (token is not null)
            request.Headers.TryAddWithoutValidation("Authorization", $"{CaProtocol.BootstrapScheme} {token.Trim()}");
        HttpResponseMessage response;
        try
        {
            response = await http.SendAsync(request, ct);
        }
        catch (HttpRequestException e)
        {
            throw new IOException(serverProblem is not null
                ? $"the certificate endpoint {Address} is not the mesh's control plane: {serverProblem}"
                : $"cannot reach the certificate endpoint {Address}: {e.Message}", e);
        }
        catch (TaskCanceledException e) when (!ct.IsCancellationRequested)
        {
            throw new IOException($"the certificate endpoint {Address} did not answer within {RequestTimeout.TotalSeconds:0} s", e);
        }
        using (response)
        {
            var body = await response.Content.ReadAsStringAsync(ct);
            if (response.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden or HttpStatusCode.BadRequest)
                throw new CaRefusedException((int)response.StatusCode, $"the control plane refused: {StatusMessage(body)}");
            if (!response.IsSuccessStatusCode)
                throw new IOException($"the certificate endpoint {Address} answered {(int)response.StatusCode}: {StatusMessage(body)}");
            try
            {
                var answer = CertificateMessage.Parse(body);
                var bundle = TrustBundle.FromPem(roots.TrustDomain, answer.TrustBundle);
                return pending.Complete(Pem.ReadCertificates(answer.CertificateChain), bundle, time.GetUtcNow());
            }
            catch (Exception e) when (e is FormatException or CryptographicException or ArgumentException)
            {
                throw new IOException($"the certificate endpoint {Address} answered with an unusable certificate: {e.Message}", e);
            }
        }
    }

    /// <summary>Why the server's certificate is not weftd's under <paramref name="roots"/>, or null.</summary>
    private string? ServerProblem(X509Certificate? presented, X509Chain? chain, TrustBundle roots)
    {
        if (presented is null)
            return "it presented no certificate";
        using var cert = X509CertificateLoader.LoadCertificate(presented.GetRawCertData());
        var intermediates = chain?.ChainPolicy.ExtraStore.Cast<X509Certificate2>().ToList();
        if (roots.VerifyChain(cert, intermediates, time.GetUtcNow()) is { } error)
            return error;
        return SubjectAltNames.Of(cert).DnsNames.Contains(CaProtocol.ServerName, StringComparer.OrdinalIgnoreCase)
            ? null
            : $"its certificate, though signed by the mesh, does not name {CaProtocol.ServerName}";
    }

    private static string StatusMessage(string body)
    {
        try
        {
            if (JsonNode.Parse(body) is JsonObject o && (string?)o["message"] is { } m)
                return m;
        }
        catch (System.Text.Json.JsonException)
        {
        }
        return body.Length > 300 ? body[..300] : body;
    }
}
