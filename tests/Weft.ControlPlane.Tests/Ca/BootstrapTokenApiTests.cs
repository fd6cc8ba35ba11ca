using System.Net;
using System.Text.Json.Nodes;
using Weft.Identity.Keys;

namespace Weft.ControlPlane.Tests.Ca;

/// <summary>POST /apis/weft.io/v1/namespaces/NS/bootstraptokens, behind the API token.</summary>
public class BootstrapTokenApiTests
{
    [Fact]
    public async Task A_token_is_created_for_one_identity_and_shown_once_with_the_roots_and_the_CA_address()
    {
        await using var weft = await CaTestServer.StartAsync();
        var (code, body) = await weft.CreateTokenAsync("vm", "cars", 600);
        code.Should().Be(HttpStatusCode.Created, body.ToJsonString());
        body["kind"]!.GetValue<string>().Should().Be("BootstrapToken");
        body["metadata"]!["namespace"]!.GetValue<string>().Should().Be("vm");
        var status = body["status"]!;
        status["identity"]!.GetValue<string>().Should().Be("spiffe://cluster.local/ns/vm/sa/cars");
        status["token"]!.GetValue<string>().Should().MatchRegex(@"^weftbt\.[A-Za-z0-9_-]{12}\.[A-Za-z0-9_-]{43}$");
        status["caAddress"]!.GetValue<string>().Should().Be(weft.CaAddress.ToString().TrimEnd('/'));
        status["rootCertificates"]!.GetValue<string>().Should().StartWith("-----BEGIN CERTIFICATE-----").And.Be(weft.Server.Ca.RootCertificatesPem);
        DateTimeOffset.Parse(status["expirationTimestamp"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture)
            .Should().BeCloseTo(weft.Clock.GetUtcNow().AddMinutes(10), TimeSpan.FromSeconds(1));
    }

    [Fact]
    public async Task Only_the_hash_of_the_token_is_stored_in_a_0600_file_and_no_log_line_carries_a_secret()
    {
        await using var weft = await CaTestServer.StartAsync();
        var token = await weft.TokenAsync("vm", "cars");
        var secret = token.Split('.')[2];
        var file = Path.Combine(weft.DataDir, "ca", "bootstrap-tokens.json");
        File.ReadAllText(file).Should().NotContain(secret).And.Contain(token.Split('.')[1], "the id names the grant");
        File.GetUnixFileMode(file).Should().Be(SecretFile.Mode);
        await weft.BootstrapAsync(weft.Id("vm", "cars"), token);
        await weft.RequestAsync("x", token);   // a replay, refused and logged
        weft.AllLogs.Should().Contain($"Bootstrap token {token.Split('.')[1]} created").And.Contain("already used");
        weft.AllLogs.Should().NotContain(secret).And.NotContain(weft.Server.Token);
    }

    [Fact]
    public async Task Creating_a_token_needs_the_API_token()
    {
        await using var weft = await CaTestServer.StartAsync();
        using var anonymous = new HttpClient { BaseAddress = weft.Server.Address };
        var (code, body) = await weft.CreateTokenAsync("vm", "cars", client: anonymous);
        code.Should().Be(HttpStatusCode.Unauthorized);
        body["reason"]!.GetValue<string>().Should().Be("Unauthorized");
        using var wrong = new HttpClient { BaseAddress = weft.Server.Address, DefaultRequestHeaders = { Authorization = new("Bearer", "weftbt.not.the-api-token") } };
        (await weft.CreateTokenAsync("vm", "cars", client: wrong)).Code.Should().Be(HttpStatusCode.Unauthorized);
        File.Exists(Path.Combine(weft.DataDir, "ca", "bootstrap-tokens.json")).Should().BeFalse("nothing was issued");
    }

    [Fact]
    public async Task Every_invalid_field_is_reported_at_once()
    {
        await using var weft = await CaTestServer.StartAsync();
        var (code, body) = await weft.CreateTokenAsync("Bad_NS", "a/b", 30);
        code.Should().Be((HttpStatusCode)422);
        var causes = body["details"]!["causes"]!.AsArray().Select(c => c!["field"]!.GetValue<string>()).ToList();
        causes.Should().Equal("metadata.namespace", "spec.serviceAccount", "spec.expirationSeconds");
        body["message"]!.GetValue<string>().Should().Contain("metadata.namespace: Invalid value: \"Bad_NS\": a lowercase RFC 1123 label")
            .And.Contain("spec.serviceAccount: Invalid value: \"a/b\": a lowercase RFC 1123 subdomain")
            .And.Contain("is shorter than the minimum 00:01:00");
    }

    [Fact]
    public async Task A_token_without_a_service_account_is_refused()
    {
        await using var weft = await CaTestServer.StartAsync();
        using var response = await weft.Api.PostAsync("apis/weft.io/v1/namespaces/vm/bootstraptokens",
            new StringContent("""{"spec":{}}""", System.Text.Encoding.UTF8, "application/json"), CaTestServer.Ct);
        response.StatusCode.Should().Be((HttpStatusCode)422);
        (await response.Content.ReadAsStringAsync(CaTestServer.Ct)).Should().Contain("spec.serviceAccount: Required value");
    }

    [Fact]
    public async Task Tokens_cannot_be_listed_or_read_back()
    {
        await using var weft = await CaTestServer.StartAsync();
        await weft.TokenAsync("vm", "cars");
        using var response = await weft.Api.GetAsync("apis/weft.io/v1/namespaces/vm/bootstraptokens", CaTestServer.Ct);
        response.StatusCode.Should().Be(HttpStatusCode.MethodNotAllowed);
        response.Content.Headers.Allow.Should().Equal("POST");
    }

    [Fact]
    public async Task The_CA_is_described_and_a_rotation_adds_a_second_trusted_root()
    {
        await using var weft = await CaTestServer.StartAsync();
        var before = JsonNode.Parse(await weft.Api.GetStringAsync("apis/weft.io/v1/ca", CaTestServer.Ct))!;
        before["source"]!.GetValue<string>().Should().Be("generated");
        before["generations"]!.AsArray().Should().ContainSingle();
        using var rotate = await weft.Api.PostAsync("apis/weft.io/v1/ca/rotate", null, CaTestServer.Ct);
        rotate.StatusCode.Should().Be(HttpStatusCode.OK);
        var after = JsonNode.Parse(await rotate.Content.ReadAsStringAsync(CaTestServer.Ct))!;
        var generations = after["generations"]!.AsArray();
        generations.Should().HaveCount(2);
        generations[0]!["signing"]!.GetValue<bool>().Should().BeTrue("the old root signs until every proxy has the new one");
        generations[1]!["trusted"]!.GetValue<bool>().Should().BeTrue();
        weft.Server.Ca.Ca.TrustBundle.Roots.Should().HaveCount(2);
        File.ReadAllText(weft.Server.Ca.RootCertPath).Split("BEGIN CERTIFICATE").Should().HaveCount(3);
    }
}
