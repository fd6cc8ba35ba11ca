using Weft.Api.Binding;
using Weft.Api.Model.Networking;

namespace Weft.Api.Model.Mesh;

/// <summary>ConfigSource: a configuration store the control plane reads (<c>xds://</c>, <c>k8s://</c>, <c>fs:///</c>).</summary>
[WireNullsAreAbsent]
public sealed record ConfigSource
{
    public string? Address { get; init; }
    public ClientTlsSettings? TlsSettings { get; init; }
    public IReadOnlyList<ConfigResource>? SubscribedResources { get; init; }
}
