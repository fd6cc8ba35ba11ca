using Weft.Samples.Tests.Infrastructure;
using Weft.Testing;

namespace Weft.Samples.Tests.Travel;

/// <summary>
/// Two portals (voyages.fr, viaggi.it) generating load on the agency's travels, and a control
/// that knows a third portal (travels.uk) at an address where nothing listens.
/// </summary>
public sealed class PortalMesh(TravelAgency agency) : IAsyncLifetime
{
    public SampleProcess Voyages { get; private set; } = null!;
    public SampleProcess Viaggi { get; private set; } = null!;
    public SampleProcess Control { get; private set; } = null!;

    /// <summary>Where travels.uk would be: a fresh loopback address, nothing listening.</summary>
    public string DeadPortal { get; } = $"http://{Net.UniqueLoopback()}:8000";

    public async ValueTask InitializeAsync()
    {
        var voyagesAddress = Net.UniqueLoopback();
        var viaggiAddress = Net.UniqueLoopback();
        var voyages = SampleProcess.StartAsync("portal", Portal("voyages.fr", "France", "48.861310,2.337418"), voyagesAddress);
        var viaggi = SampleProcess.StartAsync("portal", Portal("viaggi.it", "Italy", "41.890668,12.492194"), viaggiAddress);
        var control = SampleProcess.StartAsync("control", new Dictionary<string, string>
        {
            ["PORTAL_SERVICES"] = $"voyages.fr;http://{voyagesAddress}:8000,viaggi.it;http://{viaggiAddress}:8000,travels.uk;{DeadPortal}",
        }, null, 8080);
        await Task.WhenAll(voyages, viaggi, control);
        (Voyages, Viaggi, Control) = (voyages.Result, viaggi.Result, control.Result);
    }

    private Dictionary<string, string> Portal(string name, string country, string coordinates) => new()
    {
        ["PORTAL_NAME"] = name,
        ["PORTAL_COUNTRY"] = country,
        ["PORTAL_COORDINATES"] = coordinates,
        ["TRAVELS_AGENCY_SERVICE"] = agency.Url("travels"),
    };

    public async ValueTask DisposeAsync()
    {
        foreach (var p in new[] { Voyages, Viaggi, Control })
            if (p is not null)
                await p.DisposeAsync();
    }
}
