namespace Weft.Api.Model.GatewayApi;

/// <summary>A reference to an object in the same namespace, group and kind always given (extensionRef, CA certificates of a BackendTLSPolicy).</summary>
public sealed record LocalObjectReference
{
    public string? Group { get; init; }

    public string? Kind { get; init; }

    public string? Name { get; init; }
}
