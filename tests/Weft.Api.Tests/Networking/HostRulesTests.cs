using Weft.Api.Validation.Networking;

namespace Weft.Api.Tests.Networking;

/// <summary>The public host rules other groups reuse (AuthorizationPolicy hosts, Gateway API hostnames, analyzers).</summary>
public class HostRulesTests
{
    [Theory]
    [InlineData("reviews")]
    [InlineData("reviews.bookinfo.svc.cluster.local")]
    [InlineData("Travels.Example.COM")]
    [InlineData("istio.io.")]
    public void Fully_qualified_names_and_short_names_pass_the_fqdn_rule(string host) =>
        HostRules.CheckFqdn(host).Should().BeNull();

    [Theory]
    [InlineData("", "empty domain name not allowed")]
    [InlineData("10.0.0.1", "domain name \"10.0.0.1\" invalid (top level domain \"1\" cannot be all-numeric)")]
    [InlineData("a_b.example.com", "domain name \"a_b.example.com\" invalid (label \"a_b\" invalid)")]
    [InlineData("*.example.com", "domain name \"*.example.com\" invalid (label \"*\" invalid)")]
    public void Names_that_are_not_fqdns_are_refused_with_istios_reason(string host, string reason) =>
        HostRules.CheckFqdn(host).Should().Be(reason);

    [Theory]
    [InlineData("*")]
    [InlineData("*.example.com")]
    [InlineData("*-dev.example.com")]
    [InlineData("*x")]
    public void A_wildcard_is_allowed_as_the_first_label(string host) =>
        HostRules.CheckWildcardDomain(host).Should().BeNull();

    [Fact]
    public void A_wildcard_elsewhere_is_refused() =>
        HostRules.CheckWildcardDomain("travels.*.example.com").Should().Be("domain name \"travels.*.example.com\" invalid (label \"*\" invalid)");

    [Fact]
    public void A_name_longer_than_255_characters_is_refused()
    {
        var host = string.Join('.', Enumerable.Repeat(new string('a', 63), 5));
        HostRules.CheckWildcardDomain(host).Should().Be($"domain name \"{host}\" too long (max 255)");
    }

    [Theory]
    [InlineData("*/*")]
    [InlineData("./reviews.bookinfo.svc.cluster.local")]
    [InlineData("~/*")]
    [InlineData("istio-system/*.example.com")]
    public void Sidecar_hosts_name_a_namespace_and_a_host(string host) =>
        HostRules.CheckNamespaceSlashHost(host, isGateway: false).Should().BeEmpty();

    [Theory]
    [InlineData("~/*", "invalid namespace value \"~\" in gateway")]
    [InlineData("/x.example.com", "config namespace and dnsName in host entry cannot be empty")]
    [InlineData("ns/x*.example.com", "partial wildcard \"x*.example.com\" not allowed")]
    public void Gateway_hosts_follow_the_gateway_rules(string host, string reason) =>
        HostRules.CheckNamespaceSlashHost(host, isGateway: true).Should().Contain(reason);

    [Fact]
    public void A_gateway_may_name_an_ip_address_but_a_sidecar_may_not()
    {
        HostRules.CheckNamespaceSlashHost("ns/10.0.0.1", isGateway: true).Should().BeEmpty();
        HostRules.CheckNamespaceSlashHost("ns/10.0.0.1", isGateway: false).Should().Equal("domain name \"10.0.0.1\" invalid (top level domain \"1\" cannot be all-numeric)");
    }

    [Theory]
    [InlineData("*.example.com", "a.example.com", true)]
    [InlineData("a.example.com", "*.example.com", true)]
    [InlineData("*", "*.example.com", true)]
    [InlineData("*.a.example.com", "*.example.com", true)]
    [InlineData("*.example.com", "example.com", false)]
    [InlineData("a.example.com", "b.example.com", false)]
    public void Wildcards_overlap_names_they_cover(string a, string b, bool overlap) =>
        HostNames.Matches(a, b).Should().Be(overlap);

    [Theory]
    [InlineData("a.example.com", "*.example.com", true)]
    [InlineData("*.a.example.com", "*.example.com", true)]
    [InlineData("*.example.com", "a.example.com", false)]
    [InlineData("*.example.com", "*.a.example.com", false)]
    public void A_subset_is_covered_in_one_direction_only(string host, string of, bool covered) =>
        HostNames.SubsetOf(host, of).Should().Be(covered);

    [Theory]
    [InlineData("10.0.0.1", true)]
    [InlineData("2001:db8::1", true)]
    [InlineData("010.0.0.1", false)]
    [InlineData("10.0.0", false)]
    [InlineData("10.0.0.256", false)]
    public void Ip_addresses_are_read_as_go_reads_them(string address, bool isIp) =>
        AddressRules.IsIp(address).Should().Be(isIp);

    [Theory]
    [InlineData("10.0.0.0/8", null)]
    [InlineData("2001:db8::/32", null)]
    [InlineData("10.0.0.0/33", "10.0.0.0/33 is not a valid CIDR block")]
    [InlineData("10.0.0.0/08", "10.0.0.0/08 is not a valid CIDR block")]
    [InlineData("1.2.3.4.5", "1.2.3.4.5 is not a valid IP")]
    public void Subnets_are_cidr_blocks_or_addresses(string subnet, string? reason) =>
        AddressRules.CheckIpSubnet(subnet).Should().Be(reason);

    [Theory]
    [InlineData("%REQ(x-request-id)%", null)]
    [InlineData("100%%", null)]
    [InlineData("%START_TIME%%", "header value configuration: invalid header configuration. Un-escaped %")]
    [InlineData("%DYNAMIC_METADATA([\"a\", \"b\"])%", null)]
    [InlineData("%REQ(x", "header value configuration: invalid header configuration. Un-terminated variable expression '%REQ(x'")]
    public void Header_values_are_envoy_format_strings(string value, string? reason) =>
        HeaderRules.CheckValue(value).Should().Be(reason);
}
