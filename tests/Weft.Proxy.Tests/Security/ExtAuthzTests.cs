using Microsoft.AspNetCore.Http;
using Weft.Discovery.Security;
using Weft.Discovery.Snapshot;
using Weft.Identity.Ca;
using Weft.Proxy.Tests.Infrastructure;
using Weft.Testing;

namespace Weft.Proxy.Tests.Security;

/// <summary>
/// CUSTOM AuthorizationPolicies with a real HTTP ext_authz service next to a real sidecar: the
/// service's yes lets DENY and ALLOW decide, its no is what the client gets, and an unreachable
/// service follows failOpen / statusOnError.
/// </summary>
public class ExtAuthzTests
{
    private const string AuthzCluster = "outbound|9000||ext-authz.security.svc.cluster.local";

    private readonly MeshCa _ca = MeshCa.CreateWithNewRoot("cluster.local", TimeProvider.System);

    private static async Task Authorizer(HttpContext ctx)
    {
        if (ctx.Request.Headers["x-ext-authz"] == "allow")
        {
            ctx.Response.Headers["x-ext-authz-check-result"] = "allowed";
            return;
        }
        ctx.Response.StatusCode = 403;
        ctx.Response.Headers["x-ext-authz-check-result"] = "denied";
        await ctx.Response.WriteAsync($"denied by ext_authz for {ctx.Request.Path}");
    }

    private static SecurityConfig Custom(ExtAuthzProvider provider, params AuthorizationPolicy[] more) => new()
    {
        AuthorizationPolicies = [new AuthorizationPolicy { Name = "ext", Namespace = "travel-agency", Action = AuthorizationAction.Custom, Provider = "ext-authz", Rules = [new AuthorizationRule()] }, .. more],
        ExtAuthzProviders = [provider],
    };

    private static ExtAuthzProvider Provider(bool failOpen = false, int statusOnError = 403) => new()
    {
        Name = "ext-authz",
        Cluster = AuthzCluster,
        Authority = "ext-authz.security.svc.cluster.local:9000",
        PathPrefix = "/check",
        IncludeRequestHeaders = ["x-ext-authz"],
        HeadersToUpstreamOnAllow = ["x-ext-authz-check-result"],
        HeadersToDownstreamOnDeny = ["x-ext-authz-check-result"],
        FailOpen = failOpen,
        StatusOnError = statusOnError,
        Timeout = TimeSpan.FromSeconds(5),
    };

    private static Func<ProxySnapshot, ProxySnapshot> WithAuthorizer(string address, int port) => s => s with
    {
        Clusters = [.. s.Clusters, Snap.Cluster(AuthzCluster)],
        Endpoints = [.. s.Endpoints, Snap.Endpoints(AuthzCluster, (address, port))],
    };

    private static Task<Run.Result> CurlAsync(MeshPair mesh, string path, params string[] extra) =>
        Run.CommandAsync("curl", ["-sS", "--max-time", "10", "-w", "\n%{http_code}", .. extra, $"http://{mesh.ServerAddress}:{mesh.ServerPort}{path}"], timeout: TimeSpan.FromSeconds(30));

    [Fact]
    public async Task The_external_authorizers_no_is_what_the_client_gets_and_its_yes_leaves_DENY_and_ALLOW_to_decide()
    {
        await using var authz = await TestBackend.StartAsync("ext-authz", Authorizer);
        var denyAdmin = new AuthorizationPolicy
        {
            Name = "deny-admin", Namespace = "travel-agency", Action = AuthorizationAction.Deny,
            Rules = [new AuthorizationRule { To = [new AuthorizationOperation { Paths = ["/admin"] }] }],
        };
        await using var mesh = await MeshPair.StartAsync(_ca, serverCert: false, clientCert: false, null, Custom(Provider(), denyAdmin), serverSnapshot: WithAuthorizer(authz.Address, authz.Port));

        var denied = await CurlAsync(mesh, "/headers", "-i");
        denied.StdOut.Should().StartWith("HTTP/1.1 403 Forbidden").And.Contain("x-ext-authz-check-result: denied").And.EndWith("\r\n\r\ndenied by ext_authz for /check/headers\n403");
        mesh.App.Count.Should().Be(0);

        var allowed = await CurlAsync(mesh, "/headers", "-H", "x-ext-authz: allow");
        allowed.StdOut.Should().Contain("x-ext-authz-check-result: allowed").And.EndWith("\n200");
        authz.Requests.Select(r => r.PathAndQuery).Should().Equal("/check/headers", "/check/headers");

        var admin = await CurlAsync(mesh, "/admin", "-H", "x-ext-authz: allow");
        admin.StdOut.Should().Be("RBAC: access denied\n403");
        mesh.App.Count.Should().Be(1);
    }

    [Theory]
    [InlineData(true, "200")]
    [InlineData(false, "503")]
    public async Task An_unreachable_authorizer_allows_with_failOpen_and_answers_statusOnError_without(bool failOpen, string status)
    {
        var address = Net.UniqueLoopback();
        await using var mesh = await MeshPair.StartAsync(_ca, serverCert: false, clientCert: false, null, Custom(Provider(failOpen, statusOnError: 503)),
            serverSnapshot: WithAuthorizer(address, Net.FreePort(address)));
        var result = await CurlAsync(mesh, "/travels/London");
        result.StdOut.Should().EndWith("\n" + status);
        mesh.App.Count.Should().Be(failOpen ? 1 : 0);
        mesh.Server.Output.Should().Contain("The external authorizer ext-authz could not check /travels/London");
    }
}
