using Weft.Api.Binding;

namespace Weft.Api.Model.Networking;

/// <summary>The proxy image flavour (default, debug, distroless).</summary>
[WireNullsAreAbsent]
public sealed record ProxyImage
{
    public string? ImageType { get; init; }
}
