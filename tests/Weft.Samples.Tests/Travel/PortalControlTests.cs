using System.Diagnostics;
using System.Text.Json.Nodes;
using Weft.Samples.Tests.Infrastructure;

namespace Weft.Samples.Tests.Travel;

/// <summary>The portals' load loop and the travel-control dashboard and API that steer it.</summary>
public sealed class PortalControlTests(PortalMesh mesh) : IClassFixture<PortalMesh>
{
    [Fact]
    public async Task Control_status_lists_every_portal_by_name_with_an_unreachable_one_in_Atlantis()
    {
        var all = (await mesh.Control.Client.GetJsonAsync("status")).AsArray();

        all.Select(p => p!["name"]!.GetValue<string>()).Should().Equal("travels.uk", "viaggi.it", "voyages.fr");
        var uk = all[0]!;
        uk["country"]!.GetValue<string>().Should().Be("Atlantis");
        uk["status"]!["error"]!.GetValue<bool>().Should().BeTrue();
        uk["coordinates"]!.ToJsonString().Should().Be("[-25.702539,37.747909]");
        var it = all[1]!;
        it["country"]!.GetValue<string>().Should().Be("Italy");
        it["coordinates"]!.ToJsonString().Should().Be("[12.492194,41.890668]", "coordinates are [lon, lat]");
        it["status"]!["error"]!.GetValue<bool>().Should().BeFalse();
        mesh.Control.Output.Should().Contain($"Portal travels.uk did not answer: {mesh.DeadPortal}/status");
    }

    [Fact]
    public async Task A_portal_status_has_the_demo_shape_and_counts_the_quotes_it_received()
    {
        await TestHttp.EventuallyAsync(async () =>
            (await mesh.Voyages.Client.GetJsonAsync("status"))["status"]!["cities"]!.AsArray().Should().NotBeEmpty(), TimeSpan.FromSeconds(20));

        var status = (JsonObject)await mesh.Voyages.Client.GetJsonAsync("status");
        status.Select(p => p.Key).Should().Equal("name", "coordinates", "country", "settings", "status");
        status["name"]!.GetValue<string>().Should().Be("voyages.fr");
        status["coordinates"]!.ToJsonString().Should().Be("[2.337418,48.86131]", "PORTAL_COORDINATES is lat,lon and the status says [lon, lat]");
        ((JsonObject)status["status"]!).Select(p => p.Key).Should().Equal("requests", "cities", "error");
        var requests = (JsonObject)status["status"]!["requests"]!;
        requests.Select(p => p.Key).Should().Equal("total", "devices", "users", "travel_type");
        var city = status["status"]!["cities"]![0]!;
        ((JsonObject)city).Select(p => p.Key).Should().Equal("city", "coordinates", "requests");
        city["coordinates"]!.AsArray().Should().HaveCount(2).And.NotContain(c => c!.GetValue<double>() == 0, "the city was placed by the agency's city list");
        requests["total"]!.GetValue<int>().Should().BeGreaterThanOrEqualTo(city["requests"]!["total"]!.GetValue<int>());
    }

    [Fact]
    public async Task The_request_ratio_set_through_the_control_sets_the_portals_pace()
    {
        try
        {
            var (status, body) = await mesh.Control.Client.SendAsync(HttpMethod.Put, "settings/voyages.fr", "{\"request_ratio\":100}");
            status.Should().Be(200, body);
            JsonNode.Parse(body)!["request_ratio"]!.GetValue<int>().Should().Be(100);
            mesh.Voyages.Output.Should().Contain("[voyages.fr] New settings: request_ratio 100, a quote every 0.75 s");

            // Ratio 100: a quote every 0.75 s plus its own time. viaggi.it keeps the default 50: one every 7.5 s.
            await Task.Delay(1000);
            var (fast, slow, elapsed) = await CountDuringAsync(TimeSpan.FromSeconds(6));
            // The window is 6 s plus however long the two status calls took (a loaded machine stretches it).
            var most = (int)(elapsed.TotalSeconds / 0.75) + 1;
            fast.Should().BeInRange(3, most, $"voyages.fr pauses 0.75 s after each quote ({most - 1} in {elapsed.TotalSeconds:0.0} s if its calls took no time)");
            slow.Should().BeLessThanOrEqualTo(1, "viaggi.it pauses 7.5 s after each quote");

            // Ratio 0 (a 15 s pause) applies at once, not after the pause in progress.
            (await mesh.Control.Client.SendAsync(HttpMethod.Put, "settings/voyages.fr", "{\"request_ratio\":0}")).Status.Should().Be(200);
            var (stopped, _, _) = await CountDuringAsync(TimeSpan.FromSeconds(3));
            stopped.Should().BeLessThanOrEqualTo(1, "at most the quote already under way");
        }
        finally
        {
            await mesh.Control.Client.SendAsync(HttpMethod.Put, "settings/voyages.fr", "{\"request_ratio\":50}");
        }
    }

