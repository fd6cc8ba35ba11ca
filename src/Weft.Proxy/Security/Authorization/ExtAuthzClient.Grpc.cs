using System.Buffers.Binary;
using System.Net;
using System.Net.Http.Headers;
using Google.Protobuf;
using Weft.Discovery.Security;
using Weft.Proxy.Pipeline;
using Weft.Proxy.Security.Authorization.ExtAuthz;
using Weft.Proxy.Security.Tls;

namespace Weft.Proxy.Security.Authorization;

/// <summary>
/// The check over Envoy's gRPC ext_authz API (Istio's <c>envoyExtAuthzGrpc</c> provider):
/// <c>envoy.service.auth.v3.Authorization/Check</c> as one unary call on the provider's cluster
/// over HTTP/2, framed by hand (1 flag byte, 4-byte big-endian length, the protobuf message;
/// grpc-status in the trailers). The request carries what Envoy sends: source and destination
/// addresses, the peer's SPIFFE principal, and the HTTP request's id, method, every header,
/// path, host, scheme and protocol, no body. An OK status allows (the answer's headers go to the
/// application, headers_to_remove are removed); any other status denies with the answer's HTTP
/// status (403 when none), headers and body; a failed call follows failOpen / statusOnError.
/// </summary>
public static partial class ExtAuthzClient
{
    /// <summary>The gRPC method path, as Envoy calls it.</summary>
    public const string GrpcCheckPath = "/envoy.service.auth.v3.Authorization/Check";

    private static readonly MediaTypeHeaderValue GrpcContentType = new("application/grpc");

    private static async Task<Denial?> CheckGrpcAsync(ProxyContext ctx, ExtAuthzProvider provider, ILogger log)
    {
        var http = ctx.Http;
        var path = http.Request.Path.Value ?? "";
        if (!ctx.Snapshot.Clusters.TryGetValue(provider.Cluster, out var cluster) || Array.Find(cluster.Endpoints.All, e => e.IsAvailable) is not { } ep)
            return Failed(provider, log, path, $"no healthy endpoint in {provider.Cluster}");
        var message = CheckRequestFor(ctx).ToByteArray();
        var framed = new byte[5 + message.Length];
        BinaryPrimitives.WriteUInt32BigEndian(framed.AsSpan(1), (uint)message.Length);
        message.CopyTo(framed, 5);
        using var call = new HttpRequestMessage(HttpMethod.Post, new Uri(cluster.UsesTls(ep) ? ep.TlsBaseUri : ep.BaseUri, GrpcCheckPath))
        {
            Version = HttpVersion.Version20,
            VersionPolicy = HttpVersionPolicy.RequestVersionExact,
            Content = new ByteArrayContent(framed),
        };
        call.Content.Headers.ContentType = GrpcContentType;
        call.Headers.TryAddWithoutValidation("te", "trailers");
        call.Headers.TryAddWithoutValidation("grpc-timeout", $"{(long)provider.Timeout.TotalMilliseconds}m");
        if (provider.Authority.Length > 0)
            call.Headers.Host = provider.Authority;
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ctx.Aborted);
        timeout.CancelAfter(provider.Timeout);
        CheckResponse answer;
        try
        {
            using var response = await cluster.Invoker.SendAsync(call, timeout.Token);
            var body = await response.Content.ReadAsByteArrayAsync(timeout.Token);
            // A trailers-only answer puts grpc-status in the headers.
            var grpcStatus = Header(response.TrailingHeaders, "grpc-status") ?? Header(response.Headers, "grpc-status");
            if (response.StatusCode != HttpStatusCode.OK)
                return Failed(provider, log, path, $"the gRPC call answered HTTP {(int)response.StatusCode}");
            if (grpcStatus is not "0")
            {
                var grpcMessage = Header(response.TrailingHeaders, "grpc-message") ?? Header(response.Headers, "grpc-message");
                return Failed(provider, log, path, grpcMessage is null ? $"grpc-status {grpcStatus ?? "missing"}" : $"grpc-status {grpcStatus} ({grpcMessage})");
            }
            if (body.Length < 5 || body[0] != 0 || BinaryPrimitives.ReadUInt32BigEndian(body.AsSpan(1)) != body.Length - 5)
                return Failed(provider, log, path, "the gRPC answer is not one uncompressed message");
            answer = CheckResponse.Parser.ParseFrom(body, 5, body.Length - 5);
        }
        catch (Exception e) when (e is HttpRequestException or IOException or InvalidProtocolBufferException or OperationCanceledException && !ctx.Aborted.IsCancellationRequested)
        {
            return Failed(provider, log, path, e is OperationCanceledException ? $"no answer within {provider.Timeout.TotalMilliseconds} ms" : e.Message);
        }

        if ((answer.Status?.Code ?? 0) == 0)
        {
            if (answer.OkResponse is { } ok)
            {
                foreach (var name in ok.HeadersToRemove)
                    if (!name.StartsWith(':') && !string.Equals(name, "host", StringComparison.OrdinalIgnoreCase))
                        http.Request.Headers.Remove(name);
                foreach (var option in ok.Headers)
                {
                    if (option.Header is not { Key.Length: > 0 } h)
                        continue;
                    if (option.Append?.Value == true)
                        http.Request.Headers.Append(h.Key, h.Value);
                    else
                        http.Request.Headers[h.Key] = h.Value;
                }
            }
            return null;
        }
        var denied = answer.DeniedResponse;
        var status = denied?.Status?.Code is { } code && code is >= 200 and <= 599 ? code : 403;
        var headers = new List<KeyValuePair<string, string>>();
        foreach (var option in denied?.Headers ?? [])
            if (option.Header is { Key.Length: > 0 } h)
                headers.Add(new(h.Key, h.Value));
        LogDenied(log, provider.Name, http.Request.Method, path, status);
        return new Denial(status, denied?.Body ?? "", headers);
    }

    private static string? Header(HttpHeaders headers, string name) =>
        headers.TryGetValues(name, out var values) ? values.FirstOrDefault() : null;

    /// <summary>What Envoy's ext_authz filter tells the service about a request (no body).</summary>
    private static CheckRequest CheckRequestFor(ProxyContext ctx)
    {
        var http = ctx.Http;
        var request = new AttributeContext.Types.HttpRequest
        {
            Id = http.Request.Headers["x-request-id"].ToString(),
            Method = http.Request.Method,
            Path = http.Request.Path.Value + http.Request.QueryString.Value,
            Host = http.Request.Host.Value ?? "",
            Scheme = ctx.Scheme,
            Protocol = http.Request.Protocol,
            Size = http.Request.ContentLength ?? -1,
        };
        request.Headers[":authority"] = request.Host;
        request.Headers[":method"] = request.Method;
        request.Headers[":path"] = request.Path;
        foreach (var (name, values) in http.Request.Headers)
            request.Headers[name.ToLowerInvariant()] = values.ToString();
        var tls = http.Features.Get<MeshTlsFeature>();
        var connection = http.Connection;
        return new CheckRequest
        {
            Attributes = new AttributeContext
            {
                Source = new AttributeContext.Types.Peer
                {
                    Address = Address(connection.RemoteIpAddress, connection.RemotePort),
                    Principal = tls?.PeerIdentity ?? "",
                },
                Destination = new AttributeContext.Types.Peer { Address = Address(connection.LocalIpAddress, connection.LocalPort) },
                Request = new AttributeContext.Types.Request { Http = request },
            },
        };
    }

    private static Address Address(IPAddress? ip, int port) => new()
    {
        SocketAddress = new ExtAuthz.SocketAddress { Address = ip?.ToString() ?? "", PortValue = (uint)port },
    };
}
