namespace Weft.ControlPlane.Translation.Gateways;

/// <summary>
/// The Gateway API's hostname rules: a listener hostname and a route's hostnames intersect
/// (exact names equal, <c>*.example.com</c> covers any name below it); a route without hostnames
/// takes the listener's, a listener without one takes the route's.
/// </summary>
public static class GatewayHostnames
{
    public static IReadOnlyList<string> Intersect(string? listener, IReadOnlyList<string>? route)
    {
        var l = string.IsNullOrEmpty(listener) ? null : listener.ToLowerInvariant();
        if (route is not { Count: > 0 })
            return [l ?? "*"];
        var result = new List<string>();
        foreach (var raw in route)
        {
            var r = raw.ToLowerInvariant();
            string? hit = l is null ? r
                : r == l ? r
                : l.StartsWith("*.", StringComparison.Ordinal) && HostNames.Matches(l, r) ? r
                : r.StartsWith("*.", StringComparison.Ordinal) && HostNames.Matches(r, l) ? l
                : null;
            if (hit is not null && !result.Contains(hit))
                result.Add(hit);
        }
        return result;
    }
}
