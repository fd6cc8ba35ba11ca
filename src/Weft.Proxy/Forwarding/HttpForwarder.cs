using System.Buffers;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using Microsoft.AspNetCore.Http.Features;
using Weft.Discovery.Clusters;
using Weft.Proxy.Pipeline;
using Weft.Proxy.Upstream;

namespace Weft.Proxy.Forwarding;

/// <summary>
/// The two legs of a forwarded HTTP request, as YARP's HttpForwarder lays them out:
/// <code>
///  client ──(1) request──► proxy ──(2) request──► upstream
///  client ◄─(4) response── proxy ◄─(3) response── upstream
/// </code>
/// (1)→(2) <see cref="CreateRequest"/>: method, target, version, headers minus hop-by-hop, body
/// (replayed from memory or streamed). (3)→(4) <see cref="CopyResponseAsync"/>: status, headers
/// minus hop-by-hop plus route ops, body streamed and flushed per read, then trailers.
/// Failures before (3) become Envoy's local replies; failures after it reset the client stream.
/// </summary>
public static class HttpForwarder
{
    private const int CopyBufferSize = 32 * 1024;

    // Step 2: build the upstream request.
    public static HttpRequestMessage CreateRequest(ProxyContext ctx, EndpointState endpoint, string? authorityOverride = null)
    {
        var http = ctx.Http;
        var request = http.Request;
        var message = new HttpRequestMessage(HttpMethod.Parse(request.Method), UpstreamUri.For(endpoint, ctx.Cluster!.UsesTls(endpoint), ctx.UpstreamPathAndQuery));
        // 2a. Version: h2c between proxies and to gRPC apps; the client's own protocol when the cluster says so.
        var protocol = ctx.Cluster!.Config.Protocol;
        // An upgrade (WebSocket) is an HTTP/1.1 mechanism: it goes upstream as HTTP/1.1 whatever the cluster says.
        var upgrade = IsUpgrade(http);
        var useHttp2 = !upgrade && (protocol == UpstreamProtocol.Http2 || (protocol == UpstreamProtocol.UseDownstream && HttpProtocol.IsHttp2(request.Protocol)));
        message.Version = useHttp2 ? HttpVersion.Version20 : HttpVersion.Version11;
        message.VersionPolicy = HttpVersionPolicy.RequestVersionExact;

        // 2b. Body: replay the buffered copy, stream the client's, or none.
        if (ctx.BufferedBody is { } buffered)
        {
            message.Content = new ByteArrayContent(buffered, 0, ctx.BufferedBodyLength);
        }
        else if (!upgrade && http.Features.Get<IHttpRequestBodyDetectionFeature>()?.CanHaveBody == true)
        {
            message.Content = new StreamingRequestContent(request.Body, request.ContentLength, n => ctx.BytesReceived += n);
            ctx.CanRetry = false;
        }

        // 2c. Headers, minus hop-by-hop ones; te: trailers is kept for gRPC.
        foreach (var header in request.Headers)
        {
            var name = header.Key;
            if (name.Length == 0 || name[0] == ':' || string.Equals(name, "host", StringComparison.OrdinalIgnoreCase))
                continue;
            if (HopByHopHeaders.Contains(name))
            {
                if (string.Equals(name, "te", StringComparison.OrdinalIgnoreCase) && header.Value.ToString().Contains("trailers", StringComparison.OrdinalIgnoreCase))
                    message.Headers.TryAddWithoutValidation("te", "trailers");
                continue;
            }
            var values = header.Value;
            if (message.Content is not null && IsContentHeader(name))
            {
                if (!string.Equals(name, "content-length", StringComparison.OrdinalIgnoreCase))
                    message.Content.Headers.TryAddWithoutValidation(name, (IEnumerable<string>)values!);
                continue;
            }
            if (values.Count == 1)
                message.Headers.TryAddWithoutValidation(name, values[0]);
            else
                message.Headers.TryAddWithoutValidation(name, (IEnumerable<string>)values!);
        }
        message.Headers.Host = authorityOverride ?? ctx.UpstreamAuthority;
        if (upgrade)
        {
            message.Headers.TryAddWithoutValidation("connection", "upgrade");
            message.Headers.TryAddWithoutValidation("upgrade", request.Headers.Upgrade.ToString());
        }
        if (ctx.Cluster.Config.ConnectionPool.MaxRequestsPerConnection == 1 && !useHttp2)
            message.Headers.ConnectionClose = true;
        if (ctx.Attempt > 0)
            message.Headers.TryAddWithoutValidation("x-envoy-attempt-count", (ctx.Attempt + 1).ToString(CultureInfo.InvariantCulture));
        return message;
    }

