using Weft.Samples.Tests.Infrastructure;

namespace Weft.Samples.Tests.Failure;

/// <summary>A cars instance of its own, and a travels wired to it, for the circuit-breaker lab's failure switch.</summary>
public sealed class FailingCars(TravelAgency agency) : IAsyncLifetime
{
    public SampleProcess Cars { get; private set; } = null!;
    public SampleProcess Travels { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        var address = Weft.Testing.Net.UniqueLoopback();
        var env = agency.TravelsEnvironment();
        env["CARS_SERVICE"] = $"http://{address}:8000";
        var cars = SampleProcess.StartAsync("cars", agency.OfferEnvironment("v2"), address);
        var travels = SampleProcess.StartAsync("travels", env);
        await Task.WhenAll(cars, travels);
        Cars = cars.Result;
        Travels = travels.Result;
    }

    public async ValueTask DisposeAsync()
    {
        await Cars.DisposeAsync();
        await Travels.DisposeAsync();
    }
}

public sealed class FailureSwitchTests(FailingCars failing) : IClassFixture<FailingCars>
{
    [Fact]
    public async Task A_service_started_with_FAIL_WITH_5XX_fails_its_requests_but_not_its_health_until_the_switch_is_deleted()
    {
        await using var discounts = await SampleProcess.StartAsync("discounts", new Dictionary<string, string> { ["FAIL_WITH_5XX"] = "100", ["CURRENT_VERSION"] = "v9" });

        var failed = await discounts.Client.GetJsonAsync("discounts/new", 503);
        failed["error"]!.GetValue<string>().Should().Be("discounts/v9 failed on purpose: its failure switch answers 503 to 100% of requests (DELETE /admin/fail stops it)");
        (await discounts.Client.GetJsonAsync("healthz")).ToJsonString()
            .Should().Be("{\"status\":\"ok\",\"service\":\"discounts\",\"version\":\"v9\",\"fail\":{\"status\":503,\"percent\":100}}");

        var (status, body) = await discounts.Client.SendAsync(HttpMethod.Delete, "admin/fail");
        status.Should().Be(200);
        body.Should().Be("{\"status\":503,\"percent\":0}");
        (await discounts.Client.GetJsonAsync("discounts/new"))["discount"]!.GetValue<float>().Should().Be(0.25f);
        discounts.Output.Should().Contain("Failure switch on from FAIL_WITH_5XX").And.Contain("Failure switch off");
    }

    [Fact]
    public async Task At_50_percent_exactly_every_second_request_fails_with_the_status_asked_for()
    {
        try
        {
            (await failing.Cars.Client.SendAsync(HttpMethod.Post, "admin/fail", "{\"status\":500,\"percent\":50}"))
                .Should().Be((200, "{\"status\":500,\"percent\":50}"));

            var statuses = new List<int>();
            for (var i = 0; i < 10; i++)
            {
                using var r = await failing.Cars.Client.GetAsync("cars/Paris");
                statuses.Add((int)r.StatusCode);
            }
            statuses.Should().Equal(200, 500, 200, 500, 200, 500, 200, 500, 200, 500);
            (await failing.Cars.Client.GetJsonAsync("admin/fail")).ToJsonString().Should().Be("{\"status\":500,\"percent\":50}");
        }
        finally
        {
            await failing.Cars.Client.SendAsync(HttpMethod.Delete, "admin/fail");
        }
    }

    [Fact]
    public async Task A_failing_cars_makes_travels_answer_the_demos_404_and_the_quote_comes_back_when_it_recovers()
    {
        try
        {
            (await failing.Cars.Client.SendAsync(HttpMethod.Post, "admin/fail", "")).Status.Should().Be(200);

            (await failing.Travels.Client.GetJsonAsync("travels/Vienna", 404)).ToJsonString()
                .Should().Be("{\"error\":\"Travel Quote for Vienna not found\"}");
            failing.Travels.Output.Should().Contain($"No quote for Vienna: 503 from {failing.Cars.BaseUrl}/cars/Vienna");
            failing.Cars.Output.Should().Contain("[cars/v2] GET /cars/Vienna 503");

            // A travel type without cars does not call cars, so it is quoted even now.
            (await failing.Travels.Client.GetJsonAsync("travels/Vienna", 200, ("travel", "t2")))["status"]!.GetValue<string>().Should().Be("Valid");
        }
        finally
        {
            (await failing.Cars.Client.SendAsync(HttpMethod.Delete, "admin/fail")).Status.Should().Be(200);
        }
        (await failing.Travels.Client.GetJsonAsync("travels/Vienna"))["status"]!.GetValue<string>().Should().Be("Valid");
    }

    [Fact]
    public async Task A_bad_failure_mode_is_refused_with_every_problem_and_changes_nothing()
    {
        var (status, body) = await failing.Cars.Client.SendAsync(HttpMethod.Post, "admin/fail", "{\"status\":200,\"percent\":150}");
        status.Should().Be(400);
        body.Should().Be("{\"error\":\"invalid failure mode\",\"detail\":\"status: 200 is not a 5xx status (500 to 599); percent: 150 is outside 0..100\"}");

        (await failing.Cars.Client.SendAsync(HttpMethod.Post, "admin/fail", "{\"status\":\"x\"")).Body.Should().Contain("the body is not JSON");
        using var served = await failing.Cars.Client.GetAsync("cars/Paris");
        ((int)served.StatusCode).Should().Be(200);
    }
}
