using System.Net.Sockets;
using System.Text;

namespace Weft.Samples.Http;

/// <summary>
/// Every outbound call of a sample goes through here: one pooled HttpClient whose handler uses
/// .NET's default proxy settings, so <c>HTTP_PROXY</c>/<c>http_proxy</c> (the sidecar's
/// outbound port, under explicit interception) carries the call when set, and
/// <c>NO_PROXY</c> is honoured. Each call has its own timeout, as the demo apps have.
/// </summary>
public sealed class Downstream : IDisposable
{
    private readonly HttpClient _http;
    private readonly TimeProvider _time;

    public Downstream(TimeProvider time)
    {
        _time = time;
        _http = new HttpClient(new SocketsHttpHandler
        {
            // UseProxy with no Proxy set means HttpClient.DefaultProxy: the *_PROXY variables.
            UseProxy = true,
            // Endpoints move (a VM is replaced, a sidecar restarts): do not pin a connection forever.
            PooledConnectionLifetime = TimeSpan.FromMinutes(1),
            ConnectTimeout = TimeSpan.FromSeconds(5),
            AllowAutoRedirect = false,
        })
        { Timeout = Timeout.InfiniteTimeSpan };
    }

    public Task<DownstreamResponse> GetAsync(string url, Forwarded headers, TimeSpan timeout, CancellationToken ct) =>
        SendAsync(HttpMethod.Get, url, headers, null, timeout, ct);

    public async Task<DownstreamResponse> SendAsync(HttpMethod method, string url, Forwarded headers, string? jsonBody, TimeSpan timeout, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(method, url);
        foreach (var (name, value) in headers.Headers)
            request.Headers.TryAddWithoutValidation(name, value);
        if (jsonBody is not null)
            request.Content = new StringContent(jsonBody, Encoding.UTF8, "application/json");
        using var deadline = new CancellationTokenSource(timeout, _time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(ct, deadline.Token);
        try
        {
            using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseContentRead, linked.Token);
            var body = await response.Content.ReadAsStringAsync(linked.Token);
            var instance = response.Headers.TryGetValues(Hosting.Instance.HeaderName, out var v) ? string.Join(",", v) : null;
            return new DownstreamResponse(url, (int)response.StatusCode, body, null, instance);
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested && !ct.IsCancellationRequested)
        {
            return new DownstreamResponse(url, 0, "", $"no answer within {timeout.TotalSeconds:0.###} s");
        }
        catch (HttpRequestException e)
        {
            return new DownstreamResponse(url, 0, "", Explain(e));
        }
    }

    private static string Explain(HttpRequestException e) => e.InnerException switch
    {
        SocketException s => $"{s.SocketErrorCode}: {s.Message}",
        IOException io => $"connection failed: {io.Message}",
        _ => e.Message,
    };

    public void Dispose() => _http.Dispose();
}
