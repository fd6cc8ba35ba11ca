using Weft.Samples.Tests.Infrastructure;

namespace Weft.Samples.Tests.Propagation;

/// <summary>
/// What reaches the next service: every outbound call goes through HTTP_PROXY (the sidecar) and
/// carries the inbound request's trace headers, as Istio asks applications to do.
/// </summary>
public sealed class HeaderPropagationTests(ProxiedSamples samples) : IClassFixture<ProxiedSamples>
{
    private static (string, string)[] TraceHeaders(string requestId) =>
    [
        ("x-request-id", requestId),
        ("traceparent", "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01"),
        ("tracestate", "congo=t61rcWkgMzE"),
        ("x-b3-traceid", "4bf92f3577b34da6a3ce929d0e0e4736"),
        ("x-b3-spanid", "00f067aa0ba902b7"),
        ("x-b3-parentspanid", "a2fb4a1d1a96d312"),
        ("x-b3-sampled", "1"),
        ("x-b3-flags", "0"),
        ("b3", "4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-1"),
        ("x-ot-span-context", "4bf92f3577b34da6;00f067aa0ba902b7;0000000000000000;cs"),
    ];

    [Fact]
    public async Task Travels_calls_each_offer_service_through_HTTP_PROXY_with_the_trace_and_demo_headers()
    {
        var id = Guid.NewGuid().ToString();
        var demo = new[] { ("portal", "voyages.fr"), ("device", "web"), ("user", "new"), ("travel", "t1") };
        var quote = await samples.Travels.Client.GetJsonAsync("travels/Lisbon", 200, [.. TraceHeaders(id), .. demo]);
        quote["status"]!.GetValue<string>().Should().Be("Valid", "the proxy forwarded every call");

        var calls = samples.Proxy.ForRequest(id);
        calls.Select(c => c.Target.AbsolutePath).Should().BeEquivalentTo("/flights/Lisbon", "/hotels/Lisbon", "/cars/Lisbon", "/insurances/Lisbon");
        foreach (var call in calls)
            foreach (var (name, value) in TraceHeaders(id).Concat(demo))
                call.Headers.Should().Contain(name, value, "{0} {1} carries {2}", call.Method, call.Target, name);
    }

    [Fact]
    public async Task Travels_calls_no_cars_for_t2_and_no_flights_for_t3()
    {
        var t2 = Guid.NewGuid().ToString();
        (await samples.Travels.Client.GetJsonAsync("travels/Oslo", 200, [("x-request-id", t2), ("travel", "t2")]))["cars"].Should().BeNull();
        samples.Proxy.ForRequest(t2).Select(c => c.Target.AbsolutePath).Should().BeEquivalentTo("/flights/Oslo", "/hotels/Oslo", "/insurances/Oslo");

        var t3 = Guid.NewGuid().ToString();
        (await samples.Travels.Client.GetJsonAsync("travels/Oslo", 200, [("x-request-id", t3), ("travel", "t3")]))["flights"].Should().BeNull();
        samples.Proxy.ForRequest(t3).Select(c => c.Target.AbsolutePath).Should().BeEquivalentTo("/hotels/Oslo", "/cars/Oslo", "/insurances/Oslo");
    }

    [Fact]
    public async Task Cars_asks_discounts_with_the_inbound_headers_and_discountFrom()
    {
        var id = Guid.NewGuid().ToString();
        var cars = (await samples.Cars.Client.GetJsonAsync("cars/Madrid", 200, [.. TraceHeaders(id), ("user", "registered"), ("portal", "viaggi.it")])).AsArray();
        cars[0]!["price"]!.GetValue<float>().Should().Be(1100f * 0.9f);

        var call = samples.Proxy.ForRequest(id).Should().ContainSingle().Subject;
        call.Target.AbsolutePath.Should().Be("/discounts/registered");
        call.Headers.Should().Contain("discountfrom", "cars").And.Contain("user", "registered").And.Contain("portal", "viaggi.it");
        foreach (var (name, value) in TraceHeaders(id))
            call.Headers.Should().Contain(name, value);
    }

    [Fact]
    public async Task Productpage_and_reviews_pass_the_trace_headers_and_the_signed_in_user_down_to_ratings()
    {
        using var browser = new HttpClient(new SocketsHttpHandler { UseProxy = false, AllowAutoRedirect = false, UseCookies = true })
        {
            BaseAddress = new Uri(samples.ProductPage.BaseUrl + "/"),
        };
        using var login = await browser.PostAsync("login", new FormUrlEncodedContent([new("username", "jason"), new("passwd", "x")]));
        ((int)login.StatusCode).Should().Be(302);

        var id = Guid.NewGuid().ToString();
        using var request = new HttpRequestMessage(HttpMethod.Get, "productpage");
        foreach (var (name, value) in TraceHeaders(id))
            request.Headers.TryAddWithoutValidation(name, value);
        using var page = await browser.SendAsync(request);
        var html = await page.Content.ReadAsStringAsync();
        html.Should().Contain("jason").And.Contain("<font color=\"black\">");

        var calls = samples.Proxy.ForRequest(id);
        calls.Select(c => c.Target.AbsolutePath).Should().BeEquivalentTo("/details/0", "/reviews/0", "/ratings/0");
        foreach (var call in calls)
        {
            call.Headers.Should().Contain("end-user", "jason", "{0} learns who is signed in", call.Target);
            foreach (var (name, value) in TraceHeaders(id))
                call.Headers.Should().Contain(name, value, "{0} carries {1}", call.Target, name);
        }
    }
}
