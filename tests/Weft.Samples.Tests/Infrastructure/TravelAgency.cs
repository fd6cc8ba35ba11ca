using Weft.Testing;

namespace Weft.Samples.Tests.Infrastructure;

/// <summary>
/// The travel agency, shared by every test of the assembly: discounts, flights, hotels, cars
/// (v1), insurances and travels, each on a loopback address of its own at the demo's port 8000,
/// wired to each other by the demo's *_SERVICE variables.
/// </summary>
public sealed class TravelAgency : IAsyncLifetime
{
    private readonly Dictionary<string, string> _addresses = new()
    {
        ["discounts"] = Net.UniqueLoopback(),
        ["flights"] = Net.UniqueLoopback(),
        ["hotels"] = Net.UniqueLoopback(),
        ["cars"] = Net.UniqueLoopback(),
        ["insurances"] = Net.UniqueLoopback(),
        ["travels"] = Net.UniqueLoopback(),
    };

    private readonly Dictionary<string, SampleProcess> _services = [];

    public SampleProcess Discounts => _services["discounts"];
    public SampleProcess Flights => _services["flights"];
    public SampleProcess Hotels => _services["hotels"];
    public SampleProcess Cars => _services["cars"];
    public SampleProcess Insurances => _services["insurances"];
    public SampleProcess Travels => _services["travels"];

    public string Url(string service) => $"http://{_addresses[service]}:8000";

    /// <summary>What travels needs to reach the agency: FLIGHTS_SERVICE, HOTELS_SERVICE, CARS_SERVICE, INSURANCES_SERVICE.</summary>
    public Dictionary<string, string> TravelsEnvironment() => new()
    {
        ["FLIGHTS_SERVICE"] = Url("flights"),
        ["HOTELS_SERVICE"] = Url("hotels"),
        ["CARS_SERVICE"] = Url("cars"),
        ["INSURANCES_SERVICE"] = Url("insurances"),
        ["CURRENT_VERSION"] = "v1",
    };

    /// <summary>What an offer service (flights, hotels, cars, insurances) needs: DISCOUNTS_SERVICE.</summary>
    public Dictionary<string, string> OfferEnvironment(string version = "v1") => new()
    {
        ["DISCOUNTS_SERVICE"] = Url("discounts"),
        ["CURRENT_VERSION"] = version,
    };

    public async ValueTask InitializeAsync()
    {
        var starts = new Dictionary<string, Task<SampleProcess>>
        {
            ["discounts"] = SampleProcess.StartAsync("discounts", new Dictionary<string, string> { ["CURRENT_VERSION"] = "v1" }, _addresses["discounts"]),
            ["travels"] = SampleProcess.StartAsync("travels", TravelsEnvironment(), _addresses["travels"]),
        };
        foreach (var offer in new[] { "flights", "hotels", "cars", "insurances" })
            starts[offer] = SampleProcess.StartAsync(offer, OfferEnvironment(), _addresses[offer]);
        try
        {
            await Task.WhenAll(starts.Values);
        }
        finally
        {
            foreach (var (name, start) in starts)
                if (start.IsCompletedSuccessfully)
                    _services[name] = start.Result;
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var s in _services.Values)
            await s.DisposeAsync();
    }
}
