using System.Buffers.Binary;
using System.Collections.Concurrent;
using Google.Protobuf;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Weft.Discovery.Clusters;
using Weft.Discovery.Security;
using Weft.Discovery.Snapshot;
using HeaderValue = Weft.Proxy.Security.Authorization.ExtAuthz.HeaderValue;
using Weft.Identity.Ca;
using Weft.Proxy.Security.Authorization.ExtAuthz;
using Weft.Proxy.Tests.Infrastructure;
using Weft.Testing;

namespace Weft.Proxy.Tests.Security;

/// <summary>
/// CUSTOM AuthorizationPolicies with an <c>envoyExtAuthzGrpc</c> provider: a real gRPC ext_authz
/// server written here (Kestrel, HTTP/2 without TLS, Envoy's Authorization/Check with its message
/// field numbers) allows or denies by a header; its OK adds and removes request headers, its
/// denial is what the client gets, and a failed call follows failOpen / statusOnError.
/// </summary>
public class ExtAuthzGrpcTests
{
    private const string AuthzCluster = "outbound|9000||ext-authz-grpc.security.svc.cluster.local";

    private readonly MeshCa _ca = MeshCa.CreateWithNewRoot("cluster.local", TimeProvider.System);

    private readonly ConcurrentQueue<CheckRequest> _checks = new();

    /// <summary>Envoy's ext_authz gRPC server, by hand: one framed CheckRequest in, one framed CheckResponse and grpc-status out.</summary>
    private async Task Authorizer(HttpContext ctx)
    {
        using var buffer = new MemoryStream();
        await ctx.Request.Body.CopyToAsync(buffer, ctx.RequestAborted);
        var body = buffer.ToArray();
        var check = CheckRequest.Parser.ParseFrom(body, 5, (int)BinaryPrimitives.ReadUInt32BigEndian(body.AsSpan(1)));
        _checks.Enqueue(check);
        var http = check.Attributes.Request.Http;
        ctx.Response.ContentType = "application/grpc";
        if (http.Headers.TryGetValue("x-user", out var user) && user == "broken")
        {
            // Trailers-only: the call itself failed.
            ctx.Response.Headers["grpc-status"] = "14";
            ctx.Response.Headers["grpc-message"] = "authorizer unavailable";
            return;
        }
        var answer = user == "alice"
            ? new CheckResponse
            {
                Status = new RpcStatus { Code = 0 },
                OkResponse = new OkHttpResponse
                {
                    Headers = { new HeaderValueOption { Header = new HeaderValue { Key = "x-auth-user", Value = "alice" } } },
                    HeadersToRemove = { "x-secret" },
                },
            }
            : new CheckResponse
            {
                Status = new RpcStatus { Code = 7, Message = "permission denied" },
                DeniedResponse = new DeniedHttpResponse
                {
                    Status = new HttpStatus { Code = 401 },
                    Headers = { new HeaderValueOption { Header = new HeaderValue { Key = "x-ext-authz-check-result", Value = "denied" } } },
                    Body = $"denied by grpc ext_authz for {http.Path}",
                },
            };
        var message = answer.ToByteArray();
        var framed = new byte[5 + message.Length];
        BinaryPrimitives.WriteUInt32BigEndian(framed.AsSpan(1), (uint)message.Length);
        message.CopyTo(framed, 5);
        ctx.Response.AppendTrailer("grpc-status", "0");
        await ctx.Response.Body.WriteAsync(framed, ctx.RequestAborted);
    }

    private static SecurityConfig Custom(ExtAuthzProvider provider) => new()
    {
        AuthorizationPolicies = [new AuthorizationPolicy { Name = "ext", Namespace = "travel-agency", Action = AuthorizationAction.Custom, Provider = "ext-authz-grpc", Rules = [new AuthorizationRule()] }],
        ExtAuthzProviders = [provider],
    };

