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
using Weft.Discovery.Security;
using Weft.Discovery.Snapshot;

namespace Weft.ControlPlane.Tests.Security;

/// <summary>
/// A RequestAuthentication rule with an issuer and no jwksUri: weftd finds the keys as Istio does,
/// from the issuer's <c>/.well-known/openid-configuration</c> and the <c>jwks_uri</c> it names
/// (a real loopback HTTP identity provider here), cached, refreshed, and kept when a later
/// discovery fails, exactly as a jwksUri's keys are.
/// </summary>
public sealed class OpenIdDiscoveryTests
{
    private const string Jwks = """{"keys":[{"kty":"EC","kid":"k1","crv":"P-256","x":"f83OJ3D2xF1Bg8vub9tLe1gHMzV76e8Tus9uPHvRVEU","y":"x_FEzRu9m36HLN_tue659LNpXW6pCyStikYjKIWI5a0"}]}""";

    private static readonly NodeInfo Httpbin = TranslationFixture.Node("httpbin", "foo", "127.30.0.1", "app=httpbin");

    private static JwtProvider Provider(string yaml, JwksResolver jwks)
    {
        var config = TranslationFixture.Load(yaml);
        var push = PushContext.Build(config, MeshConfigSource.FromConfig(new MeshConfig()).For(config), jwks);
        return SnapshotBuilder.Build(push, Httpbin, new HashSet<string>()).Security.JwtProviders!.Value.Single();
    }

    [Fact]
    public async Task Keys_of_an_issuer_without_jwksUri_come_from_its_openid_configuration_and_survive_a_failed_discovery()
    {
        var ct = TestContext.Current.CancellationToken;
        var status = 200;
        var keysPath = "/keys-1";
        var keys = Jwks;
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        await using var idp = builder.Build();
        var issuer = "";
        idp.MapGet("/realms/travels/.well-known/openid-configuration", (HttpContext ctx) =>
        {
            ctx.Response.StatusCode = Volatile.Read(ref status);
            return ctx.Response.WriteAsync($$"""{"issuer":"{{issuer}}","jwks_uri":"{{issuer.Replace("/realms/travels", "", StringComparison.Ordinal)}}{{Volatile.Read(ref keysPath)}}"}""", ct);
        });
        idp.MapGet("/keys-1", () => Volatile.Read(ref keys));
        idp.MapGet("/keys-2", () => Volatile.Read(ref keys).Replace("\"k1\"", "\"k2\"", StringComparison.Ordinal));
        await idp.StartAsync(ct);
        issuer = idp.Urls.First() + "/realms/travels";
        var configuration = issuer + "/.well-known/openid-configuration";

        var options = new JwksResolverOptions { Refresh = TimeSpan.FromMilliseconds(200), Retry = TimeSpan.FromMilliseconds(200), Tick = TimeSpan.FromMilliseconds(100) };
        await using var resolver = new JwksResolver(options, TimeProvider.System, NullLogger<JwksResolver>.Instance) { InUse = () => [configuration] };
        var changes = new BlockingCollection<int>();
        resolver.Changed += () => changes.Add(1);
        var yaml = $"""
            apiVersion: security.istio.io/v1
            kind: RequestAuthentication
            metadata: {"{"}name: jwt, namespace: foo{"}"}
            spec:
              jwtRules:
              - issuer: {issuer}/
            """;

        var first = Provider(yaml, resolver);
        first.Jwks.Should().BeEmpty();
        first.JwksUri.Should().Be(configuration, "a trailing slash of the issuer is not doubled");
        first.JwksError.Should().Be($"the keys of issuer {issuer}/ are being discovered ({configuration})");
        changes.TryTake(out _, 30_000, ct).Should().BeTrue("the discovered keys ask for a push");
        var found = Provider(yaml, resolver);
        found.Jwks.Should().Be(Jwks);
        found.JwksError.Should().BeNull();

        Volatile.Write(ref status, 503);
        resolver.Start();
        changes.TryTake(out _, 30_000, ct).Should().BeTrue("a failed discovery is a visible change");
        var failed = Provider(yaml, resolver);
        failed.Jwks.Should().Be(Jwks, "the last good keys are kept");
        failed.JwksError.Should().Be($"fetching {configuration} answered 503");

        // The provider rotates to a new key set URI: the next refresh follows the configuration.
        Volatile.Write(ref keysPath, "/keys-2");
        Volatile.Write(ref status, 200);
        changes.TryTake(out _, 30_000, ct).Should().BeTrue("the new keys ask for a push");
        Provider(yaml, resolver).Should().Match<JwtProvider>(p => p.Jwks == Jwks.Replace("\"k1\"", "\"k2\"", StringComparison.Ordinal) && p.JwksError == null);
    }

    [Theory]
    [InlineData("""{"issuer":"x"}""", "it has no \"jwks_uri\" string")]
    [InlineData("""{"jwks_uri":"file:///etc/passwd"}""", "its jwks_uri \"file:///etc/passwd\" is not an absolute http(s) URI")]
    [InlineData("""{"jwks_uri":"/relative/keys"}""", "its jwks_uri \"/relative/keys\" is not an absolute http(s) URI")]
    public async Task An_openid_configuration_that_names_no_usable_jwks_uri_is_reported_with_the_reason(string document, string reason)
    {
        var ct = TestContext.Current.CancellationToken;
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        await using var idp = builder.Build();
        idp.MapGet("/.well-known/openid-configuration", () => Results.Text(document, "application/json"));
        await idp.StartAsync(ct);
        var issuer = idp.Urls.First();
        await using var resolver = new JwksResolver(new JwksResolverOptions(), TimeProvider.System, NullLogger<JwksResolver>.Instance);
        var changes = new BlockingCollection<int>();
        resolver.Changed += () => changes.Add(1);

        resolver.LookupIssuer(issuer, TimeSpan.FromSeconds(5));
        changes.TryTake(out _, 30_000, ct).Should().BeTrue();

        resolver.LookupIssuer(issuer, TimeSpan.FromSeconds(5)).Should().Be(new Weft.ControlPlane.Translation.Security.JwksLookup(null,
            $"{issuer}/.well-known/openid-configuration did not answer an OpenID configuration naming the keys: {reason}"));
    }
}
