using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging.Abstractions;
using Weft.Api.Model.Mesh;
using Weft.ControlPlane.Config;
using Weft.ControlPlane.Security;
using Weft.ControlPlane.Tests.Translation;
using Weft.ControlPlane.Translation;
using Weft.ControlPlane.Translation.Security;
using Weft.Discovery.Security;
using Weft.Discovery.Snapshot;

namespace Weft.ControlPlane.Tests.Security;

/// <summary>
/// RequestAuthentication as proxies get it: which policies select a workload or a gateway, each
/// jwtRule as a provider with Istio's defaults, inline keys, and keys weftd fetched from a
/// jwksUri served by a real HTTP server on loopback (the last good keys survive a failed fetch).
/// </summary>
public sealed class RequestAuthenticationTranslationTests
{
    private const string Jwks = """{"keys":[{"kty":"RSA","kid":"k1","e":"AQAB","n":"xAE7eB6qugXyCAG3yhh7pkDkT65pHymX-P7KfIupjf59vsdo91bSP9C8H07pSAGQO1MV_xFj9VswgsCg4R6otmg5PV2He95lZdHtOcU5DXIg_pbhLdKXbi66GlVeK6ABZOUW3WYtnNHD-91gVuoeJT_DwtGGcp4ignkgXfkiEm4sw-4sfb4qdt5oLbyVpmW6x9cfa7vs2WTfURiCrBoUqgBo_-4WTiULmmHSGZHOjzwa8WtrtOQGsAFjIbno85jp6MnGGGZPYZbDAa_b3y5u-YpW7ypZrvD8BgtKVjgtQgZhLAGezMt0ua3DRrWnKqTZ0BJ_EyxOGuHJrLsn00fnMQ"}]}""";

    private static string Ra(string name, string ns, string rules, string selector = "") => $$"""
        ---
        apiVersion: security.istio.io/v1
        kind: RequestAuthentication
        metadata: {name: {{name}}, namespace: {{ns}}}
        spec:
          {{selector}}
          jwtRules:
        {{rules}}

        """;

    private static string InlineRule(string issuer) => $"  - issuer: {issuer}\n    jwks: '{Jwks}'";

    private static ImmutableArrayOrEmpty Providers(string yaml, NodeInfo node, IJwksSource? jwks = null)
    {
        var config = TranslationFixture.Load(yaml);
        var push = PushContext.Build(config, MeshConfigSource.FromConfig(new MeshConfig()).For(config), jwks);
        return new(SnapshotBuilder.Build(push, node, new HashSet<string>()).Security.JwtProviders);
    }

    private sealed record ImmutableArrayOrEmpty(System.Collections.Immutable.ImmutableArray<JwtProvider>? Value)
    {
        public IEnumerable<string> Names => Value?.Select(p => p.Name) ?? [];
    }

    private static readonly NodeInfo Httpbin = TranslationFixture.Node("httpbin", "foo", "127.30.0.1", "app=httpbin");

    private static readonly NodeInfo IngressGateway = TranslationFixture.Node("istio-ingressgateway", "istio-system", "127.30.0.9", "istio=ingressgateway") with { Mode = ProxyMode.Gateway };

    [Fact]
    public void A_workload_gets_the_rules_of_root_namespace_namespace_and_selecting_policies_and_no_others()
    {
        var yaml = Ra("mesh", "istio-system", InlineRule("mesh-issuer"))
            + Ra("ns", "foo", InlineRule("ns-issuer"))
            + Ra("selected", "foo", InlineRule("app-issuer"), "selector: {matchLabels: {app: httpbin}}")
            + Ra("other-app", "foo", InlineRule("other-issuer"), "selector: {matchLabels: {app: sleep}}")
            + Ra("other-ns", "bar", InlineRule("bar-issuer"));
        Providers(yaml, Httpbin).Names.Should().BeEquivalentTo("istio-system/mesh.jwtRules[0]", "foo/ns.jwtRules[0]", "foo/selected.jwtRules[0]");
    }

    [Fact]
    public void Without_a_RequestAuthentication_the_snapshot_has_no_JWT_slot()
    {
        Providers("", Httpbin).Value.Should().BeNull();
    }

