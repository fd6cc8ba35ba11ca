using System.Diagnostics;
using System.Net;

namespace Weft.Proxy.Tests.Pipeline;

public sealed class RoutePolicyTests(PolicyMesh mesh) : IClassFixture<PolicyMesh>
{
    private async Task<string> LogLineAsync(string requestLine) => await mesh.Proxy.Process.Process.WaitForLineAsync(requestLine, TimeSpan.FromSeconds(5));

    [Fact]
    public async Task A_retry_succeeds_where_the_first_try_failed()
    {
        using var response = await mesh.SendAsync("retry", "/retry-me");

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        (await response.Content.ReadAsStringAsync()).Should().Be("flaky try 2");
        mesh.Flaky.Requests.Where(r => r.PathAndQuery == "/retry-me").Select(r => r.Headers.GetValueOrDefault("x-envoy-attempt-count")).Should().Equal(null, "2");
    }

    [Fact]
    public async Task A_try_that_exceeds_the_per_try_timeout_is_retried()
    {
        var clock = Stopwatch.StartNew();
        using var response = await mesh.SendAsync("per-try", "/slow-first");

        (await response.Content.ReadAsStringAsync()).Should().Be("flaky try 2");
        clock.Elapsed.Should().BeLessThan(TimeSpan.FromSeconds(2.5));
    }

