using Weft.Api.Binding;

namespace Weft.Api.Model.Mesh;

/// <summary>ExtensionProvider.GrpcService: how a provider is called over gRPC.</summary>
[WireNullsAreAbsent]
public sealed record ProviderGrpcService
{
    public Duration? Timeout { get; init; }
    public IReadOnlyList<ProviderHttpHeader>? InitialMetadata { get; init; }
}
