namespace Weft.Api.Model.Networking;

/// <summary>The proxy image flavour (default, debug, distroless).</summary>
public sealed record ProxyImage
{
    public string? ImageType { get; init; }
}
