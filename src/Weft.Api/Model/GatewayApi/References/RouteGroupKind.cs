namespace Weft.Api.Model.GatewayApi;

/// <summary>A route kind a listener accepts (or reports it supports).</summary>
public sealed record RouteGroupKind
{
    /// <summary>Defaults to <c>gateway.networking.k8s.io</c>.</summary>
    public string? Group { get; init; }

    public string? Kind { get; init; }
}
