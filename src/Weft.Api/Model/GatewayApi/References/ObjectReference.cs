namespace Weft.Api.Model.GatewayApi;

/// <summary>A reference to any object, group and kind always given (a Gateway's CA certificates).</summary>
public sealed record ObjectReference
{
    public string? Group { get; init; }

    public string? Kind { get; init; }

    public string? Name { get; init; }

    public string? Namespace { get; init; }
}
