namespace Weft.Api.Model.GatewayApi;

/// <summary>Time limits of a rule, in Gateway API duration syntax (<c>10s</c>, <c>1h30m</c>, <c>500ms</c>).</summary>
public sealed record HTTPRouteTimeouts
{
    /// <summary>From the request's start to the response's end, retries included; 0s disables it.</summary>
    public Duration? Request { get; init; }

    /// <summary>One request to a backend; no longer than <see cref="Request"/>.</summary>
    public Duration? BackendRequest { get; init; }
}
