using System.Net;
using Weft.Discovery.Security;
using Weft.Proxy.Security.Authorization;

namespace Weft.Proxy.Tests.Security;

/// <summary>
/// The authorization engine case by case: a policy set, a request, the decision and the rule
/// that made it. Covers every from/to/when field with exact, prefix, suffix and presence
/// matching, the not-variants, TCP connections, and the CUSTOM, DENY, ALLOW order.
/// </summary>
public class AuthorizationTableTests
{
    private const string Portal = "cluster.local/ns/travel-portal/sa/travels";
    private const string Gateway = "cluster.local/ns/travel-control/sa/control";
    private const string Agency = "cluster.local/ns/travel-agency/sa/travels";

    private static AuthorizationPolicy Policy(string name, AuthorizationAction action, params AuthorizationRule[] rules) =>
        new() { Name = name, Namespace = "travel-agency", Action = action, Rules = [.. rules] };

    private static AuthorizationPolicy Allow(params AuthorizationRule[] rules) => Policy("allow", AuthorizationAction.Allow, rules);
    private static AuthorizationPolicy Deny(params AuthorizationRule[] rules) => Policy("deny", AuthorizationAction.Deny, rules);

    private static AuthorizationRule From(AuthorizationSource s) => new() { From = [s] };
    private static AuthorizationRule To(AuthorizationOperation o) => new() { To = [o] };
    private static AuthorizationRule When(string key, string[] values, string[]? notValues = null) =>
        new() { When = [new AuthorizationCondition { Key = key, Values = [.. values], NotValues = [.. notValues ?? []] }] };
    private static AuthorizationRule Any => new();

    private static AuthorizationRequest Req(string principal = Portal, string method = "GET", string path = "/travels/London", string host = "travels.travel-agency:8000",
        string source = "127.0.0.5", int port = 8000, bool http = true, Dictionary<string, string>? headers = null, string? remote = null)
    {
        var (p, ns) = AuthorizationRequest.FromSpiffe(principal.Length == 0 ? null : "spiffe://" + principal);
        return new AuthorizationRequest
        {
            Principal = p,
            Namespace = ns,
            SourceIp = IPAddress.Parse(source),
            RemoteIp = remote is null ? null : IPAddress.Parse(remote),
            DestinationIp = IPAddress.Parse("127.0.0.9"),
            DestinationPort = port,
            IsHttp = http,
            Host = host,
            Method = method,
            Path = path,
            Sni = "outbound_.8000_._.travels.travel-agency.svc.cluster.local",
            Header = n => headers is not null && headers.TryGetValue(n, out var v) ? v : null,
        };
    }

