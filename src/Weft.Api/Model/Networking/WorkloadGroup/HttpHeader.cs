namespace Weft.Api.Model.Networking;

/// <summary>A header sent with an HTTP readiness check.</summary>
public sealed record HttpHeader
{
    public string? Name { get; init; }
    public string? Value { get; init; }
}