    [Fact]
    public void A_rule_becomes_a_provider_with_its_locations_outputs_and_Istios_defaults()
    {
        var rule = $$"""
              - issuer: testing@secure.istio.io
                audiences: [bookinfo.com]
                jwks: '{{Jwks}}'
                fromHeaders: [{name: x-jwt-assertion, prefix: "Token "}, {name: x-raw}]
                fromParams: [my_token]
                fromCookies: [session]
                forwardOriginalToken: true
                outputPayloadToHeader: x-jwt-payload
                outputClaimToHeaders: [{header: x-jwt-group, claim: groups}]
                spaceDelimitedClaims: [roles]
            """;
        var p = Providers(Ra("jwt", "foo", rule), Httpbin).Value!.Value.Should().ContainSingle().Subject;
        p.Should().BeEquivalentTo(new JwtProvider
        {
            Name = "foo/jwt.jwtRules[0]",
            Issuer = "testing@secure.istio.io",
            Audiences = ["bookinfo.com"],
            Jwks = Jwks,
            FromHeaders = [new JwtHeaderLocation { Name = "x-jwt-assertion", Prefix = "Token " }, new JwtHeaderLocation { Name = "x-raw" }],
            FromParams = ["my_token"],
            FromCookies = ["session"],
            ForwardOriginalToken = true,
            OutputPayloadToHeader = "x-jwt-payload",
            OutputClaimToHeaders = [new JwtClaimHeader { Header = "x-jwt-group", Claim = "groups" }],
            SpaceDelimitedClaims = ["roles"],
        });

        var plain = Providers(Ra("jwt", "foo", InlineRule("testing@secure.istio.io")), Httpbin).Value!.Value.Single();
        plain.ForwardOriginalToken.Should().BeFalse();
        plain.FromHeaders.Should().BeEmpty("the proxy then reads Authorization: Bearer and access_token");
        plain.Required.Should().BeFalse();
    }

    [Fact]
    public void A_RequestAuthentication_selecting_the_ingress_gateway_applies_to_it_as_in_Istios_JWT_at_ingress_task()
    {
        var yaml = Ra("jwt-example", "istio-system", InlineRule("testing@secure.istio.io"), "selector: {matchLabels: {istio: ingressgateway}}")
            + Ra("sidecars-only", "istio-system", InlineRule("x"), "selector: {matchLabels: {app: httpbin}}");
        Providers(yaml, IngressGateway).Names.Should().Equal("istio-system/jwt-example.jwtRules[0]");
        Providers(yaml, Httpbin).Names.Should().Equal("istio-system/sidecars-only.jwtRules[0]");
    }

    [Fact]
    public void Without_weftds_fetcher_a_jwksUri_rule_has_no_keys_and_says_why()
    {
        var p = Providers(Ra("jwt", "foo", "  - issuer: i\n    jwksUri: https://example.com/jwks.json"), Httpbin).Value!.Value.Single();
        p.Jwks.Should().BeEmpty();
        p.JwksUri.Should().Be("https://example.com/jwks.json");
        p.JwksError.Should().Be("weftd does not fetch JWKS here");
    }

    [Fact]
    public async Task Weftd_fetches_a_jwksUri_inlines_its_keys_and_keeps_them_when_a_later_fetch_fails()
    {
        var ct = TestContext.Current.CancellationToken;
        var body = Jwks;
        var status = 200;
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        await using var server = builder.Build();
        server.MapGet("/jwks.json", (HttpContext ctx) =>
        {
            ctx.Response.StatusCode = Volatile.Read(ref status);
            return ctx.Response.WriteAsync(Volatile.Read(ref body), ct);
        });
        await server.StartAsync(ct);
        var uri = server.Urls.First() + "/jwks.json";

        var options = new JwksResolverOptions { Refresh = TimeSpan.FromMilliseconds(200), Retry = TimeSpan.FromMilliseconds(200), Tick = TimeSpan.FromMilliseconds(100) };
        await using var resolver = new JwksResolver(options, TimeProvider.System, NullLogger<JwksResolver>.Instance) { InUse = () => [uri] };
        var changes = new BlockingCollection<int>();
        resolver.Changed += () => changes.Add(1);
        var yaml = Ra("jwt", "foo", $"  - issuer: i\n    jwksUri: {uri}");

        var first = Providers(yaml, Httpbin, resolver).Value!.Value.Single();
        first.Jwks.Should().BeEmpty();
        first.JwksError.Should().Be($"the keys of {uri} are being fetched");
        changes.TryTake(out _, 30_000, ct).Should().BeTrue("the first fetch asks for a push");
        var fetched = Providers(yaml, Httpbin, resolver).Value!.Value.Single();
        fetched.Jwks.Should().Be(Jwks);
        fetched.JwksError.Should().BeNull();

        Volatile.Write(ref status, 500);
        Volatile.Write(ref body, "broken");
        resolver.Start();
        changes.TryTake(out _, 30_000, ct).Should().BeTrue("a failed fetch is a visible change");
        var failed = Providers(yaml, Httpbin, resolver).Value!.Value.Single();
        failed.Jwks.Should().Be(Jwks, "the last good keys are kept");
        failed.JwksError.Should().Be($"fetching {uri} answered 500");
        resolver.Status().Should().ContainSingle().Which.Should().Match<JwksStatus>(s => s.HasKeys && s.Error == $"fetching {uri} answered 500");

        var rotated = Jwks.Replace("\"k1\"", "\"k2\"", StringComparison.Ordinal);
        Volatile.Write(ref body, rotated);
        Volatile.Write(ref status, 200);
        changes.TryTake(out _, 30_000, ct).Should().BeTrue("new keys ask for a push");
        Providers(yaml, Httpbin, resolver).Value!.Value.Single().Should().Match<JwtProvider>(p => p.Jwks == rotated && p.JwksError == null);
    }

