using System.Collections.Immutable;
using Weft.Samples.Hosting;

namespace Weft.Samples.Travel.Control;

/// <summary>
/// PORTAL_SERVICES, required: <c>name;url</c> pairs separated by commas, e.g.
/// <c>voyages.fr;http://voyages.travel-portal:8000,viaggi.it;http://viaggi.travel-portal:8000</c>.
/// </summary>
public sealed record ControlOptions(ImmutableArray<PortalAddress> Portals)
{
    public static ControlOptions FromEnvironment(EnvReader env)
    {
        var raw = env.Text("PORTAL_SERVICES");
        if (raw is null)
        {
            env.Fail("PORTAL_SERVICES is empty: the control needs its portals as name;url pairs separated by commas, " +
                "e.g. voyages.fr;http://voyages.travel-portal:8000,viaggi.it;http://viaggi.travel-portal:8000");
            return new ControlOptions([]);
        }
        var portals = ImmutableArray.CreateBuilder<PortalAddress>();
        foreach (var entry in raw.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            var parts = entry.Split(';', StringSplitOptions.TrimEntries);
            if (parts.Length != 2 || parts[0].Length == 0)
                env.Fail($"PORTAL_SERVICES: '{entry}' is not name;url");
            else if (!Uri.TryCreate(parts[1], UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
                env.Fail($"PORTAL_SERVICES: the URL of {parts[0]}, '{parts[1]}', is not an absolute http:// or https:// URL");
            else if (portals.Any(p => p.Name == parts[0]))
                env.Fail($"PORTAL_SERVICES: {parts[0]} is listed twice");
            else
                portals.Add(new PortalAddress(parts[0], parts[1].TrimEnd('/')));
        }
        return new ControlOptions(portals.ToImmutable());
    }
}
