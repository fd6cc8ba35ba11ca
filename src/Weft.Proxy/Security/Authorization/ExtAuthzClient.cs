using System.Net;
using Weft.Discovery.Clusters;
using Weft.Discovery.Security;
using Weft.Proxy.Forwarding;
using Weft.Proxy.Pipeline;

namespace Weft.Proxy.Security.Authorization;

/// <summary>
/// The check a CUSTOM policy delegates to an HTTP ext_authz service, as Envoy's ext_authz filter:
/// the request's method, path (after the provider's prefix) and chosen headers, no body, sent
/// over the provider's cluster; a 2xx answer allows (its chosen headers go to the application),
/// any other answer is what the client gets; an unreachable or failing service allows with
/// failOpen, else answers statusOnError.
/// </summary>
public static partial class ExtAuthzClient
{
    /// <summary>Envoy's ext_authz always sends these.</summary>
    private static readonly string[] AlwaysSent = ["authorization", "content-length"];

    /// <returns>Null when the request may go on; else the answer the client gets.</returns>
    public static async Task<Denial?> CheckAsync(ProxyContext ctx, ExtAuthzProvider provider, ILogger log)
    {
        if (provider.Grpc)
            return await CheckGrpcAsync(ctx, provider, log);
        var http = ctx.Http;
        if (!ctx.Snapshot.Clusters.TryGetValue(provider.Cluster, out var cluster) || Array.Find(cluster.Endpoints.All, e => e.IsAvailable) is not { } ep)
            return Failed(provider, log, http.Request.Path.Value ?? "", $"no healthy endpoint in {provider.Cluster}");
        using var check = new HttpRequestMessage(new HttpMethod(http.Request.Method),
            new Uri(cluster.UsesTls(ep) ? ep.TlsBaseUri : ep.BaseUri, provider.PathPrefix + http.Request.Path.Value + http.Request.QueryString.Value))
        {
            Version = cluster.Config.Protocol == UpstreamProtocol.Http2 ? HttpVersion.Version20 : HttpVersion.Version11,
            VersionPolicy = HttpVersionPolicy.RequestVersionExact,
        };
        check.Headers.Host = http.Request.Host.Value;
        foreach (var name in AlwaysSent)
            Copy(http, check, name);
        foreach (var name in provider.IncludeRequestHeaders)
            Copy(http, check, name);
        foreach (var (name, value) in provider.AdditionalHeaders)
            check.Headers.TryAddWithoutValidation(name, value);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ctx.Aborted);
        timeout.CancelAfter(provider.Timeout);
        try
        {
            using var answer = await cluster.Invoker.SendAsync(check, timeout.Token);
            var status = (int)answer.StatusCode;
            if (status is >= 200 and < 300)
            {
                foreach (var name in provider.HeadersToUpstreamOnAllow)
                    if (answer.Headers.TryGetValues(name, out var values))
                        http.Request.Headers[name] = values.ToArray();
                return null;
            }
            var body = await answer.Content.ReadAsStringAsync(timeout.Token);
            var headers = new List<KeyValuePair<string, string>>();
            foreach (var h in answer.Headers)
                if (!HopByHopHeaders.Contains(h.Key) && (provider.HeadersToDownstreamOnDeny.IsEmpty || provider.HeadersToDownstreamOnDeny.Contains(h.Key, StringComparer.OrdinalIgnoreCase)))
                    foreach (var v in h.Value)
                        headers.Add(new(h.Key, v));
            LogDenied(log, provider.Name, http.Request.Method, http.Request.Path.Value ?? "", status);
            return new Denial(status, body, headers);
        }
        catch (Exception e) when (e is HttpRequestException or IOException or OperationCanceledException && !ctx.Aborted.IsCancellationRequested)
        {
            return Failed(provider, log, http.Request.Path.Value ?? "", e is OperationCanceledException ? $"no answer within {provider.Timeout.TotalMilliseconds} ms" : e.Message);
        }
    }

    private static Denial? Failed(ExtAuthzProvider provider, ILogger log, string path, string reason)
    {
        LogFailed(log, provider.Name, path, reason, provider.FailOpen ? "allowed (failOpen)" : $"answered {provider.StatusOnError}");
        return provider.FailOpen ? null : new Denial(provider.StatusOnError, "", []);
    }

    private static void Copy(HttpContext http, HttpRequestMessage check, string name)
    {
        if (http.Request.Headers.TryGetValue(name, out var v) && !string.Equals(name, "content-length", StringComparison.OrdinalIgnoreCase))
            check.Headers.TryAddWithoutValidation(name, (IEnumerable<string?>)v);
    }

    /// <summary>What the client gets when the external authorizer said no.</summary>
    public sealed record Denial(int Status, string Body, List<KeyValuePair<string, string>> Headers);

    [LoggerMessage(5903, LogLevel.Information, "The external authorizer {Provider} denied {Method} {Path} with {Status}")]
    private static partial void LogDenied(ILogger log, string provider, string method, string path, int status);

    [LoggerMessage(5904, LogLevel.Warning, "The external authorizer {Provider} could not check {Path} ({Reason}): {Outcome}")]
    private static partial void LogFailed(ILogger log, string provider, string path, string reason, string outcome);
}
