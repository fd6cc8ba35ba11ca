using System.Net;
using Weft.Discovery.Security;

namespace Weft.Proxy.Security.Secrets;

/// <summary>
/// Fetches one Secret from the control plane's secret endpoint over the push stream's own HTTP/2
/// client (the same TLS connection, where the workload certificate says who asks). On a
/// plaintext (development) address the proxy names its namespace in a header instead.
/// </summary>
public static class SecretClient
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    public static Func<string, CancellationToken, Task<TlsSecret>> Over(HttpMessageInvoker http, Uri controlPlane, string nodeNamespace) => async (name, ct) =>
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(Timeout);
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(controlPlane, SecretProtocol.PathOf(name)))
        {
            Version = HttpVersion.Version20,
            VersionPolicy = HttpVersionPolicy.RequestVersionExact,
        };
        if (controlPlane.Scheme == Uri.UriSchemeHttp)
            request.Headers.Add(SecretProtocol.NamespaceHeader, nodeNamespace);
        using var response = await http.SendAsync(request, timeout.Token);
        if (response.StatusCode != HttpStatusCode.OK)
        {
            var why = await response.Content.ReadAsStringAsync(timeout.Token);
            throw new HttpRequestException($"the control plane answered {(int)response.StatusCode} for secret {name}: {why}", null, response.StatusCode);
        }
        await using var body = await response.Content.ReadAsStreamAsync(timeout.Token);
        return await System.Text.Json.JsonSerializer.DeserializeAsync(body, SecretJsonContext.Default.TlsSecret, timeout.Token)
            ?? throw new IOException($"the control plane answered no secret for {name}");
    };
}