    public static TheoryData<string, AuthorizationPolicy[], AuthorizationRequest, bool, string?> Cases()
    {
        var allowRule0 = "ns[travel-agency]-policy[allow]-rule[0]";
        var denyRule0 = "ns[travel-agency]-policy[deny]-rule[0]";
        return new()
        {
            // Evaluation order and defaults.
            { "no policy allows everything", [], Req(), true, null },
            { "allow-nothing (spec: {}) denies everything", [Allow()], Req(), false, null },
            { "an ALLOW rule with no fields matches everything", [Allow(Any)], Req(), true, allowRule0 },
            { "a DENY policy without rules denies nothing", [Deny()], Req(), true, null },
            { "a DENY rule with no fields denies everything", [Deny(Any)], Req(), false, denyRule0 },
            { "DENY wins over a matching ALLOW", [Allow(Any), Deny(Any)], Req(), false, denyRule0 },
            { "a DENY that does not match leaves the ALLOW decision", [Allow(Any), Deny(To(new() { Paths = ["/admin"] }))], Req(), true, allowRule0 },
            { "with ALLOW policies, a request none matches is denied", [Allow(From(new() { Principals = [Gateway] }))], Req(), false, null },
            { "any of several ALLOW policies suffices", [Allow(From(new() { Principals = [Gateway] })), Policy("second", AuthorizationAction.Allow, From(new() { Principals = [Portal] }))], Req(), true, "ns[travel-agency]-policy[second]-rule[0]" },
            { "the second rule of a policy can match", [Allow(From(new() { Principals = [Gateway] }), From(new() { Principals = [Portal] }))], Req(), true, "ns[travel-agency]-policy[allow]-rule[1]" },
            { "AUDIT never changes the decision", [Policy("audit", AuthorizationAction.Audit, Any)], Req(), true, null },
            { "CUSTOM is asked before DENY and ALLOW", [Allow(Any), Policy("ext", AuthorizationAction.Custom, To(new() { Paths = ["/travels*"] }))], Req(), false, "ns[travel-agency]-policy[ext]-rule[0]" },
            { "a CUSTOM rule that does not match leaves the rest", [Allow(Any), Policy("ext", AuthorizationAction.Custom, To(new() { Paths = ["/admin"] }))], Req(), true, allowRule0 },

            // principals
            { "principals exact match", [Allow(From(new() { Principals = [Portal] }))], Req(), true, allowRule0 },
            { "principals exact mismatch", [Allow(From(new() { Principals = [Gateway] }))], Req(), false, null },
            { "principals prefix", [Allow(From(new() { Principals = ["cluster.local/ns/travel-portal/*"] }))], Req(), true, allowRule0 },
            { "principals suffix", [Allow(From(new() { Principals = ["*/sa/travels"] }))], Req(), true, allowRule0 },
            { "principals * needs an identity", [Allow(From(new() { Principals = ["*"] }))], Req(principal: ""), false, null },
            { "principals * matches any identity", [Allow(From(new() { Principals = ["*"] }))], Req(), true, allowRule0 },
            { "notPrincipals * denies plaintext", [Deny(From(new() { NotPrincipals = ["*"] }))], Req(principal: ""), false, denyRule0 },
            { "notPrincipals * lets mTLS through", [Deny(From(new() { NotPrincipals = ["*"] }))], Req(), true, null },
            { "notPrincipals excludes the named peer", [Allow(From(new() { NotPrincipals = [Portal] }))], Req(), false, null },
            { "principals and notPrincipals together", [Allow(From(new() { Principals = ["cluster.local/*"], NotPrincipals = [Gateway] }))], Req(), true, allowRule0 },

            // namespaces
            { "namespaces exact", [Allow(From(new() { Namespaces = ["travel-portal"] }))], Req(), true, allowRule0 },
            { "namespaces mismatch", [Allow(From(new() { Namespaces = ["travel-control"] }))], Req(), false, null },
            { "namespaces prefix", [Allow(From(new() { Namespaces = ["travel-*"] }))], Req(), true, allowRule0 },
            { "namespaces suffix", [Allow(From(new() { Namespaces = ["*-portal"] }))], Req(), true, allowRule0 },
            { "namespaces need mTLS", [Allow(From(new() { Namespaces = ["*"] }))], Req(principal: ""), false, null },
            { "notNamespaces", [Deny(From(new() { NotNamespaces = ["travel-agency"] }))], Req(), false, denyRule0 },
            { "notNamespaces own namespace passes", [Deny(From(new() { NotNamespaces = ["travel-portal"] }))], Req(), true, null },

            // ipBlocks and remoteIpBlocks
            { "ipBlocks single address", [Allow(From(new() { IpBlocks = ["127.0.0.5"] }))], Req(), true, allowRule0 },
            { "ipBlocks CIDR", [Allow(From(new() { IpBlocks = ["127.0.0.0/24"] }))], Req(), true, allowRule0 },
            { "ipBlocks outside the range", [Allow(From(new() { IpBlocks = ["10.0.0.0/8"] }))], Req(), false, null },
            { "notIpBlocks", [Deny(From(new() { NotIpBlocks = ["10.0.0.0/8"] }))], Req(), false, denyRule0 },
            { "remoteIpBlocks uses x-forwarded-for's client", [Allow(From(new() { RemoteIpBlocks = ["192.168.1.0/24"] }))], Req(remote: "192.168.1.7"), true, allowRule0 },
            { "remoteIpBlocks falls back to the peer", [Allow(From(new() { RemoteIpBlocks = ["127.0.0.5"] }))], Req(), true, allowRule0 },
            { "notRemoteIpBlocks", [Deny(From(new() { NotRemoteIpBlocks = ["192.168.0.0/16"] }))], Req(remote: "192.168.1.7"), true, null },

            // requestPrincipals (no RequestAuthentication: requests carry none)
            { "requestPrincipals * without a JWT", [Allow(From(new() { RequestPrincipals = ["*"] }))], Req(), false, null },
            { "notRequestPrincipals * denies requests without a JWT", [Deny(From(new() { NotRequestPrincipals = ["*"] }))], Req(), false, denyRule0 },

            // hosts
            { "hosts exact with the port", [Allow(To(new() { Hosts = ["travels.travel-agency:8000"] }))], Req(), true, allowRule0 },
            { "hosts exact without the port", [Allow(To(new() { Hosts = ["travels.travel-agency"] }))], Req(), true, allowRule0 },
            { "hosts are case-insensitive", [Allow(To(new() { Hosts = ["TRAVELS.travel-agency"] }))], Req(), true, allowRule0 },
            { "hosts prefix", [Allow(To(new() { Hosts = ["travels.*"] }))], Req(), true, allowRule0 },
            { "hosts suffix", [Allow(To(new() { Hosts = ["*.travel-agency"] }))], Req(), true, allowRule0 },
            { "hosts mismatch", [Allow(To(new() { Hosts = ["cars.travel-agency"] }))], Req(), false, null },
            { "notHosts", [Deny(To(new() { NotHosts = ["cars.travel-agency"] }))], Req(), false, denyRule0 },

            // ports
            { "ports match", [Allow(To(new() { Ports = ["8000"] }))], Req(), true, allowRule0 },
            { "ports mismatch", [Allow(To(new() { Ports = ["9080"] }))], Req(), false, null },
            { "notPorts", [Deny(To(new() { NotPorts = ["8000"] }))], Req(), true, null },

            // methods
            { "methods exact", [Allow(To(new() { Methods = ["GET", "HEAD"] }))], Req(), true, allowRule0 },
            { "methods are case-sensitive", [Allow(To(new() { Methods = ["get"] }))], Req(), false, null },
            { "methods mismatch", [Allow(To(new() { Methods = ["POST"] }))], Req(), false, null },
            { "notMethods", [Deny(To(new() { NotMethods = ["GET"] }))], Req(method: "DELETE"), false, denyRule0 },

            // paths
            { "paths exact", [Allow(To(new() { Paths = ["/travels/London"] }))], Req(), true, allowRule0 },
            { "paths prefix", [Allow(To(new() { Paths = ["/travels/*"] }))], Req(), true, allowRule0 },
            { "paths suffix", [Allow(To(new() { Paths = ["*/London"] }))], Req(), true, allowRule0 },
            { "paths * matches any", [Allow(To(new() { Paths = ["*"] }))], Req(), true, allowRule0 },
            { "paths are case-sensitive", [Allow(To(new() { Paths = ["/Travels/*"] }))], Req(), false, null },
            { "notPaths", [Deny(To(new() { NotPaths = ["/health"] }))], Req(), false, denyRule0 },
            { "fields of one operation are ANDed", [Allow(To(new() { Methods = ["GET"], Paths = ["/admin"] }))], Req(), false, null },
            { "from and to are ANDed", [Allow(new AuthorizationRule { From = [new() { Principals = [Portal] }], To = [new() { Methods = ["POST"] }] })], Req(), false, null },
            { "several from entries are ORed", [Allow(new AuthorizationRule { From = [new() { Principals = [Gateway] }, new() { Namespaces = ["travel-portal"] }] })], Req(), true, allowRule0 },

            // when
            { "when request.headers exact", [Allow(When("request.headers[x-user]", ["alice"]))], Req(headers: new() { ["x-user"] = "alice" }), true, allowRule0 },
            { "when request.headers absent", [Allow(When("request.headers[x-user]", ["alice"]))], Req(), false, null },
            { "when request.headers prefix", [Allow(When("request.headers[X-User]", ["ali*"]))], Req(headers: new() { ["x-user"] = "alice" }), true, allowRule0 },
            { "when request.headers notValues", [Deny(When("request.headers[x-user]", [], ["alice"]))], Req(headers: new() { ["x-user"] = "bob" }), false, denyRule0 },
            { "when source.ip", [Allow(When("source.ip", ["127.0.0.0/8"]))], Req(), true, allowRule0 },
            { "when remote.ip", [Allow(When("remote.ip", ["10.1.2.3"]))], Req(remote: "10.1.2.3"), true, allowRule0 },
            { "when destination.ip", [Allow(When("destination.ip", ["127.0.0.9"]))], Req(), true, allowRule0 },
            { "when destination.port", [Allow(When("destination.port", ["8000"]))], Req(), true, allowRule0 },
            { "when source.namespace", [Allow(When("source.namespace", ["travel-portal"]))], Req(), true, allowRule0 },
            { "when source.principal suffix", [Allow(When("source.principal", ["*/sa/travels"]))], Req(), true, allowRule0 },
            { "when connection.sni", [Allow(When("connection.sni", ["outbound_.8000_*"]))], Req(), true, allowRule0 },
            { "when request.auth.claims without a JWT", [Allow(When("request.auth.claims[iss]", ["https://issuer"]))], Req(), false, null },
            { "every when must hold", [Allow(new AuthorizationRule { When = [new() { Key = "source.namespace", Values = ["travel-portal"] }, new() { Key = "destination.port", Values = ["9080"] }] })], Req(), false, null },
            { "an unknown key never matches", [Allow(When("source.user", ["alice"]))], Req(), false, null },

            // TCP connections: HTTP-only fields
            { "TCP: an ALLOW rule with paths never matches", [Allow(To(new() { Paths = ["/travels/*"] }))], Req(http: false), false, null },
            { "TCP: a DENY rule with methods denies", [Deny(To(new() { Methods = ["GET"] }))], Req(http: false), false, denyRule0 },
            { "TCP: ports still match", [Allow(To(new() { Ports = ["8000"] }))], Req(http: false), true, allowRule0 },
            { "TCP: principals still match", [Allow(From(new() { Principals = [Portal] }))], Req(http: false), true, allowRule0 },
            { "TCP: an ALLOW rule on a header never matches", [Allow(When("request.headers[x-user]", ["alice"]))], Req(http: false), false, null },
            { "TCP: a DENY rule on a header denies", [Deny(When("request.headers[x-user]", ["alice"]))], Req(http: false), false, denyRule0 },

            // the lab: two ALLOW policies by principal
            { "lab: portal to agency is allowed", [Allow(From(new() { Principals = [Portal] })), Policy("control", AuthorizationAction.Allow, From(new() { Principals = [Gateway] }))], Req(principal: Portal), true, allowRule0 },
            { "lab: agency to itself is denied", [Allow(From(new() { Principals = [Portal] }))], Req(principal: Agency), false, null },
        };
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void The_decision_and_the_deciding_rule_are_Istios(string name, AuthorizationPolicy[] policies, AuthorizationRequest request, bool allowed, string? rule)
    {
        var decision = CompiledAuthorization.Compile(policies).Evaluate(request);
        decision.Allowed.Should().Be(allowed, name);
        decision.Policy.Should().Be(rule, name);
    }

    [Fact]
    public void The_table_covers_at_least_sixty_cases() => Cases().Count.Should().BeGreaterThanOrEqualTo(60);

    [Fact]
    public void A_bad_ip_block_is_refused_naming_the_policy_and_field()
    {
        var act = () => CompiledAuthorization.Compile([Allow(From(new() { IpBlocks = ["10.0.0.0/33"] }))]);
        act.Should().Throw<ArgumentException>().WithMessage("travel-agency/allow.rules[0].from[0].source.ipBlocks: '10.0.0.0/33' is not an IP address or CIDR range");
    }

    [Theory]
    [InlineData("/admin", PathNormalization.Base, "/admin")]
    [InlineData("/public/../admin", PathNormalization.Base, "/admin")]
    [InlineData("/./admin/.", PathNormalization.Base, "/admin/")]
    [InlineData("//admin", PathNormalization.Base, "//admin")]
    [InlineData("//admin", PathNormalization.MergeSlashes, "/admin")]
    [InlineData("/public%2F..%2Fadmin", PathNormalization.MergeSlashes, "/public%2F..%2Fadmin")]
    [InlineData("/public%2F..%2Fadmin", PathNormalization.DecodeAndMergeSlashes, "/admin")]
    [InlineData("/public%5C..%5Cadmin", PathNormalization.DecodeAndMergeSlashes, "/admin")]
    [InlineData("/public\\..\\admin", PathNormalization.DecodeAndMergeSlashes, "/admin")]
    [InlineData("/a//b/../c", PathNormalization.None, "/a//b/../c")]
    public void Paths_are_normalized_as_the_mesh_asks(string path, PathNormalization mode, string expected) =>
        PathNormalizer.Normalize(path, mode).Should().Be(expected);
}