    [Fact]
    public async Task A_portal_mixes_devices_users_and_travel_types_by_its_shares()
    {
        try
        {
            var settings = "{\"request_ratio\":100,\"devices\":{\"web\":0,\"mobile\":100},\"users\":{\"registered\":100,\"new\":0},\"travel_type\":{\"t1\":0,\"t2\":0,\"t3\":100}}";
            (await mesh.Viaggi.Client.SendAsync(HttpMethod.Put, "settings", settings)).Should().Be((200, settings));
            var before = await RequestsAsync(mesh.Viaggi);

            JsonNode after = before;
            await TestHttp.EventuallyAsync(async () =>
            {
                after = await RequestsAsync(mesh.Viaggi);
                (after["total"]!.GetValue<int>() - before["total"]!.GetValue<int>()).Should().BeGreaterThanOrEqualTo(3);
            }, TimeSpan.FromSeconds(20));

            int Delta(string group, string member) => after[group]![member]!.GetValue<int>() - before[group]![member]!.GetValue<int>();
            var total = after["total"]!.GetValue<int>() - before["total"]!.GetValue<int>();
            (Delta("devices", "mobile"), Delta("devices", "web")).Should().Be((total, 0));
            (Delta("users", "registered"), Delta("users", "new")).Should().Be((total, 0));
            (Delta("travel_type", "t3"), Delta("travel_type", "t1"), Delta("travel_type", "t2")).Should().Be((total, 0, 0));
        }
        finally
        {
            await mesh.Viaggi.Client.SendAsync(HttpMethod.Put, "settings",
                "{\"request_ratio\":50,\"devices\":{\"web\":50,\"mobile\":50},\"users\":{\"registered\":50,\"new\":50},\"travel_type\":{\"t1\":34,\"t2\":33,\"t3\":33}}");
        }
    }

    [Fact]
    public async Task Bad_settings_are_refused_with_every_problem_and_an_unknown_portal_is_404()
    {
        var (status, body) = await mesh.Control.Client.SendAsync(HttpMethod.Put, "settings/voyages.fr", "{\"request_ratio\":101,\"users\":{\"registered\":0,\"new\":0}}");
        status.Should().Be(400);
        body.Should().Be("{\"error\":\"Error unmarshall settings\",\"detail\":\"request_ratio: 101 is not a whole number from 0 to 100; users: registered and new are both 0; at least one needs a share\"}");

        (await mesh.Control.Client.SendAsync(HttpMethod.Put, "settings/nowhere.com", "{}"))
            .Should().Be((404, "{\"error\":\"Error portal nowhere.com not found\",\"detail\":\"known portals: voyages.fr, viaggi.it, travels.uk\"}"));
        (await mesh.Control.Client.SendAsync(HttpMethod.Put, "settings/travels.uk", "{}")).Status.Should().Be(502, "that portal cannot be reached");
        (await mesh.Voyages.Client.SendAsync(HttpMethod.Put, "settings", "[1]")).Status.Should().Be(400);
    }

    [Fact]
    public async Task The_dashboard_is_served_with_controls_that_put_each_portals_settings()
    {
        foreach (var path in new[] { "console", "" })
        {
            using var page = await mesh.Control.Client.GetAsync(path);
            page.Content.Headers.ContentType!.MediaType.Should().Be("text/html");
            var html = await page.Content.ReadAsStringAsync();
            html.Should().Contain("<title>Travel Control</title>").And.Contain("src=\"travel_control.js\"").And.Contain("name=\"request_ratio\"");
        }
        using var js = await mesh.Control.Client.GetAsync("travel_control.js");
        js.Content.Headers.ContentType!.MediaType.Should().Be("text/javascript");
        var script = await js.Content.ReadAsStringAsync();
        script.Should().Contain("fetch(`settings/${encodeURIComponent(name)}`").And.Contain("method: \"PUT\"").And.Contain("fetch(\"status\"");
        (await mesh.Control.Client.GetAsync("travel_control.css")).IsSuccessStatusCode.Should().BeTrue();
        ((int)(await mesh.Control.Client.GetAsync("secrets.txt")).StatusCode).Should().Be(404);
    }

    /// <summary>How many quotes voyages.fr and viaggi.it began during the window, from the control's status.</summary>
    private async Task<(int Voyages, int Viaggi, TimeSpan Elapsed)> CountDuringAsync(TimeSpan window)
    {
        var clock = Stopwatch.StartNew();
        var before = await TotalsAsync();
        await Task.Delay(window);
        var after = await TotalsAsync();
        clock.Elapsed.Should().BeLessThan(window + TimeSpan.FromSeconds(8), "the window must be measured, not waited out by a slow status call");
        return (after["voyages.fr"] - before["voyages.fr"], after["viaggi.it"] - before["viaggi.it"], clock.Elapsed);
    }

    private async Task<Dictionary<string, int>> TotalsAsync() =>
        (await mesh.Control.Client.GetJsonAsync("status")).AsArray()
            .ToDictionary(p => p!["name"]!.GetValue<string>(), p => p!["status"]!["requests"]!["total"]!.GetValue<int>());

    private static async Task<JsonNode> RequestsAsync(SampleProcess portal) =>
        (await portal.Client.GetJsonAsync("status"))["status"]!["requests"]!;
}
