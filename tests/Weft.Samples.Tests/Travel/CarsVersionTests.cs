using Weft.Samples.Hosting;
using Weft.Samples.Tests.Infrastructure;

namespace Weft.Samples.Tests.Travel;

/// <summary>
/// cars v2 next to v1, as the canary lab runs them. The demo's v2 is the same image with
/// CURRENT_VERSION=v2: same prices; what differs is the version it reports (the
/// x-weft-sample header, /healthz, its log lines). The mesh tells them apart by their labels.
/// </summary>
public sealed class CarsVersionTests(TravelAgency agency)
{
    [Fact]
    public async Task Cars_v2_quotes_what_v1_quotes_but_says_it_is_v2_in_its_header_health_and_log()
    {
        var v2Address = Weft.Testing.Net.UniqueLoopback();
        var env = agency.TravelsEnvironment();
        env["CARS_SERVICE"] = $"http://{v2Address}:8000";
        var starting = new[] { SampleProcess.StartAsync("cars", agency.OfferEnvironment("v2"), v2Address), SampleProcess.StartAsync("travels", env) };
        await using var v2 = await starting[0];
        await using var travelsToV2 = await starting[1];

        using var fromV1 = await agency.Cars.Client.GetAsync("cars/Rome");
        using var fromV2 = await v2.Client.GetAsync("cars/Rome");
        (await fromV2.Content.ReadAsStringAsync()).Should().Be(await fromV1.Content.ReadAsStringAsync());
        fromV1.Headers.GetValues(Instance.HeaderName).Should().Equal("cars/v1");
        fromV2.Headers.GetValues(Instance.HeaderName).Should().Equal("cars/v2");
        (await v2.Client.GetJsonAsync("healthz")).ToJsonString().Should().Be("{\"status\":\"ok\",\"service\":\"cars\",\"version\":\"v2\"}");
        (await agency.Cars.Client.GetJsonAsync("healthz"))["version"]!.GetValue<string>().Should().Be("v1");

        // In a quote too: travels wired to v2 gives the cars travels wired to v1 gives.
        var viaV2 = await travelsToV2.Client.GetJsonAsync("travels/Rome", 200, ("user", "new"));
        var viaV1 = await agency.Travels.Client.GetJsonAsync("travels/Rome", 200, ("user", "new"));
        viaV2["cars"]!.ToJsonString().Should().Be(viaV1["cars"]!.ToJsonString());
        v2.Output.Should().Contain("[cars/v2] GET /cars/Rome 200");
    }
}