    [Fact]
    public async Task A_jwksUri_the_config_still_names_keeps_being_refreshed_when_no_snapshot_asks_for_it()
    {
        // Snapshots are built again only when something changes: in a quiet mesh nobody looks the
        // URI up for hours, and its keys must still follow the issuer's rotation.
        var ct = TestContext.Current.CancellationToken;
        var body = Jwks;
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        await using var server = builder.Build();
        server.MapGet("/jwks.json", () => Volatile.Read(ref body));
        await server.StartAsync(ct);
        var uri = server.Urls.First() + "/jwks.json";
        var options = new JwksResolverOptions { Refresh = TimeSpan.FromMilliseconds(100), Retry = TimeSpan.FromMilliseconds(100), Tick = TimeSpan.FromMilliseconds(50) };
        await using var resolver = new JwksResolver(options, TimeProvider.System, NullLogger<JwksResolver>.Instance) { InUse = () => [uri] };
        using var changed = new SemaphoreSlim(0);
        resolver.Changed += () => changed.Release();
        resolver.Lookup(uri, TimeSpan.FromSeconds(5));
        (await changed.WaitAsync(TimeSpan.FromSeconds(30), ct)).Should().BeTrue("the first fetch");
        resolver.Start();
        // Ten refresh periods without a lookup: more than the two after which an unnamed URI is forgotten.
        await Task.Delay(TimeSpan.FromSeconds(1), ct);
        resolver.Status().Should().ContainSingle().Which.Uri.Should().Be(uri);

        var rotated = Jwks.Replace("\"k1\"", "\"k2\"", StringComparison.Ordinal);
        Volatile.Write(ref body, rotated);
        (await changed.WaitAsync(TimeSpan.FromSeconds(30), ct)).Should().BeTrue("the rotated keys are fetched without anyone asking");
        resolver.Lookup(uri, TimeSpan.FromSeconds(5)).Should().Be(new JwksLookup(rotated, null));
    }

    [Fact]
    public async Task A_jwksUri_the_config_no_longer_names_is_forgotten()
    {
        var ct = TestContext.Current.CancellationToken;
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        await using var server = builder.Build();
        server.MapGet("/jwks.json", () => Jwks);
        await server.StartAsync(ct);
        var uri = server.Urls.First() + "/jwks.json";
        var options = new JwksResolverOptions { Refresh = TimeSpan.FromMilliseconds(100), Retry = TimeSpan.FromMilliseconds(100), Tick = TimeSpan.FromMilliseconds(50) };
        await using var resolver = new JwksResolver(options, TimeProvider.System, NullLogger<JwksResolver>.Instance) { InUse = () => [] };
        resolver.Lookup(uri, TimeSpan.FromSeconds(5));
        resolver.Start();
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (resolver.Status().Count > 0 && DateTime.UtcNow < deadline)
            await Task.Delay(50, ct);
        resolver.Status().Should().BeEmpty("no RequestAuthentication names it and no snapshot asked for it within two refresh periods");
    }

    [Fact]
    public async Task A_jwksUri_that_does_not_answer_a_key_set_is_reported_with_the_reason()
    {
        var ct = TestContext.Current.CancellationToken;
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        await using var server = builder.Build();
        server.MapGet("/jwks.json", () => "{\"issuer\":\"x\"}");
        await server.StartAsync(ct);
        var uri = server.Urls.First() + "/jwks.json";
        await using var resolver = new JwksResolver(new JwksResolverOptions(), TimeProvider.System, NullLogger<JwksResolver>.Instance);
        using var changed = new SemaphoreSlim(0);
        resolver.Changed += () => changed.Release();
        resolver.Lookup(uri, TimeSpan.FromSeconds(5));
        (await changed.WaitAsync(TimeSpan.FromSeconds(30), ct)).Should().BeTrue();
        resolver.Lookup(uri, TimeSpan.FromSeconds(5)).Should().Be(new JwksLookup(null, $"{uri} did not answer a JSON Web Key Set: it has no \"keys\" array"));

        var closed = $"http://127.0.0.1:{Testing.Net.FreePort()}/jwks.json";
        resolver.Lookup(closed, TimeSpan.FromSeconds(5));
        (await changed.WaitAsync(TimeSpan.FromSeconds(30), ct)).Should().BeTrue();
        resolver.Lookup(closed, TimeSpan.FromSeconds(5)).Error.Should().StartWith($"fetching {closed} failed: ");
    }
}
