namespace Weft.Discovery.Routes;

/// <summary>
/// One route: a match and exactly one action (Forward, Redirect or DirectResponse), plus the
/// optional policies Istio puts on an HTTP route.
/// </summary>
public sealed record Route
{
    /// <summary>Shown in the access log (%ROUTE_NAME%) and config dump.</summary>
    public required string Name { get; init; }

    public RouteMatch Match { get; init; } = new();

    public RouteAction? Forward { get; init; }

    public RedirectAction? Redirect { get; init; }

    public DirectResponseAction? DirectResponse { get; init; }

    /// <summary>Applied to the request before it goes upstream (after the destination's own ops).</summary>
    public HeaderOperations? RequestHeaders { get; init; }

    /// <summary>Applied to the response before it goes to the client (after the destination's own ops).</summary>
    public HeaderOperations? ResponseHeaders { get; init; }

    public FaultPolicy? Fault { get; init; }

    public CorsPolicy? Cors { get; init; }

    /// <summary>
    /// The VirtualService this route came from (<c>name.namespace</c>), as Istio's route metadata
    /// carries it: shown by <c>weft proxy-config routes</c>; the proxy ignores it.
    /// </summary>
    public string? VirtualService { get; init; }
}
