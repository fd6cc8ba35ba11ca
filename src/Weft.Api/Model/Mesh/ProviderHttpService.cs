using Weft.Api.Binding;

namespace Weft.Api.Model.Mesh;

/// <summary>ExtensionProvider.HttpService: where and how a provider is called over HTTP.</summary>
[WireNullsAreAbsent]
public sealed record ProviderHttpService
{
    public string? Path { get; init; }

    /// <summary>Request timeout (3s).</summary>
    public Duration? Timeout { get; init; }
    public IReadOnlyList<ProviderHttpHeader>? Headers { get; init; }
}
