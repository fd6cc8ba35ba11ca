using Weft.Api.Binding;

namespace Weft.Api.Model.Mesh;

/// <summary>MeshConfig.ServiceSettings.Settings.</summary>
[WireNullsAreAbsent]
public sealed record ServiceSettingsValues
{
    /// <summary>Clients only reach endpoints of their own cluster.</summary>
    public bool? ClusterLocal { get; init; }
}
