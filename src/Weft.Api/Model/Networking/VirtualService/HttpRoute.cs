using Weft.Api.Binding;

namespace Weft.Api.Model.Networking;

/// <summary>One HTTP rule: matches, then a route, redirect, direct response or delegate, plus policies.</summary>
[WireNullsAreAbsent]
public sealed record HttpRoute
{
    public string? Name { get; init; }
    public IReadOnlyList<HttpMatchRequest>? Match { get; init; }
    public IReadOnlyList<HttpRouteDestination>? Route { get; init; }
    public HttpRedirect? Redirect { get; init; }
    public HttpDirectResponse? DirectResponse { get; init; }
    public HttpRouteDelegate? Delegate { get; init; }
    public HttpRewrite? Rewrite { get; init; }
    public Duration? Timeout { get; init; }
    public HttpRetry? Retries { get; init; }
    public HttpFaultInjection? Fault { get; init; }
    public Destination? Mirror { get; init; }
    public IReadOnlyList<HttpMirrorPolicy>? Mirrors { get; init; }

    /// <summary>Deprecated integer percentage (a UInt32Value); <see cref="MirrorPercentage"/> replaces it.</summary>
    public uint? MirrorPercent { get; init; }

    public Percent? MirrorPercentage { get; init; }
    public CorsPolicy? CorsPolicy { get; init; }
    public Headers? Headers { get; init; }

    /// <summary>The protobuf field name of <see cref="MirrorPercent"/>, which the CRD also accepts.</summary>
    [Wire("mirror_percent")]
    public uint? MirrorPercentSnake { get; init; }
}