    /// <summary>An HTTP/1.1 request asking to switch protocols (WebSocket).</summary>
    public static bool IsUpgrade(HttpContext http)
        => http.Features.Get<IHttpUpgradeFeature>() is { IsUpgradableRequest: true } && http.Request.Headers.Upgrade.Count > 0;

    // Step 4: copy the upstream response to the client (its state machine pooled, as the stages').
    [System.Runtime.CompilerServices.AsyncMethodBuilder(typeof(System.Runtime.CompilerServices.PoolingAsyncValueTaskMethodBuilder))]
    public static async ValueTask CopyResponseAsync(ProxyContext ctx, HttpResponseMessage upstream)
    {
        var response = ctx.Http.Response;
        var status = (int)upstream.StatusCode;
        if (status == 101 && IsUpgrade(ctx.Http))
        {
            await TunnelUpgradeAsync(ctx, upstream);
            return;
        }
        response.StatusCode = status;
        CopyHeaders(upstream.Headers, response.Headers);
        CopyHeaders(upstream.Content.Headers, response.Headers);
        response.Headers.Server = ctx.Chain.Http?.ServerName ?? "weft";
        if (ctx.UpstreamServiceTimeMs >= 0)
            response.Headers["x-envoy-upstream-service-time"] = Milliseconds(ctx.UpstreamServiceTimeMs);
        ctx.Destination!.ResponseOps.Apply(response.Headers);
        ctx.Route!.ResponseOps.Apply(response.Headers);
        if (ctx.SetCookie is { } cookie)
            response.Headers.Append("set-cookie", cookie);
        if (ctx.CorsOrigin is { } origin && ctx.Route.Cors is { } cors)
        {
            response.Headers["access-control-allow-origin"] = origin;
            if (cors.ExposeHeaders is { } expose)
                response.Headers["access-control-expose-headers"] = expose;
            if (cors.AllowCredentials)
                response.Headers["access-control-allow-credentials"] = "true";
        }
        ctx.Details = "via_upstream";

        // 4b. Body, streamed; an HTTP/1.1 response without length goes out chunked (Kestrel decides).
        var token = ctx.RequestToken;
        // SocketsHttpHandler's response content hands over its stream at once: the synchronous
        // call spares a Task<Stream> per response and never blocks.
        var source = upstream.Content.ReadAsStream(token);
        var buffer = ArrayPool<byte>.Shared.Rent(CopyBufferSize);
        try
        {
            while (true)
            {
                int n;
                try
                {
                    n = await source.ReadAsync(buffer, token);
                }
                catch (Exception e) when (e is HttpRequestException or IOException or OperationCanceledException)
                {
                    // After headers there is no status left to change: reset the client's stream.
                    ctx.Flags |= ctx.RouteTimeoutFired ? ResponseFlags.UpstreamRequestTimeout
                        : ctx.Aborted.IsCancellationRequested ? ResponseFlags.DownstreamConnectionTermination
                        : ResponseFlags.UpstreamRemoteReset;
                    ctx.Details = "upstream_reset_after_response_started";
                    ctx.Http.Abort();
                    return;
                }
                if (n == 0)
                    break;
                ctx.BytesSent += n;
                await response.Body.WriteAsync(buffer.AsMemory(0, n), ctx.Aborted);
                await response.Body.FlushAsync(ctx.Aborted);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }

        // 4c. Trailers (gRPC status lives here). An HTTP/1.1 response with a length has none: not
        // asking spares creating its empty trailer collection.
        if ((upstream.Version.Major >= 2 || upstream.Content.Headers.ContentLength is null) && response.SupportsTrailers())
            foreach (var (name, values) in upstream.TrailingHeaders.NonValidated)
                response.AppendTrailer(name, values.Count == 1 ? values.ToString() : string.Join(',', values));
    }

    /// <summary>
    /// 101 Switching Protocols: answer the client's upgrade with the upstream's headers, then
    /// relay raw bytes both ways until either side closes (WebSocket frames pass untouched).
    /// </summary>
    private static async ValueTask TunnelUpgradeAsync(ProxyContext ctx, HttpResponseMessage upstream)
    {
        var response = ctx.Http.Response;
        foreach (var h in upstream.Headers)
        {
            if (string.Equals(h.Key, "connection", StringComparison.OrdinalIgnoreCase) || string.Equals(h.Key, "server", StringComparison.OrdinalIgnoreCase))
                continue;
            response.Headers[h.Key] = h.Value is string[] arr ? arr : [.. h.Value];
        }
        response.Headers.Server = ctx.Chain.Http?.ServerName ?? "weft";
        ctx.Details = "via_upstream";
        var upstreamStream = await upstream.Content.ReadAsStreamAsync(ctx.Aborted);
        var downstream = await ctx.Http.Features.Get<IHttpUpgradeFeature>()!.UpgradeAsync();
        var toUpstream = CopyCountingAsync(downstream, upstreamStream, n => ctx.BytesReceived += n);
        var toDownstream = CopyCountingAsync(upstreamStream, downstream, n => ctx.BytesSent += n);
        await Task.WhenAny(toUpstream, toDownstream);
        // One side ended: end the other so neither waits for ever.
        await upstreamStream.DisposeAsync();
        await downstream.DisposeAsync();
        try
        {
            await Task.WhenAll(toUpstream, toDownstream);
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException or OperationCanceledException)
        {
        }
    }

    private static async Task CopyCountingAsync(Stream from, Stream to, Action<long> count)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(CopyBufferSize);
        try
        {
            while (true)
            {
                var n = await from.ReadAsync(buffer);
                if (n == 0)
                    return;
                count(n);
                await to.WriteAsync(buffer.AsMemory(0, n));
                await to.FlushAsync();
            }
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException or OperationCanceledException)
        {
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>Envoy's reading of a failed attempt, from what SocketsHttpHandler threw.</summary>
    public static UpstreamFailure Classify(Exception e, out string detail)
    {
        detail = e.Message;
        for (var x = e; x is not null; x = x.InnerException)
        {
            if (x is HttpProtocolException pe)
                return pe.ErrorCode == 0x7 ? UpstreamFailure.RefusedStream : UpstreamFailure.RemoteReset;
            if (x is HttpRequestException hre)
            {
                switch (hre.HttpRequestError)
                {
                    case HttpRequestError.ConnectionError:
                    case HttpRequestError.NameResolutionError:
                    case HttpRequestError.SecureConnectionError:
                        return UpstreamFailure.ConnectFailure;
                    case HttpRequestError.ResponseEnded:
                        return UpstreamFailure.ConnectionTermination;
                    case HttpRequestError.HttpProtocolError:
                        return UpstreamFailure.RemoteReset;
                }
            }
            if (x is System.Net.Sockets.SocketException)
                return UpstreamFailure.ConnectFailure;
            if (x is TimeoutException)
                return UpstreamFailure.ConnectFailure;
        }
        return e is IOException ? UpstreamFailure.ConnectionTermination : UpstreamFailure.ConnectFailure;
    }

    /// <summary>
    /// The raw values as the upstream sent them (NonValidated: a struct enumerator, a single
    /// value handed over as the string it is, no array per header, no parsing).
    /// </summary>
    private static void CopyHeaders(HttpHeaders from, IHeaderDictionary to)
    {
        foreach (var (name, values) in from.NonValidated)
        {
            if (HopByHopHeaders.Contains(name) || string.Equals(name, "server", StringComparison.OrdinalIgnoreCase))
                continue;
            if (values.Count == 1)
                to.Append(name, values.ToString());
            else
            {
                var all = new string[values.Count];
                var i = 0;
                foreach (var v in values)
                    all[i++] = v;
                to.Append(name, all);
            }
        }
    }

    /// <summary>Durations up to ~1 s as shared strings: x-envoy-upstream-service-time without a string per request.</summary>
    private static readonly string[] SmallMilliseconds = [.. Enumerable.Range(0, 1024).Select(i => i.ToString(CultureInfo.InvariantCulture))];

    private static string Milliseconds(long ms) => ms is >= 0 and < 1024 ? SmallMilliseconds[ms] : ms.ToString(CultureInfo.InvariantCulture);

    private static bool IsContentHeader(string name) => name.StartsWith("content-", StringComparison.OrdinalIgnoreCase)
        || string.Equals(name, "expires", StringComparison.OrdinalIgnoreCase)
        || string.Equals(name, "last-modified", StringComparison.OrdinalIgnoreCase)
        || string.Equals(name, "allow", StringComparison.OrdinalIgnoreCase);
}