    [Fact]
    public async Task Istio_s_default_retry_policy_retries_a_503()
    {
        using var response = await mesh.SendAsync("retry-default-istio", "/default-policy");

        response.StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Without_a_retry_policy_the_failure_reaches_the_client()
    {
        using var response = await mesh.SendAsync("no-retry", "/no-retry");

        response.StatusCode.Should().Be(HttpStatusCode.ServiceUnavailable);
        (await response.Content.ReadAsStringAsync()).Should().Be("flaky try 1");
    }

    [Fact]
    public async Task Retries_that_run_out_answer_the_last_failure_with_URX()
    {
        using var response = await mesh.SendAsync("retry", "/always-503");

        response.StatusCode.Should().Be(HttpStatusCode.ServiceUnavailable);
        mesh.Flaky.Requests.Count(r => r.PathAndQuery == "/always-503").Should().Be(3);
        (await LogLineAsync("\"GET /always-503 HTTP/1.1\"")).Should().Contain(" 503 URX via_upstream ");
    }

    [Fact]
    public async Task A_slow_upstream_gets_504_upstream_request_timeout()
    {
        var clock = Stopwatch.StartNew();
        using var response = await mesh.SendAsync("timeout", "/delay/3000");

        clock.Elapsed.Should().BeLessThan(TimeSpan.FromSeconds(2));
        response.StatusCode.Should().Be(HttpStatusCode.GatewayTimeout);
        (await response.Content.ReadAsStringAsync()).Should().Be("upstream request timeout");
        (await LogLineAsync("\"GET /delay/3000 HTTP/1.1\"")).Should().Contain(" 504 UT response_timeout ");
    }

    [Fact]
    public async Task A_fault_abort_answers_the_configured_status()
    {
        using var response = await mesh.SendAsync("abort", "/aborted");

        response.StatusCode.Should().Be((HttpStatusCode)418);
        (await response.Content.ReadAsStringAsync()).Should().Be("fault filter abort");
        (await LogLineAsync("\"GET /aborted HTTP/1.1\"")).Should().Contain(" 418 FI fault_filter_abort ");
    }

    [Fact]
    public async Task A_fault_delay_holds_the_request_then_forwards_it()
    {
        var clock = Stopwatch.StartNew();
        using var response = await mesh.SendAsync("delay", "/delayed");

        clock.Elapsed.Should().BeGreaterThanOrEqualTo(TimeSpan.FromMilliseconds(380));
        response.StatusCode.Should().Be(HttpStatusCode.OK);
        (await LogLineAsync("\"GET /delayed HTTP/1.1\"")).Should().Contain(" 200 DI via_upstream ");
    }

    [Fact]
    public async Task Mirroring_reaches_the_shadow_with_a_shadow_host_and_leaves_the_answer_alone()
    {
        using var response = await mesh.SendAsync("mirror", "/mirrored", HttpMethod.Post, r => r.Content = new StringContent("payload"));

        (await response.Content.ReadAsStringAsync()).Should().Be("main");
        var deadline = DateTime.UtcNow.AddSeconds(5);
        while (!mesh.Shadow.Requests.Any(r => r.PathAndQuery == "/mirrored") && DateTime.UtcNow < deadline)
            await Task.Delay(20);
        var shadow = mesh.Shadow.Requests.Single(r => r.PathAndQuery == "/mirrored");
        shadow.Headers["host"].Should().Be("mirror-shadow");
        shadow.Body.Should().Be("payload");
        shadow.Method.Should().Be("POST");
        mesh.Main.Requests.Single(r => r.PathAndQuery == "/mirrored").Headers["host"].Should().Be("mirror");
    }

    [Fact]
    public async Task A_mirror_at_zero_percent_sends_nothing()
    {
        for (var i = 0; i < 20; i++)
            (await mesh.SendAsync("mirror-none", "/not-mirrored")).Dispose();
        await Task.Delay(200);

        mesh.Shadow.Requests.Should().NotContain(r => r.PathAndQuery == "/not-mirrored");
    }

    [Fact]
    public void Shadow_hosts_keep_their_port()
    {
        Weft.Proxy.Pipeline.MirrorStage.ShadowHost("reviews:9080").Should().Be("reviews-shadow:9080");
        Weft.Proxy.Pipeline.MirrorStage.ShadowHost("reviews").Should().Be("reviews-shadow");
        Weft.Proxy.Pipeline.MirrorStage.ShadowHost("[::1]:80").Should().Be("[::1]-shadow:80");
    }

    [Fact]
    public async Task A_redirect_answers_301_with_the_new_location()
    {
        using var response = await mesh.SendAsync("redirect", "/old/page?q=1");

        response.StatusCode.Should().Be(HttpStatusCode.MovedPermanently);
        response.Headers.Location!.ToString().Should().Be("http://new.example.com/new/page?q=1");
    }

    [Fact]
    public async Task A_direct_response_answers_without_an_upstream()
    {
        using var response = await mesh.SendAsync("direct", "/");

        response.StatusCode.Should().Be(HttpStatusCode.ServiceUnavailable);
        (await response.Content.ReadAsStringAsync()).Should().Be("maintenance");
    }

    [Fact]
    public async Task A_prefix_rewrite_and_an_authority_rewrite_change_what_the_upstream_sees()
    {
        using var response = await mesh.SendAsync("rewrite", "/v1/reviews/1?x=y");

        var seen = mesh.Main.Requests.Single(r => r.PathAndQuery == "/v2/reviews/1?x=y");
        seen.Headers["host"].Should().Be("reviews.internal");
    }

    [Fact]
    public async Task A_regex_rewrite_substitutes_groups()
    {
        using var response = await mesh.SendAsync("regex-rewrite", "/service/abc/path");

        mesh.Main.Requests.Should().Contain(r => r.PathAndQuery == "/path/instance/abc");
    }

    [Fact]
    public async Task Header_operations_apply_per_route_and_per_destination_both_ways()
    {
        using var response = await mesh.SendAsync("headers", "/headers-ops", configure: r =>
        {
            r.Headers.Add("x-remove-me", "gone");
            r.Headers.Add("x-added", "client");
        });

        var seen = mesh.Main.Requests.Single(r => r.PathAndQuery == "/headers-ops").Headers;
        seen["x-dest"].Should().Be("main");
        seen["x-route"].Should().Be("set");
        seen["x-added"].Should().Be("client, a");
        seen.Should().NotContainKey("x-remove-me");
        response.Headers.GetValues("x-resp").Should().Equal("set");
        response.Headers.GetValues("x-dest-resp").Should().Equal("main");
        response.Headers.Contains("x-backend").Should().BeFalse();
    }

    [Fact]
    public async Task A_cors_preflight_from_an_allowed_origin_is_answered_by_the_proxy()
    {
        using var preflight = await mesh.SendAsync("cors", "/api", HttpMethod.Options, r =>
        {
            r.Headers.Add("origin", "https://app.example.com");
            r.Headers.Add("access-control-request-method", "POST");
        });
        using var actual = await mesh.SendAsync("cors", "/api-actual", configure: r => r.Headers.Add("origin", "https://app.example.com"));
        using var foreign = await mesh.SendAsync("cors", "/api-foreign", configure: r => r.Headers.Add("origin", "https://evil.example.com"));

        preflight.StatusCode.Should().Be(HttpStatusCode.OK);
        preflight.Headers.GetValues("access-control-allow-origin").Should().Equal("https://app.example.com");
        preflight.Headers.GetValues("access-control-allow-methods").Should().Equal("GET,POST");
        preflight.Headers.GetValues("access-control-max-age").Should().Equal("3600");
        mesh.Main.Requests.Should().NotContain(r => r.PathAndQuery == "/api");
        actual.Headers.GetValues("access-control-allow-origin").Should().Equal("https://app.example.com");
        actual.Headers.GetValues("access-control-expose-headers").Should().Equal("x-backend");
        foreign.Headers.Contains("access-control-allow-origin").Should().BeFalse();
    }

    [Theory]
    [InlineData("GET", "/exact", null, "exact")]
    [InlineData("GET", "/exact/more", null, "catch-all")]
    [InlineData("GET", "/CASE/x", null, "ignore-case")]
    [InlineData("GET", "/h?debug=1", "jason", "jason+debug")]
    [InlineData("GET", "/h?debug=2", "jason", "j-regex")]
    [InlineData("GET", "/h", "john", "j-regex")]
    [InlineData("GET", "/h", "mary", "no-canary")]
    [InlineData("DELETE", "/m", null, "delete")]
    [InlineData("GET", "/m", null, "catch-all")]
    [InlineData("GET", "/items/42", null, "item")]
    [InlineData("GET", "/items/4x2", null, "catch-all")]
    [InlineData("GET", "/never", null, "catch-all")]
    public async Task Matches_are_and_within_a_block_and_the_first_matching_route_wins(string method, string path, string? endUser, string expected)
    {
        using var response = await mesh.SendAsync("match", path, new HttpMethod(method), r =>
        {
            if (endUser is not null)
                r.Headers.Add("end-user", endUser);
        });

        (await response.Content.ReadAsStringAsync()).Should().Be(expected);
    }

    [Fact]
    public async Task Without_header_excludes_requests_carrying_it()
    {
        using var response = await mesh.SendAsync("match", "/h", configure: r => r.Headers.Add("x-canary", "1"));

        (await response.Content.ReadAsStringAsync()).Should().Be("catch-all");
    }

    [Theory]
    [InlineData("a.wild.example.com", "suffix")]
    [InlineData("wild.example.com", "other")]
    [InlineData("unknown.host", "other")]
    public async Task Virtual_hosts_are_chosen_by_exact_then_wildcard_domain(string host, string expected)
    {
        using var response = await mesh.SendAsync(host, "/");

        (await response.Content.ReadAsStringAsync()).Should().Be(expected);
    }

    [Fact]
    public async Task A_missing_hash_cookie_is_generated_and_then_keeps_the_client_on_one_endpoint()
    {
        using var first = await mesh.SendAsync("sticky-cookie", "/sticky-1");
        var setCookie = first.Headers.GetValues("set-cookie").Single();
        setCookie.Should().MatchRegex("^sticky=[0-9a-f]{16}; Max-Age=60; Path=/; HttpOnly$");
        var cookie = setCookie[..setCookie.IndexOf(';', StringComparison.Ordinal)];
        var firstBackend = await first.Content.ReadAsStringAsync();

        for (var i = 0; i < 8; i++)
        {
            using var again = await mesh.SendAsync("sticky-cookie", "/sticky-n", configure: r => r.Headers.Add("cookie", cookie));
            (await again.Content.ReadAsStringAsync()).Should().Be(firstBackend);
            again.Headers.Contains("set-cookie").Should().BeFalse();
        }
    }

    [Fact]
    public async Task Hashing_on_a_query_parameter_keeps_each_value_on_one_endpoint()
    {
        var seen = new Dictionary<string, HashSet<string>>();
        for (var user = 0; user < 12; user++)
            for (var i = 0; i < 3; i++)
            {
                using var r = await mesh.SendAsync("sticky-query", $"/q?user=u{user}");
                if (!seen.TryGetValue($"u{user}", out var set))
                    seen[$"u{user}"] = set = [];
                set.Add(await r.Content.ReadAsStringAsync());
            }

        seen.Values.Should().OnlyContain(s => s.Count == 1);
    }
}