    private static ExtAuthzProvider Provider(bool failOpen = false, int statusOnError = 403) => new()
    {
        Name = "ext-authz-grpc",
        Grpc = true,
        Cluster = AuthzCluster,
        Authority = "ext-authz-grpc.security.svc.cluster.local:9000",
        FailOpen = failOpen,
        StatusOnError = statusOnError,
        Timeout = TimeSpan.FromSeconds(5),
    };

    private static Func<ProxySnapshot, ProxySnapshot> WithAuthorizer(string address, int port) => s => s with
    {
        Clusters = [.. s.Clusters, Snap.Cluster(AuthzCluster, UpstreamProtocol.Http2)],
        Endpoints = [.. s.Endpoints, Snap.Endpoints(AuthzCluster, (address, port))],
    };

    private static Task<Run.Result> CurlAsync(MeshPair mesh, string path, params string[] extra) =>
        Run.CommandAsync("curl", ["-sS", "--max-time", "10", "-w", "\n%{http_code}", .. extra, $"http://{mesh.ServerAddress}:{mesh.ServerPort}{path}"], timeout: TimeSpan.FromSeconds(30));

    [Fact]
    public async Task The_grpc_authorizers_ok_adds_and_removes_headers_and_its_denial_is_what_the_client_gets()
    {
        await using var authz = await TestBackend.StartAsync("ext-authz-grpc", Authorizer, HttpProtocols.Http2);
        await using var mesh = await MeshPair.StartAsync(_ca, serverCert: false, clientCert: false, null, Custom(Provider()), serverSnapshot: WithAuthorizer(authz.Address, authz.Port));

        var denied = await CurlAsync(mesh, "/headers?q=1", "-i", "-H", "x-user: mallory", "-H", "x-request-id: req-1");
        denied.StdOut.Should().StartWith("HTTP/1.1 401 Unauthorized").And.Contain("x-ext-authz-check-result: denied")
            .And.EndWith("\r\n\r\ndenied by grpc ext_authz for /headers?q=1\n401");
        mesh.App.Count.Should().Be(0);

        var allowed = await CurlAsync(mesh, "/headers", "-H", "x-user: alice", "-H", "x-secret: s3cr3t");
        allowed.StdOut.Should().Contain("x-auth-user: alice").And.NotContain("s3cr3t").And.EndWith("\n200");
        mesh.App.Count.Should().Be(1);

        authz.Requests.Select(r => (r.Method, r.PathAndQuery, r.Protocol)).Should().AllBeEquivalentTo(("POST", "/envoy.service.auth.v3.Authorization/Check", "HTTP/2"));
        authz.Requests.First().Headers["content-type"].Should().Be("application/grpc");
        var first = _checks.First().Attributes;
        first.Request.Http.Method.Should().Be("GET");
        first.Request.Http.Path.Should().Be("/headers?q=1");
        first.Request.Http.Headers["x-user"].Should().Be("mallory");
        first.Request.Http.Headers[":path"].Should().Be("/headers?q=1");
        first.Request.Http.Id.Should().Be("req-1", "the request id goes with the check");
        first.Destination.Address.SocketAddress.PortValue.Should().Be((uint)mesh.ServerPort);
        first.Source.Address.SocketAddress.Address.Should().NotBeEmpty();
    }

    [Theory]
    [InlineData(true, "200")]
    [InlineData(false, "503")]
    public async Task A_failed_grpc_check_allows_with_failOpen_and_answers_statusOnError_without(bool failOpen, string status)
    {
        await using var authz = await TestBackend.StartAsync("ext-authz-grpc", Authorizer, HttpProtocols.Http2);
        await using var mesh = await MeshPair.StartAsync(_ca, serverCert: false, clientCert: false, null, Custom(Provider(failOpen, statusOnError: 503)),
            serverSnapshot: WithAuthorizer(authz.Address, authz.Port));

        var result = await CurlAsync(mesh, "/travels/London", "-H", "x-user: broken");

        result.StdOut.Should().EndWith("\n" + status);
        mesh.App.Count.Should().Be(failOpen ? 1 : 0);
        mesh.Server.Output.Should().Contain("The external authorizer ext-authz-grpc could not check /travels/London (grpc-status 14 (authorizer unavailable))");
    }
}
