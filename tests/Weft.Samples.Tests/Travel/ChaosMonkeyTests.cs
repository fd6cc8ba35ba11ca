using System.Diagnostics;
using Weft.Samples.Tests.Infrastructure;

namespace Weft.Samples.Tests.Travel;

/// <summary>The demo's chaos monkey: CHAOS_MONKEY=true delays the requests it targets by CHAOS_MONKEY_SLEEP.</summary>
public sealed class ChaosMonkeyTests
{
    private static readonly TimeSpan Sleep = TimeSpan.FromSeconds(3);

    [Fact]
    public async Task An_agency_service_delays_its_targeted_portal_and_header_less_requests_but_not_the_others()
    {
        // No user header here, so cars never calls discounts: the delay is the monkey's alone.
        await using var cars = await SampleProcess.StartAsync("cars", new Dictionary<string, string>
        {
            ["CHAOS_MONKEY"] = "true",
            ["CHAOS_MONKEY_SLEEP"] = ((int)Sleep.TotalMilliseconds).ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["CHAOS_MONKEY_PORTAL"] = "viaggi.it",
        });
        await TimeAsync(cars, ("portal", "voyages.fr"), ("device", "web")); // the first request pays for the JIT

        (await TimeAsync(cars, ("portal", "viaggi.it"))).Should().BeGreaterThanOrEqualTo(Sleep, "viaggi.it is the target");
        (await TimeAsync(cars)).Should().BeGreaterThanOrEqualTo(Sleep, "a request with no portal, device or user header is always a target");
        (await TimeAsync(cars, ("portal", "voyages.fr"), ("device", "web"))).Should().BeLessThan(Sleep - TimeSpan.FromSeconds(1), "voyages.fr is not the target");
    }

    private static async Task<TimeSpan> TimeAsync(SampleProcess cars, params (string, string)[] headers)
    {
        var clock = Stopwatch.StartNew();
        await cars.Client.GetJsonAsync("cars/London", 200, headers);
        return clock.Elapsed;
    }
}
