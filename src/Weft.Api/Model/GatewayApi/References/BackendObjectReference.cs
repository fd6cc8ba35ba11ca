namespace Weft.Api.Model.GatewayApi;

/// <summary>A backend without a weight (the target of a RequestMirror or ExternalAuth filter).</summary>
public sealed record BackendObjectReference : IBackendObjectReference
{
    /// <summary>Defaults to "" (core).</summary>
    public string? Group { get; init; }

    /// <summary>Defaults to <c>Service</c>.</summary>
    public string? Kind { get; init; }

    public string? Name { get; init; }

    public string? Namespace { get; init; }

    public int? Port { get; init; }
}
