using Weft.Identity.Spiffe;

namespace Weft.Identity.Tests.Spiffe;

public class SpiffeIdTests
{
    [Fact]
    public void A_workload_identity_formats_as_Istio_writes_it()
    {
        var id = SpiffeId.Create("cluster.local", "travel", "cars-vm");
        id.ToString().Should().Be("spiffe://cluster.local/ns/travel/sa/cars-vm");
        id.ToUri().AbsoluteUri.Should().Be("spiffe://cluster.local/ns/travel/sa/cars-vm");
    }

    [Fact]
    public void Parsing_gives_back_the_parts_and_equality_is_by_value()
    {
        var id = SpiffeId.Parse("spiffe://example.org/ns/default/sa/bookinfo.productpage");
        id.TrustDomain.Should().Be("example.org");
        id.Namespace.Should().Be("default");
        id.ServiceAccount.Should().Be("bookinfo.productpage");
        id.Should().Be(SpiffeId.Create("example.org", "default", "bookinfo.productpage"));
    }

    [Theory]
    [InlineData("", "the SPIFFE id is empty")]
    [InlineData("SPIFFE://cluster.local/ns/a/sa/b", "does not start with spiffe://")]
    [InlineData("https://cluster.local/ns/a/sa/b", "does not start with spiffe://")]
    [InlineData("spiffe://Cluster.local/ns/a/sa/b", "uppercase letter 'C'")]
    [InlineData("spiffe://cluster.local:443/ns/a/sa/b", "has a port")]
    [InlineData("spiffe://user@cluster.local/ns/a/sa/b", "user info")]
    [InlineData("spiffe://cluster.local", "names a trust domain but no workload")]
    [InlineData("spiffe://cluster.local/", "exactly /ns/NAMESPACE/sa/SERVICE_ACCOUNT")]
    [InlineData("spiffe://cluster.local/ns/a/sa/b/extra", "exactly /ns/NAMESPACE/sa/SERVICE_ACCOUNT")]
    [InlineData("spiffe://cluster.local/ns/a/sa/b/", "exactly /ns/NAMESPACE/sa/SERVICE_ACCOUNT")]
    [InlineData("spiffe://cluster.local/ns/a/./sa/b", "exactly /ns/NAMESPACE/sa/SERVICE_ACCOUNT")]
    [InlineData("spiffe://cluster.local/sa/b/ns/a", "exactly /ns/NAMESPACE/sa/SERVICE_ACCOUNT")]
    [InlineData("spiffe://cluster.local/ns//sa/b", "the namespace is empty")]
    [InlineData("spiffe://cluster.local/ns/Shop/sa/b", "the namespace \"Shop\" has the character 'S'")]
    [InlineData("spiffe://cluster.local/ns/a%2Fb/sa/c", "the namespace \"a%2Fb\" has the character '%'")]
    [InlineData("spiffe://cluster.local/ns/-a/sa/b", "starts or ends with '-'")]
    [InlineData("spiffe://cluster.local/ns/a/sa/b..c", "empty part between dots")]
    [InlineData("spiffe://cluster.local/ns/a/sa/b?x=1", "the service account \"b?x=1\" has the character '?'")]
    [InlineData("spiffe://cluster.local/ns/a/sa/b#f", "the service account \"b#f\" has the character '#'")]
    public void Ids_that_are_not_a_workload_identity_are_refused_with_the_reason(string text, string reason)
    {
        SpiffeId.TryParse(text, out var id, out var error).Should().BeFalse();
        id.Should().BeNull();
        error.Should().Contain(reason);
        FluentActions.Invoking(() => SpiffeId.Parse(text)).Should().Throw<FormatException>().WithMessage($"*{reason}*");
    }

    [Fact]
    public void A_namespace_longer_than_a_DNS_label_is_refused()
    {
        var ns = new string('a', 64);
        SpiffeId.TryParse($"spiffe://cluster.local/ns/{ns}/sa/b", out _, out var error).Should().BeFalse();
        error.Should().Contain("is 64 characters long; at most 63 are allowed");
    }

    [Fact]
    public void Creating_reports_every_bad_part_at_once()
    {
        var errors = SpiffeId.Check("Bad.Domain", "", "x_y");
        errors.Should().HaveCount(3);
        errors[0].Should().Contain("uppercase");
        errors[1].Should().Be("the namespace is empty");
        errors[2].Should().Contain("the service account \"x_y\" has the character '_'");
        FluentActions.Invoking(() => SpiffeId.Create("Bad.Domain", "", "x_y")).Should().Throw<ArgumentException>();
    }

    [Theory]
    [InlineData("cluster.local")]
    [InlineData("prod_mesh-1.example.com")]
    [InlineData("a")]
    public void Trust_domains_of_the_allowed_characters_are_accepted(string name) => TrustDomain.Check(name).Should().BeNull();

    [Fact]
    public void A_trust_domain_longer_than_255_characters_is_refused() =>
        TrustDomain.Check(new string('a', 256)).Should().Contain("at most 255");
}
