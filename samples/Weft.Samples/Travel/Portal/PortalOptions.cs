using System.Globalization;
using Weft.Samples.Hosting;

namespace Weft.Samples.Travel.Portal;

/// <summary>
/// A portal's identity and its agency: PORTAL_NAME, PORTAL_COUNTRY, PORTAL_COORDINATES
/// (<c>lat,lon</c>, kept as <c>[lon, lat]</c>) and TRAVELS_AGENCY_SERVICE (the base URL of
/// travels; the portal calls <c>/travels</c> and <c>/travels/{city}</c> under it).
/// </summary>
public sealed record PortalOptions(string Name, string Country, double[] Coordinates, string TravelsAgency)
{
    /// <summary>The demo's default position, [lon, lat].</summary>
    private static readonly double[] DefaultCoordinates = [-5.321187, 35.890134];

    public static PortalOptions FromEnvironment(EnvReader env)
    {
        var coordinates = DefaultCoordinates;
        if (env.Text("PORTAL_COORDINATES") is { } raw)
        {
            var parts = raw.Split(',', StringSplitOptions.TrimEntries);
            if (parts.Length == 2
                && double.TryParse(parts[0], NumberStyles.Float, CultureInfo.InvariantCulture, out var lat)
                && double.TryParse(parts[1], NumberStyles.Float, CultureInfo.InvariantCulture, out var lon)
                && lat is >= -90 and <= 90 && lon is >= -180 and <= 180)
                coordinates = [lon, lat];
            else
                env.Fail($"PORTAL_COORDINATES={raw}: expected latitude,longitude in degrees, e.g. 48.861310,2.337418");
        }
        // The demo's code default ends in /travels and then appends /travels again; the manifests
        // always pass the bare service URL, which is what this default is.
        return new PortalOptions(env.Text("PORTAL_NAME", "no-name"), env.Text("PORTAL_COUNTRY", "no-country"), coordinates,
            env.BaseUrl("TRAVELS_AGENCY_SERVICE", "http://localhost:8090"));
    }
}
